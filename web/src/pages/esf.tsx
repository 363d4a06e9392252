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
import {
  CountrySelect,
  ErrorAlert,
  type SetField as FormSetter,
  SubmitRow,
  useForm,
} from '../components/form-parts.js';
import { type Speaker, useSpeaker } from '../i18n.js';

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

type SetField = FormSetter<Form>;
/** Changes some fields of one line. */
type SetLine = (i: number, patch: Partial<Line>) => void;

/** The form's state, with setters for one field and for one line. */
function useEsfForm() {
  const { form, set, setForm } = useForm(START);
  const setLine: SetLine = (i, patch) =>
    setForm((f) => ({ ...f, lines: f.lines.map((l, j) => (j === i ? { ...l, ...patch } : l)) }));
  return { form, set, setLine };
}

/** Reads the request from the JSON text or the form; a JSON syntax error is answered as an error message. */
function readRequest(
  mode: 'form' | 'json',
  json: string,
  form: Form,
  s: Speaker,
): { request: EsfPrecheckRequest } | { error: string } {
  if (mode === 'form') return { request: toRequest(form) };
  try {
    return { request: JSON.parse(json) as EsfPrecheckRequest };
  } catch (error) {
    return { error: s.tr('web.esf.jsonError', { message: (error as Error).message }) };
  }
}

/** The header, parties and lines of one ESF (or its JSON body) → what would get it rejected or penalised. */
export function EsfPage() {
  const s = useSpeaker();
  const { form, set, setLine } = useEsfForm();
  const [mode, setMode] = useState<'form' | 'json'>('form');
  const [json, setJson] = useState(() => JSON.stringify(toRequest(START), null, 2));
  const [outcome, setOutcome] = useState<{ result?: EsfPrecheckResult; error?: string }>({});

  const run = (event: Event) => {
    event.preventDefault();
    try {
      const read = readRequest(mode, json, form, s);
      setOutcome('error' in read ? { error: read.error } : { result: precheckEsf(read.request) });
    } catch (error) {
      setOutcome({ error: s.tr('web.error', { message: (error as Error).message }) });
    }
  };
  const showJson = () => {
    setJson(JSON.stringify(toRequest(form), null, 2));
    setMode('json');
  };

  return (
    <section aria-labelledby="esf-title">
      <h1 id="esf-title">{s.tr('web.esf.title')}</h1>
      <ModeSwitch mode={mode} onForm={() => setMode('form')} onJson={showJson} />
      <form onSubmit={run} class="stack">
        {mode === 'json' ? (
          <JsonEditor json={json} setJson={setJson} />
        ) : (
          <>
            <HeaderFields form={form} set={set} />
            <SupplierFields form={form} set={set} />
            <BuyerFields form={form} set={set} />
            <LineFields form={form} set={set} setLine={setLine} />
          </>
        )}
        <SubmitRow />
      </form>
      <ErrorAlert error={outcome.error} />
      {outcome.result ? <EsfResult result={outcome.result} /> : null}
    </section>
  );
}

/** Form or JSON: switching to JSON shows the form's current request. */
function ModeSwitch({ mode, onForm, onJson }: { mode: 'form' | 'json'; onForm: () => void; onJson: () => void }) {
  const s = useSpeaker();
  return (
    <div class="segmented">
      <button type="button" aria-pressed={mode === 'form'} onClick={onForm}>
        {s.tr('web.esf.form')}
      </button>
      <button type="button" aria-pressed={mode === 'json'} onClick={onJson}>
        {s.tr('web.esf.json')}
      </button>
    </div>
  );
}

function JsonEditor({ json, setJson }: { json: string; setJson: (json: string) => void }) {
  const s = useSpeaker();
  return (
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
  );
}

interface SectionProps {
  form: Form;
  set: SetField;
}

/** Country, delivery date and issue date. */
function HeaderFields({ form, set }: SectionProps) {
  const s = useSpeaker();
  return (
    <div class="grid3">
      <CountrySelect label={s.tr('web.country')} value={form.country} onChange={(c) => set('country', c)} />
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
  );
}

/** The party types of a select, each by its translated name. */
function PartyOptions({ types }: { types: readonly PartyType[] }) {
  const s = useSpeaker();
  return (
    <>
      {types.map((t) => (
        <option key={t} value={t}>
          {s.tr(`web.esf.party.${t}`)}
        </option>
      ))}
    </>
  );
}

function SupplierFields({ form, set }: SectionProps) {
  const s = useSpeaker();
  return (
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
          <PartyOptions types={SUPPLIER_TYPES} />
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
  );
}

function BuyerFields({ form, set }: SectionProps) {
  const s = useSpeaker();
  return (
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
          <PartyOptions types={BUYER_TYPES} />
        </select>
      </label>
    </fieldset>
  );
}

/** The invoice lines, each removable while more than one is left, and a button for one more. */
function LineFields({ form, set, setLine }: SectionProps & { setLine: SetLine }) {
  const s = useSpeaker();
  const remove = (i: number) => () =>
    set(
      'lines',
      form.lines.filter((_, j) => j !== i),
    );
  return (
    <fieldset>
      <legend>{s.tr('web.esf.lines')}</legend>
      {form.lines.map((line, i) => (
        // Rows have no identity of their own: a row is its position (as the `net0`, `rate0` names say).
        <LineRow key={i} line={line} i={i} setLine={setLine} onRemove={form.lines.length > 1 ? remove(i) : undefined} />
      ))}
      <button
        type="button"
        class="link"
        onClick={() => set('lines', [...form.lines, { net: '', vatRate: '16', supplyType: 'domestic' }])}
      >
        + {s.tr('web.esf.addLine')}
      </button>
    </fieldset>
  );
}

function LineRow({ line, i, setLine, onRemove }: { line: Line; i: number; setLine: SetLine; onRemove?: () => void }) {
  const s = useSpeaker();
  return (
    <div class="line-row">
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
      {onRemove ? (
        <button type="button" class="link" onClick={onRemove}>
          {s.tr('web.esf.removeLine', { n: i + 1 })}
        </button>
      ) : null}
    </div>
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
      {result.findings.length ? <Findings findings={result.findings} /> : null}
    </div>
  );
}

function Findings({ findings }: { findings: EsfPrecheckResult['findings'] }) {
  const s = useSpeaker();
  return (
    <>
      <h2>{s.tr('web.esf.findings')}</h2>
      <ul class="findings">
        {findings.map((f) => (
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
  );
}
