// The dashboard's groups: one row per confirmed group (a mentor's group or
// a peer circle) with its members, why they are together, its meetings and
// what its check-ins say; a group's page in the side panel lists each
// member with their own answers. Names, reasons, summaries and risk reasons
// come from the core as text.
import { api } from '../../api.js';
import { h, plural, formatDate } from '../../dom.js';
import { button } from '../../layout.js';
import { openPanel } from '../../panel.js';
import { openGroupMeeting } from './forms.js';

/** A group's check-ins in its row: the summary and, when at risk, why. */
function checkInCell(g) {
  return h('td', { class: 'group-checkins' },
    g.pulse.at_risk ? h('span', { class: 'status-badge bad', text: 'At risk' }) : null,
    h('div', { class: 'muted', text: g.pulse.summary }),
    g.pulse.at_risk ? h('ul', { class: 'risk-reasons small' }, g.pulse.risk_reasons.map((r) => h('li', { text: r }))) : null);
}

/**
 * A group's page in the side panel: each member with their own check-ins,
 * then the meetings; `logMeeting(g)`, when given, behind "Log meeting…";
 * `openPerson(id)`, when given, opens a member's panel from their name.
 */
export function openGroupPage(g, { logMeeting = null, openPerson = null } = {}) {
  const everyone = [...(g.mentor ? [{ ...g.mentor, mentor: true }] : []), ...g.members];
  const person = (p) => {
    const theirs = g.pulse.answers.filter((a) => a.person_id === p.id);
    return h('li', { class: 'group-member', dataset: { personId: String(p.id) } },
      openPerson
        ? h('button', { type: 'button', class: 'link person-name', text: p.mentor ? `${p.name} (mentor)` : p.name, title: `${p.name}: their application`, on: { click: () => openPerson(p.id) } })
        : h('div', { class: 'person-name', text: p.mentor ? `${p.name} (mentor)` : p.name }),
      p.email ? h('div', { class: 'muted small', text: p.email }) : null,
      theirs.length
        ? h('ul', { class: 'plain-list member-answers' }, theirs.map((a) => h('li', {},
          h('div', { text: a.text }),
          a.note ? h('div', { class: 'muted small', text: `\u201c${a.note}\u201d` }) : null)))
        : h('div', { class: 'muted small', text: 'No check-in answered yet' }));
  };
  openPanel({
    title: g.name,
    body: h('div', { class: 'group-page', id: 'group-page' },
      logMeeting ? h('div', { class: 'row-actions' }, button('Log meeting…', () => logMeeting(g), { kind: 'primary', id: 'group-log-meeting', title: `Log a meeting of ${g.name}` })) : null,
      g.reasons.length ? h('div', { class: 'chips' }, g.reasons.map((r) => h('span', { class: 'chip', text: r }))) : null,
      h('h3', { text: 'Check-ins' }),
      h('p', { text: g.pulse.summary }),
      g.pulse.at_risk ? h('ul', { class: 'risk-reasons' }, g.pulse.risk_reasons.map((r) => h('li', { text: r }))) : null,
      h('h3', { text: `Members (${everyone.length})` }),
      h('ul', { class: 'plain-list group-members' }, everyone.map(person)),
      h('h3', { text: 'Meetings' }),
      g.meetings.length
        ? h('ul', { class: 'plain-list' }, g.meetings.map((m) => h('li', { text: [formatDate(m.date), m.topics].filter(Boolean).join(' \u00b7 ') })))
        : h('p', { class: 'muted', text: g.summary })),
  });
}

/** Opens group `groupId`'s page as Tracking shows it today, with "Log meeting…" (then `reload()`) and members' names opening `openPerson(id)`. */
export async function openGroupOf(programId, groupId, reload, openPerson = null) {
  const board = await api.trackingDashboard(programId);
  const g = board.groups.find((x) => x.id === groupId);
  if (g) openGroupPage(g, { logMeeting: (group) => openGroupMeeting(programId, group, board.as_of, board.meeting_modes, reload), openPerson });
}

/**
 * A participant's group or circle in their panel (`page` from the core's
 * member page): its name, which opens its page, the others in it, its
 * meetings and their last check-in. `words` are the program's.
 */
export function memberGroupSection(programId, page, words, reload, openPerson = null) {
  const g = page.group;
  const last = page.check_ins[0];
  const others = [...(g.mentor ? [`${g.mentor.name} (mentor)`] : []), ...g.members.filter((m) => m.id !== page.person.id).map((m) => m.name)];
  return h('section', { class: 'member-group', id: 'person-group' },
    h('h3', { text: `Their ${words.unit}` }),
    h('p', {}, h('button', { type: 'button', class: 'link person-name', id: 'open-person-group', text: g.name, title: `${g.name}: each member, the meetings and check-ins`,
      on: { click: () => openGroupOf(programId, g.id, reload, openPerson) } })),
    others.length ? h('p', { class: 'muted small', text: `With ${others.join(', ')}` }) : null,
    h('p', { id: 'person-group-meetings', text: g.summary }),
    h('p', { class: 'muted', id: 'person-group-checkin', text: last ? `Last check-in: ${last.text}` : 'No check-in answered yet' }));
}

/**
 * The section listing `groups` (the dashboard's, with their meetings, or a
 * proposal's); null when there are none. `heading` goes before the count.
 */
export function groupsSection(groups, { heading = '', id = 'groups-list', logMeeting = null } = {}) {
  if (!groups.length) return null;
  const circles = groups.every((g) => !g.mentor);
  const meetings = groups.every((g) => g.summary !== undefined);
  const tracked = groups.every((g) => g.pulse !== undefined);
  const rows = groups.map((g) => h('tr', { dataset: { groupId: String(g.id) } },
    h('th', { scope: 'row' },
      tracked
        ? h('button', { type: 'button', class: 'link person-name', text: g.name, title: `${g.name}: each member and their check-ins`, on: { click: () => openGroupPage(g, { logMeeting }) } })
        : h('span', { class: 'person-name', text: g.name }),
      g.mentor ? h('div', { class: 'muted small', text: `Mentor: ${g.mentor.name}` }) : null),
    h('td', {}, h('ul', { class: 'member-list' }, g.members.map((m) => h('li', { text: m.name })))),
    h('td', {}, h('div', { class: 'chips' }, g.reasons.map((r) => h('span', { class: 'chip', text: r })))),
    meetings ? h('td', {}, h('div', { class: 'muted', text: g.summary }),
      logMeeting ? button('Log meeting…', () => logMeeting(g), { kind: 'quiet', title: `Log a meeting of ${g.name}` }) : null) : null,
    tracked ? checkInCell(g) : null));
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
        meetings ? h('th', { scope: 'col', text: 'Meetings' }) : null,
        tracked ? h('th', { scope: 'col', text: 'Check-ins' }) : null)),
      h('tbody', {}, rows))));
}
