// The tracking dashboard: the program's totals, the pairs to chase now and
// every pair with its check-ins. Statuses, their labels and what can be done
// with a pair come from the core with the data.
import { api } from '../../api.js';
import { h, plural, formatDate } from '../../dom.js';
import { pageHeader, emptyState, button, confirmingButton } from '../../layout.js';
import { toast } from '../../toast.js';
import { view, statusBadge, stat, termLine, saveCalendar, openReminder, writeDrafts, reminded } from './shared.js';
import { openMeeting, openGroupMeeting, openRiskHandled, writeTo } from './forms.js';
import { offerFiles } from '../import.js';
import { groupsSection } from './groups.js';

/** A button writing one email draft per person of `campaign` into a folder the committee picks. */
export function emailButton(program, campaign, label, id, includeAnswered = () => false) {
  return button(label, async (event) => {
    const trigger = event.currentTarget;
    trigger.disabled = true;
    try {
      await writeDrafts(program, campaign, includeAnswered());
    } finally {
      trigger.disabled = false;
    }
  }, { kind: 'secondary', id, title: 'One email draft (.eml) per person, for your mail program to send; the texts are on the Letters page' });
}

/** The latest satisfaction, and each answered period as a small bar (both sides' mean). */
function satisfactionCell(p) {
  const words = p.satisfaction_trend.map((t) => `${t.label}: ${[t.participant && `participant ${t.participant}`, t.mentor && `mentor ${t.mentor}`].filter(Boolean).join(', ')}`).join('; ');
  const bars = p.satisfaction_trend.map((t) => {
    const sides = [t.participant, t.mentor].filter((x) => x);
    const mean = sides.reduce((a, b) => a + b, 0) / sides.length;
    const bar = h('span', { class: `trend-bar${Math.min(...sides) <= 2 ? ' low' : ''}` });
    bar.style.height = `${Math.round((mean / 5) * 100)}%`;
    return bar;
  });
  return h('span', { class: 'satisfaction', title: words, role: 'img', 'aria-label': `Satisfaction ${words}` },
    h('span', { class: `satisfaction-value${p.satisfaction <= 2 ? ' low' : ''}`, text: `${p.satisfaction}/5` }),
    h('span', { class: 'trend' }, bars));
}

/** Pairs whose check-ins say they need the committee, each reason in words. */
function atRiskSection(pairs, board, go, program, app) {
  const person = (name, email) => ({ name, email });
  const reload = () => app.render();
  return h('section', { class: 'match-section', id: 'at-risk' },
    h('h2', { text: `At risk (${pairs.length})` }),
    h('ul', { class: 'plain-list risk-list' }, pairs.map((p) => h('li', { dataset: { matchId: String(p.match_id) } },
      h('div', { class: 'risk-head' },
        h('button', { type: 'button', class: 'link person-name', text: `${p.participant} & ${p.mentor}`, on: { click: () => go('pair', p.match_id) } }),
        h('div', { class: 'row-actions' },
          button('Write to the participant…', () => writeTo(person(p.participant, p.participant_email), program), { kind: 'quiet', title: `A new email to ${p.participant} alone` }),
          button('Write to the mentor…', () => writeTo(person(p.mentor, p.mentor_email), program), { kind: 'quiet', title: `A new email to ${p.mentor} alone` }),
          button('Mark handled…', () => openRiskHandled({ pair: p, as_of: board.as_of }, reload), { kind: 'quiet', title: 'Say how the committee dealt with it; the pair comes back only with new evidence' }),
          p.actions.includes('end_early') ? button('End early and re-match…', () => go('pair', p.match_id), { kind: 'quiet', title: 'On the pair\u2019s page' }) : null)),
      h('ul', { class: 'risk-reasons' }, p.risk_reasons.map((r) => h('li', { text: r })))))),
    h('details', { class: 'muted small' },
      h('summary', { text: 'How Matchbook decides a pair is at risk' }),
      h('ul', {},
        h('li', { text: 'The latest satisfaction either of them gave is 2 of 5 or less.' }),
        h('li', { text: 'Both of the two latest check-ins they answered said they had not met, and no meeting was logged.' }),
        h('li', { text: `The latest note either left for the committee contains one of: ${board.at_risk_phrases.map((w) => `“${w}”`).join(', ')}.` }),
        h('li', { text: 'Neither of them answered the last two check-ins (once the program collects check-ins).' })),
      h('p', { class: 'muted small', text: 'Risk comes from what the pair says; the status (On track, Due soon, Overdue) from its meetings in each period. A pair can be on track with its meetings and still at risk. At-risk pairs get no bulk reminder: a reminder to meet is not what they need.' })));
}

