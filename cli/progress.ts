import { say } from './lang.js';

/** Progress on stderr: a bar with rows/s and a smoothed ETA on a terminal, plain lines every few seconds otherwise. */
export interface Progress {
  update(rows: number, bytesRead?: number): void;
  /** The run is over: a terminal's bar is drawn at 100 % and the line ended. */
  stop(done?: boolean): void;
}

/** What one progress line shows. */
export interface ProgressState {
  rows: number;
  /** 0..1, or undefined when the size is unknown (stdin). */
  fraction?: number;
  rowsPerSecond: number;
  /** Seconds left, undefined until there is a rate to go by. */
  etaSeconds?: number;
}

const BAR_WIDTH = 20;

/** `1:05`, `12 s`, `1:02:03`: short enough for the line to fit 80 columns. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * One terminal progress line, at most `columns - 1` characters (a full-width line would wrap on some terminals):
 * the bar shrinks first, then the ETA and the rate are dropped, never cut in the middle.
 */
export function formatProgressLine(state: ProgressState, columns = 80, bar = true): string {
  const pct = state.fraction === undefined ? '' : ` ${String(Math.floor(state.fraction * 100)).padStart(3)}%`;
  const parts = [
    `${say('cli.progress.label')}`,
    `${pct.trim() ? `${pct}` : ''}`,
    ` | ${state.rows.toLocaleString('en-US')} ${say('cli.progress.rows')}`,
    ` | ${state.rowsPerSecond.toLocaleString('en-US')}/s`,
    state.etaSeconds === undefined ? '' : ` | ${say('cli.progress.eta')} ${formatDuration(state.etaSeconds)}`,
  ];
  const max = columns - 1;
  const textOf = (bar: string) => parts[0] + bar + parts.slice(1).join('');
  for (let width = BAR_WIDTH; width >= 5; width--) {
    const line = textOf(state.fraction === undefined || !bar ? '' : ` [${barOf(state.fraction, width)}]`);
    if (line.length <= max) return line;
  }
  // Still too wide (a narrow terminal): drop the ETA, then the rate.
  for (let keep = parts.length - 1; keep >= 2; keep--) {
    const line = parts.slice(0, keep).join('');
    if (line.length <= max) return line;
  }
  return parts[0]?.slice(0, max) ?? '';
}

function barOf(fraction: number, width: number): string {
  const full = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return '█'.repeat(full) + '░'.repeat(width - full);
}

/**
 * A steady rate: an exponential moving average of the bytes-per-second between updates, so one slow chunk (a GC
 * pause, a slow disk) does not make the ETA jump. The half-life is a few seconds.
 */
export class SmoothedRate {
  private rate: number | undefined;
  private lastAt: number;
  private lastAmount = 0;

  constructor(
    private readonly halfLifeMs = 3_000,
    now = Date.now(),
  ) {
    this.lastAt = now;
  }

  /** The smoothed amount per second after `amount` (a running total) was reached at `now`. */
  update(amount: number, now: number): number | undefined {
    const dt = now - this.lastAt;
    if (dt <= 0) return this.rate;
    const instant = ((amount - this.lastAmount) / dt) * 1000;
    const keep = 0.5 ** (dt / this.halfLifeMs);
    this.rate = this.rate === undefined ? instant : keep * this.rate + (1 - keep) * instant;
    this.lastAt = now;
    this.lastAmount = amount;
    return this.rate;
  }
}

export function createProgress(options: { totalBytes?: number; quiet: boolean }): Progress {
  if (options.quiet) return { update: () => undefined, stop: () => undefined };
  const started = Date.now();
  const total = options.totalBytes;
  const speed = new SmoothedRate(3_000, started);
  let rows = 0;
  let bytes = 0;
  let lastDraw = 0;
  const state = (now: number, done = false): ProgressState => {
    const bytesPerSecond = speed.update(bytes, now);
    const fraction = total ? (done ? 1 : Math.min(1, bytes / total)) : undefined;
    const elapsed = Math.max(0.001, (now - started) / 1000);
    const eta = done
      ? 0
      : total && bytesPerSecond && now - started > 1_000
        ? (total - bytes) / bytesPerSecond
        : undefined;
    return { rows, fraction, rowsPerSecond: Math.round(rows / elapsed), etaSeconds: eta };
  };

  if (process.stderr.isTTY) {
    const draw = (now: number, done = false) => {
      lastDraw = now;
      process.stderr.write(`\r\x1b[2K${formatProgressLine(state(now, done), process.stderr.columns || 80)}`);
    };
    return {
      update: (r, b) => {
        rows = r;
        bytes = b ?? bytes;
        const now = Date.now();
        if (now - lastDraw >= 200) draw(now);
      },
      stop: (done = true) => {
        if (done) draw(Date.now(), true);
        process.stderr.write('\n');
      },
    };
  }

  lastDraw = started;
  return {
    update: (r, b) => {
      rows = r;
      bytes = b ?? bytes;
      const now = Date.now();
      if (now - lastDraw < 2_000) return;
      lastDraw = now;
      process.stderr.write(`${formatProgressLine(state(now), 200, false)}\n`);
    },
    stop: () => undefined,
  };
}
