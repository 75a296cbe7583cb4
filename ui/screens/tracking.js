// Tracking: the 18 months after matching. The dashboard (who is on track,
// who has gone quiet), each pair's page (goals, meetings, check-ins, history)
// and the program report with its charts.
import { api } from '../api.js';
import { h, plural, formatDate } from '../dom.js';
import { pageHeader, emptyState, button, confirmingButton } from '../layout.js';
import { openPanel, closePanel } from '../panel.js';
import { currentProgram, state } from '../state.js';
import { toast } from '../toast.js';

const STATUS = {
  on_track: { label: 'On track', kind: 'ok' },
  due_soon: { label: 'Due soon', kind: 'warn' },
  overdue: { label: 'Overdue', kind: 'bad' },
  ended: { label: 'Ended', kind: 'neutral' },
};
const CHECKIN_WORDS = {
  met: 'met', missed: 'missed', due: 'due now', upcoming: 'upcoming', not_expected: 'not expected',
};
const MODES = [['', 'Not recorded'], ['in_person', 'In person'], ['video', 'Video call'], ['phone', 'Phone call']];
const GOAL_STATUS = [['not_started', 'Not started'], ['in_progress', 'In progress'], ['achieved', 'Achieved'], ['dropped', 'Dropped']];
const goalStatusLabel = (s) => (GOAL_STATUS.find(([key]) => key === s) || [s, s])[1];

/** "Dec 19, 2026": for the check-in cards, where a long date wraps. */
function shortDate(iso) {
  const [y, m, d] = (iso || '').split('-').map(Number);
  if (!y || !m || !d) return iso || '';
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

// Where the screen is: the dashboard, one pair, or the report. Kept while the
// window is open so coming back to Tracking shows the same place.
const view = { page: 'dashboard', matchId: null, filter: 'all', search: '', sort: 'urgency', asOf: '' };

/** Back to the dashboard (the sidebar's Tracking always opens it); `forget` also drops the filters (another file was opened). */
export function resetTracking(forget = false) {
  view.page = 'dashboard';
  view.matchId = null;
  if (forget) Object.assign(view, { program: null, filter: 'all', search: '', asOf: '' });
}

export async function renderTracking(main, app) {
  const program = currentProgram();
  if (!program) {
    main.append(pageHeader('Tracking'));
    main.append(emptyState({
      title: 'No program yet',
      text: 'Tracking follows each confirmed pair for the whole relationship. Create a program or add the sample program first.',
      actions: [button('Go to Programs', () => app.go('programs'), { kind: 'primary' })],
    }));
    return;
  }
  if (view.program !== program.id) {
    Object.assign(view, { program: program.id, page: 'dashboard', matchId: null });
  }
  const go = (page, matchId = null) => {
    view.page = page;
    view.matchId = matchId;
    app.render();
  };
  if (view.page === 'pair' && view.matchId) {
    await renderPair(main, app, program, go);
  } else if (view.page === 'report') {
    await renderReport(main, program, go);
  } else {
    await renderDashboard(main, app, program, go);
  }
}

function statusBadge(status) {
  const s = STATUS[status] || STATUS.on_track;
  return h('span', { class: `status-badge ${s.kind}`, text: s.label });
}

function stat(value, label, { id = null, kind = '' } = {}) {
  return h('div', { class: `stat ${kind}`, id }, h('div', { class: 'stat-value', text: String(value) }), h('div', { class: 'stat-label', text: label }));
}

/** Q1 … Q6 as small dots; the label and state are in the tooltip and for screen readers. */
function checkinDots(checkins) {
  return h('span', { class: 'checkin-dots', role: 'img', 'aria-label': checkins.map((c) => `${c.label} ${CHECKIN_WORDS[c.state]}`).join(', ') },
    checkins.map((c) => h('span', { class: `dot ${c.state}`, title: `${c.label}: ${CHECKIN_WORDS[c.state]} (${formatDate(c.starts)} – ${formatDate(c.due)})` })));
}

function progressBar(done, total, label) {
  const bar = h('span', { class: 'progress-fill' });
  bar.style.width = `${total ? Math.min(100, (done / total) * 100) : 0}%`;
  return h('span', { class: 'progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': String(total), 'aria-valuenow': String(done), 'aria-label': label }, bar);
}

function termLine(board) {
  const cadence = board.cadence_months === 3 ? 'a check-in every quarter' : `a check-in every ${plural(board.cadence_months, 'month')}`;
  const kickoff = board.kickoff_date ? `kickoff ${formatDate(board.kickoff_date)}` : 'no kickoff date';
  return `${board.program} · ${kickoff} · ${board.relationship_months} months, ${cadence} · as of ${formatDate(board.as_of)}`;
}

async function renderDashboard(main, app, program, go) {
  const board = await api.trackingDashboard(program.id);
  const running = board.pairs.filter((p) => p.outcome === 'active');
  const termOver = running.filter((p) => p.term_over);
  if (!board.pairs.length) {
    main.append(pageHeader('Tracking', { subtitle: termLine(board) }));
    main.append(emptyState({
      title: 'No confirmed pairs yet',
      text: 'Tracking starts once the committee confirms the matches. Compute and confirm them on the Matching page; each confirmed pair then appears here with its check-ins.',
      actions: [button('Go to Matching', () => app.go('matching'), { kind: 'primary' })],
    }));
    return;
  }
  const secondary = [
    button('Calendar (.ics)…', () => saveCalendar(program.id), { id: 'save-calendar', title: 'Every expected check-in date, for Outlook, Google or Apple Calendar' }),
  ];
  if (termOver.length) {
    secondary.unshift(confirmingButton(`Complete ${plural(termOver.length, 'pair')}…`,
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
      }, { kind: 'secondary' }));
  }
  main.append(pageHeader('Tracking', {
    subtitle: termLine(board),
    primary: button('Program report', () => go('report'), { kind: 'primary', id: 'open-report' }),
    secondary,
  }));
  if (!board.kickoff_date) {
    main.append(h('p', { class: 'notice', text: 'This program has no kickoff date, so each pair\u2019s check-ins count from the day its match was confirmed. Set the kickoff date on the Programs page to count from the kickoff.' }));
  }
  const t = board.totals;
  main.append(h('div', { class: 'stats', id: 'tracking-stats' },
    stat(t.pairs, t.ended_early || t.completed ? `pairs (${t.active} running)` : 'pairs', { id: 'stat-pairs' }),
    stat(t.meetings, 'meetings logged', { id: 'stat-meetings' }),
    stat(`${t.goals_achieved} of ${t.goals_total}`, 'goals achieved', { id: 'stat-goals' }),
    stat(t.overdue, 'pairs overdue', { id: 'stat-overdue', kind: t.overdue ? 'bad' : '' }),
    stat(t.due_soon, 'due within 30 days', { id: 'stat-due-soon', kind: t.due_soon ? 'warn' : '' })));

  const dueNow = board.pairs.filter((p) => p.status === 'overdue' || p.status === 'due_soon');
  if (dueNow.length) main.append(dueSection(dueNow, board, app));
  main.append(pairsTable(board, go));
}

