import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { BarChart } from '../components/bar-chart.js';
import { ErrorAlert } from '../components/form-parts.js';
import { VirtualList } from '../components/virtual-list.js';
import { type Speaker, useSpeaker } from '../i18n.js';
import { apiAvailable } from '../jobs/client.js';
import type { CheckSummary, FromWorker, ProblemRow, ReaderFailure, ToWorker } from '../supplier/protocol.js';
import { JOB_RECOMMENDED_FROM_BYTES, ServerJob } from './server-job.js';

const PAGE = 200;
const ROW_HEIGHT = 34;

type State =
  | { phase: 'idle' }
  | { phase: 'checking'; name: string; rows: number; fraction: number }
  | { phase: 'done'; summary: CheckSummary }
  | { phase: 'failed'; error: ReaderFailure };

function failureText(s: Speaker, error: ReaderFailure): string {
  switch (error.key) {
    case 'web.sup.err.noColumn':
      return s.tr('web.error', { message: s.tr('web.sup.err.noColumn', { header: error.header }) });
    case 'web.error':
      return s.tr('web.error', { message: error.message });
    default:
      return s.tr('web.error', { message: s.tr(error.key) });
  }
}

/** The cached pages of problem rows for one filter (`code`: null for every code), by page number. */
interface Pages {
  code: string | null;
  total: number;
  rows: Map<number, ProblemRow[]>;
}

const noPages = (code: string | null = null, total = 0): Pages => ({ code, total, rows: new Map() });

