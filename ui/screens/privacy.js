// Retention in the window: the program form's "erase details N months after
// the program ends", and the notice on Programs when an erasure is due (with
// the erasure itself, asked for first). Dates and sentences come from the core.
import { api } from '../api.js';
import { h, plural } from '../dom.js';
import { confirmingButton } from '../layout.js';
import { toast } from '../toast.js';

/** The retention field of a program's form: `element`, and `save()` once the program is saved. */
export function retentionFields(program) {
  const months = h('input', { id: 'program-erase-after-months', type: 'number', min: 0, max: 120, 'aria-describedby': 'program-erase-after-months-hint' });
  const hint = h('p', { class: 'hint', id: 'program-erase-after-months-hint', text: 'Empty: details are kept until erased by hand.' });
  api.retention(program.id).then((view) => {
    months.value = view.erase_after_months ?? '';
    months.placeholder = String(view.suggested_months);
    hint.textContent = `Names, contact details and answers are erased this many months after the program ends; counts, pairs and survey figures stay. Empty: kept until erased by hand (${view.suggested_months} is usual).`;
  }).catch((error) => toast(String(error), 'error'));
  const element = h('fieldset', { class: 'fieldset', id: 'retention-fields' },
    h('legend', { text: 'Privacy' }),
    h('div', { class: 'field' },
      h('label', { for: months.id, text: 'Erase applicants’ details (months after the program ends)' }), months, hint));
  const save = () => api.setRetention(program.id, months.value.trim() === '' ? null : Number(months.value));
  return { element, save };
}

/** The notice of erasures due today, or null; `done` redraws after erasing. */
export async function privacyNotice(done) {
  let plan;
  try {
    plan = await api.privacyPlan();
  } catch (error) {
    toast(String(error), 'error');
    return null;
  }
  const due = plan.filter((e) => e.due);
  if (!due.length) return null;
  const people = due.reduce((n, e) => n + e.people, 0);
  return h('section', { class: 'notice', id: 'privacy-notice', role: 'status' },
    h('h2', { text: 'Erasure due' }),
    h('ul', { class: 'plain-list' }, due.map((e) => h('li', { text: `${e.program} (${plural(e.people, 'person', 'people')}): ${e.note}` }))),
    confirmingButton('Erase now…', `Erase the names, contact details and answers of ${plural(people, 'person', 'people')}? This cannot be undone; backups made earlier still hold them.`, 'Erase', async () => {
      try {
        const report = await api.runErasure();
        toast(`Erased the details of ${plural(report.people, 'person', 'people')}. The program figures stay.`);
        done();
      } catch (error) {
        toast(String(error), 'error');
      }
    }, { kind: 'secondary', id: 'erase-due' }));
}
