// Small SVG charts drawn here (no library): stacked columns over time and horizontal bars. Every chart carries its
// figures as data attributes and as a table for screen readers, so what it shows can be read back exactly.
import { h, svg } from './dom.js';

const width = 640, height = 220, left = 44, right = 8, top = 12, bottom = 28;

/** An axis maximum of four round steps (1, 2, 2.5 or 5 × 10^n each) at or above `max`; whole steps for counts. */
function niceMax(max, whole) {
  const rough = Math.max(max, whole ? 4 : 0) / 4;
  if (rough <= 0) return 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map(m => m * power).find(v => v >= rough && (!whole || Number.isInteger(v)));
  return step * 4;
}

/**
 * Columns per row (e.g. per day), each stacked from `series` (e.g. answered, missed, failed).
 * rows: [{ key, label, values: { [series.key]: number } }]
 */
export function columns({ id, title, series, rows, format = String, whole = false }) {
  const max = niceMax(Math.max(0, ...rows.map(r => series.reduce((sum, s) => sum + (r.values[s.key] ?? 0), 0))), whole);
  const plotWidth = width - left - right, plotHeight = height - top - bottom;
  const step = plotWidth / Math.max(rows.length, 1);
  const barWidth = Math.max(2, Math.min(36, step * 0.7));
  const y = v => top + plotHeight - (v / max) * plotHeight;
  const labelEvery = Math.ceil(rows.length / 10);

  const grid = [0, 0.25, 0.5, 0.75, 1].map(f => svg('g', { class: 'grid' },
    svg('line', { x1: left, x2: width - right, y1: y(max * f), y2: y(max * f) }),
    svg('text', { x: left - 6, y: y(max * f) + 4, 'text-anchor': 'end' }, format(max * f))));

  const bars = rows.map((row, i) => {
    const x = left + i * step + (step - barWidth) / 2;
    let base = 0;
    const total = series.reduce((sum, s) => sum + (row.values[s.key] ?? 0), 0);
    return svg('g', { class: 'column', 'data-key': row.key, 'data-total': total },
      svg('title', {}, `${row.label}: ${series.map(s => `${s.label} ${format(row.values[s.key] ?? 0)}`).join(', ')}`),
      series.map(s => {
        const value = row.values[s.key] ?? 0;
        const rect = svg('rect', {
          x, width: barWidth, y: y(base + value), height: Math.max(0, y(base) - y(base + value)),
          class: `series-${s.key}`, 'data-series': s.key, 'data-value': value, rx: 2,
        });
        base += value;
        return rect;
      }),
      i % labelEvery === 0 ? svg('text', { x: x + barWidth / 2, y: height - 8, 'text-anchor': 'middle', class: 'axis-label' }, row.label) : null);
  });

  return figure(id, title, series,
    svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': `${id}-title`, preserveAspectRatio: 'none' }, grid, bars),
    table(title, ['', ...series.map(s => s.label)], rows.map(r => [r.label, ...series.map(s => format(r.values[s.key] ?? 0))])));
}

/** One horizontal bar per item, longest first: IVR choices, numbers. items: [{ key, label, value }] */
export function bars({ id, title, items, format = String, emptyText = 'Nothing yet in this period.' }) {
  const max = Math.max(0, ...items.map(i => i.value));
  const body = items.length === 0
    ? h('p', { class: 'empty' }, emptyText)
    : h('ul', { class: 'hbars', role: 'list' }, items.map(item => h('li', { 'data-key': item.key, 'data-value': item.value },
      h('span', { class: 'hbar-label' }, item.label),
      h('span', { class: 'hbar-track', 'aria-hidden': 'true' }, h('span', { class: 'hbar-fill', 'data-width': max ? (item.value / max) : 0 })),
      h('span', { class: 'hbar-value' }, format(item.value)))));
  // Inline styles are refused by the page's content security policy: widths are set through the CSSOM instead.
  for (const fill of body.querySelectorAll?.('.hbar-fill') ?? []) fill.style.width = `${(Number(fill.dataset.width) * 100).toFixed(1)}%`;
  return figure(id, title, [], body, null);
}

function figure(id, title, series, chart, data) {
  return h('figure', { class: 'card chart', id, 'aria-labelledby': `${id}-title` },
    h('figcaption', {}, h('h2', { id: `${id}-title` }, title),
      series.length > 1 ? h('ul', { class: 'legend' }, series.map(s => h('li', {}, h('span', { class: `swatch series-${s.key}`, 'aria-hidden': 'true' }), s.label))) : null),
    chart,
    data);
}

function table(caption, headings, rows) {
  // A table will not shrink below its content: the hidden wrapper clips it instead.
  return h('div', { class: 'visually-hidden' }, h('table', {}, h('caption', {}, caption),
    h('thead', {}, h('tr', {}, headings.map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows.map(r => h('tr', {}, r.map((c, i) => i === 0 ? h('th', { scope: 'row' }, c) : h('td', {}, c)))))));
}