/** Hands the browser a file the worker made, as a download. */
function saveFile(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  // The download has started by then; the URL would otherwise hold the file in memory until the tab closes.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Applies one message from the worker to the page's state. */
function applyMessage(
  m: FromWorker,
  setState: (update: State | ((old: State) => State)) => void,
  setPages: (update: Pages | ((old: Pages) => Pages)) => void,
): void {
  if (m.type === 'progress') setState((old) => (old.phase === 'checking' ? { ...old, ...m } : old));
  else if (m.type === 'summary') {
    setPages(noPages(null, m.summary.problemRows));
    setState({ phase: 'done', summary: m.summary });
  } else if (m.type === 'failed') setState({ phase: 'failed', error: m.error });
  else if (m.type === 'rows')
    setPages((old) => {
      const rows = new Map(old.rows);
      rows.set(Math.floor(m.start / PAGE), m.rows);
      return { ...old, total: m.total, rows };
    });
  else if (m.type === 'file') saveFile(m.name, m.blob);
}

/** The worker and the cached pages of problem rows, per filter. */
function useChecker() {
  const worker = useRef<Worker | undefined>(undefined);
  const [state, setState] = useState<State>({ phase: 'idle' });
  const [pages, setPages] = useState<Pages>(noPages());
  const asked = useRef(new Set<string>());
  const nextId = useRef(0);

  const send = (message: ToWorker) => worker.current?.postMessage(message);
  const askRows = (code: string | null, page: number) => {
    asked.current.add(`${code}:${page}`);
    send({ type: 'rows', id: nextId.current++, code, start: page * PAGE, end: (page + 1) * PAGE });
  };

  const start = useCallback((file: File, fixLeadingZeros: boolean, lang: Speaker['lang']) => {
    // A new file stops the old check outright: its worker is dropped with everything it held.
    worker.current?.terminate();
    const w = new Worker(new URL('../supplier/worker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    asked.current.clear();
    setPages(noPages());
    setState({ phase: 'checking', name: file.name, rows: 0, fraction: 0 });
    w.onmessage = (event: MessageEvent<FromWorker>) => applyMessage(event.data, setState, setPages);
    send({ type: 'check', file, fixLeadingZeros, lang });
  }, []);

  const filter = useCallback((code: string | null) => {
    asked.current.clear();
    setPages(noPages(code));
    askRows(code, 0);
  }, []);

  const need = useCallback(
    (from: number, to: number) => {
      for (let p = Math.floor(from / PAGE); p <= Math.floor((to - 1) / PAGE); p++) {
        if (!asked.current.has(`${pages.code}:${p}`)) askRows(pages.code, p);
      }
    },
    [pages.code],
  );

  /** Drops any check under way and goes back to idle (a large file waiting for the user's choice). */
  const stop = useCallback(() => {
    worker.current?.terminate();
    worker.current = undefined;
    setState({ phase: 'idle' });
  }, []);

  useEffect(() => () => worker.current?.terminate(), []);
  const download = (format: 'csv' | 'xlsx') => send({ type: 'export', format });
  return { state, pages, start, stop, filter, need, download };
}

/** Whether the Salyk API answers on this page's origin (asked once): only then is a server job offered. */
function useApiAvailable(): boolean {
  const [available, setAvailable] = useState(false);
  useEffect(() => {
    void apiAvailable().then(setAvailable);
  }, []);
  return available;
}

export function SuppliersPage() {
  const s = useSpeaker();
  const { state, pages, start, stop, filter, need, download } = useChecker();
  const [file, setFile] = useState<File>();
  const [fix, setFix] = useState(false);
  const api = useApiAvailable();
  // A large file waits for the user's choice (here or a server job) when the API is there to offer one.
  const waits = (chosen: File) => api && chosen.size >= JOB_RECOMMENDED_FROM_BYTES;

  const choose = (chosen: File | undefined) => {
    if (!chosen) return;
    setFile(chosen);
    if (waits(chosen)) stop();
    else start(chosen, fix, s.lang);
  };
  const changeFix = (next: boolean) => {
    setFix(next);
    if (file && !waits(file)) start(file, next, s.lang);
  };

  return (
    <section aria-labelledby="sup-title">
      <h1 id="sup-title">{s.tr('web.nav.suppliers')}</h1>
      <p class="privacy" role="note">
        <svg class="lock" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
          <path d="M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7zm2 0h4V5a2 2 0 0 0-4 0z" fill="currentColor" />
        </svg>
        {s.tr('web.sup.privacy')}
      </p>
      <DropZone choose={choose} fix={fix} changeFix={changeFix} />
      {api && file ? <ServerJob file={file} fixLeadingZeros={fix} /> : null}
      {file && state.phase === 'idle' && waits(file) ? (
        <button type="button" class="button secondary" onClick={() => start(file, fix, s.lang)}>
          {s.tr('web.job.here')}
        </button>
      ) : null}
      {state.phase === 'checking' ? <Progress name={state.name} rows={state.rows} fraction={state.fraction} /> : null}
      <ErrorAlert error={state.phase === 'failed' ? failureText(s, state.error) : undefined} />
      {state.phase === 'done' ? (
        <Results summary={state.summary} pages={pages} filter={filter} need={need} download={download} />
      ) : null}
    </section>
  );
}

/** Where a list is dropped or chosen, with the "fix lost leading zeros" switch (which re-checks the file). */
function DropZone({
  choose,
  fix,
  changeFix,
}: {
  choose: (file: File | undefined) => void;
  fix: boolean;
  changeFix: (fix: boolean) => void;
}) {
  const s = useSpeaker();
  const [over, setOver] = useState(false);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a drop target for the mouse; the file button inside is the keyboard path
    <div
      class={`drop${over ? ' over' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        choose(e.dataTransfer?.files[0]);
      }}
    >
      <p>{s.tr('web.sup.drop')}</p>
      <label class="button">
        {s.tr('web.sup.choose')}
        <input
          type="file"
          accept=".csv,.txt,.tsv,.xlsx,.xls,text/csv"
          class="visually-hidden"
          data-testid="supplier-file"
          onChange={(e) => choose(e.currentTarget.files?.[0])}
        />
      </label>
      <label class="check">
        <input type="checkbox" checked={fix} onChange={(e) => changeFix(e.currentTarget.checked)} />
        {s.tr('web.sup.fix')}
      </label>
      <p class="muted small">{s.tr('web.sup.fixHint')}</p>
    </div>
  );
}

function Progress({ name, rows, fraction }: { name: string; rows: number; fraction: number }) {
  const s = useSpeaker();
  return (
    <div class="progress-block">
      <p>{s.tr('web.sup.reading', { name })}</p>
      <progress max={1} value={fraction} aria-label={s.tr('web.sup.progress')} />
      <p class="muted" aria-live="polite">
        {s.num(rows)} · {Math.round(fraction * 100)}%
      </p>
    </div>
  );
}

interface ResultsProps {
  summary: CheckSummary;
  pages: Pages;
  filter: (code: string | null) => void;
  need: (from: number, to: number) => void;
  download: (format: 'csv' | 'xlsx') => void;
}

function Results({ summary, pages, filter, need, download }: ResultsProps) {
  const s = useSpeaker();
  return (
    <div class="results" aria-live="polite">
      <h2>{s.tr('web.sup.summary')}</h2>
      <p class="muted">
        {summary.name} ·{' '}
        {s.tr('web.sup.meta', {
          column: summary.tinColumn,
          encoding: summary.encoding,
          delimiter: summary.delimiter === '\t' ? 'TAB' : summary.delimiter,
          seconds: summary.seconds.toLocaleString(s.locale, { maximumFractionDigits: 2 }),
        })}
      </p>
      <SummaryCards summary={summary} />
      <div class="actions">
        <button type="button" class="button" onClick={() => download('csv')}>
          {s.tr('web.sup.downloadCsv')}
        </button>
        <button type="button" class="button secondary" onClick={() => download('xlsx')}>
          {s.tr('web.sup.downloadXlsx')}
        </button>
      </div>
      {summary.errorCounts.length ? (
        <BarChart title={s.tr('web.sup.chart')} bars={summary.errorCounts} />
      ) : (
        <p class="ok">{s.tr('web.sup.none')}</p>
      )}
      {summary.problemRows ? <ProblemRows summary={summary} pages={pages} filter={filter} need={need} /> : null}
    </div>
  );
}

/** The counts, one card each (`data-key` names them for tests and styles). */
function SummaryCards({ summary }: { summary: CheckSummary }) {
  const s = useSpeaker();
  const cards: [string, number, string][] = [
    [s.tr('web.sup.rows'), summary.rows, 'rows'],
    [s.tr('web.sup.valid'), summary.valid, 'valid'],
    [s.tr('web.sup.invalid'), summary.invalid, 'invalid'],
    [s.tr('web.sup.warnings'), summary.withWarnings, 'warnings'],
    [s.tr('web.sup.fixed'), summary.fixedLeadingZeros, 'fixed'],
    [s.tr('web.sup.malformed'), summary.malformedRows, 'malformed'],
    [s.tr('web.sup.blank'), summary.blankRows, 'blank'],
  ];
  return (
    <dl class="cards" data-testid="summary">
      {cards.map(([label, value, key]) => (
        <div key={key} class={`card card-${key}`} data-key={key}>
          <dt>{label}</dt>
          <dd>{s.num(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The problem rows, filtered by code, in a virtual list that asks the worker for the pages it shows. */
function ProblemRows({ summary, pages, filter, need }: Omit<ResultsProps, 'download'>) {
  const s = useSpeaker();
  const row = (index: number) => <ProblemRowCells row={pages.rows.get(Math.floor(index / PAGE))?.[index % PAGE]} />;
  return (
    <>
      <h2>
        {s.tr('web.sup.problemRows')}: <span data-testid="problem-count">{s.num(pages.total)}</span>
      </h2>
      <label class="inline">
        {s.tr('web.sup.filter')}{' '}
        <select value={pages.code ?? ''} onChange={(e) => filter(e.currentTarget.value || null)}>
          <option value="">{s.tr('web.sup.allCodes')}</option>
          {summary.errorCounts.map(([code, n]) => (
            <option key={code} value={code}>
              {code} ({s.num(n)})
            </option>
          ))}
        </select>
      </label>
      <div class="vhead" aria-hidden="true">
        <span class="c-line">{s.tr('web.sup.col.line')}</span>
        <span class="c-value">{s.tr('web.sup.col.value')}</span>
        <span class="c-codes">{s.tr('web.sup.col.codes')}</span>
        <span class="c-msg">{s.tr('web.sup.col.message')}</span>
        <span class="c-sugg">{s.tr('web.sup.col.suggestion')}</span>
      </div>
      <VirtualList
        key={pages.code ?? ''}
        count={pages.total}
        rowHeight={ROW_HEIGHT}
        onRange={need}
        row={row}
        label={s.tr('web.sup.problemRows')}
      />
    </>
  );
}

/** One problem row's cells, or an ellipsis while its page is on its way. */
function ProblemRowCells({ row }: { row: ProblemRow | undefined }) {
  const s = useSpeaker();
  if (!row) return <span class="muted">…</span>;
  return (
    <>
      <span class="c-line">{s.num(row.line)}</span>
      <span class="c-value mono">{row.value}</span>
      <span class="c-codes mono">{row.codes}</span>
      <span class="c-msg" title={row.messages}>
        {row.messages}
      </span>
      <span class="c-sugg mono">{row.suggestion}</span>
    </>
  );
}
