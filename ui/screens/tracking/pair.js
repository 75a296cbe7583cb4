// A pair's page: status, the two people, check-ins, goals, meetings and
// history. Which actions exist comes from the core (`pair.actions`).
import { api } from '../../api.js';
import { h, plural, formatDate, DATE_LOCALE } from '../../dom.js';
import { pageHeader, button, confirmingButton } from '../../layout.js';
import { state } from '../../state.js';
import { toast } from '../../toast.js';
import { view, statusBadge, saveCalendar, openReminder, backToPairs } from './shared.js';
import { openMeeting, openGoal, openGoalUpdate, openEnd, openRiskHandled, undoHandled, writeTo } from './forms.js';
import { renderDashboard } from './dashboard.js';

/** "19 Dec 2026": for the check-in cards, where a long date wraps. */
function shortDate(iso) {
  const [y, m, d] = (iso || '').split('-').map(Number);
  if (!y || !m || !d) return iso || '';
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(DATE_LOCALE, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** The header's buttons besides "Log meeting…", from the pair's allowed actions. */
function pairActions(detail, program, app, reload) {
  const pair = detail.pair;
  const can = (action) => pair.actions.includes(action);
  return [
    can('remind') ? button('Reminder…', () => openReminder(pair), { title: 'Text to send the pair' }) : null,
    button('Calendar (.ics)…', () => saveCalendar(program.id, pair.match_id)),
    pair.running ? button('Letters (PDF)…', async () => {
      try {
        const saved = await api.saveLettersPdf(program.id, { pair: pair.match_id });
        if (saved) toast(`Saved the letters of ${pair.participant} and ${pair.mentor}.`);
      } catch (error) {
        toast(String(error), 'error');
      }
    }, { id: 'pair-letters', title: 'The match letters of this pair only, for a re-match or a late pair' }) : null,
    can('end_early') ? button('End early…', () => openEnd(detail, reload), { kind: 'quiet', id: 'end-pair' }) : null,
    can('complete') ? button('Complete', async () => {
      try {
        await api.completePairs(program.id, [pair.match_id]);
        toast(`${pair.participant} and ${pair.mentor} completed the program.`);
        reload();
      } catch (error) {
        toast(String(error), 'error');
      }
    }) : null,
    can('rematch') ? button('Re-match participant…', () => {
      state.rematch = { programId: program.id, participant: { id: detail.participant.id, name: detail.participant.name } };
      app.go('matching');
    }, { id: 're-match', title: `Find ${pair.participant} a new mentor on the Matching page (never ${pair.mentor} again)` }) : null,
  ].filter(Boolean);
}

export async function renderPair(main, app, program, go) {
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
  const editable = pair.actions.includes('edit_records');
  main.append(backToPairs(go));
  main.append(pageHeader(`${pair.participant} & ${pair.mentor}`, {
    subtitle: pairLine(pair),
    primary: pair.actions.includes('log_meeting')
      ? button('Log meeting…', () => openMeeting(pair, detail.as_of, detail.meeting_modes, null, reload), { kind: 'primary', id: 'log-meeting' })
      : null,
    secondary: pairActions(detail, program, app, reload),
  }));
  main.append(h('div', { class: 'pair-status', id: 'pair-status' }, statusBadge(pair),
    h('span', { text: pair.overdue_since ? `No meeting in the period that ended ${formatDate(pair.overdue_since)}.` : pair.next_due ? `Next meeting due by ${formatDate(pair.next_due)}.` : '' }),
    pair.end_reason ? h('span', { class: 'muted', text: `${pair.status_label} ${formatDate(pair.ended_on)}: ${pair.end_reason}` }) : null));
  // What the pair said that makes it at risk, on its own page too: a logged
  // meeting puts it on track with its dates, not out of risk.
  if (pair.at_risk) main.append(riskCard(detail, program, reload));
  else if (pair.risk_handled && pair.running) main.append(handledCard(detail, program, reload));
  main.append(h('div', { class: 'people-cards' }, personCard('Participant', detail.participant), personCard('Mentor', detail.mentor)));
  main.append(checkinStrip(pair));
  main.append(goalsSection(detail, editable, reload));
  main.append(meetingsSection(detail, editable, reload));
  main.append(timelineSection(detail.timeline));
}

/** What makes the pair at risk, and a different conversation than a reminder to meet. */
function riskCard(detail, program, reload) {
  const pair = detail.pair;
  const can = (action) => pair.actions.includes(action);
  return h('section', { class: 'pair-risk', id: 'pair-risk' },
    h('span', { class: 'status-badge bad', text: 'At risk' }),
    h('ul', { class: 'gap-list' }, pair.risk_reasons.map((r) => h('li', { class: 'risk', text: r }))),
    h('div', { class: 'row-actions' },
      button(`Write to ${pair.participant} alone…`, () => writeTo(detail.participant, program), { id: 'write-participant' }),
      button(`Write to ${pair.mentor} alone…`, () => writeTo(detail.mentor, program), { id: 'write-mentor' }),
      button('Mark handled…', () => openRiskHandled(detail, reload), { id: 'mark-handled' }),
      can('end_early') ? button('End early and re-match…', () => openEnd(detail, reload), { kind: 'quiet', id: 'end-and-rematch' }) : null));
}

/** A risk the committee handled: how, a word to one of them alone, and Undo. */
function handledCard(detail, program, reload) {
  const pair = detail.pair;
  return h('section', { class: 'pair-risk handled', id: 'risk-handled' },
    h('p', { text: `Risk handled ${formatDate(pair.risk_handled.date)}: ${pair.risk_handled.note}` }),
    h('div', { class: 'row-actions' },
      button(`Write to ${pair.participant} alone…`, () => writeTo(detail.participant, program), { id: 'write-participant' }),
      button(`Write to ${pair.mentor} alone…`, () => writeTo(detail.mentor, program), { id: 'write-mentor' }),
      button('Undo handled', () => undoHandled(pair, reload), { kind: 'quiet', id: 'undo-handled' })));
}

function pairLine(pair) {
  const parts = [];
  if (!pair.running) parts.push(`${pair.outcome_label} ${formatDate(pair.ended_on)}`);
  else if (!pair.started) parts.push(`Starts ${formatDate(pair.starts)}`);
  // The same count as the dashboard: whole months behind them.
  else parts.push(`${pair.months_elapsed} of ${pair.months_total} months`);
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
    h('h2', { text: 'Meetings per period' }),
    h('ol', { class: 'checkins', id: 'checkins' }, pair.checkins.map((c) => h('li', { class: `checkin ${c.state}`, dataset: { state: c.state } },
      h('div', { class: 'checkin-label', text: c.label }),
      h('div', { class: 'small muted', text: `${shortDate(c.starts)} – ${shortDate(c.due)}` }),
      h('div', { class: 'checkin-state', text: c.meetings ? `${plural(c.meetings, 'meeting')}` : c.state_label })))));
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

function goalCard(detail, g, editable, reload) {
  const id = detail.pair.match_id;
  return h('li', { class: 'goal', dataset: { goalId: String(g.id), status: g.status } },
    h('div', { class: 'goal-head' },
      h('span', { class: 'goal-title', text: g.title }),
      h('span', { class: `status-badge goal-${g.status}`, text: g.status_label })),
    h('div', { class: 'muted small', text: [g.area, g.target_date ? `target ${formatDate(g.target_date)}` : ''].filter(Boolean).join(' · ') }),
    g.description ? h('p', { class: 'goal-description', text: g.description }) : null,
    g.updates.length
      ? h('ul', { class: 'goal-updates' }, g.updates.map((u) => h('li', {},
        h('span', { class: 'muted small', text: `${formatDate(u.date)} · ${u.status_label}` }),
        u.note ? h('span', { text: u.note }) : null)))
      : null,
    editable
      ? h('div', { class: 'row-actions' },
        button('Update progress…', () => openGoalUpdate(detail, g, reload), { kind: 'quiet', title: `Record progress on \u201c${g.title}\u201d` }),
        button('Edit…', () => openGoal(detail, g, reload), { kind: 'quiet' }),
        undoableDelete('goal', () => api.setGoalDeleted(id, g.id, true), () => api.setGoalDeleted(id, g.id, false), reload))
      : null);
}

function goalsSection(detail, editable, reload) {
  const cards = detail.goals.map((g) => goalCard(detail, g, editable, reload));
  return h('section', { class: 'match-section', id: 'goals' },
    h('div', { class: 'section-head' }, h('h2', { text: `Goals (${detail.goals.length})` }),
      editable ? button('Add goal…', () => openGoal(detail, null, reload), { id: 'add-goal' }) : null),
    cards.length
      ? h('ul', { class: 'goal-list' }, cards)
      : h('p', { class: 'muted', text: editable ? 'No goals yet. Participants set their goals early in the relationship, with their mentor\u2019s help; add them here as they report them.' : 'No goals were recorded.' }));
}

function meetingsSection(detail, editable, reload) {
  const id = detail.pair.match_id;
  const rows = detail.meetings.map((m) => h('tr', { dataset: { meetingId: String(m.id) } },
    h('td', {}, h('div', { text: formatDate(m.date) }),
      m.outside_term ? h('div', { class: 'muted small', text: m.outside_term }) : null),
    h('td', { text: m.mode_label }),
    h('td', { class: 'num', text: m.minutes ? `${m.minutes} min` : '' }),
    h('td', {}, m.topics ? h('div', { text: m.topics }) : null, m.notes ? h('div', { class: 'muted small', text: m.notes }) : null),
    editable
      ? h('td', { class: 'actions-cell' }, h('div', { class: 'row-actions' },
        button('Edit…', () => openMeeting(detail.pair, detail.as_of, detail.meeting_modes, m, reload), { kind: 'quiet', title: `Edit the meeting of ${formatDate(m.date)}` }),
        undoableDelete('meeting', () => api.setMeetingDeleted(id, m.id, true), () => api.setMeetingDeleted(id, m.id, false), reload)))
      : h('td', {})));
  // The same count as the header: logged here, and reported in check-ins.
  const reported = detail.reported.length
    ? h('ul', { class: 'plain-list muted', id: 'reported-meetings' }, detail.reported.map((r) => h('li', { text: r.text })))
    : null;
  return h('section', { class: 'match-section', id: 'meetings' },
    h('h2', { text: `Meetings (${detail.pair.meetings})` }),
    reported,
    rows.length
      ? h('div', { class: 'table-wrap short' }, h('table', { class: 'data', id: 'meetings-table' },
        h('thead', {}, h('tr', {}, ['Date', 'How', 'Length', 'Topics and notes', ''].map((t) => h('th', {}, h('span', { class: 'th', text: t }))))),
        h('tbody', {}, rows)))
      : h('p', { class: 'muted', text: detail.reported.length ? 'None logged here; log each meeting the pair reports with its date if you like.' : 'No meetings logged yet. Log each meeting the pair reports: the date, how they met, and what they talked about.' }));
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
