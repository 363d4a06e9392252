import { useSpeaker } from '../i18n.js';

interface Props {
  title: string;
  bars: readonly [label: string, value: number][];
}

/**
 * Horizontal bars drawn as inline SVG: a handful of codes needs no chart library, prints and scales
 * crisply, and screen readers get a table-like list of the values through `<title>` and the list below.
 */
export function BarChart({ title, bars }: Props) {
  const s = useSpeaker();
  const max = Math.max(1, ...bars.map(([, v]) => v));
  const rowH = 26;
  const labelW = 210;
  const width = 640;
  const barW = width - labelW - 90;
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <svg
        viewBox={`0 0 ${width} ${bars.length * rowH + 4}`}
        width="100%"
        role="img"
        aria-label={`${title}: ${bars.map(([l, v]) => `${l} ${s.num(v)}`).join(', ')}`}
      >
        {bars.map(([label, value], i) => (
          <g key={label} transform={`translate(0 ${i * rowH + 2})`}>
            <text x={labelW - 8} y={rowH / 2 + 4} text-anchor="end" class="bar-label">
              {label}
            </text>
            <rect x={labelW} y={3} width={Math.max(2, (value / max) * barW)} height={rowH - 8} rx={3} class="bar" />
            <text x={labelW + Math.max(2, (value / max) * barW) + 6} y={rowH / 2 + 4} class="bar-value">
              {s.num(value)}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
