// The dashboard's groups: one row per confirmed group (a mentor's group or
// a peer circle) with its members, why they are together and its meetings.
// Names, reasons and the meeting summary come from the core as text.
import { h, plural } from '../../dom.js';
import { button } from '../../layout.js';

/**
 * The section listing `groups` (the dashboard's, with their meetings, or a
 * proposal's); null when there are none. `heading` goes before the count.
 */
export function groupsSection(groups, { heading = '', id = 'groups-list', logMeeting = null } = {}) {
  if (!groups.length) return null;
  const circles = groups.every((g) => !g.mentor);
  const meetings = groups.every((g) => g.summary !== undefined);
  const rows = groups.map((g) => h('tr', { dataset: { groupId: String(g.id) } },
    h('th', { scope: 'row' }, h('span', { class: 'person-name', text: g.name }),
      g.mentor ? h('div', { class: 'muted small', text: `Mentor: ${g.mentor.name}` }) : null),
    h('td', {}, h('ul', { class: 'member-list' }, g.members.map((m) => h('li', { text: m.name })))),
    h('td', {}, h('div', { class: 'chips' }, g.reasons.map((r) => h('span', { class: 'chip', text: r })))),
    meetings ? h('td', {}, h('div', { class: 'muted', text: g.summary }),
      logMeeting ? button('Log meeting…', () => logMeeting(g), { kind: 'quiet', title: `Log a meeting of ${g.name}` }) : null) : null));
  const people = groups.reduce((n, g) => n + g.members.length, 0);
  const title = `${circles ? 'Peer circles' : 'Groups'} (${groups.length})`;
  return h('section', { class: 'match-section', id },
    h('h2', { text: heading ? `${heading} ${title.charAt(0).toLowerCase()}${title.slice(1)}` : title }),
    h('p', { class: 'muted', text: `${plural(people, 'person', 'people')} in ${plural(groups.length, circles ? 'circle' : 'group')}.${meetings ? ' A meeting logged for a group counts for every member.' : ''}` }),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data groups-table' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col', text: circles ? 'Circle' : 'Group' }),
        h('th', { scope: 'col', text: 'Members' }),
        h('th', { scope: 'col', text: 'Why together' }),
        meetings ? h('th', { scope: 'col', text: 'Meetings' }) : null)),
      h('tbody', {}, rows))));
}
