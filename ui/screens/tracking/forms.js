// The side-panel forms of tracking: log or edit a meeting, add or edit a
// goal, record progress on it, end a relationship early. The lists they
// offer (meeting modes, goal statuses) come from the core with the pair.
import { api } from '../../api.js';
import { h, formatDate, plural } from '../../dom.js';
import { button } from '../../layout.js';
import { openPanel, closePanel } from '../../panel.js';
import { toast } from '../../toast.js';
import { dateInput, dateValue, fieldError } from '../../datefield.js';

function field(label, input, hint = null) {
  return h('div', { class: 'field' }, h('label', { for: input.id, text: label }), input, hint ? h('p', { class: 'hint', text: hint }) : null);
}

function panelForm(title, fields, submitLabel, save, dateField = null) {
  const error = h('p', { class: 'form-error', hidden: true, role: 'alert' });
  const submitButton = h('button', { type: 'submit', class: 'primary', text: submitLabel });
  const submit = async (event) => {
    event.preventDefault();
    submitButton.disabled = true;
    try {
      await save();
      closePanel();
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      submitButton.disabled = false;
      // The core's refusals of a date ("The handling date … is before …") sit at the date field.
      if (dateField && / date /.test(message) && !dateField.hasAttribute('aria-invalid')) {
        error.hidden = true;
        fieldError(dateField, message);
        return;
      }
      error.textContent = message;
      error.hidden = false;
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

/** Log a meeting of `pair` (or edit one); `modes` is the core's list of meeting modes. */
export function openMeeting(pair, today, modes, meeting, reload) {
  const matchId = pair.match_id;
  const who = `${pair.participant} & ${pair.mentor}`;
  const date = dateInput({ id: 'meeting-date', required: true, value: meeting ? meeting.date : today });
  const mode = h('select', { id: 'meeting-mode' }, modes.map(({ value, label }) => h('option', { value, text: label, selected: meeting ? meeting.mode === value : value === '' })));
  const minutes = h('input', { type: 'number', id: 'meeting-minutes', min: '0', max: '1440', step: '5', value: meeting && meeting.minutes ? String(meeting.minutes) : '' });
  const topics = h('input', { type: 'text', id: 'meeting-topics', value: meeting ? meeting.topics : '', placeholder: 'e.g. Budget planning, the branch move' });
  const notes = h('textarea', { id: 'meeting-notes', rows: '4' });
  notes.value = meeting ? meeting.notes : '';
  panelForm(meeting ? `Edit a meeting of ${who}` : `Log a meeting of ${who}`, [
    field('Date', date, 'When they met, as the pair reported it.'),
    field('How they met', mode),
    field('Length in minutes', minutes),
    field('Topics', topics),
    field('Notes', notes),
  ], meeting ? 'Save meeting' : 'Log meeting', async () => {
    const length = minutes.value.trim();
    if (length && !/^\d+$/.test(length)) throw new Error('Give the length as whole minutes, for example 45, or leave it empty.');
    const day = await dateValue(date);
    const detail = await api.saveMeeting(matchId, meeting ? meeting.id : null, {
      date: day, mode: mode.value, minutes: length ? Number(length) : null, topics: topics.value, notes: notes.value,
    });
    reload();
    if (meeting) {
      toast(`Saved the meeting of ${who}.`);
      return;
    }
    // The meeting just logged has the highest number; Undo deletes it again.
    const added = detail.meetings.reduce((a, m) => (!a || m.id > a.id ? m : a), null);
    const outside = added && added.outside_term ? ` ${added.outside_term}.` : '';
    toast(`Logged the meeting of ${who} on ${formatDate(day)}.${outside}`, 'info', added ? {
      label: 'Undo',
      run: async () => {
        try {
          await api.setMeetingDeleted(matchId, added.id, true);
          reload();
          toast(`Removed the meeting of ${who} on ${formatDate(day)}.`);
        } catch (error) {
          toast(String(error), 'error');
        }
      },
    } : null);
  });
}

/** Logs a meeting of a whole group or circle: it counts for every member. */
export function openGroupMeeting(programId, group, today, modes, reload) {
  const date = dateInput({ id: 'meeting-date', required: true, value: today });
  const mode = h('select', { id: 'meeting-mode' }, modes.map(({ value, label }) => h('option', { value, text: label, selected: value === '' })));
  const minutes = h('input', { type: 'number', id: 'meeting-minutes', min: '0', max: '1440', step: '5' });
  const topics = h('input', { type: 'text', id: 'meeting-topics', placeholder: 'e.g. Budget planning, the branch move' });
  const notes = h('textarea', { id: 'meeting-notes', rows: '4' });
  panelForm(`Log a meeting of ${group.name}`, [
    field('Date', date, 'When the group met; it counts for every member.'),
    field('How they met', mode),
    field('Length in minutes', minutes),
    field('Topics', topics),
    field('Notes', notes),
  ], 'Log meeting', async () => {
    const length = minutes.value.trim();
    if (length && !/^\d+$/.test(length)) throw new Error('Give the length as whole minutes, for example 45, or leave it empty.');
    const day = await dateValue(date);
    await api.addGroupMeeting(programId, group.id, {
      date: day, mode: mode.value, minutes: length ? Number(length) : null, topics: topics.value, notes: notes.value,
    });
    reload();
    toast(`Logged the meeting of ${group.name} on ${formatDate(day)}.`);
  });
}

export function openGoal(detail, goal, reload) {
  const title = h('input', { type: 'text', id: 'goal-title', required: true, value: goal ? goal.title : '', placeholder: 'e.g. Lead a branch project' });
  const areaList = h('datalist', { id: 'goal-areas' }, detail.areas.map((a) => h('option', { value: a })));
  const area = h('input', { type: 'text', id: 'goal-area', list: 'goal-areas', value: goal ? goal.area : '', placeholder: detail.areas[0] || 'e.g. Management' });
  const target = dateInput({ id: 'goal-target', value: goal && goal.target_date ? goal.target_date : '' });
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
      title: title.value, area: area.value, target_date: await dateValue(target), description: description.value,
    });
    reload();
    toast(goal ? 'Goal saved.' : `Added the goal \u201c${title.value.trim()}\u201d.`);
  });
}

