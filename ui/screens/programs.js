// Programs: the cohorts in this file. First launch offers a new program or
// the sample cohort; afterwards, a list with create, edit, archive.
import { api } from '../api.js';
import { h, formatDate, plural } from '../dom.js';
import { pageHeader, emptyState, button, programStatus } from '../layout.js';
import { openPanel, closePanel } from '../panel.js';
import { state, currentProgram, setCurrentProgram } from '../state.js';
import { toast } from '../toast.js';
import { dateValue } from '../datefield.js';
import { newProgramFrom } from './nextprogram.js';
import { eligibilityFields } from './eligibility.js';
import { retentionFields, privacyNotice } from './privacy.js';

export function renderPrograms(main, app) {
  const all = state.programs;
  if (all.length === 0) {
    main.append(welcome(app));
    return;
  }
  const visible = all.filter((p) => state.showArchived || !p.archived);
  const archivedCount = all.filter((p) => p.archived).length;
  // An erasure the retention period calls for is said here until it is done.
  const notice = h('div', { id: 'privacy-notice-holder' });
  privacyNotice(async () => { await app.reloadPrograms(); app.render(); })
    .then((section) => { if (section) notice.append(section); });
  main.append(
    pageHeader('Programs', {
      subtitle: `${plural(all.length - archivedCount, 'program')} in ${state.info.file_name}`,
      primary: button('New program', () => editProgram(app, null), { kind: 'primary', id: 'new-program' }),
      secondary: [button('Add sample program', () => loadSample(app), { id: 'add-sample' })],
    }),
    notice,
    h('div', { class: 'toolbar' },
      archivedCount
        ? h('label', { class: 'check' },
          h('input', {
            type: 'checkbox', id: 'show-archived', checked: state.showArchived,
            on: { change: (e) => { state.showArchived = e.target.checked; app.render(); } },
          }),
          ` Show archived programs (${archivedCount})`)
        : null),
    h('ul', { class: 'program-list', id: 'program-list' }, visible.map((p) => programCard(app, p))),
  );
}

function welcome(app) {
  return h('section', { class: 'welcome' },
    h('h1', { text: 'Welcome to Matchbook' }),
    h('p', { class: 'lead', text: 'Matchbook pairs experienced mentors with program participants, prints the match letters, and keeps track of goals and meetings for the whole relationship. Everything stays in one file on this computer.' }),
    h('div', { class: 'choices' },
      h('article', { class: 'choice' },
        h('h2', { text: 'Start a new program' }),
        h('p', { text: 'Name your cohort, set the kickoff and how often pairs should meet, then import the applications.' }),
        button('Start a new program', () => editProgram(app, null), { kind: 'primary', id: 'start-new-program' })),
      h('article', { class: 'choice' },
        h('h2', { text: 'Explore with sample data' }),
        h('p', { text: 'Look around with a fictional cohort of 40 mentors and 60 participants. You can archive it later.' }),
        button('Explore with sample data', () => loadSample(app), { id: 'explore-sample' }))),
    h('p', { class: 'muted file-note', text: `Program file: ${state.info.path}` }));
}

function programCard(app, p) {
  const isCurrent = p.id === state.currentProgramId;
  const kickoff = [p.kickoff_date ? formatDate(p.kickoff_date) : 'Kickoff date not set', p.kickoff_event, p.kickoff_place]
    .filter(Boolean).join(' · ');
  return h('li', { class: `program-card${isCurrent ? ' current' : ''}${p.archived ? ' archived' : ''}`, dataset: { programId: p.id } },
    h('div', { class: 'program-main' },
      h('h2', { class: 'program-name' },
        h('span', { text: p.name }),
        isCurrent ? h('span', { class: 'badge accent', text: 'Current' }) : null,
        p.archived ? h('span', { class: 'badge', text: 'Archived' }) : null),
      p.organization ? h('p', { class: 'muted', text: p.organization }) : null,
      h('p', { text: kickoff }),
      h('p', { class: 'chips' },
        h('span', { class: 'chip', text: plural(p.mentors, 'mentor') }),
        h('span', { class: 'chip', text: plural(p.participants, 'participant') }),
        h('span', { class: 'chip', text: `${p.relationship_months} months, check-ins every ${plural(p.cadence_months, 'month')}` }),
        p.shape_chip ? h('span', { class: 'chip', text: p.shape_chip }) : null)),
    h('div', { class: 'program-actions' },
      isCurrent || p.archived ? null : button('Make current', () => { setCurrentProgram(p.id); app.render(); }, { kind: 'secondary' }),
      button('Edit', () => editProgram(app, p), { kind: 'secondary' }),
      button('New program from this one…', () => newProgramFrom(app, p), { kind: 'secondary', ariaLabel: `New program from ${p.name}`, id: `new-from-${p.id}` }),
      p.archived ? null : button('Application forms…', () => { setCurrentProgram(p.id); app.go('forms'); }, { kind: 'secondary', ariaLabel: `Application forms of ${p.name}` }),
      button(p.archived ? 'Restore' : 'Archive', () => toggleArchive(app, p), { kind: 'quiet' })));
}

