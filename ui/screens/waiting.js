// The waiting list on Matching: participants left without a mentor when
// matches were confirmed, each with the reason the core gives and how long
// they have waited. They are matched first when places open.
import { h, plural } from '../dom.js';

/** The waiting list section, or null when nobody waits. */
export function waitingSection(waiting) {
  if (!waiting || !waiting.length) return null;
  return h('section', { class: 'match-section', id: 'waiting-list' },
    h('h2', { text: `Waiting list (${waiting.length})` }),
    h('p', { class: 'muted', text: `${plural(waiting.length, 'participant')} had no mentor when matches were confirmed. They are matched first whenever there are places, here or in the program made from this one.` }),
    h('div', { class: 'table-wrap' },
      h('table', { class: 'data', id: 'waiting-table' },
        h('thead', {}, h('tr', {}, h('th', { text: 'Participant' }), h('th', { text: 'Why' }), h('th', { text: 'Waiting' }))),
        h('tbody', {}, waiting.map((w) => h('tr', {},
          h('td', { text: w.participant.name }),
          h('td', { title: w.detail || null, text: w.reason }),
          h('td', {}, h('span', { class: 'chip', text: w.flag }))))))));
}
