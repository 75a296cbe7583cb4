// The form kit: the recommended mentor and participant applications, the
// mentor choices (after the mentor booklet), the quarterly check-in and the
// end-of-program evaluation, filled from the program. The committee ticks
// the questions it wants and edits their wording and options; it saves a
// printable PDF, copies a question list for Google Forms or Microsoft Forms,
// and saves the questions for matching.
import { api } from '../api.js';
import { h, plural } from '../dom.js';
import { pageHeader, emptyState, button } from '../layout.js';
import { currentProgram } from '../state.js';
import { toast } from '../toast.js';

// The kit being edited, and which form is shown; kept while the window is open.
const edit = { programId: null, kit: null, saved: null, form: 0, timer: null };

export async function renderForms(main, app) {
  const program = currentProgram();
  if (!program) {
    main.append(pageHeader('Application forms'));
    main.append(emptyState({
      title: 'No program yet',
      text: 'The forms are filled from a program (its name, term and kickoff). Create a program first.',
      actions: [button('Go to Programs', () => app.go('programs'), { kind: 'primary' })],
    }));
    return;
  }
  if (edit.programId !== program.id || !edit.kit) {
    const kit = await api.formKit(program.id);
    Object.assign(edit, { programId: program.id, kit, saved: JSON.stringify(kit), form: 0 });
  }
  const changed = () => JSON.stringify(edit.kit) !== edit.saved;
  // Edits are saved as they are made (the screens keep editing the same objects).
  const ensureSaved = async () => {
    clearTimeout(edit.timer);
    if (!changed()) return;
    const sent = JSON.stringify(edit.kit);
    await api.saveFormKit(program.id, edit.kit);
    edit.saved = sent;
  };
  const busy = (label, work) => async (event) => {
    const trigger = event.currentTarget;
    const before = trigger.textContent;
    trigger.disabled = true;
    trigger.textContent = label;
    try {
      await work();
    } catch (error) {
      toast(String(error), 'error');
    } finally {
      trigger.disabled = false;
      trigger.textContent = before;
    }
  };
  const form = () => edit.kit.forms[edit.form];
  const savePdf = button('Save this form as PDF…', busy('Saving…', async () => {
    await ensureSaved();
    const path = await api.saveFormPdf(program.id, form().form);
    if (path) toast(`Saved the ${form().title.toLowerCase()} to ${path}.`);
  }), { kind: 'primary', id: 'save-form-pdf' });
  const copyList = button('Copy the question list', busy('Copying…', async () => {
    await ensureSaved();
    const list = await api.formQuestionList(program.id, form().form);
    try {
      await navigator.clipboard.writeText(list);
      toast('Copied: paste the questions into Google Forms or Microsoft Forms, one question at a time.');
    } catch {
      toast('The list could not be copied here. "Save every form…" writes it as a text file instead.', 'error');
    }
  }), { id: 'copy-question-list' });
  const saveAll = button('Save every form…', busy('Saving…', async () => {
    await ensureSaved();
    const written = await api.saveFormKitFolder(program.id);
    if (written) toast(`Saved ${plural(written.files.length, 'file')} into ${written.folder}, and the application questions for matching.`);
  }), { id: 'save-form-kit', title: 'Each form as PDF and as a question list, into one folder; the questions are saved for matching too' });
  const adopt = button('Use these questions for matching', busy('Saving…', async () => {
    await ensureSaved();
    const adopted = await api.adoptFormKit(program.id);
    toast(`Saved ${plural(adopted.questions, 'question')}: responses to these forms import with every column recognised${adopted.criteria.length ? `, and the criterion ${adopted.criteria.join(', ')} is in place` : ''}.`);
  }), { kind: 'secondary', id: 'adopt-form-kit' });
  main.append(pageHeader('Application forms', {
    subtitle: `${program.name} · the recommended forms, filled from the program; untick or reword anything`,
    primary: savePdf,
    secondary: [copyList, adopt, saveAll],
  }));
  const tabs = h('div', { class: 'segmented-buttons', role: 'tablist', 'aria-label': 'Forms', id: 'form-tabs' },
    edit.kit.forms.map((f, i) => h('button', {
      type: 'button', class: 'filter', role: 'tab', 'aria-selected': String(i === edit.form), 'aria-pressed': String(i === edit.form),
      dataset: { form: f.form }, text: f.title,
      on: { click: () => { edit.form = i; app.render(); } },
    })));
  main.append(tabs);
  const status = h('p', { class: 'muted small form-save-status', id: 'form-save-status', role: 'status', text: 'Changes are saved as you make them.' });
  main.append(status);
  main.append(formSection(form(), () => {
    status.textContent = 'Saving…';
    clearTimeout(edit.timer);
    edit.timer = setTimeout(async () => {
      try {
        await ensureSaved();
        status.textContent = 'All changes saved.';
      } catch (error) {
        status.textContent = 'Not saved: see the message.';
        toast(String(error), 'error');
      }
    }, 400);
  }));
}

function formSection(form, onChange) {
  const included = () => form.questions.filter((q) => q.included).length;
  const count = h('p', { class: 'muted', id: 'form-count' });
  const recount = () => { count.textContent = `${plural(included(), 'question')} of ${form.questions.length} ticked. ${form.intro}`; };
  recount();
  return h('section', { class: 'match-section form-kit', id: 'form-kit' },
    h('h2', { text: form.title }),
    count,
    h('ol', { class: 'plain-list kit-questions' }, form.questions.map((q) => {
      const id = `kit-${form.form}-${q.id}`;
      const tick = h('input', {
        type: 'checkbox', id: `${id}-ask`, checked: q.included, 'aria-label': `Ask: ${q.text}`,
        on: { change: (e) => { q.included = e.target.checked; row.classList.toggle('unticked', !q.included); recount(); onChange(); } },
      });
      const text = h('input', {
        type: 'text', id: `${id}-text`, value: q.text, 'aria-label': 'Wording of the question',
        on: { input: (e) => { q.text = e.target.value; onChange(); } },
      });
      const options = q.options.length || ['single', 'multi', 'scale', 'yes_no'].includes(q.kind)
        ? h('textarea', {
          id: `${id}-options`, rows: String(Math.min(8, Math.max(2, q.options.length))), 'aria-label': `Options of "${q.text}", one per line`,
          on: { input: (e) => { q.options = e.target.value.split('\n'); onChange(); } },
        })
        : null;
      if (options) options.value = q.options.join('\n');
      const row = h('li', { class: `kit-question${q.included ? '' : ' unticked'}`, dataset: { question: q.id } },
        h('div', { class: 'kit-head' }, tick, text),
        h('p', { class: 'muted small kit-why', text: q.why }),
        options ? h('div', { class: 'kit-options' }, h('span', { class: 'muted small', text: 'Options, one per line' }), options) : null);
      return row;
    })));
}

/** Forgets the kit being edited (another file was opened). */
export function resetForms() {
  Object.assign(edit, { programId: null, kit: null, saved: null, form: 0 });
}