/** Who has not answered this period's check-in, with their own link when the program has one. */
function notAnsweredSection(board, program) {
  const people = board.not_answered;
  const emails = people.map((n) => n.email).filter(Boolean);
  const everyone = h('input', { type: 'checkbox', id: 'include-answered' });
  const copy = button('Copy their emails', async () => {
    try {
      await navigator.clipboard.writeText(emails.join(', '));
      toast(`Copied ${plural(emails.length, 'email')}: paste them into your reminder's To or Bcc.`);
    } catch {
      toast('The emails could not be copied; select them in the list instead.', 'error');
    }
  }, { kind: 'secondary', id: 'copy-not-answered' });
  return h('section', { class: 'match-section', id: 'not-answered' },
    h('h2', { text: `Not answered ${people.length ? people[0].period : 'this period'} yet (${people.length})` }),
    h('p', { class: 'muted', text: board.survey_link
      ? 'Each person’s own link has their email filled in, so their answer joins their pair exactly.'
      : 'Add your check-in form’s pre-filled link to the program (Programs → Edit) to give each person their own link.' }),
    h('div', { class: 'row-actions' }, emails.length ? copy : null,
      emailButton(program, 'check_in', `Write check-in emails to these ${plural(people.length, 'person', 'people')}…`, 'email-check-ins', () => everyone.checked),
      h('label', { class: 'check-field' }, everyone, 'Also send to those who answered')),
    h('div', { class: 'table-wrap short' },
      h('table', { class: 'data', id: 'not-answered-table' },
        h('thead', {}, h('tr', {}, ['Name', 'Role', 'Email', 'Their check-in link'].map((t) => h('th', {}, h('span', { class: 'th', text: t }))))),
        h('tbody', {}, people.map((n) => h('tr', {},
          h('td', { class: 'person-name', text: n.name }),
          h('td', { text: n.role }),
          h('td', { text: n.email || '—' }),
          h('td', { class: 'link-cell', text: n.survey_link || '—' })))))));
}

async function importResponses(app) {
  try {
    const files = await api.chooseImportFiles();
    if (files.length) offerFiles(app, files);
  } catch (error) {
    toast(String(error), 'error');
  }
}

/** Q1 … Q6 as small dots; the label and state are in the tooltip and for screen readers. */
function checkinDots(checkins) {
  return h('span', { class: 'checkin-dots', role: 'img', 'aria-label': checkins.map((c) => `${c.label} ${c.state_label}`).join(', ') },
    checkins.map((c) => h('span', { class: `dot ${c.state}`, title: `${c.label}: ${c.state_label} (${formatDate(c.starts)} – ${formatDate(c.due)})` })));
}

function progressBar(done, total, label) {
  const bar = h('span', { class: 'progress-fill' });
  bar.style.width = `${total ? Math.min(100, (done / total) * 100) : 0}%`;
  return h('span', { class: 'progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': String(total), 'aria-valuenow': String(done), 'aria-label': label }, bar);
}

/** "Complete N pairs…" for the running pairs whose term is over. */
function completeButton(program, board, app) {
  const termOver = board.pairs.filter((p) => p.actions.includes('complete'));
  if (!termOver.length) return null;
  return confirmingButton(`Complete ${plural(termOver.length, 'pair')}…`,
    `Mark ${plural(termOver.length, 'pair')} whose term is over as completed?`, 'Complete',
    async () => {
      try {
        const n = await api.completePairs(program.id, termOver.map((p) => p.match_id));
        toast(`${plural(n, 'pair')} marked completed.`);
        await app.reloadPrograms();
        app.render();
      } catch (error) {
        toast(String(error), 'error');
      }
    }, { kind: 'secondary', danger: false });
}

