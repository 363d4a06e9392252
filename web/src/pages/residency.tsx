import { useMemo, useState } from 'preact/hooks';
import { assessKzResidency, type KzResidencyResult, type Stay } from '../../../shared/residency/kz.js';
import { ReasonItem } from '../components/badges.js';
import { ErrorAlert, SubmitRow } from '../components/form-parts.js';
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

type Flags = Partial<Record<Flag, boolean>>;

/** The stays being edited: one stay's dates change at a time; an emptied exit date means "still there". */
function useStays() {
  const [stays, setStays] = useState<Stay[]>([
    { entry: `${year - 1}-10-01`, exit: `${year}-03-31` },
    { entry: `${year}-06-01` },
  ]);
  const setStay = (i: number, patch: Partial<Stay>) =>
    setStays((all) =>
      all.map((st, j) => {
        if (j !== i) return st;
        const next = { ...st, ...patch };
        if (!next.exit) delete next.exit;
        return next;
      }),
    );
  return { stays, setStays, setStay };
}

/** Stays and a few facts → resident or not, and the rolling 12-month count through the tax year. */
export function ResidencyPage() {
  const s = useSpeaker();
  const [taxYear, setTaxYear] = useState(year);
  const [asOf, setAsOf] = useState(today);
  const { stays, setStays, setStay } = useStays();
  const [flags, setFlags] = useState<Flags>({});
  const [outcome, setOutcome] = useState<{ result?: KzResidencyResult; error?: string; stays?: Stay[] }>({});
  const fail = (error: unknown) => setOutcome({ error: s.tr('web.error', { message: (error as Error).message }) });
  const run = (event?: Event) => {
    event?.preventDefault();
    try {
      setOutcome({ result: assessKzResidency({ taxYear, asOf, stays, ...flags }), stays });
    } catch (error) {
      fail(error);
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
          <StaysUpload onStays={setStays} onError={fail} />
        </div>
        <StayRows stays={stays} setStays={setStays} setStay={setStay} newEntry={asOf} />
        <FlagFields flags={flags} setFlags={setFlags} />
        <SubmitRow />
      </form>
      <ErrorAlert error={outcome.error} />
      {outcome.result && outcome.stays ? (
        <Verdict result={outcome.result} stays={outcome.stays} taxYear={taxYear} asOf={asOf} />
      ) : null}
    </section>
  );
}

/** The CLI's stays CSV, read in the browser; it replaces the stays in the form. */
function StaysUpload({ onStays, onError }: { onStays: (stays: Stay[]) => void; onError: (error: unknown) => void }) {
  const s = useSpeaker();
  const upload = async (e: Event & { currentTarget: HTMLInputElement }) => {
    const file = e.currentTarget.files?.[0];
    if (!file) return;
    try {
      onStays(await readStays(file));
    } catch (error) {
      onError(error);
    }
  };
  return (
    <label class="field">
      <span>{s.tr('web.res.upload')}</span>
      <input type="file" accept=".csv,text/csv" data-testid="stays-file" onChange={upload} />
    </label>
  );
}

/** One row per stay (entry, exit, remove) and a button for one more, entering on the "as of" date. */
function StayRows({
  stays,
  setStays,
  setStay,
  newEntry,
}: {
  stays: Stay[];
  setStays: (stays: Stay[]) => void;
  setStay: (i: number, patch: Partial<Stay>) => void;
  newEntry: string;
}) {
  const s = useSpeaker();
  return (
    <fieldset>
      <legend>{s.tr('web.res.stays')}</legend>
      {stays.map((stay, i) => (
        // Stays have no identity of their own: a row is its position (as the `entry0`, `exit0` names say).
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
      <button type="button" class="link" onClick={() => setStays([...stays, { entry: newEntry }])}>
        + {s.tr('web.res.addStay')}
      </button>
    </fieldset>
  );
}

/** The facts besides the days that can decide residency (citizenship, permit, family, home, certificate). */
function FlagFields({ flags, setFlags }: { flags: Flags; setFlags: (flags: Flags) => void }) {
  const s = useSpeaker();
  return (
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
  );
}

interface VerdictProps {
  result: KzResidencyResult;
  stays: Stay[];
  taxYear: number;
  asOf: string;
}

function Verdict({ result, stays, taxYear, asOf }: VerdictProps) {
  const s = useSpeaker();
  const series = useMemo(() => presenceSeries(stays, taxYear, asOf), [stays, taxYear, asOf]);
  const lines = useMemo(() => [...new Set([183, 90, result.threshold])].sort((a, b) => b - a), [result.threshold]);
  return (
    <div class="answer" aria-live="polite" data-testid="residency-verdict">
      <p class={`verdict ${result.resident ? 'ok' : 'bad'}`}>
        {result.resident ? s.tr('web.res.resident') : s.tr('web.res.nonResident')} —{' '}
        {s.tr(`web.res.decidedBy.${result.decidedBy}`)}
      </p>
      <DayCounts result={result} taxYear={taxYear} />
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

/** Days in the tax year, the busiest 12-month window, and the day the test is met if it is. */
function DayCounts({ result, taxYear }: { result: KzResidencyResult; taxYear: number }) {
  const s = useSpeaker();
  const { maxWindow } = result;
  return (
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
  );
}
