import { useEffect, useRef, useState } from 'preact/hooks';
import { JOB_ENGINE } from '../../../shared/jobs/params.js';
import { ErrorAlert } from '../components/form-parts.js';
import { useSpeaker } from '../i18n.js';
import { ENDED, type Job, type JobApi, jobApi } from '../jobs/client.js';

/**
 * From this size on the page recommends a server job over checking in the tab. Measured (`npm run bench:web`):
 * the tab checks a 1 000 000-row list (~50 MB) in about 3 s, faster than any upload, so below this size the
 * browser stays the default. Above it the tab holds the checked copy too (as large as the input), re-encodes a
 * Windows-1251 result as one string (V8 caps strings at 512 MiB) and unzips a whole workbook in memory.
 */
export const JOB_RECOMMENDED_FROM_BYTES = 100 * 1024 * 1024;

const KEY_STORAGE = 'salyk.apiKey';

type Run =
  | { phase: 'idle' }
  | { phase: 'starting' }
  | { phase: 'job'; job: Job }
  | { phase: 'failed'; message: string };

function savedKey(): string {
  try {
    return sessionStorage.getItem(KEY_STORAGE) ?? '';
  } catch {
    return '';
  }
}

function saveKey(key: string): void {
  try {
    sessionStorage.setItem(KEY_STORAGE, key); // this tab only: gone when it closes
  } catch {
    // not kept: the key still works for this job
  }
}

/** Creates the job, uploads the file (which starts it) and polls it until it ends. */
function useServerJob(file: File | undefined, fixLeadingZeros: boolean) {
  const s = useSpeaker();
  const [run, setRun] = useState<Run>({ phase: 'idle' });
  const api = useRef<JobApi | undefined>(undefined);
  const current = useRef(0); // the run that may still update the state: a new file or an unmount retires it

  useEffect(() => {
    current.current++;
    setRun({ phase: 'idle' });
  }, [file]);
  useEffect(
    () => () => {
      current.current++;
    },
    [],
  );

  const start = async (key: string) => {
    if (!file) return;
    const mine = ++current.current;
    const client = jobApi(key, s.lang);
    api.current = client;
    setRun({ phase: 'starting' });
    try {
      const created = await client.create(file.name, { fixLeadingZeros });
      setRun({ phase: 'job', job: created });
      await client.upload(created, file);
      for (let pause = 250; mine === current.current; pause = Math.min(2_000, pause * 2)) {
        const job = await client.get(created.jobId);
        if (mine !== current.current) return;
        setRun({ phase: 'job', job });
        if (ENDED.has(job.state)) return;
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    } catch (error) {
      if (mine === current.current) setRun({ phase: 'failed', message: (error as Error).message });
    }
  };
  const cancel = async () => {
    if (run.phase !== 'job' || !api.current) return;
    try {
      setRun({ phase: 'job', job: await api.current.cancel(run.job.jobId) });
    } catch (error) {
      setRun({ phase: 'failed', message: (error as Error).message });
    }
  };
  return { run, start, cancel };
}

/**
 * The server alternative to checking in the tab: a bulk job (`POST /v1/jobs`, upload, `GET /v1/jobs/{id}`) with
 * the caller's API key. Shown only where the API answers on the page's origin; open by itself for a large file.
 */
export function ServerJob({ file, fixLeadingZeros }: { file: File | undefined; fixLeadingZeros: boolean }) {
  const s = useSpeaker();
  const [key, setKey] = useState(savedKey);
  const { run, start, cancel } = useServerJob(file, fixLeadingZeros);
  const large = file !== undefined && file.size >= JOB_RECOMMENDED_FROM_BYTES;
  const busy = run.phase === 'starting' || (run.phase === 'job' && !ENDED.has(run.job.state));
  return (
    <details class="server-job" open={large || run.phase !== 'idle'} data-testid="server-job">
      <summary>{s.tr('web.job.title')}</summary>
      <p>
        {large
          ? s.tr('web.job.large', { size: `${s.num(Math.round(file.size / 1024 ** 2))} MB` })
          : s.tr('web.job.about')}
      </p>
      <p class="muted small">{s.tr('web.job.consent', { days: JOB_ENGINE.resultDays })}</p>
      <form
        class="inline"
        onSubmit={(e) => {
          e.preventDefault();
          saveKey(key);
          void start(key);
        }}
      >
        <label>
          {s.tr('web.job.key')}{' '}
          <input
            type="password"
            autocomplete="off"
            value={key}
            required
            data-testid="api-key"
            onInput={(e) => setKey(e.currentTarget.value)}
          />
        </label>{' '}
        <button type="submit" class="button" disabled={!file || busy || key === ''}>
          {s.tr('web.job.start')}
        </button>
      </form>
      {run.phase === 'job' ? <JobStatus job={run.job} cancel={busy ? cancel : undefined} /> : null}
      <ErrorAlert error={run.phase === 'failed' ? s.tr('web.error', { message: run.message }) : undefined} />
    </details>
  );
}

/** A job's state, its rows done of the rows found, its counts, and its results once it has them. */
function JobStatus({ job, cancel }: { job: Job; cancel: (() => void) | undefined }) {
  const s = useSpeaker();
  const total = job.rows.total;
  return (
    <div class="progress-block" aria-live="polite" data-testid="job-status" data-state={job.state}>
      <p>{s.tr(`web.job.state.${job.state}`)}</p>
      {total ? <progress max={total} value={job.rows.done} aria-label={s.tr('web.sup.progress')} /> : null}
      <p class="muted">
        {s.tr('web.job.rows', { done: s.num(job.rows.done), total: total === undefined ? '…' : s.num(total) })} ·{' '}
        {s.tr('web.sup.valid')}: <span data-testid="job-valid">{s.num(job.rows.valid)}</span> ·{' '}
        {s.tr('web.sup.invalid')}: <span data-testid="job-invalid">{s.num(job.rows.invalid)}</span>
      </p>
      {job.error ? <p class="error">{job.error}</p> : null}
      {cancel ? (
        <button type="button" class="button secondary" onClick={cancel}>
          {s.tr('web.job.cancel')}
        </button>
      ) : null}
      {job.results ? (
        <p class="actions">
          <a class="button" href={job.results.checkedFile.url} data-testid="job-download">
            {s.tr('web.job.download')}
          </a>{' '}
          <a href={job.results.summary.url}>{s.tr('web.job.summaryLink')}</a>
        </p>
      ) : null}
    </div>
  );
}
