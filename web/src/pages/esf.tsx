import { useState } from 'preact/hooks';
import {
  type EsfPrecheckRequest,
  type EsfPrecheckResult,
  type PartyType,
  precheckEsf,
} from '../../../shared/esf/precheck.js';
import type { Country } from '../../../shared/identifiers/types.js';
import type { SupplyType } from '../../../shared/rules/index.js';
import { ReasonItem } from '../components/badges.js';
import { useSpeaker } from '../i18n.js';

type Line = { net: string; vatRate: string; supplyType: SupplyType };
const SUPPLIER_TYPES = ['legal_entity', 'individual_entrepreneur', 'foreign_company'] as const;
const BUYER_TYPES = ['legal_entity', 'individual_entrepreneur', 'individual', 'foreign_company'] as const;
const SUPPLY_TYPES: SupplyType[] = ['domestic', 'export', 'eaeu_export'];

const todayIso = () => new Date().toISOString().slice(0, 10);

interface Form {
  country: Country;
  supplierTin: string;
  supplierType: (typeof SUPPLIER_TYPES)[number];
  vatRegistered: boolean;
  buyerTin: string;
  buyerType: PartyType;
  deliveryDate: string;
  issueDate: string;
  lines: Line[];
}

const START: Form = {
  country: 'KZ',
  supplierTin: '940140000385',
  supplierType: 'legal_entity',
  vatRegistered: true,
  buyerTin: '990140004654',
  buyerType: 'legal_entity',
  deliveryDate: todayIso(),
  issueDate: '',
  lines: [{ net: '100000', vatRate: '16', supplyType: 'domestic' }],
};

function toRequest(f: Form): EsfPrecheckRequest {
  return {
    country: f.country,
    supplier: { tin: f.supplierTin.trim(), type: f.supplierType, vatRegistered: f.vatRegistered },
    buyer: { ...(f.buyerTin.trim() ? { tin: f.buyerTin.trim() } : {}), type: f.buyerType },
    deliveryDate: f.deliveryDate,
    ...(f.issueDate ? { issueDate: f.issueDate } : {}),
    lines: f.lines.map((l) => ({ net: Number(l.net), vatRate: Number(l.vatRate), supplyType: l.supplyType })),
  };
}

