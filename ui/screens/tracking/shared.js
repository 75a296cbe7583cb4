// What the tracking pages share: where the screen is, the status badge and
// stat tiles, the term line, the reminder panel, the calendar and the side-panel form.
import { api } from '../../api.js';
import { h, plural, formatDate } from '../../dom.js';
import { button } from '../../layout.js';
import { openPanel, closePanel } from '../../panel.js';
import { toast } from '../../toast.js';
import { emailsWritten } from '../letters.js';

// Where the screen is: the dashboard, one pair, or the report. Kept while the
// window is open so coming back to Tracking shows the same place.
export const view = { page: 'dashboard', matchId: null, filter: 'all', search: '', sort: 'urgency', asOf: '' };

/** A pair's status as the core labels it (colour from its kind). */
export function statusBadge(pair) {
  return h('span', { class: `status-badge ${pair.status_kind}`, text: pair.status_label });
}

export function stat(value, label, { id = null, kind = '' } = {}) {
  return h('div', { class: `stat ${kind}`, id }, h('div', { class: 'stat-value', text: String(value) }), h('div', { class: 'stat-label', text: label }));
}

export function termLine(board) {
  // Each period: a meeting expected, and a check-in (the short survey) at its end.
  const cadence = board.cadence_months === 3 ? 'a meeting and a check-in every quarter' : `a meeting and a check-in every ${plural(board.cadence_months, 'month')}`;
  const kickoff = board.kickoff_date ? `kickoff ${formatDate(board.kickoff_date)}` : 'no kickoff date';
  return `${board.program} · ${kickoff} · ${board.relationship_months} months, ${cadence} · as of ${formatDate(board.as_of)}`;
}

export async function saveCalendar(programId, matchId = null, pastDates = false) {
  try {
    const saved = await api.saveCalendar(programId, matchId, pastDates);
    if (saved.path) {
      toast(`Saved ${saved.summary} to ${saved.path}. Open it with your calendar program to add them.`);
    } else if (!saved.events) {
      // Nothing ahead (the term is over): say so, and offer the past dates.
      toast(saved.summary, 'info', saved.past_left_out
        ? { label: 'Save past dates', run: () => saveCalendar(programId, matchId, true) }
        : null);
    }
  } catch (error) {
    toast(String(error), 'error');
  }
}

export async function openReminder(pair) {
  let reminder;
  try {
    reminder = await api.pairReminder(pair.match_id);
  } catch (error) {
    toast(String(error), 'error');
    return;
  }
  const to = h('input', { type: 'text', id: 'reminder-to', readOnly: true, value: reminder.to.join(', ') });
  const noEmail = [[pair.participant, pair.participant_email], [pair.mentor, pair.mentor_email]]
    .filter(([, email]) => !email).map(([name]) => name);
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
      h('p', { class: 'hint', text: 'The committee\u2019s reminder text (Letters \u2192 Email texts), written for this pair. Edit it here if you like, then copy it or open it in your mail program. Matchbook itself never sends anything.' }),
      noEmail.length
        ? h('p', { class: 'form-error', id: 'reminder-no-email', text: `${noEmail.join(' and ')} ${noEmail.length === 1 ? 'has' : 'have'} no email address on file, so ${noEmail.length === 1 ? 'does' : 'do'} not get this. Add it on Applications, or reach them another way.` })
        : null,
      h('div', { class: 'field' }, h('label', { for: 'reminder-to', text: 'To' }), to),
      h('div', { class: 'field' }, h('label', { for: 'reminder-subject', text: 'Subject' }), subject),
      h('div', { class: 'field' }, h('label', { for: 'reminder-body', text: 'Text' }), body),
      h('div', { class: 'form-actions' },
        button('Close', closePanel),
        button('Open in my mail app', async () => {
          try {
            await api.openInMailApp(reminder.to, subject.value, body.value);
            toast('Opening your mail program with this email. If nothing opens, use Copy text and paste it into a new email.');
          } catch (error) {
            toast(String(error), 'error');
          }
        }, { id: 'mail-reminder', title: 'A new email to both of them in your mail program, with this text' }),
        button('Copy text', copy, { kind: 'primary', id: 'copy-reminder' }))),
  });
}

/** "← All pairs", above the pair page and the report. */
export function backToPairs(go) {
  return h('nav', { class: 'crumbs' }, button('\u2190 All pairs', () => go('dashboard'), { kind: 'quiet', id: 'back-to-pairs' }));
}

/** Writes one email draft per recipient of `campaign` into the program's drafts folder (asked for once). */
export async function writeDrafts(program, campaign, includeAnswered = false, chooseFolder = false) {
  try {
    const written = await api.writeEmailDrafts(program.id, campaign, 'all', includeAnswered, chooseFolder);
    // The folder is remembered per program; another one can be chosen from the toast.
    if (written) {
      toast(emailsWritten(written), 'info', { label: 'Other folder…', run: () => writeDrafts(program, campaign, includeAnswered, true) });
    }
  } catch (error) {
    toast(String(error), 'error');
  }
}

/** How many overdue pairs the bulk reminder goes to (the core leaves "remind" out for at-risk pairs). */
export function reminded(pairs) {
  return pairs.filter((p) => p.overdue_since && p.actions.includes('remind')).length;
}