async function loadSample(app) {
  try {
    const program = await api.loadSampleProgram();
    await app.reloadPrograms();
    setCurrentProgram(program.id);
    toast(`Added "${program.name}" with 40 mentors and 60 participants.`);
    app.go('applications');
  } catch (error) {
    toast(String(error), 'error');
  }
}

async function toggleArchive(app, p) {
  try {
    const updated = await api.setProgramArchived(p.id, !p.archived);
    await app.reloadPrograms();
    if (updated.archived && state.currentProgramId === p.id) {
      const next = state.programs.find((q) => !q.archived);
      setCurrentProgram(next ? next.id : null);
    }
    toast(updated.archived
      ? `Archived "${updated.name}". Nothing was deleted; tick "Show archived programs" to see it.`
      : `Restored "${updated.name}".`);
    app.render();
  } catch (error) {
    toast(String(error), 'error');
  }
}

const FIELDS = [
  { key: 'name', label: 'Program name', hint: 'For example "Leadership Institute 2026".', required: true },
  { key: 'organization', label: 'Organization', hint: 'Who runs the program.' },
  { key: 'kickoff_date', label: 'Kickoff date', date: true, hint: 'For example 2026-05-01 or 1 May 2026. Leave it empty until it is known.' },
  { key: 'kickoff_event', label: 'Kickoff event', hint: 'Where the people of the program first meet, e.g. a conference.' },
  { key: 'kickoff_place', label: 'Kickoff place' },
  { key: 'relationship_months', label: 'Relationship length (months)', type: 'number', min: 1, max: 120 },
  { key: 'cadence_months', label: 'Period length (months)', type: 'number', min: 1, max: 24, hint: '3 means quarterly: a meeting expected in each period, and a check-in survey at its end.' },
  { key: 'contact_name', label: 'Committee contact name' },
  { key: 'contact_email', label: 'Committee contact email', type: 'email' },
  { key: 'survey_link', label: 'Check-in form link (pre-filled)', type: 'url', hint: 'In Google Forms: ⋮ → Get pre-filled link, type {email} as the email answer, and paste the link here. Reminders then give each person their own link.' },
];

/**
 * Opens the create/edit form in the side panel; `program` null means new.
 * `offered` (new only): spreadsheets dropped before any program existed; the
 * name is suggested from the first, and their import continues once created.
 */
