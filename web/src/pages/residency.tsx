import { useMemo, useState } from 'preact/hooks';
import { assessKzResidency, type KzResidencyResult, type Stay } from '../../../shared/residency/kz.js';
import { ReasonItem } from '../components/badges.js';
import { ResidencyChart } from '../components/residency-chart.js';
import { useSpeaker } from '../i18n.js';
import { presenceSeries } from '../residency-series.js';

type Flag =
  | 'aifcProgramme'
  | 'citizen'
  | 'residencePermit'
  | 'familyInKazakhstan'
  | 'realEstateAvailable'
  | 'treatyCertificate';
const FLAGS = [
  ['aifcProgramme', 'web.res.aifc'],
  ['citizen', 'web.res.citizen'],
  ['residencePermit', 'web.res.permit'],
  ['familyInKazakhstan', 'web.res.family'],
  ['realEstateAvailable', 'web.res.realEstate'],
  ['treatyCertificate', 'web.res.treaty'],
] as const satisfies readonly (readonly [Flag, string])[];

const today = new Date().toISOString().slice(0, 10);
const year = Number(today.slice(0, 4));

/** Reads the CLI's stays CSV (entry,exit columns; papaparse is loaded only for this). */
async function readStays(file: File): Promise<Stay[]> {
  const { default: Papa } = await import('papaparse');
  const text = (await file.text()).replace(/^\uFEFF/, '');
  const [header = [], ...rows] = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' }).data;
  const names = header.map((h) => h.trim().toLowerCase());
  const entry = names.findIndex((n) => ['entry', 'arrival', 'from', 'въезд', 'прибытие'].includes(n));
  const exit = names.findIndex((n) => ['exit', 'departure', 'to', 'выезд', 'убытие'].includes(n));
  if (entry < 0 || exit < 0) throw new Error(`entry, exit (${header.join(', ')})`);
  return rows.map((row) => {
    const to = (row[exit] ?? '').trim();
    return { entry: (row[entry] ?? '').trim(), ...(to ? { exit: to } : {}) };
  });
}

