// Quality figures shared by the Matching screen's panels: computations side
// by side, and how many ranked choices a pairing honours, in words.
import { h, plural } from '../dom.js';

export const fmt = (n) => (Math.round(n * 10) / 10).toFixed(1);

/** "N of M got their 1st choice, K a top-3 choice" (and who got none of theirs, or stated none). */
export function choiceFigures(c) {
  if (!c.chose) return 'Nobody stated choices.';
  const none = c.not_ranked ? `, ${c.not_ranked} none of theirs` : '';
  const silent = c.no_choices ? ` ${plural(c.no_choices, 'participant')} stated no choice.` : '';
  return `${c.first} of ${c.chose} got their 1st choice, ${c.top3} a top-3 choice${none}.${silent}`;
}

/**
 * Quality figures of two or more computations as columns, the better
 * figure of each row marked. columns: [{label, goal?, quality}].
 */
export function figuresTable(columns, id) {
  const asked = columns.some((c) => c.quality.asked > 0);
  const chose = columns.every((c) => c.quality.choices && c.quality.choices.chose > 0);
  const rows = [
    ['Participants matched', (q) => q.pairs, 'more'],
    ['Without a mentor', (q) => q.unmatched.length, 'fewer'],
    ['Total score', (q) => q.total_score, 'more', fmt],
    ['Lowest pair', (q) => q.lowest, 'more', fmt],
    ['Median pair', (q) => q.median, 'more', fmt],
    [`Weak pairs (below ${fmt(columns[0].quality.weak_below)})`, (q) => q.weak_pairs, 'fewer'],
    ['Pairs who would rather swap', (q) => q.would_rather_swap.length, 'fewer'],
    asked ? ['Got the mentor they asked for', (q) => q.got_requested, 'more', (v, q) => `${v} of ${q.asked}`] : null,
    chose ? ['Got their 1st choice', (q) => (q.choices ? q.choices.first : 0), 'more', (v, q) => `${v} of ${q.choices.chose}`] : null,
    chose ? ['Got a top-3 choice', (q) => (q.choices ? q.choices.top3 : 0), 'more', (v, q) => `${v} of ${q.choices.chose}`] : null,
  ].filter(Boolean);
  return h('div', { class: 'table-wrap fit' },
    h('table', { class: 'data figures', id },
      h('thead', {}, h('tr', {}, h('th', { text: '' }),
        columns.map((c) => h('th', { class: 'num', text: c.label, dataset: c.goal ? { goal: c.goal } : {} })))),
      h('tbody', {}, rows.map(([label, value, better, show]) => {
        const values = columns.map((c) => value(c.quality));
        const best = better === 'more' ? Math.max(...values) : Math.min(...values);
        const differ = values.some((v) => v !== values[0]);
        return h('tr', {}, h('th', { scope: 'row', text: label }),
          columns.map((c, i) => h('td', {
            class: `num${differ && values[i] === best ? ' better' : ''}`,
            text: show ? show(values[i], c.quality) : String(values[i]),
          })));
      }))));
}