export async function renderDashboard(main, app, program, go) {
  const board = await api.trackingDashboard(program.id);
  if (!board.pairs.length && board.groups.length) {
    // Peer circles have no pairs: the circles are what is tracked.
    main.append(pageHeader('Tracking', {
      subtitle: termLine(board),
      secondary: [
        button('Import check-ins…', () => importResponses(app), { id: 'import-responses', title: 'Check-in responses from Google Forms, Microsoft Forms or a spreadsheet: each member\u2019s answer joins their circle' }),
        button('Outcomes', () => go('outcomes'), { id: 'open-outcomes', title: 'What the end-of-program evaluations say' }),
      ],
    }));
    main.append(circlesStats(board));
    // Those of the circles who have not answered the check-in they are asked about.
    const waiting = board.groups.reduce((n, g) => n + g.pulse.not_answered.length, 0);
    if (waiting) {
      main.append(h('div', { class: 'row-actions', id: 'circles-not-answered' },
        h('span', { text: `${plural(waiting, 'person', 'people')} in the circles have not answered this check-in yet.` }),
        emailButton(program, 'check_in', `Write check-in emails to ${plural(waiting, 'person', 'people')}…`, 'email-check-ins')));
    }
    main.append(groupsSection(board.groups, { logMeeting: logGroupMeeting(program, board, app) }));
    return;
  }
  if (!board.pairs.length) {
    main.append(pageHeader('Tracking', { subtitle: termLine(board) }));
    main.append(emptyState({
      title: 'No confirmed pairs yet',
      text: 'Tracking starts once the committee confirms the matches. Compute and confirm them on the Matching page; each confirmed pair then appears here with its periods (a meeting expected in each, and a check-in at its end).',
      actions: [button('Go to Matching', () => app.go('matching'), { kind: 'primary' })],
    }));
    return;
  }
  const secondary = [
    board.term_notice ? null : completeButton(program, board, app),
    button('Import check-ins…', () => importResponses(app), { id: 'import-responses', title: 'Check-in or evaluation responses from Google Forms, Microsoft Forms or a spreadsheet (or drop the file on the window)' }),
    button('Outcomes', () => go('outcomes'), { id: 'open-outcomes', title: 'What the end-of-program evaluations say' }),
    button('Calendar (.ics)…', () => saveCalendar(program.id), { id: 'save-calendar', title: 'Every expected check-in date, for Outlook, Google or Apple Calendar' }),
  ].filter(Boolean);
  main.append(pageHeader('Tracking', {
    subtitle: termLine(board),
    primary: button('Program report', () => go('report'), { kind: 'primary', id: 'open-report' }),
    secondary,
  }));
  if (!board.kickoff_date) {
    main.append(h('p', { class: 'notice', text: 'This program has no kickoff date, so each pair\u2019s periods count from the day its match was confirmed. Set the kickoff date on the Programs page to count from the kickoff.' }));
  }
  if (board.term_notice) {
    main.append(h('div', { class: 'notice', id: 'term-notice', role: 'status' }, h('span', { text: board.term_notice }), completeButton(program, board, app)));
  }
  const t = board.totals;
  main.append(h('div', { class: 'stats', id: 'tracking-stats' },
    stat(t.pairs, t.ended_early || t.completed ? `pairs (${t.active} running)` : 'pairs', { id: 'stat-pairs' }),
    stat(t.meetings_logged, 'meetings logged', { id: 'stat-meetings' }),
    board.collects_check_ins ? stat(t.meetings_reported, 'more reported in check-ins', { id: 'stat-meetings-reported' }) : null,
    stat(`${t.goals_achieved} of ${t.goals_total}`, 'goals achieved', { id: 'stat-goals' }),
    stat(t.overdue, 'pairs overdue', { id: 'stat-overdue', kind: t.overdue ? 'bad' : '' }),
    stat(t.due_soon, `due within ${board.due_soon_days} days`, { id: 'stat-due-soon', kind: t.due_soon ? 'warn' : '' }),
    board.collects_check_ins ? stat(t.at_risk, t.at_risk === 1 ? 'pair at risk' : 'pairs at risk', { id: 'stat-at-risk', kind: t.at_risk ? 'bad' : '' }) : null,
    t.response_rate === null ? null : stat(`${Math.round(t.response_rate * 100)}%`, 'answered this check-in', { id: 'stat-response-rate' })));

  const atRisk = board.pairs.filter((p) => p.at_risk);
  if (atRisk.length) main.append(atRiskSection(atRisk, board, go, program, app));
  const dueNow = board.pairs.filter((p) => p.needs_check_in);
  if (dueNow.length) main.append(dueSection(dueNow, board, app, program));
  if (board.not_answered.length) main.append(notAnsweredSection(board, program));
  const groups = groupsSection(board.groups, { logMeeting: logGroupMeeting(program, board, app) });
  if (groups) main.append(groups);
  main.append(pairsTable(board, go));
}

