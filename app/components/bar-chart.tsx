// Plain SVG charts: bars a person takes in at a glance, each with a table beside it for the
// exact figures (and for screen readers, which get the chart's summary as its label).

export function BarChart({
  bars,
  label,
  format,
  max: fixedMax,
}: {
  bars: { label: string; value: number | null }[];
  label: string;
  /** The value a full bar stands for (1 for shares); the largest value when not given. */
  max?: number;
  /** How a value is written at the end of its bar. */
  format: (value: number | null) => string;
}) {
  const row = 30;
  const labelWidth = 190;
  const width = 560;
  const max = fixedMax ?? Math.max(1, ...bars.map((b) => b.value ?? 0));
  return (
    <svg
      className="chart"
      viewBox={`0 0 ${width} ${bars.length * row + 8}`}
      role="img"
      aria-label={label}
      preserveAspectRatio="xMinYMin meet"
    >
      {bars.map((b, i) => {
        const w = ((b.value ?? 0) / max) * (width - labelWidth - 70);
        return (
          <g key={b.label} transform={`translate(0 ${i * row + 4})`}>
            <text x={labelWidth - 8} y={row / 2 + 5} textAnchor="end" className="chart-label">
              {b.label}
            </text>
            <rect
              x={labelWidth}
              y={4}
              width={Math.max(w, 1)}
              height={row - 10}
              rx={4}
              className="chart-bar"
            />
            <text x={labelWidth + w + 6} y={row / 2 + 5} className="chart-value">
              {format(b.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