/** The pairs to chase now, with a reminder and a quick "log meeting" each; long lists fold. */
function dueSection(dueNow, board, app) {
  const FOLDED = 5;
  const tbody = h('tbody');
  const more = h('button', { type: 'button', class: 'quiet', id: 'show-all-due' });
  let open = false;
  const draw = () => {
    const shown = open ? dueNow : dueNow.slice(0, FOLDED);
    tbody.replaceChildren(...shown.map((p) => h('tr', { dataset: { matchId: String(p.match_id) } },
      h('td', { class: 'status-cell' }, statusBadge(p.status)),
      h('td', {}, h('span', { class: 'person-name', text: `${p.participant} & ${p.mentor}` })),
      h('td', { class: 'muted', text: p.status === 'overdue' ? `missed the check-in due ${formatDate(p.overdue_since)}` : `due by ${formatDate(p.next_due)}` }),
      h('td', { class: 'actions-cell' }, h('div', { class: 'row-actions' },
        button('Reminder…', () => openReminder(p), { kind: 'quiet', title: `Reminder text for ${p.participant} and ${p.mentor}` }),
        button('Log meeting…', () => openMeeting(p.match_id, board.as_of, null, () => app.render()), { kind: 'quiet', title: `Log a meeting of ${p.participant} and ${p.mentor}` }))))));
    more.hidden = dueNow.length <= FOLDED;
    more.textContent = open ? 'Show fewer' : `Show all ${dueNow.length}`;
  };
  more.addEventListener('click', () => { open = !open; draw(); });
  draw();
  return h('section', { class: 'match-section', id: 'due-list' },
    h('h2', { text: `Needs a check-in (${dueNow.length})` }),
    h('p', { class: 'muted', text: 'Overdue, or due within 30 days. A reminder gives you the text to send the pair; log the meeting once they report it.' }),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data due-table' }, tbody)),
    more);
}