/** The figures of a program of peer circles: circles, meetings, answers and risk. */
function circlesStats(board) {
  const groups = board.groups;
  const meetings = groups.reduce((n, g) => n + g.meetings.length, 0);
  const t = board.totals;
  return h('div', { class: 'stats', id: 'tracking-stats' },
    stat(groups.length, groups.length === 1 ? 'circle' : 'circles', { id: 'stat-groups' }),
    stat(meetings, meetings === 1 ? 'meeting logged' : 'meetings logged', { id: 'stat-meetings' }),
    t.response_rate === null ? null : stat(`${Math.round(t.response_rate * 100)}%`, 'answered this check-in', { id: 'stat-response-rate' }),
    board.collects_check_ins ? stat(t.groups_at_risk, t.groups_at_risk === 1 ? 'circle at risk' : 'circles at risk', { id: 'stat-at-risk', kind: t.groups_at_risk ? 'bad' : '' }) : null);
}

/** Opens the form that logs a meeting of a whole group. */
function logGroupMeeting(program, board, app) {
  return (group) => openGroupMeeting(program.id, group, board.as_of, board.meeting_modes, () => app.render());
}

/** The pairs to chase now, with a reminder and a quick "log meeting" each; long lists fold. */
function dueSection(dueNow, board, app, program) {
  const FOLDED = 5;
  const tbody = h('tbody');
  const more = h('button', { type: 'button', class: 'quiet', id: 'show-all-due' });
  let open = false;
  const draw = () => {
    const shown = open ? dueNow : dueNow.slice(0, FOLDED);
    tbody.replaceChildren(...shown.map((p) => h('tr', { dataset: { matchId: String(p.match_id) } },
      h('td', { class: 'status-cell' }, statusBadge(p)),
      h('td', {}, h('span', { class: 'person-name', text: `${p.participant} & ${p.mentor}` })),
      h('td', { class: 'muted', text: p.overdue_since ? `no meeting in the period that ended ${formatDate(p.overdue_since)}` : `meeting due by ${formatDate(p.next_due)}` }),
      h('td', { class: 'actions-cell' }, h('div', { class: 'row-actions' },
        p.actions.includes('remind') ? button('Reminder…', () => openReminder(p), { kind: 'quiet', title: `Reminder text for ${p.participant} and ${p.mentor}` }) : h('span', { class: 'muted small', text: p.at_risk ? 'At risk: see above' : '' }),
        button('Log meeting…', () => openMeeting(p, board.as_of, board.meeting_modes, null, () => app.render()), { kind: 'quiet', title: `Log a meeting of ${p.participant} and ${p.mentor}` }))))));
    more.hidden = dueNow.length <= FOLDED;
    more.textContent = open ? 'Show fewer' : `Show all ${dueNow.length}`;
  };
  more.addEventListener('click', () => { open = !open; draw(); });
  draw();
  return h('section', { class: 'match-section', id: 'due-list' },
    h('h2', { text: `Needs a meeting (${dueNow.length})` }),
    h('p', { class: 'muted', text: `Overdue, or due within ${board.due_soon_days} days. A reminder gives you the text to send the pair; log the meeting once they report it.` }),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data due-table' }, tbody)),
    h('div', { class: 'row-actions' }, more,
      reminded(dueNow) ? emailButton(program, 'reminder', `Prepare reminders (${reminded(dueNow)})…`, 'email-reminders') : null));
}


const SORTS = {
  urgency: ['Most urgent first', null],
  participant: ['Participant', (a, b) => a.participant.localeCompare(b.participant)],
  mentor: ['Mentor', (a, b) => a.mentor.localeCompare(b.mentor)],
  last_meeting: ['Longest since a meeting', (a, b) => (a.last_meeting || '').localeCompare(b.last_meeting || '')],
  goals: ['Fewest goals achieved', (a, b) => a.goals_achieved - b.goals_achieved],
};

