// The report's two charts, drawn as SVG and plain bars from the core's
// summary: meetings per check-in period, and goals by area.
import { h } from '../../dom.js';

const SVG = 'http://www.w3.org/2000/svg';
function svg(tag, attrs = {}, text = null) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== null) el.textContent = text;
  return el;
}

/** Vertical bars per period: expected (light) behind met (dark), scaled to
 * the pairs in the program (a full bar is every pair). */
export function periodChart(periods, pairsInProgram) {
  if (!periods.length) return h('p', { class: 'muted', text: 'No pairs yet.' });
  const width = 640;
  const height = 200;
  const top = 16;
  const bottom = 36;
  // The two text lines under each bar: the period, then its numbers.
  const labelLine = 16;
  const noteLine = labelLine + 14;
  const most = Math.max(1, pairsInProgram || 0, ...periods.map((p) => Math.max(p.pairs_expected, p.pairs_met)));
  const slot = width / periods.length;
  const barWidth = Math.min(56, slot * 0.6);
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', id: 'period-chart',
    'aria-label': periods.map((p) => `${p.label}: ${p.pairs_met} of ${p.pairs_expected} pairs met`).join('; ') });
  const scale = (n) => ((height - top - bottom) * n) / most;
  chart.append(svg('line', { x1: 0, x2: width, y1: height - bottom, y2: height - bottom, class: 'chart-axis' }));
  periods.forEach((p, i) => {
    const x = i * slot + (slot - barWidth) / 2;
    const base = height - bottom;
    chart.append(svg('rect', { x, y: base - scale(p.pairs_expected), width: barWidth, height: scale(p.pairs_expected), class: 'bar-expected', rx: 3 }));
    chart.append(svg('rect', { x, y: base - scale(p.pairs_met), width: barWidth, height: scale(p.pairs_met), class: 'bar-met', rx: 3 }));
    chart.append(svg('text', { x: x + barWidth / 2, y: base + labelLine, class: 'chart-label', 'text-anchor': 'middle' }, p.label));
    chart.append(svg('text', { x: x + barWidth / 2, y: base + noteLine, class: 'chart-note', 'text-anchor': 'middle' }, p.pairs_expected ? `${p.pairs_met}/${p.pairs_expected} · ${p.meetings} mtg` : `${p.pairs_met} met, none due`));
  });
  return h('div', { class: 'chart-wrap' }, chart);
}

/** Horizontal bars per area: set (light) and achieved (dark). */
export function areaChart(areas) {
  const most = Math.max(1, ...areas.map((a) => a.set));
  return h('ul', { class: 'area-chart', id: 'area-chart' }, areas.map((a) => {
    const set = h('span', { class: 'area-bar set' });
    set.style.width = `${(a.set / most) * 100}%`;
    const achieved = h('span', { class: 'area-bar achieved' });
    achieved.style.width = `${(a.achieved / most) * 100}%`;
    return h('li', {},
      h('span', { class: 'area-name', text: a.area }),
      h('span', { class: 'area-track' }, set, achieved),
      h('span', { class: 'area-count muted small', text: `${a.achieved} of ${a.set} achieved` }));
  }));
}
