// "New program from this one…" (Programs): next year's program with this
// one's settings, criteria and weights, letter and email texts and form kit;
// no people or matches, except the waiting list when the committee asks.
import { api } from '../api.js';
import { h, plural } from '../dom.js';
import { openPanel, closePanel } from '../panel.js';
import { setCurrentProgram } from '../state.js';
import { toast } from '../toast.js';
import { dateValue } from '../datefield.js';

/** Opens the panel that makes a program from `from` (a program summary). */
export async function newProgramFrom(app, from) {
  let waiting = [];
  try {
    waiting = await api.waitingList(from.id);
  } catch (error) {
    toast(String(error), 'error');
    return;
  }
  const error = h('p', { class: 'form-error', role: 'alert', id: 'from-form-error', hidden: true });
  const name = h('input', { id: 'from-name', name: 'name', type: 'text', required: true, value: nextName(from.name), 'aria-describedby': 'from-name-hint' });
  const kickoff = h('input', { id: 'from-kickoff', name: 'kickoff', type: 'text', placeholder: 'YYYY-MM-DD', autocomplete: 'off', inputMode: 'numeric', 'aria-describedby': 'from-kickoff-hint' });
  kickoff.addEventListener('change', () => { dateValue(kickoff).catch(() => {}); });
  const carry = h('input', { id: 'from-carry-waiting', type: 'checkbox', checked: waiting.length > 0, disabled: waiting.length === 0 || null });
  const form = h('form', { class: 'form', id: 'from-form', novalidate: true },
    h('p', { text: `The new program starts with what ${from.name} has set up: relationship length, check-ins, kickoff event, contact, check-in form link, the criteria and their weights, the letter and email texts and the form kit. Its criteria apply as soon as next year's forms, with the same questions, are imported. No people or matches come along.` }),
    error,
    h('div', { class: 'field' },
      h('label', { for: 'from-name', text: 'Program name' }), name,
      h('p', { class: 'hint', id: 'from-name-hint', text: 'For example "Leadership Institute 2027".' })),
    h('div', { class: 'field' },
      h('label', { for: 'from-kickoff', text: 'Kickoff date' }), kickoff,
      h('p', { class: 'hint', id: 'from-kickoff-hint', text: 'Leave it empty until it is known.' })),
    h('div', { class: 'check-field' },
      carry,
      h('label', { for: 'from-carry-waiting', text: waiting.length
        ? `Bring the waiting list: ${plural(waiting.length, 'participant')}, flagged “Waiting since ${from.name}” and matched first`
        : `Nobody is on the waiting list of ${from.name}` })),
    h('div', { class: 'form-actions' },
      h('button', { type: 'button', class: 'secondary', text: 'Cancel', on: { click: closePanel } }),
      h('button', { type: 'submit', class: 'primary', id: 'create-from', text: 'Create program' })));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    let date;
    try {
      date = await dateValue(kickoff);
    } catch {
      return;
    }
    try {
      const made = await api.createProgramFrom(from.id, name.value, date, carry.checked);
      await app.reloadPrograms();
      setCurrentProgram(made.program.id);
      closePanel();
      const carried = carry.checked ? ` ${plural(made.waiting, 'participant')} from the waiting list.` : '';
      toast(`Created "${made.program.name}" from "${made.from}": ${plural(made.criteria, 'criterion', 'criteria')}, the texts and settings.${carried}`);
      app.render();
    } catch (message) {
      error.textContent = String(message);
      error.hidden = false;
      name.focus();
    }
  });
  openPanel({ title: `New program from ${from.name}`, body: form });
}

/** "MILE 2026" → "MILE 2027"; otherwise the name and " (next)". */
function nextName(name) {
  const year = name.match(/(19|20)\d\d(?!.*(19|20)\d\d)/);
  return year ? name.replace(year[0], String(Number(year[0]) + 1)) : `${name} (next)`;
}