function pairsTable(board, go) {
  // "All", then each status the core names, with its count.
  const filters = [{ status: 'all', label: 'All', count: board.pairs.length }, ...board.statuses];
  const search = h('input', { type: 'search', placeholder: 'Find a participant or mentor', 'aria-label': 'Find a participant or mentor', value: view.search });
  const sortSelect = h('select', { 'aria-label': 'Sort pairs' },
    Object.entries(SORTS).map(([value, [label]]) => h('option', { value, text: label, selected: view.sort === value })));
  const tbody = h('tbody');
  const filterButtons = filters.map((f) => h('button', {
    type: 'button', class: 'filter', dataset: { filter: f.status }, text: `${f.label} (${f.count})`,
    on: { click: () => { view.filter = f.status; draw(); } },
  }));
  const filterBar = h('div', { class: 'segmented-buttons', role: 'group', 'aria-label': 'Show pairs' }, filterButtons);
  const draw = () => {
    const q = view.search.trim().toLowerCase();
    let pairs = board.pairs.filter((p) => (view.filter === 'all' || p.status === view.filter)
      && (!q || `${p.participant} ${p.mentor} ${p.participant_email || ''} ${p.mentor_email || ''}`.toLowerCase().includes(q)));
    const by = (SORTS[view.sort] || SORTS.urgency)[1];
    if (by) pairs = [...pairs].sort(by);
    tbody.replaceChildren(...pairs.map((p) => pairRow(p, go)));
    if (!pairs.length) tbody.append(h('tr', {}, h('td', { colspan: '7', class: 'muted', text: 'No pair matches this filter.' })));
    for (const b of filterButtons) b.setAttribute('aria-pressed', String(view.filter === b.dataset.filter));
  };
  search.addEventListener('input', () => { view.search = search.value; draw(); });
  sortSelect.addEventListener('change', () => { view.sort = sortSelect.value; draw(); });
  draw();
  return h('section', { class: 'match-section' },
    h('h2', { text: 'Pairs' }),
    h('div', { class: 'toolbar tracking-toolbar' }, filterBar, search, sortSelect),
    h('div', { class: 'table-wrap' },
      h('table', { class: 'data', id: 'tracking-table' },
        h('thead', {}, h('tr', {},
          ['Participant', 'Mentor', 'Months', 'Last meeting', 'Meetings per period', 'Goals', 'Status'].map((t) => h('th', {}, h('span', { class: 'th', text: t }))))),
        tbody)));
}

function pairRow(p, go) {
  const open = () => go('pair', p.match_id);
  const months = p.running
    ? h('div', {}, h('div', { class: 'small', text: `${p.months_elapsed} of ${p.months_total}` }), progressBar(p.months_elapsed, p.months_total, `${p.months_elapsed} of ${p.months_total} months`))
    : h('div', { class: 'small muted', text: `${p.outcome_label} ${formatDate(p.ended_on)}` });
  const next = p.overdue_since
    ? `No meeting by ${formatDate(p.overdue_since)}`
    : p.next_due ? `Next due ${formatDate(p.next_due)}` : (p.term_over ? p.status_label : '');
  return h('tr', { class: 'clickable', dataset: { matchId: String(p.match_id), status: p.status }, on: { click: (e) => { if (!e.target.closest('button')) open(); } } },
    h('td', {},
      h('button', { type: 'button', class: 'link person-name', text: p.participant, on: { click: open }, 'aria-label': `Open the page of ${p.participant} and ${p.mentor}` }),
      h('div', { class: 'muted small', text: p.participant_library })),
    h('td', {}, h('div', { class: 'person-name', text: p.mentor }), h('div', { class: 'muted small', text: p.mentor_library })),
    h('td', {}, months),
    h('td', {}, h('div', { text: p.last_meeting ? formatDate(p.last_meeting) : (p.meetings ? `${plural(p.meetings, 'meeting')} reported` : 'None yet') }), h('div', { class: 'muted small', text: next })),
    // The pair's own reports sit under its check-ins: satisfaction now and over time.
    h('td', { class: 'checkins-cell' }, checkinDots(p.checkins), p.satisfaction_trend.length ? satisfactionCell(p) : null),
    h('td', { class: 'num', text: p.goals_total ? `${p.goals_achieved} / ${p.goals_total}` : '—' }),
    h('td', { class: 'status-cell' }, statusBadge(p), p.at_risk ? h('span', { class: 'status-badge bad at-risk-badge', text: 'At risk', title: p.risk_reasons.join(' ') }) : null));
}
