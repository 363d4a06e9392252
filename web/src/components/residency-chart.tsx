import { useEffect, useRef } from 'preact/hooks';
// Types only: uPlot itself is loaded on first use.
import type uPlot from 'uplot';
import { type Speaker, useSpeaker } from '../i18n.js';

interface Props {
  dates: string[];
  days: number[];
  /** The day thresholds drawn as lines (183 and 90). */
  lines: number[];
  /** The day the test is met, if it is. */
  metOn?: string;
  label: string;
}

const toSeconds = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;

/** The threshold lines' colours, in turn. */
const LINE_COLOURS = ['#b4232c', '#6b5b00'];

/**
 * The rolling-window chart, drawn by uPlot (a small, fast canvas chart library), which is loaded with a dynamic
 * import the first time a chart is shown. The threshold lines are flat series; the day the test is met is a
 * vertical marker drawn in uPlot's draw hook.
 */
export function ResidencyChart({ dates, days, lines, metOn, label }: Props) {
  const s = useSpeaker();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let chart: { destroy: () => void } | undefined;
    let cancelled = false;
    (async () => {
      const [{ default: UPlot }] = await Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]);
      if (cancelled || !box.current) return;
      const xs = dates.map(toSeconds);
      const options = chartOptions(UPlot, s, lines, metOn, Math.min(820, box.current.clientWidth || 820));
      chart = new UPlot(options, [xs, days, ...lines.map((n) => xs.map(() => n))], box.current);
    })();
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [dates, days, lines, metOn, s]);
  return (
    <figure class="chart">
      <figcaption>{label}</figcaption>
      <div ref={box} class="uplot-box" data-testid="residency-chart" />
    </figure>
  );
}

/** uPlot's options: UTC dates in the page's language, the count series, the threshold lines and the "met" marker. */
function chartOptions(
  UPlot: typeof uPlot,
  s: Speaker,
  lines: number[],
  metOn: string | undefined,
  width: number,
): uPlot.Options {
  const met = metOn ? toSeconds(metOn) : undefined;
  return {
    width,
    height: 300,
    tzDate: (ts: number) => UPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    fmtDate: (tpl: string) =>
      UPlot.fmtDate(tpl, {
        MMMM: monthNames(s.locale),
        MMM: monthNames(s.locale, 'short'),
        WWWW: dayNames(s.locale),
        WWW: dayNames(s.locale, 'short'),
      }),
    scales: { y: { range: [0, 366] } },
    axes: [{}, { label: s.tr('web.res.series') }],
    legend: { show: true },
    series: [
      { label: s.tr('web.res.asOf') },
      { label: s.tr('web.res.series'), stroke: '#0b5f6b', width: 2, fill: 'rgba(11,95,107,0.12)' },
      ...lines.map((n, i) => ({
        label: s.tr('web.res.line', { days: n }),
        stroke: LINE_COLOURS[i % 2],
        width: 1.5,
        dash: [6, 4],
      })),
    ],
    hooks: {
      draw: [
        (u: uPlot) => {
          if (met !== undefined) drawMarker(u, met);
        },
      ],
    },
  };
}

/** A vertical line at `x` seconds across the plot: the day the test is met. */
function drawMarker(u: uPlot, at: number): void {
  const x = u.valToPos(at, 'x', true);
  const ctx = u.ctx;
  ctx.save();
  ctx.strokeStyle = '#1d7a3a';
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(x, u.bbox.top);
  ctx.lineTo(x, u.bbox.top + u.bbox.height);
  ctx.stroke();
  ctx.restore();
}

function monthNames(locale: string, month: 'long' | 'short' = 'long'): string[] {
  const f = new Intl.DateTimeFormat(locale, { month, timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, m) => f.format(new Date(Date.UTC(2000, m, 1))));
}

function dayNames(locale: string, weekday: 'long' | 'short' = 'long'): string[] {
  const f = new Intl.DateTimeFormat(locale, { weekday, timeZone: 'UTC' });
  // 2000-01-02 was a Sunday, uPlot's first day.
  return Array.from({ length: 7 }, (_, d) => f.format(new Date(Date.UTC(2000, 0, 2 + d))));
}
