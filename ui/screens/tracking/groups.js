// The dashboard's groups: one row per confirmed group (a mentor's group or
// a peer circle) with its members, why they are together and its meetings.
// Names, reasons and the meeting summary come from the core as text.
import { h, plural } from '../../dom.js';

/** The section listing `board.groups`; null when the program has none. */
export function groupsSection(board) {
  if (!board.groups.length) return null;
  const circles = board.groups.every((g) => !g.mentor);
  const rows = board.groups.map((g) => h('tr', { dataset: { groupId: String(g.id) } },
    h('th', { scope: 'row' }, h('span', { class: 'person-name', text: g.name }),
      g.mentor ? h('div', { class: 'muted small', text: `Mentor: ${g.mentor.name}` }) : null),
    h('td', {}, h('ul', { class: 'member-list' }, g.members.map((m) => h('li', { text: m.name })))),
    h('td', {}, h('div', { class: 'chips' }, g.reasons.map((r) => h('span', { class: 'chip', text: r })))),
    h('td', { class: 'muted', text: g.summary })));
  return h('section', { class: 'match-section', id: 'groups-list' },
    h('h2', { text: `${circles ? 'Peer circles' : 'Groups'} (${board.groups.length})` }),
    h('p', { class: 'muted', text: `${plural(board.groups.reduce((n, g) => n + g.members.length, 0), 'person', 'people')} in ${plural(board.groups.length, circles ? 'circle' : 'group')}. A meeting logged for a group counts for every member.` }),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data groups-table' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col', text: circles ? 'Circle' : 'Group' }),
        h('th', { scope: 'col', text: 'Members' }),
        h('th', { scope: 'col', text: 'Why together' }),
        h('th', { scope: 'col', text: 'Meetings' }))),
      h('tbody', {}, rows))));
}