/** Stays and a few facts → resident or not, and the rolling 12-month count through the tax year. */
export function ResidencyPage() {
  const s = useSpeaker();
  const [taxYear, setTaxYear] = useState(year);
  const [asOf, setAsOf] = useState(today);
  const [stays, setStays] = useState<Stay[]>([
    { entry: `${year - 1}-10-01`, exit: `${year}-03-31` },
    { entry: `${year}-06-01` },
  ]);
  const [flags, setFlags] = useState<Partial<Record<Flag, boolean>>>({});
  const [outcome, setOutcome] = useState<{ result?: KzResidencyResult; error?: string; stays?: Stay[] }>({});
  const setStay = (i: number, patch: Partial<Stay>) =>
    setStays((all) =>
      all.map((st, j) => {
        if (j !== i) return st;
        const next = { ...st, ...patch };
        if (!next.exit) delete next.exit;
        return next;
      }),
    );
  const run = (event?: Event) => {
    event?.preventDefault();
    try {
      setOutcome({ result: assessKzResidency({ taxYear, asOf, stays, ...flags }), stays });
    } catch (error) {
      setOutcome({ error: s.tr('web.error', { message: (error as Error).message }) });
    }
  };
  return (
    <section aria-labelledby="res-title">
      <h1 id="res-title">{s.tr('web.res.title')}</h1>
      <form onSubmit={run} class="stack">
        <div class="grid3">
          <label class="field">
            <span>{s.tr('web.res.taxYear')}</span>
            <input
              type="number"
              name="taxYear"
              min="2000"
              max="2100"
              value={taxYear}
              onInput={(e) => setTaxYear(Number(e.currentTarget.value))}
            />
          </label>
          <label class="field">
            <span>{s.tr('web.res.asOf')}</span>
            <input type="date" name="asOf" value={asOf} onInput={(e) => setAsOf(e.currentTarget.value)} />
          </label>
          <label class="field">
            <span>{s.tr('web.res.upload')}</span>
            <input
              type="file"
              accept=".csv,text/csv"
              data-testid="stays-file"
              onChange={async (e) => {
                const file = e.currentTarget.files?.[0];
                if (!file) return;
                try {
                  setStays(await readStays(file));
                } catch (error) {
                  setOutcome({ error: s.tr('web.error', { message: (error as Error).message }) });
                }
              }}
            />
          </label>
        </div>
        <fieldset>
          <legend>{s.tr('web.res.stays')}</legend>
          {stays.map((stay, i) => (
            <div key={i} class="line-row">
              <label class="field">
                <span>{s.tr('web.res.entry')}</span>
                <input
                  type="date"
                  name={`entry${i}`}
                  required
                  value={stay.entry}
                  onInput={(e) => setStay(i, { entry: e.currentTarget.value })}
                />
              </label>
              <label class="field">
                <span>{s.tr('web.res.exit')}</span>
                <input
                  type="date"
                  name={`exit${i}`}
                  value={stay.exit ?? ''}
                  onInput={(e) => setStay(i, { exit: e.currentTarget.value })}
                />
              </label>
              <button type="button" class="link" onClick={() => setStays(stays.filter((_, j) => j !== i))}>
                {s.tr('web.res.removeStay', { n: i + 1 })}
              </button>
            </div>
          ))}
          <button type="button" class="link" onClick={() => setStays([...stays, { entry: asOf }])}>
            + {s.tr('web.res.addStay')}
          </button>
        </fieldset>
        <fieldset class="flags">
          {FLAGS.map(([flag, key]) => (
            <label key={flag} class="check">
              <input
                type="checkbox"
                name={flag}
                checked={!!flags[flag]}
                onChange={(e) => setFlags({ ...flags, [flag]: e.currentTarget.checked })}
              />
              {s.tr(key)}
            </label>
          ))}
        </fieldset>
        <div>
          <button type="submit" class="button">
            {s.tr('web.submit')}
          </button>
        </div>
      </form>
      {outcome.error ? (
        <p class="error" role="alert">
          {outcome.error}
        </p>
      ) : null}
      {outcome.result && outcome.stays ? (
        <Verdict result={outcome.result} stays={outcome.stays} taxYear={taxYear} asOf={asOf} />
      ) : null}
    </section>
  );
}

function Verdict({
  result,
  stays,
  taxYear,
  asOf,
}: {
  result: KzResidencyResult;
  stays: Stay[];
  taxYear: number;
  asOf: string;
}) {
  const s = useSpeaker();
  const series = useMemo(() => presenceSeries(stays, taxYear, asOf), [stays, taxYear, asOf]);
  const lines = useMemo(() => [...new Set([183, 90, result.threshold])].sort((a, b) => b - a), [result.threshold]);
  const { maxWindow } = result;
  return (
    <div class="answer" aria-live="polite" data-testid="residency-verdict">
      <p class={`verdict ${result.resident ? 'ok' : 'bad'}`}>
        {result.resident ? s.tr('web.res.resident') : s.tr('web.res.nonResident')} —{' '}
        {s.tr(`web.res.decidedBy.${result.decidedBy}`)}
      </p>
      <ul class="plain">
        <li>{s.tr('web.res.daysInYear', { days: result.daysInTaxYear, year: taxYear })}</li>
        <li>
          {s.tr('web.res.maxWindow', {
            days: maxWindow.days,
            start: s.date(maxWindow.start),
            end: s.date(maxWindow.end),
          })}
        </li>
        {result.window ? (
          <li data-testid="met-on">
            {s.tr('web.res.metOn', { date: s.date(result.window.end), threshold: result.threshold })}
          </li>
        ) : null}
      </ul>
      <ResidencyChart
        dates={series.dates}
        days={series.days}
        lines={lines}
        metOn={result.window?.end}
        label={s.tr('web.res.chart')}
      />
      <h3>{s.tr('web.reasons')}</h3>
      <ul class="reasons">
        {result.reasons.map((r) => (
          <ReasonItem key={r.code + r.text} text={r.text} citation={r.citation} confidence={r.confidence} />
        ))}
      </ul>
    </div>
  );
}