function pairsTable(board, go) {
  const filters = [['all', 'All'], ['overdue', 'Overdue'], ['due_soon', 'Due soon'], ['on_track', 'On track'], ['ended', 'Ended']];
  const count = (f) => (f === 'all' ? board.pairs.length : board.pairs.filter((p) => p.status === f).length);
  const search = h('input', { type: 'search', placeholder: 'Find a participant or mentor', 'aria-label': 'Find a participant or mentor', value: view.search });
  const sortSelect = h('select', { 'aria-label': 'Sort pairs' },
    [['urgency', 'Most urgent first'], ['participant', 'Participant'], ['mentor', 'Mentor'], ['last_meeting', 'Longest since a meeting'], ['goals', 'Fewest goals achieved']]
      .map(([value, label]) => h('option', { value, text: label, selected: view.sort === value })));
  const tbody = h('tbody');
  const filterButtons = filters.map(([key, label]) => h('button', {
    type: 'button', class: 'filter', dataset: { filter: key }, text: `${label} (${count(key)})`,
    on: { click: () => { view.filter = key; draw(); } },
  }));
  const filterBar = h('div', { class: 'segmented-buttons', role: 'group', 'aria-label': 'Show pairs' }, filterButtons);
  const draw = () => {
    const q = view.search.trim().toLowerCase();
    let pairs = board.pairs.filter((p) => (view.filter === 'all' || p.status === view.filter)
      && (!q || `${p.participant} ${p.mentor} ${p.participant_email || ''} ${p.mentor_email || ''}`.toLowerCase().includes(q)));
    const by = {
      participant: (a, b) => a.participant.localeCompare(b.participant),
      mentor: (a, b) => a.mentor.localeCompare(b.mentor),
      last_meeting: (a, b) => (a.last_meeting || '').localeCompare(b.last_meeting || ''),
      goals: (a, b) => a.goals_achieved - b.goals_achieved,
    }[view.sort];
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
          ['Participant', 'Mentor', 'Months', 'Last meeting', 'Check-ins', 'Goals', 'Status'].map((t) => h('th', {}, h('span', { class: 'th', text: t }))))),
        tbody)));
}

function pairRow(p, go) {
  const open = () => go('pair', p.match_id);
  const months = p.outcome === 'active'
    ? h('div', {}, h('div', { class: 'small', text: `${p.months_elapsed} of ${p.months_total}` }), progressBar(p.months_elapsed, p.months_total, `${p.months_elapsed} of ${p.months_total} months`))
    : h('div', { class: 'small muted', text: p.outcome === 'completed' ? `Completed ${formatDate(p.ended_on)}` : `Ended ${formatDate(p.ended_on)}` });
  const next = p.status === 'overdue'
    ? `Missed ${formatDate(p.overdue_since)}`
    : p.next_due ? `Next due ${formatDate(p.next_due)}` : (p.term_over ? 'Term over' : '');
  return h('tr', { class: 'clickable', dataset: { matchId: String(p.match_id), status: p.status }, on: { click: (e) => { if (!e.target.closest('button')) open(); } } },
    h('td', {},
      h('button', { type: 'button', class: 'link person-name', text: p.participant, on: { click: open }, 'aria-label': `Open the page of ${p.participant} and ${p.mentor}` }),
      h('div', { class: 'muted small', text: p.participant_library })),
    h('td', {}, h('div', { class: 'person-name', text: p.mentor }), h('div', { class: 'muted small', text: p.mentor_library })),
    h('td', {}, months),
    h('td', {}, h('div', { text: p.last_meeting ? formatDate(p.last_meeting) : 'None yet' }), h('div', { class: 'muted small', text: next })),
    h('td', {}, checkinDots(p.checkins)),
    h('td', { class: 'num', text: p.goals_total ? `${p.goals_achieved} / ${p.goals_total}` : '—' }),
    h('td', { class: 'status-cell' }, statusBadge(p.status)));
}

async function saveCalendar(programId, matchId = null) {
  try {
    const path = await api.saveCalendar(programId, matchId);
    if (path) toast(`Saved the check-in calendar to ${path}. Open it with your calendar program to add the dates.`);
  } catch (error) {
    toast(String(error), 'error');
  }
}