export function editProgram(app, program, offered = null) {
  const values = program
    ? { ...program, kickoff_date: program.kickoff_date || '' }
    : { relationship_months: 18, cadence_months: 3, name: offered ? nameFromFiles(offered) : '' };
  const error = h('p', { class: 'form-error', role: 'alert', id: 'program-form-error', hidden: true });
  const inputs = {};
  const rows = FIELDS.map((f) => {
    const id = `program-${f.key.replace(/_/g, '-')}`;
    const input = h('input', {
      id, name: f.key, type: f.type || 'text', min: f.min ?? null, max: f.max ?? null,
      required: f.required || null, value: values[f.key] ?? '',
      'aria-describedby': f.hint ? `${id}-hint` : null,
    });
    inputs[f.key] = input;
    // A date is typed as text and read by the core (ISO, digits, pasted or
    // written out); an empty field stays empty, with the expected shape in grey.
    if (f.date) {
      input.placeholder = 'YYYY-MM-DD';
      input.inputMode = 'numeric';
      input.autocomplete = 'off';
      // Read as soon as it is typed: the date meant, or why not, at the field.
      input.addEventListener('change', () => { dateValue(input).catch(() => {}); });
    }
    return h('div', { class: 'field' },
      h('label', { for: id, text: f.label }),
      input,
      f.required ? h('p', { class: 'form-error field-error', id: `${id}-error`, role: 'alert', hidden: true }) : null,
      f.hint ? h('p', { class: 'hint', id: `${id}-hint`, text: f.hint }) : null);
  });
  const shape = shapeFieldset(values);
  const intro = offered
    ? h('p', { class: 'notice', id: 'program-for-files', text: `Applications belong to a program (one cohort). Create one for ${offered.map((f) => f.name).join(', ')}; the import continues right after.` })
    : null;
  const eligibility = program ? eligibilityFields(program) : null;
  const retention = program ? retentionFields(program) : null;
  const form = h('form', { class: 'form', id: 'program-form', novalidate: true },
    intro, error, rows.slice(0, 2), shape.element, rows.slice(2), eligibility ? eligibility.element : null, retention ? retention.element : null,
    h('div', { class: 'form-actions' },
      h('button', { type: 'button', class: 'secondary', text: 'Cancel', on: { click: closePanel } }),
      h('button', { type: 'submit', class: 'primary', id: 'save-program', text: program ? 'Save changes' : 'Create program' })));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    // A required field left empty is said at the field, with focus there.
    for (const f of FIELDS.filter((x) => x.required)) {
      const field = inputs[f.key];
      const message = form.querySelector(`#${field.id}-error`);
      const empty = !field.value.trim();
      message.textContent = empty ? `Give the program a name, for example "Leadership Institute 2026".` : '';
      message.hidden = !empty;
      field.setAttribute('aria-invalid', empty ? 'true' : 'false');
      if (empty) {
        field.focus();
        return;
      }
    }
    const input = {};
    for (const f of FIELDS) {
      const raw = inputs[f.key].value;
      input[f.key] = f.type === 'number' ? Number(raw || 0) : raw;
    }
    Object.assign(input, shape.value());
    try {
      const saved = program ? await api.updateProgram(program.id, input) : await api.createProgram(input);
      const leftOut = eligibility ? await eligibility.save() : 0;
      if (retention) await retention.save();
      if (leftOut) toast(`${plural(leftOut, 'person', 'people')} not eligible under the program's rules: flagged on Applications and left out of the matching.`, 'info', { label: 'OK', run: () => {} });
      await app.reloadPrograms();
      if (!program) setCurrentProgram(saved.id);
      closePanel();
      if (offered) {
        toast(`Created "${saved.name}".`);
        for (const warning of saved.warnings || []) toast(warning, 'info', { label: 'OK', run: () => {} });
        offered.afterCreate();
        return;
      }
      if (program) toast(`Saved "${saved.name}".`);
      // A new program's next step is its applications, one click away.
      else toast(`Created "${saved.name}". Next: import its applications.`, 'info', { label: 'Go to Applications', run: () => app.go('applications') });
      // What the dates mean for the pairs: stays until read (or dismissed).
      for (const warning of saved.warnings || []) toast(warning, 'info', { label: 'OK', run: () => {} });
      app.render();
    } catch (message) {
      error.textContent = String(message);
      error.hidden = false;
    }
  });
  openPanel({ title: program ? `Edit ${program.name}` : 'New program', body: form });
}

/**
 * How people meet: one radio button per shape the core offers, each with
 * its explanation, and the group size when the chosen shape has groups.
 * `value()` gives the fields to save (the program's own until the shapes load).
 */
