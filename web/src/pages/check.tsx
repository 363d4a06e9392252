import { useMemo, useState } from 'preact/hooks';
import type { Country, IdentifierResult } from '../../../shared/identifiers/types.js';
import { validateIdentifier } from '../../../shared/identifiers/validate.js';
import { type Lang, type Speaker, useSpeaker } from '../i18n.js';

const MAX_LINES = 1000;

function Details({ result }: { result: IdentifierResult }) {
  const s = useSpeaker();
  const d = result.details as Record<string, string | boolean | undefined>;
  const facts: [string, string][] = [];
  if (result.kind) facts.push([s.tr('web.check.kind'), s.tr(`web.check.kind.${result.kind}`)]);
  const born = d.birthDate;
  if (typeof born === 'string') facts.push([s.tr('web.check.birthDate'), s.date(born)]);
  const registered = d.registeredOn ?? d.registered;
  if (typeof registered === 'string')
    facts.push([s.tr('web.check.registered'), registered.length === 7 ? registered : s.date(registered)]);
  if (typeof d.entityType === 'string') facts.push([s.tr('web.check.entity'), `${d.entityType}, ${d.division ?? ''}`]);
  return facts.length ? (
    <dl class="facts">
      {facts.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  ) : null;
}

function checkAll(
  text: string,
  country: Country | undefined,
  lang: Lang,
): { value: string; result: IdentifierResult }[] {
  // The library writes its messages in the page's language.
  const options = { country, lang };
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(0, MAX_LINES)
    .map((value) => ({ value, result: validateIdentifier(value, options) }));
}

function countryLabel(s: Speaker, c: Country | '') {
  return c ? s.tr(`web.country.${c}`) : s.tr('web.country.auto');
}

/** Paste one number or a column of them: each decoded as it is typed. */
export function CheckPage() {
  const s = useSpeaker();
  const [text, setText] = useState('');
  const [country, setCountry] = useState<Country | ''>('');
  const results = useMemo(() => checkAll(text, country || undefined, s.lang), [text, country, s.lang]);
  return (
    <section aria-labelledby="check-title">
      <h1 id="check-title">{s.tr('web.check.title')}</h1>
      <div class="grid2">
        <label class="field">
          <span>{s.tr('web.check.input')}</span>
          <textarea
            rows={8}
            value={text}
            spellcheck={false}
            class="mono"
            placeholder="061211600012"
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span>{s.tr('web.country')}</span>
          <select value={country} onChange={(e) => setCountry(e.currentTarget.value as Country | '')}>
            {(['', 'KZ', 'KG'] as const).map((c) => (
              <option key={c} value={c}>
                {countryLabel(s, c)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ol class="verdicts" aria-live="polite">
        {results.map(({ value, result }, i) => (
          <li key={`${i}-${value}`} class={result.valid ? 'ok' : 'bad'} data-testid="verdict">
            <p>
              <span class="mono value">{value}</span>{' '}
              <span class={`badge ${result.valid ? 'valid' : 'invalid'}`}>
                {result.valid ? s.tr('web.check.valid') : s.tr('web.check.invalid')}
              </span>{' '}
              {result.country ? <span class="muted">{s.tr(`web.country.${result.country}`)}</span> : null}
            </p>
            <Details result={result} />
            {[...result.errors, ...result.warnings].map((e) => (
              <p key={e.code} class="issue">
                <code>{e.code}</code> {e.message}
              </p>
            ))}
            {result.suggestion ? (
              <p class="suggest">{s.tr('web.check.suggestion', { value: result.suggestion.value })}</p>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