async function openReminder(pair) {
  let reminder;
  try {
    reminder = await api.pairReminder(pair.match_id);
  } catch (error) {
    toast(String(error), 'error');
    return;
  }
  const to = h('input', { type: 'text', id: 'reminder-to', readOnly: true, value: reminder.to.join(', ') });
  const subject = h('input', { type: 'text', id: 'reminder-subject', value: reminder.subject });
  const body = h('textarea', { id: 'reminder-body', rows: '16' });
  body.value = reminder.body;
  const copy = async () => {
    const text = `Subject: ${subject.value}\n\n${body.value}`;
    try {
      await navigator.clipboard.writeText(text);
      toast('Copied. Paste it into a new email to both of them.');
    } catch (_) {
      body.focus();
      body.select();
      toast('Select the text and copy it with Ctrl+C (\u2318C on a Mac).');
    }
  };
  openPanel({
    title: `Reminder for ${pair.participant} and ${pair.mentor}`,
    body: h('div', { class: 'form' },
      h('p', { class: 'hint', text: 'Edit the text if you like, copy it, and send it from your email program. Matchbook itself never sends anything.' }),
      h('div', { class: 'field' }, h('label', { for: 'reminder-to', text: 'To' }), to),
      h('div', { class: 'field' }, h('label', { for: 'reminder-subject', text: 'Subject' }), subject),
      h('div', { class: 'field' }, h('label', { for: 'reminder-body', text: 'Text' }), body),
      h('div', { class: 'form-actions' }, button('Close', closePanel), button('Copy text', copy, { kind: 'primary', id: 'copy-reminder' }))),
  });
}

// ---------------------------------------------------------------------------
// A pair's page

async function renderPair(main, app, program, go) {
  let detail;
  try {
    detail = await api.trackingPair(view.matchId);
  } catch (error) {
    view.page = 'dashboard';
    toast(String(error), 'error');
    await renderDashboard(main, app, program, go);
    return;
  }
  const pair = detail.pair;
  // Ending or completing a pair changes the program's counts in the sidebar and headers too.
  const reload = async () => {
    await app.reloadPrograms();
    app.render();
  };
  const running = pair.outcome === 'active';
  const secondary = [
    button('Reminder…', () => openReminder(pair), { title: 'Text to send the pair' }),
    button('Calendar (.ics)…', () => saveCalendar(program.id, pair.match_id)),
  ];
  if (running) {
    secondary.push(button('End early…', () => openEnd(detail, reload), { kind: 'quiet', id: 'end-pair' }));
    if (pair.term_over) {
      secondary.push(button('Complete', async () => {
        try {
          await api.completePairs(program.id, [pair.match_id]);
          toast(`${pair.participant} and ${pair.mentor} completed the program.`);
          reload();
        } catch (error) {
          toast(String(error), 'error');
        }
      }));
    }
  } else if (pair.outcome === 'ended_early') {
    secondary.push(button('Re-match participant…', () => {
      state.rematch = { programId: program.id, participant: { id: detail.participant.id, name: detail.participant.name } };
      app.go('matching');
    }, { id: 're-match', title: `Find ${pair.participant} a new mentor on the Matching page (never ${pair.mentor} again)` }));
  }
  main.append(h('nav', { class: 'crumbs' }, button('\u2190 All pairs', () => go('dashboard'), { kind: 'quiet', id: 'back-to-pairs' })));
  main.append(pageHeader(`${pair.participant} & ${pair.mentor}`, {
    subtitle: pairLine(pair),
    primary: running ? button('Log meeting…', () => openMeeting(pair.match_id, detail.as_of, null, reload), { kind: 'primary', id: 'log-meeting' }) : null,
    secondary,
  }));
  const statusRow = h('div', { class: 'pair-status', id: 'pair-status' }, statusBadge(pair.status),
    h('span', { text: pair.status === 'overdue' ? `The check-in due ${formatDate(pair.overdue_since)} was missed.` : pair.next_due ? `Next check-in due by ${formatDate(pair.next_due)}.` : '' }),
    pair.outcome === 'ended_early' ? h('span', { class: 'muted', text: `Ended ${formatDate(pair.ended_on)}: ${pair.end_reason}` }) : null);
  main.append(statusRow);
  main.append(h('div', { class: 'people-cards' }, personCard('Participant', detail.participant), personCard('Mentor', detail.mentor)));
  main.append(checkinStrip(pair));
  main.append(goalsSection(detail, running, reload));
  main.append(meetingsSection(detail, running, reload));
  main.append(timelineSection(detail.timeline));
}

