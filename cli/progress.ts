import cliProgress from 'cli-progress';

/** Progress on stderr: a bar with rows/s and ETA on a terminal, plain lines every few seconds otherwise. */
export interface Progress {
  update(rows: number, bytesRead?: number): void;
  stop(): void;
}

export function createProgress(options: { totalBytes?: number; quiet: boolean }): Progress {
  const started = Date.now();
  const rate = (rows: number) => Math.round(rows / Math.max(0.001, (Date.now() - started) / 1000));
  if (options.quiet) return { update: () => undefined, stop: () => undefined };

  if (process.stderr.isTTY && options.totalBytes) {
    const bar = new cliProgress.SingleBar(
      {
        format: 'validating [{bar}] {percentage}% | {rows} rows | {speed} rows/s | ETA {eta_formatted}',
        stream: process.stderr,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(options.totalBytes, 0, { rows: 0, speed: 0 });
    return {
      update: (rows, bytesRead) => bar.update(bytesRead ?? 0, { rows, speed: rate(rows) }),
      stop: () => bar.stop(),
    };
  }

  let lastPrint = started;
  return {
    update: (rows, bytesRead) => {
      const now = Date.now();
      if (now - lastPrint < 2_000) return;
      lastPrint = now;
      const eta =
        options.totalBytes && bytesRead
          ? ` | ETA ${Math.round(((options.totalBytes - bytesRead) / bytesRead) * ((now - started) / 1000))} s`
          : '';
      process.stderr.write(`validated ${rows} rows | ${rate(rows)} rows/s${eta}\n`);
    },
    stop: () => undefined,
  };
}