export function openGoalUpdate(detail, goal, reload) {
  const status = h('select', { id: 'goal-status' }, detail.goal_statuses.map(({ value, label }) => h('option', { value, text: label, selected: value === goal.update_status })));
  const date = dateInput({ id: 'goal-update-date', required: true, value: detail.as_of });
  const note = h('textarea', { id: 'goal-note', rows: '4', placeholder: 'What happened, what is next' });
  panelForm(`Progress on \u201c${goal.title}\u201d`, [
    field('Status', status),
    field('Date', date),
    field('Note', note),
  ], 'Save progress', async () => {
    await api.updateGoal(detail.pair.match_id, goal.id, { status: status.value, date: await dateValue(date), note: note.value });
    reload();
    toast(`\u201c${goal.title}\u201d is now ${status.selectedOptions[0].textContent.toLowerCase()}.`);
  });
}

/** Marks what put a pair at risk as handled: the day and how. */
export function openRiskHandled(detail, reload) {
  const pair = detail.pair;
  const date = dateInput({ id: 'handled-date', required: true, value: detail.as_of });
  const note = h('textarea', { id: 'handled-note', rows: '4', placeholder: 'e.g. Called Eli; they will meet twice more before deciding' });
  panelForm('Mark the risk handled', [
    h('p', { text: `${pair.participant} and ${pair.mentor} leave the at-risk list. They come back on it only if a later check-in says so again.` }),
    field('Handled on', date),
    field('How (kept in the pair’s history)', note),
  ], 'Mark handled', async () => {
    await api.markRiskHandled(pair.match_id, await dateValue(date), note.value);
    reload();
    toast(`The risk of ${pair.participant} and ${pair.mentor} is marked handled.`, 'info', {
      label: 'Undo',
      run: () => undoHandled(pair, reload),
    });
  }, date);
}

/** Takes back the latest "handled" of a pair's risk. */
export async function undoHandled(pair, reload) {
  try {
    await api.undoRiskHandled(pair.match_id);
    reload();
    toast(`${pair.participant} and ${pair.mentor} read as before: the risk is no longer marked handled.`);
  } catch (error) {
    toast(String(error), 'error');
  }
}

/** A new email to one person of a pair, in the mail program: an at-risk pair needs a word apart. */
export async function writeTo(person, program) {
  if (!person.email) {
    toast(`${person.name} has no email address on file. Add it on Applications, or reach them another way.`, 'error');
    return;
  }
  // A personal note starts with its greeting; the committee writes the rest.
  const greeted = (person.application && person.application.preferred_name) || person.preferred_name || person.name;
  try {
    await api.openInMailApp([person.email], program.name, `Dear ${greeted},\n\n`);
    toast(`A new email to ${person.name} is open in your mail program.`);
  } catch (error) {
    toast(String(error), 'error');
  }
}

export function openEnd(detail, reload) {
  const pair = detail.pair;
  const date = dateInput({ id: 'end-date', required: true, value: detail.as_of });
  const reason = h('select', { id: 'end-reason' },
    h('option', { value: '', text: 'Choose why…' }),
    detail.end_reasons.map(({ value, label }) => h('option', { value, text: label })));
  const note = h('input', { type: 'text', id: 'end-note', placeholder: 'e.g. She moved to Duluth in June' });
  const leaves = h('input', { type: 'checkbox', id: 'mentor-leaves' });
  panelForm(`End ${pair.participant} & ${pair.mentor} early`, [
    h('p', { text: `${pair.participant} and ${pair.mentor} stop meeting. Their goals, meetings and history stay on record. ${pair.participant} can then be matched again on the Matching page, never with ${pair.mentor}. You can undo this right after.` }),
    field('Last day', date),
    field('Why (for the committee\u2019s report)', reason),
    field('Note', note, 'Say more if you like; with \u201cOther\u201d, say why.'),
    h('label', { class: 'check-field' }, leaves, ` ${pair.mentor} leaves the program (their places become 0, and their other mentees can be matched again too)`),
  ], 'End relationship', async () => {
    if (!reason.value) throw new Error('Choose why the relationship ended; the report lists the reasons.');
    const day = await dateValue(date);
    await api.endPair(pair.match_id, day, reason.value, note.value);
    // The mentor's other running pairs end too; Undo brings every one back.
    const others = leaves.checked ? await api.mentorLeaves(detail.mentor.id, day, note.value) : [];
    const ended = [pair.match_id, ...others];
    reload();
    const message = others.length
      ? `${pair.mentor} left the program: ${plural(ended.length, 'pair')} ended, and their places are 0. Find each mentee a new mentor with \u201cRe-match participant\u201d.`
      : `Ended ${pair.participant} & ${pair.mentor}. Use \u201cRe-match participant\u201d to find ${pair.participant} a new mentor.`;
    toast(message, 'info', {
      label: 'Undo',
      run: async () => {
        try {
          for (const id of ended) await api.undoEndPair(id);
          reload();
          toast(others.length ? `${plural(ended.length, 'pair')} of ${pair.mentor} run again.` : `${pair.participant} & ${pair.mentor} run again.`);
        } catch (error) {
          toast(String(error), 'error');
        }
      },
    });
  });
}