function pairLine(pair) {
  const parts = [];
  const started = pair.checkins.some((c) => c.state !== 'upcoming' && c.state !== 'not_expected') || pair.meetings > 0;
  if (pair.outcome === 'active' && !started) parts.push(`Starts ${formatDate(pair.starts)}`);
  else if (pair.outcome === 'active') parts.push(`Month ${Math.min(pair.months_elapsed + 1, pair.months_total)} of ${pair.months_total}`);
  else parts.push(pair.outcome === 'completed' ? `Completed ${formatDate(pair.ended_on)}` : `Ended early ${formatDate(pair.ended_on)}`);
  parts.push(plural(pair.meetings, 'meeting'));
  parts.push(pair.goals_total ? `${pair.goals_achieved} of ${plural(pair.goals_total, 'goal')} achieved` : 'no goals yet');
  if (pair.confirmed_on) parts.push(`matched ${formatDate(pair.confirmed_on)}`);
  return parts.join(' · ');
}

function personCard(role, person) {
  const rows = [
    ['Email', person.email], ['Phone', person.phone], ['Library', person.library], ['Position', person.position],
    ['Place', [person.city, person.region].filter(Boolean).join(', ')],
  ].filter(([, v]) => v);
  return h('section', { class: 'person-card' },
    h('div', { class: 'muted small', text: role }),
    h('h3', { text: person.name }),
    h('dl', { class: 'facts' }, rows.map(([k, v]) => [h('dt', { text: k }), h('dd', { text: v })])));
}

function checkinStrip(pair) {
  return h('section', { class: 'match-section' },
    h('h2', { text: 'Check-ins' }),
    h('ol', { class: 'checkins', id: 'checkins' }, pair.checkins.map((c) => h('li', { class: `checkin ${c.state}`, dataset: { state: c.state } },
      h('div', { class: 'checkin-label', text: c.label }),
      h('div', { class: 'small muted', text: `${shortDate(c.starts)} – ${shortDate(c.due)}` }),
      h('div', { class: 'checkin-state', text: c.meetings ? `${plural(c.meetings, 'meeting')}` : CHECKIN_WORDS[c.state] })))));
}

function undoableDelete(what, run, undo, reload) {
  return confirmingButton('Delete', `Delete this ${what}?`, 'Delete', async () => {
    try {
      await run();
      reload();
      toast(`Deleted the ${what}.`, 'info', {
        label: 'Undo',
        run: async () => {
          try {
            await undo();
            reload();
            toast(`The ${what} is back.`);
          } catch (error) {
            toast(String(error), 'error');
          }
        },
      });
    } catch (error) {
      toast(String(error), 'error');
    }
  });
}

function goalsSection(detail, running, reload) {
  const id = detail.pair.match_id;
  const cards = detail.goals.map((g) => h('li', { class: 'goal', dataset: { goalId: String(g.id), status: g.status } },
    h('div', { class: 'goal-head' },
      h('span', { class: 'goal-title', text: g.title }),
      h('span', { class: `status-badge goal-${g.status}`, text: goalStatusLabel(g.status) })),
    h('div', { class: 'muted small', text: [g.area, g.target_date ? `target ${formatDate(g.target_date)}` : ''].filter(Boolean).join(' · ') }),
    g.description ? h('p', { class: 'goal-description', text: g.description }) : null,
    g.updates.length
      ? h('ul', { class: 'goal-updates' }, g.updates.map((u) => h('li', {},
        h('span', { class: 'muted small', text: `${formatDate(u.date)} · ${goalStatusLabel(u.status)}` }),
        u.note ? h('span', { text: u.note }) : null)))
      : null,
    running
      ? h('div', { class: 'row-actions' },
        button('Update progress…', () => openGoalUpdate(detail, g, reload), { kind: 'quiet', title: `Record progress on \u201c${g.title}\u201d` }),
        button('Edit…', () => openGoal(detail, g, reload), { kind: 'quiet' }),
        undoableDelete('goal', () => api.setGoalDeleted(id, g.id, true), () => api.setGoalDeleted(id, g.id, false), reload))
      : null));
  return h('section', { class: 'match-section', id: 'goals' },
    h('div', { class: 'section-head' }, h('h2', { text: `Goals (${detail.goals.length})` }),
      running ? button('Add goal…', () => openGoal(detail, null, reload), { id: 'add-goal' }) : null),
    cards.length
      ? h('ul', { class: 'goal-list' }, cards)
      : h('p', { class: 'muted', text: running ? 'No goals yet. Participants set their goals early in the relationship, with their mentor\u2019s help; add them here as they report them.' : 'No goals were recorded.' }));
}

