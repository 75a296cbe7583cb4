// The side-panel forms of tracking: log or edit a meeting, add or edit a
// goal, record progress on it, end a relationship early. The lists they
// offer (meeting modes, goal statuses) come from the core with the pair.
import { api } from '../../api.js';
import { h, formatDate } from '../../dom.js';
import { button } from '../../layout.js';
import { openPanel, closePanel } from '../../panel.js';
import { toast } from '../../toast.js';

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

/** Log a meeting (or edit one); `modes` is the core's list of meeting modes. */
export function openMeeting(matchId, today, modes, meeting, reload) {
  const date = h('input', { type: 'date', id: 'meeting-date', required: true, max: today, value: meeting ? meeting.date : today });
  const mode = h('select', { id: 'meeting-mode' }, modes.map(({ value, label }) => h('option', { value, text: label, selected: meeting ? meeting.mode === value : value === '' })));
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

export function openGoal(detail, goal, reload) {
  const title = h('input', { type: 'text', id: 'goal-title', required: true, value: goal ? goal.title : '', placeholder: 'e.g. Lead a branch project' });
  const areaList = h('datalist', { id: 'goal-areas' }, detail.areas.map((a) => h('option', { value: a })));
  const area = h('input', { type: 'text', id: 'goal-area', list: 'goal-areas', value: goal ? goal.area : '', placeholder: detail.areas[0] || 'e.g. Management' });
  const target = h('input', { type: 'date', id: 'goal-target', value: goal && goal.target_date ? goal.target_date : '', 'aria-describedby': 'goal-target-past' });
  // A target already behind the pair is flagged as it is entered (ISO dates compare as text).
  const past = h('p', { class: 'hint warn', id: 'goal-target-past', role: 'status', hidden: true });
  const flagPast = () => {
    const isPast = Boolean(target.value) && target.value < detail.as_of;
    past.hidden = !isPast;
    past.textContent = isPast ? `${formatDate(target.value)} is already past (today is ${formatDate(detail.as_of)}). Keep it if the goal was due then; otherwise choose a later date.` : '';
  };
  target.addEventListener('input', flagPast);
  target.addEventListener('change', flagPast);
  flagPast();
  const description = h('textarea', { id: 'goal-description', rows: '4' });
  description.value = goal ? goal.description : '';
  panelForm(goal ? 'Edit goal' : 'Add a goal', [
    field('Goal', title),
    field('Area', area, 'The report counts goals by area; the participant\u2019s areas of interest are suggested.'), areaList,
    field('Target date', target), past,
    field('Description', description),
  ], goal ? 'Save goal' : 'Add goal', async () => {
    await api.saveGoal(detail.pair.match_id, goal ? goal.id : null, {
      title: title.value, area: area.value, target_date: target.value, description: description.value,
    });
    reload();
    toast(goal ? 'Goal saved.' : `Added the goal \u201c${title.value.trim()}\u201d.`);
  });
}

export function openGoalUpdate(detail, goal, reload) {
  const status = h('select', { id: 'goal-status' }, detail.goal_statuses.map(({ value, label }) => h('option', { value, text: label, selected: value === goal.update_status })));
  const date = h('input', { type: 'date', id: 'goal-update-date', required: true, max: detail.as_of, value: detail.as_of });
  const note = h('textarea', { id: 'goal-note', rows: '4', placeholder: 'What happened, what is next' });
  panelForm(`Progress on \u201c${goal.title}\u201d`, [
    field('Status', status),
    field('Date', date),
    field('Note', note),
  ], 'Save progress', async () => {
    await api.updateGoal(detail.pair.match_id, goal.id, { status: status.value, date: date.value, note: note.value });
    reload();
    toast(`\u201c${goal.title}\u201d is now ${status.selectedOptions[0].textContent.toLowerCase()}.`);
  });
}

export function openEnd(detail, reload) {
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