function shapeFieldset(values) {
  const size = (key, label) => h('div', { class: 'field inline-field' },
    h('label', { for: `program-${key.replace(/_/g, '-')}`, text: label }),
    h('input', { id: `program-${key.replace(/_/g, '-')}`, type: 'number', value: values[key] ?? '' }));
  const min = size('group_min', 'Smallest group');
  const max = size('group_max', 'Largest group');
  const sizes = h('div', { class: 'group-size', id: 'program-group-size' }, min, max,
    h('p', { class: 'hint', text: 'How many people a group or circle may have, for example 4 to 6.' }));
  const choices = h('div', { class: 'shape-choices' }, h('p', { class: 'muted small', text: 'Loading the shapes…' }));
  // The same-library rule, for the shapes that have one (its words from the core).
  const apart = h('input', { type: 'checkbox', id: 'program-libraries-apart', 'aria-describedby': 'program-libraries-apart-hint' });
  apart.checked = values.keep_libraries_apart ?? true;
  const apartLabel = h('label', { for: 'program-libraries-apart' });
  const apartHint = h('p', { class: 'hint', id: 'program-libraries-apart-hint' });
  const libraries = h('div', { class: 'shape-choice', id: 'program-libraries' }, apart, apartLabel, apartHint);
  const element = h('fieldset', { class: 'field shape-fieldset', id: 'program-shape' },
    h('legend', { text: 'How people meet' }), choices, sizes, libraries);
  let chosen = values.shape ?? null;
  let shapes = [];
  const show = () => {
    const current = shapes.find((s) => s.shape === chosen);
    sizes.hidden = !(current && current.has_group_size);
    libraries.hidden = !(current && current.library_rule);
    apartLabel.textContent = current?.library_rule ?? '';
    apartHint.textContent = current?.library_rule_hint ?? '';
  };
  libraries.hidden = true;
  sizes.hidden = true;
  api.programShapes().then((list) => {
    shapes = list;
    // The sizes the core accepts, for the number fields' arrows.
    for (const field of [min, max]) {
      const input = field.querySelector('input');
      if (shapes.length) Object.assign(input, { min: shapes[0].smallest_group, max: shapes[0].largest_group });
    }
    if (!shapes.some((s) => s.shape === chosen) && shapes.length) chosen = shapes[0].shape;
    choices.replaceChildren(...shapes.map((s) => {
      const id = `program-shape-${s.shape.replace(/_/g, '-')}`;
      const radio = h('input', { type: 'radio', name: 'shape', id, value: s.shape, 'aria-describedby': `${id}-hint` });
      radio.checked = s.shape === chosen;
      radio.addEventListener('change', () => { chosen = s.shape; show(); });
      return h('div', { class: 'shape-choice' },
        radio, h('label', { for: id, text: s.label }),
        h('p', { class: 'hint', id: `${id}-hint`, text: s.explanation }));
    }));
    show();
  }).catch((e) => { choices.replaceChildren(h('p', { class: 'form-error', text: String(e) })); });
  // An empty size is left to the core's default.
  const number = (key, field) => {
    const raw = field.querySelector('input').value.trim();
    return raw ? { [key]: Number(raw) } : {};
  };
  return {
    element,
    value: () => ({
      ...(chosen ? { shape: chosen } : {}),
      ...number('group_min', min),
      ...number('group_max', max),
      keep_libraries_apart: apart.checked,
    }),
  };
}

/** A file name's words: "mentor_applications-2026 (Responses).xlsx" → Mentor, applications, 2026. */
function fileWords(fileName) {
  return fileName.replace(/\.[a-z0-9]+$/i, '').replace(/\((responses?|\d+-\d+)\)|form responses?/gi, ' ')
    .replace(/[_\-.]+/g, ' ').split(/\s+/).filter(Boolean);
}

// Words that say whose form a file is, not which program.
const FORM_WORDS = /^(mentors?|mentees?|participants?|prot[eé]g[eé]s?|applications?|forms?|and|&)$/i;

/**
 * The program's name suggested by the files dropped to make it. One file:
 * its name ("Mentor applications 2026"). Several: the words they share but
 * for whose form each is ("Leadership Institute 2026 mentors.xlsx" and
 * "… participants.xlsx" → "Leadership Institute 2026"), else the first's.
 */
function nameFromFiles(files) {
  const [first, ...rest] = files.map((f) => fileWords(f.name));
  const shared = first.filter((w) => !FORM_WORDS.test(w)
    && rest.every((words) => words.some((x) => x.toLowerCase() === w.toLowerCase())));
  const words = rest.length && shared.some((w) => /\p{L}/u.test(w)) ? shared : first;
  const name = words.join(' ');
  return name ? name.charAt(0).toUpperCase() + name.slice(1) : '';
}

export function programSubtitle() {
  return programStatus(currentProgram());
}