function meetingsSection(detail, running, reload) {
  const id = detail.pair.match_id;
  const modeLabel = (m) => (MODES.find(([key]) => key === m) || ['', 'Not recorded'])[1];
  const rows = detail.meetings.map((m) => h('tr', { dataset: { meetingId: String(m.id) } },
    h('td', { text: formatDate(m.date) }),
    h('td', { text: modeLabel(m.mode) }),
    h('td', { class: 'num', text: m.minutes ? `${m.minutes} min` : '' }),
    h('td', {}, m.topics ? h('div', { text: m.topics }) : null, m.notes ? h('div', { class: 'muted small', text: m.notes }) : null),
    running
      ? h('td', { class: 'actions-cell' }, h('div', { class: 'row-actions' },
        button('Edit…', () => openMeeting(id, detail.as_of, m, reload), { kind: 'quiet', title: `Edit the meeting of ${formatDate(m.date)}` }),
        undoableDelete('meeting', () => api.setMeetingDeleted(id, m.id, true), () => api.setMeetingDeleted(id, m.id, false), reload)))
      : h('td', {})));
  return h('section', { class: 'match-section', id: 'meetings' },
    h('h2', { text: `Meetings (${detail.meetings.length})` }),
    rows.length
      ? h('div', { class: 'table-wrap short' }, h('table', { class: 'data', id: 'meetings-table' },
        h('thead', {}, h('tr', {}, ['Date', 'How', 'Length', 'Topics and notes', ''].map((t) => h('th', {}, h('span', { class: 'th', text: t }))))),
        h('tbody', {}, rows)))
      : h('p', { class: 'muted', text: 'No meetings logged yet. Log each meeting the pair reports: the date, how they met, and what they talked about.' }));
}

function timelineSection(timeline) {
  return h('section', { class: 'match-section' },
    h('h2', { text: 'History' }),
    timeline.length
      ? h('ol', { class: 'timeline', id: 'timeline' }, timeline.map((t) => h('li', { class: `timeline-${t.kind}` },
        h('span', { class: 'timeline-date', text: formatDate(t.date) }),
        h('span', { class: 'timeline-title', text: t.title }),
        t.detail ? h('span', { class: 'muted', text: t.detail }) : null)))
      : h('p', { class: 'muted', text: 'Nothing recorded yet.' }));
}

function field(label, input, hint = null) {
  return h('div', { class: 'field' }, h('label', { for: input.id, text: label }), input, hint ? h('p', { class: 'hint', text: hint }) : null);
}

function panelForm(title, fields, submitLabel, save) {
  const error = h('p', { class: 'form-error', hidden: true, role: 'alert' });
  const submitButton = h('button', { type: 'submit', class: 'primary', text: submitLabel });
  const submit = async (event) => {
    event.preventDefault();
    submitButton.disabled = true;
    try {
      await save();
      closePanel();
    } catch (e) {
      error.textContent = e instanceof Error ? e.message : String(e);
      error.hidden = false;
      submitButton.disabled = false;
    }
  };
  openPanel({
    title,
    // Matchbook checks the values itself and says what is wrong in words
    // (the browser's own bubbles are terse and easy to miss).
    body: h('form', { class: 'form', novalidate: true, on: { submit } }, fields, error,
      h('div', { class: 'form-actions' }, button('Cancel', closePanel), submitButton)),
  });
}

