// The mentor booklet (Matching → "Mentor booklet…"): the committee ticks
// which mentor-form questions each profile shows and the order, then saves
// the PDF. The ticks come from the core, which remembers them per program;
// which questions are contact details and what each order says come with them.
import { api } from '../api.js';
import { h, plural } from '../dom.js';
import { openPanel, closePanel } from '../panel.js';
import { toast } from '../toast.js';

/** Opens the booklet panel for `program`. */
export async function openBooklet(program) {
  let options;
  try {
    options = await api.bookletOptions(program.id);
  } catch (error) {
    toast(String(error), 'error');
    return;
  }
  const error = h('p', { class: 'form-error', role: 'alert', id: 'booklet-error', hidden: true });
  const questions = options.questions.map((q) => {
    const id = `booklet-question-${q.id}`;
    const note = `${q.note} · answered by ${q.answered} of ${options.mentors}`;
    return h('li', { class: `booklet-question${q.contact ? ' contact' : ''}` },
      h('input', { type: 'checkbox', id, checked: q.shown, dataset: { question: q.text }, 'aria-describedby': `${id}-note` }),
      h('label', { for: id },
        h('span', { class: 'booklet-question-text', text: q.text }),
        h('span', { class: 'hint', id: `${id}-note`, text: note })));
  });
  const orders = options.orders.map((o) => {
    const id = `booklet-order-${o.key}`;
    return h('li', { class: 'booklet-question' },
      h('input', { type: 'radio', name: 'booklet-order', id, value: o.key, checked: o.key === options.order, 'aria-describedby': `${id}-note` }),
      h('label', { for: id },
        h('span', { class: 'booklet-question-text', text: o.label }),
        h('span', { class: 'hint', id: `${id}-note`, text: o.note })));
  });
  const save = h('button', { type: 'submit', class: 'primary', id: 'save-booklet-pdf', text: 'Save as PDF…' });
  const form = h('form', { class: 'form booklet-form', id: 'booklet-form' },
    h('p', { text: `One profile for each of the ${plural(options.mentors, 'mentor')} of ${program.name}, full or not, for participants to read before they name their choices on the Mentor choices form. The booklet ends with the mentors numbered.` }),
    error,
    h('fieldset', { class: 'booklet-fieldset' },
      h('legend', { text: 'Each profile shows the name, and' }),
      questions.length
        ? h('ul', { class: 'plain-list booklet-questions', id: 'booklet-questions' }, questions)
        : h('p', { class: 'hint', text: 'The mentors’ form has no questions Matchbook knows yet, so each profile shows the name only. Import the mentors’ applications to choose what it shows.' })),
    h('fieldset', { class: 'booklet-fieldset' },
      h('legend', { text: 'Order' }),
      h('ul', { class: 'plain-list booklet-questions', id: 'booklet-orders' }, orders)),
    h('p', { class: 'hint', text: 'Your choices are remembered for this program. The booklet uses the letterhead and paper size set on Letters.' }),
    h('div', { class: 'form-actions' },
      h('button', { type: 'button', class: 'secondary', text: 'Cancel', on: { click: closePanel } }),
      save));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const settings = {
      shown: [...form.querySelectorAll('#booklet-questions input:checked')].map((i) => i.dataset.question),
      order: (form.querySelector('input[name=booklet-order]:checked') || {}).value || options.order,
    };
    save.disabled = true;
    save.textContent = 'Saving…';
    try {
      const written = await api.saveBookletPdf(program.id, settings);
      if (written) {
        closePanel();
        toast(`Saved the mentor booklet (${plural(written.mentors.length, 'mentor')}) to ${written.file}.`);
        return;
      }
    } catch (message) {
      error.textContent = String(message);
      error.hidden = false;
    }
    save.disabled = false;
    save.textContent = 'Save as PDF…';
  });
  openPanel({ title: 'Mentor booklet', body: form, focus: '#save-booklet-pdf' });
}