/** The header, parties and lines of one ESF (or its JSON body) → what would get it rejected or penalised. */
export function EsfPage() {
  const s = useSpeaker();
  const [form, setForm] = useState<Form>(START);
  const [mode, setMode] = useState<'form' | 'json'>('form');
  const [json, setJson] = useState(() => JSON.stringify(toRequest(START), null, 2));
  const [outcome, setOutcome] = useState<{ result?: EsfPrecheckResult; error?: string }>({});
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setLine = (i: number, patch: Partial<Line>) =>
    setForm((f) => ({ ...f, lines: f.lines.map((l, j) => (j === i ? { ...l, ...patch } : l)) }));

  const run = (event: Event) => {
    event.preventDefault();
    try {
      let request: EsfPrecheckRequest;
      if (mode === 'json') {
        try {
          request = JSON.parse(json) as EsfPrecheckRequest;
        } catch (error) {
          setOutcome({ error: s.tr('web.esf.jsonError', { message: (error as Error).message }) });
          return;
        }
      } else request = toRequest(form);
      setOutcome({ result: precheckEsf(request) });
    } catch (error) {
      setOutcome({ error: s.tr('web.error', { message: (error as Error).message }) });
    }
  };

  return (
    <section aria-labelledby="esf-title">
      <h1 id="esf-title">{s.tr('web.esf.title')}</h1>
      <div class="segmented">
        <button type="button" aria-pressed={mode === 'form'} onClick={() => setMode('form')}>
          {s.tr('web.esf.form')}
        </button>
        <button
          type="button"
          aria-pressed={mode === 'json'}
          onClick={() => {
            setJson(JSON.stringify(toRequest(form), null, 2));
            setMode('json');
          }}
        >
          {s.tr('web.esf.json')}
        </button>
      </div>
      <form onSubmit={run} class="stack">
        {mode === 'json' ? (
          <label class="field">
            <span>{s.tr('web.esf.jsonHint')}</span>
            <textarea
              rows={16}
              class="mono"
              value={json}
              spellcheck={false}
              onInput={(e) => setJson(e.currentTarget.value)}
            />
          </label>
        ) : (
          <>
            <div class="grid3">
              <label class="field">
                <span>{s.tr('web.country')}</span>
                <select
                  name="country"
                  value={form.country}
                  onChange={(e) => set('country', e.currentTarget.value as Country)}
                >
                  <option value="KZ">{s.tr('web.country.KZ')}</option>
                  <option value="KG">{s.tr('web.country.KG')}</option>
                </select>
              </label>
              <label class="field">
                <span>{s.tr('web.esf.deliveryDate')}</span>
                <input
                  name="deliveryDate"
                  type="date"
                  required
                  value={form.deliveryDate}
                  onInput={(e) => set('deliveryDate', e.currentTarget.value)}
                />
              </label>
              <label class="field">
                <span>{s.tr('web.esf.issueDate')}</span>
                <input
                  name="issueDate"
                  type="date"
                  value={form.issueDate}
                  onInput={(e) => set('issueDate', e.currentTarget.value)}
                />
              </label>
            </div>
            <fieldset class="grid3">
              <legend>{s.tr('web.esf.supplier')}</legend>
              <label class="field">
                <span>{s.tr('web.esf.tin')}</span>
                <input
                  name="supplierTin"
                  class="mono"
                  required
                  value={form.supplierTin}
                  onInput={(e) => set('supplierTin', e.currentTarget.value)}
                />
              </label>
              <label class="field">
                <span>{s.tr('web.esf.type')}</span>
                <select
                  value={form.supplierType}
                  onChange={(e) => set('supplierType', e.currentTarget.value as Form['supplierType'])}
                >
                  {SUPPLIER_TYPES.map((t) => (
                    <option key={t} value={t}>
                      {s.tr(`web.esf.party.${t}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label class="check">
                <input
                  type="checkbox"
                  name="vatRegistered"
                  checked={form.vatRegistered}
                  onChange={(e) => set('vatRegistered', e.currentTarget.checked)}
                />
                {s.tr('web.esf.vatRegistered')}
              </label>
            </fieldset>
            <fieldset class="grid3">
              <legend>{s.tr('web.esf.buyer')}</legend>
              <label class="field">
                <span>{s.tr('web.esf.tin')}</span>
                <input
                  name="buyerTin"
                  class="mono"
                  value={form.buyerTin}
                  onInput={(e) => set('buyerTin', e.currentTarget.value)}
                />
              </label>
              <label class="field">
                <span>{s.tr('web.esf.type')}</span>
                <select value={form.buyerType} onChange={(e) => set('buyerType', e.currentTarget.value as PartyType)}>
                  {BUYER_TYPES.map((t) => (
                    <option key={t} value={t}>
                      {s.tr(`web.esf.party.${t}`)}
                    </option>
                  ))}
                </select>
              </label>
            </fieldset>
            <fieldset>
              <legend>{s.tr('web.esf.lines')}</legend>
              {form.lines.map((line, i) => (
                <div key={i} class="line-row">
                  <label class="field">
                    <span>{s.tr('web.esf.net')}</span>
                    <input
                      type="number"
                      min="0"
                      step="0.01"
                      name={`net${i}`}
                      value={line.net}
                      onInput={(e) => setLine(i, { net: e.currentTarget.value })}
                    />
                  </label>
                  <label class="field">
                    <span>{s.tr('web.esf.rate')}</span>
                    <input
                      type="number"
                      min="0"
                      step="1"
                      name={`rate${i}`}
                      value={line.vatRate}
                      onInput={(e) => setLine(i, { vatRate: e.currentTarget.value })}
                    />
                  </label>
                  <label class="field">
                    <span>{s.tr('web.esf.supplyType')}</span>
                    <select
                      value={line.supplyType}
                      onChange={(e) => setLine(i, { supplyType: e.currentTarget.value as SupplyType })}
                    >
                      {SUPPLY_TYPES.map((t) => (
                        <option key={t} value={t}>
                          {s.tr(`web.esf.supply.${t}`)}
                        </option>
                      ))}
                    </select>
                  </label>
                  {form.lines.length > 1 ? (
                    <button
                      type="button"
                      class="link"
                      onClick={() =>
                        set(
                          'lines',
                          form.lines.filter((_, j) => j !== i),
                        )
                      }
                    >
                      {s.tr('web.esf.removeLine', { n: i + 1 })}
                    </button>
                  ) : null}
                </div>
              ))}
              <button
                type="button"
                class="link"
                onClick={() => set('lines', [...form.lines, { net: '', vatRate: '16', supplyType: 'domestic' }])}
              >
                + {s.tr('web.esf.addLine')}
              </button>
            </fieldset>
          </>
        )}
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
      {outcome.result ? <EsfResult result={outcome.result} /> : null}
    </section>
  );
}

function EsfResult({ result }: { result: EsfPrecheckResult }) {
  const s = useSpeaker();
  const { deadline } = result;
  return (
    <div class="answer" aria-live="polite" data-testid="esf-result">
      <p class={`verdict ${result.submittable ? 'ok' : 'bad'}`}>
        {result.submittable ? s.tr('web.esf.submittable') : s.tr('web.esf.notSubmittable')}
      </p>
      <ul class="reasons">
        <ReasonItem
          text={s.tr('web.esf.deadline', { date: s.date(deadline.issueBy), days: deadline.daysLeft })}
          citation={deadline.citation}
          confidence={deadline.confidence}
        />
      </ul>
      {result.findings.length ? (
        <>
          <h2>{s.tr('web.esf.findings')}</h2>
          <ul class="findings">
            {result.findings.map((f) => (
              <li key={`${f.code}-${f.field}`} class={`finding ${f.severity}`} data-testid="finding">
                <p>
                  <span class={`badge sev-${f.severity}`}>{s.tr(`web.esf.severity.${f.severity}`)}</span>{' '}
                  <code>{f.code}</code> <span class="muted mono">{f.field}</span>
                </p>
                <p>{f.message}</p>
                {f.citation ? (
                  <p class="cite">
                    <span class="muted">{s.tr('web.citation')}:</span> {f.citation}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