function openMeeting(matchId, today, meeting, reload) {
  const date = h('input', { type: 'date', id: 'meeting-date', required: true, max: today, value: meeting ? meeting.date : today });
  const mode = h('select', { id: 'meeting-mode' }, MODES.map(([value, label]) => h('option', { value, text: label, selected: meeting ? meeting.mode === value : value === '' })));
  const minutes = h('input', { type: 'number', id: 'meeting-minutes', min: '0', max: '1440', step: '5', value: meeting && meeting.minutes ? String(meeting.minutes) : '' });
  const topics = h('input', { type: 'text', id: 'meeting-topics', value: meeting ? meeting.topics : '', placeholder: 'e.g. Budget planning, the branch move' });
  const notes = h('textarea', { id: 'meeting-notes', rows: '4' });
  notes.value = meeting ? meeting.notes : '';
  panelForm(meeting ? 'Edit meeting' : 'Log a meeting', [
    field('Date', date, 'When they met, as the pair reported it.'),
    field('How they met', mode),
    field('Length in minutes', minutes),
    field('Topics', topics),
    field('Notes', notes),
  ], meeting ? 'Save meeting' : 'Log meeting', async () => {
    const length = minutes.value.trim();
    if (length && !/^\d+$/.test(length)) throw new Error('Give the length as whole minutes, for example 45, or leave it empty.');
    await api.saveMeeting(matchId, meeting ? meeting.id : null, {
      date: date.value, mode: mode.value, minutes: length ? Number(length) : null, topics: topics.value, notes: notes.value,
    });
    reload();
    toast(meeting ? 'Meeting saved.' : `Logged the meeting of ${formatDate(date.value)}.`);
  });
}

function openGoal(detail, goal, reload) {
  const title = h('input', { type: 'text', id: 'goal-title', required: true, value: goal ? goal.title : '', placeholder: 'e.g. Lead a branch project' });
  const areaList = h('datalist', { id: 'goal-areas' }, detail.areas.map((a) => h('option', { value: a })));
  const area = h('input', { type: 'text', id: 'goal-area', list: 'goal-areas', value: goal ? goal.area : '', placeholder: detail.areas[0] || 'e.g. Management' });
  const target = h('input', { type: 'date', id: 'goal-target', value: goal && goal.target_date ? goal.target_date : '' });
  const description = h('textarea', { id: 'goal-description', rows: '4' });
  description.value = goal ? goal.description : '';
  panelForm(goal ? 'Edit goal' : 'Add a goal', [
    field('Goal', title),
    field('Area', area, 'The report counts goals by area; the participant\u2019s areas of interest are suggested.'), areaList,
    field('Target date', target),
    field('Description', description),
  ], goal ? 'Save goal' : 'Add goal', async () => {
    await api.saveGoal(detail.pair.match_id, goal ? goal.id : null, {
      title: title.value, area: area.value, target_date: target.value, description: description.value,
    });
    reload();
    toast(goal ? 'Goal saved.' : `Added the goal \u201c${title.value.trim()}\u201d.`);
  });
}

function openGoalUpdate(detail, goal, reload) {
  const status = h('select', { id: 'goal-status' }, GOAL_STATUS.map(([value, label]) => h('option', { value, text: label, selected: value === (goal.status === 'not_started' ? 'in_progress' : goal.status) })));
  const date = h('input', { type: 'date', id: 'goal-update-date', required: true, max: detail.as_of, value: detail.as_of });
  const note = h('textarea', { id: 'goal-note', rows: '4', placeholder: 'What happened, what is next' });
  panelForm(`Progress on \u201c${goal.title}\u201d`, [
    field('Status', status),
    field('Date', date),
    field('Note', note),
  ], 'Save progress', async () => {
    await api.updateGoal(detail.pair.match_id, goal.id, { status: status.value, date: date.value, note: note.value });
    reload();
    toast(`\u201c${goal.title}\u201d is now ${goalStatusLabel(status.value).toLowerCase()}.`);
  });
}

function openEnd(detail, reload) {
  const pair = detail.pair;
  const date = h('input', { type: 'date', id: 'end-date', required: true, max: detail.as_of, value: detail.as_of });
  const reason = h('input', { type: 'text', id: 'end-reason', required: true, placeholder: 'e.g. The mentor changed jobs' });
  panelForm('End the relationship early', [
    h('p', { text: `${pair.participant} and ${pair.mentor} stop meeting. Their goals, meetings and history stay on record. ${pair.participant} can then be matched again on the Matching page, never with ${pair.mentor}.` }),
    field('Last day', date),
    field('Reason (for the committee\u2019s report)', reason),
  ], 'End relationship', async () => {
    await api.endPair(pair.match_id, date.value, reason.value);
    reload();
    toast(`Ended. Use \u201cRe-match participant\u201d to find ${pair.participant} a new mentor.`);
  });
}

// ---------------------------------------------------------------------------
// The report

async function renderReport(main, program, go) {
  const asOf = h('input', { type: 'date', id: 'report-as-of', 'aria-label': 'Report as of', value: view.asOf });
  let report;
  try {
    report = await api.trackingReport(program.id, view.asOf || null);
  } catch (error) {
    view.asOf = '';
    toast(String(error), 'error');
    report = await api.trackingReport(program.id, null);
  }
  if (!asOf.value) asOf.value = report.as_of;
  asOf.addEventListener('change', () => {
    view.asOf = asOf.value;
    go('report');
  });
  const date = () => view.asOf || null;
  const save = (format) => async () => {
    try {
      const path = await api.saveReport(program.id, date(), format);
      if (path) toast(`Saved the report to ${path}.`);
    } catch (error) {
      toast(String(error), 'error');
    }
  };
  const print = async () => {
    try {
      await api.printReport(program.id, date());
      toast('The report opened in your PDF viewer; print it from there.');
    } catch (error) {
      toast(String(error), 'error');
    }
  };
  main.append(h('nav', { class: 'crumbs' }, button('\u2190 All pairs', () => go('dashboard'), { kind: 'quiet', id: 'back-to-pairs' })));
  main.append(pageHeader('Program report', {
    subtitle: termLine(report),
    primary: button('Save as PDF…', save('pdf'), { kind: 'primary', id: 'save-report-pdf' }),
    secondary: [
      h('label', { class: 'inline-field as-of' }, 'As of', asOf),
      button('Save as CSV…', save('csv'), { id: 'save-report-csv' }),
      button('Print…', print, { id: 'print-report' }),
    ],
  }));
  const t = report.totals;
  const s = report.summary;
  main.append(h('div', { class: 'stats', id: 'report-stats' },
    stat(t.pairs, 'pairs'),
    stat(t.meetings, 'meetings logged'),
    stat(s.meetings_per_pair.toFixed(1), 'meetings per pair'),
    stat(s.checkins_met_share === null ? '—' : `${Math.round(s.checkins_met_share * 100)} %`, `check-ins met (${s.checkins_met} of ${s.checkins_due})`),
    stat(`${t.goals_achieved} of ${t.goals_total}`, 'goals achieved'),
    stat(t.ended_early, 'ended early')));
  main.append(h('section', { class: 'match-section' },
    h('h2', { text: 'Meetings per check-in period' }),
    h('p', { class: 'muted', text: 'Dark bars: pairs that met in the period; light bars: pairs expected to meet in it so far.' }),
    periodChart(s.periods)));
  main.append(h('section', { class: 'match-section' },
    h('h2', { text: 'Goals by area' }),
    s.goals_by_area.length ? areaChart(s.goals_by_area) : h('p', { class: 'muted', text: 'No goals recorded yet.' })));
  if (s.ended_early.length) {
    main.append(h('section', { class: 'match-section' },
      h('h2', { text: `Ended early (${s.ended_early.length})` }),
      h('div', { class: 'table-wrap short' }, h('table', { class: 'data' },
        h('thead', {}, h('tr', {}, ['Participant', 'Mentor', 'Ended', 'Why'].map((x) => h('th', {}, h('span', { class: 'th', text: x }))))),
        h('tbody', {}, s.ended_early.map((e) => h('tr', {},
          h('td', { text: e.participant }), h('td', { text: e.mentor }), h('td', { text: formatDate(e.ended_on) }), h('td', { text: e.reason }))))))));
  }
}

const SVG = 'http://www.w3.org/2000/svg';
function svg(tag, attrs = {}, text = null) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== null) el.textContent = text;
  return el;
}

/** Vertical bars per period: expected (light) behind met (dark). */
function periodChart(periods) {
  if (!periods.length) return h('p', { class: 'muted', text: 'No pairs yet.' });
  const width = 640;
  const height = 200;
  const top = 16;
  const bottom = 36;
  const most = Math.max(1, ...periods.map((p) => Math.max(p.pairs_expected, p.pairs_met)));
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
    chart.append(svg('text', { x: x + barWidth / 2, y: base + 16, class: 'chart-label', 'text-anchor': 'middle' }, p.label));
    chart.append(svg('text', { x: x + barWidth / 2, y: base + 30, class: 'chart-note', 'text-anchor': 'middle' }, `${p.pairs_met}/${p.pairs_expected} · ${p.meetings} mtg`));
  });
  return h('div', { class: 'chart-wrap' }, chart);
}

/** Horizontal bars per area: set (light) and achieved (dark). */
function areaChart(areas) {
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
