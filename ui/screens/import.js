// Import: one offered spreadsheet at a time. Shows how Matchbook reads it
// (role, sheet, header row, what each column means, the first rows), lets the
// committee change any of it, imports it, and reports what became of every row.
import { api } from '../api.js';
import { h, plural } from '../dom.js';
import { pageHeader, button, confirmingButton, unitWords } from '../layout.js';
import { state, currentProgram, setCurrentProgram } from '../state.js';
import { toast } from '../toast.js';
import { choicesPreviewView, choicesResultView } from './import-choices.js';
import { fileTabs, togetherNote, togetherResultView, applicationFigures } from './import-together.js';
import { responsesPreviewView, responsesResultView } from './import-responses.js';

// Per offered file: the committee's choices, the latest preview, the result.
const sessions = new Map();
// Several files offered at once: the one shown, and the step that imported them together.
const together = { shownId: null, result: null, error: null, running: 0 };

/** The file on screen: the one whose tab was chosen, else the first waiting. */
function shownFile() {
  return state.importQueue.find((q) => q.id === together.shownId) || state.importQueue[0];
}

function session(file) {
  if (!sessions.has(file.id)) {
    sessions.set(file.id, {
      role: null, sheet: null, mapping: {}, kinds: {}, keepApart: [], roleValues: {},
      surveyMapping: {}, choiceMapping: {}, preview: null, result: null, error: null, busy: false,
    });
  }
  return sessions.get(file.id);
}

export function offerFiles(app, files) {
  together.result = null;
  together.error = null;
  // A finished import left through the sidebar makes way for the new files
  // (its Undo stays in the import history).
  state.importQueue = state.importQueue.filter((q) => {
    const done = sessions.get(q.id);
    if (done && done.result && !files.some((f) => f.id === q.id)) {
      sessions.delete(q.id);
      return false;
    }
    return true;
  });
  for (const f of files) {
    if (!state.importQueue.some((q) => q.id === f.id)) state.importQueue.push(f);
    const s = sessions.get(f.id);
    // Offered again before importing: read it afresh. Never drop a result (its Undo) or a running import.
    if (s && !s.result && !s.busy) sessions.delete(f.id);
  }
  if (state.importQueue.length) app.go('import');
}

/** The sidebar place an import belongs to: the pairs' answers are Tracking's. */
export function importPlace() {
  if (together.result) return 'applications';
  const file = shownFile();
  const s = file && sessions.get(file.id);
  if (s && s.role === CHOICES) return 'matching';
  return s && isSurvey(s.role) ? 'tracking' : 'applications';
}

function finish(app, file, next = 'applications') {
  state.importQueue = state.importQueue.filter((q) => q.id !== file.id);
  sessions.delete(file.id);
  app.go(state.importQueue.length ? 'import' : next);
}

function choices(s) {
  return { sheet: s.sheet, mapping: s.mapping, kinds: s.kinds, keepApart: s.keepApart, roleValues: s.roleValues };
}

const ROLE_CHOICES = [['mentor', ' Mentors'], ['participant', ' Participants'], ['both', ' Both: a column says who is who']];
const ROLE_WORDS = { mentor: 'mentors', participant: 'participants', both: 'mentors and participants' };
// Responses of the pairs, read by their own screen: [kind, label, noun].
const SURVEY_CHOICES = [['check_ins', ' Check-in responses', 'check-in responses'], ['evaluations', ' Evaluation responses', 'evaluations']];
const isSurvey = (role) => SURVEY_CHOICES.some(([kind]) => kind === role);
// Ranked choices of mentors (or of participants), read by Matching.
const CHOICES = 'choices';
const isOther = (role) => isSurvey(role) || role === CHOICES;
const choicesFor = (s) => ({ sheet: s.sheet, mapping: s.choiceMapping });
// Kinds of file whose previews differ: applications, the pairs' answers, choices.
const family = (role) => (role === CHOICES ? 2 : isSurvey(role) ? 1 : 0);

/** What the committee chose for a survey: sheet, column meanings, and the check-in the answers are for. */
function surveyChoices(s) {
  return { sheet: s.sheet, mapping: s.surveyMapping, period: s.role === 'check_ins' ? (s.surveyPeriod || null) : null };
}

async function refreshPreview(app, file, s) {
  // Only the latest request may update the screen; earlier answers arrive stale.
  const request = (s.request || 0) + 1;
  s.request = request;
  s.busy = true;
  if (s.preview) app.render();
  let preview = null;
  let error = null;
  try {
    preview = s.role === CHOICES ? await api.previewChoices(file.id, s.programId, choicesFor(s))
      : isSurvey(s.role)
        ? await api.previewSurvey(file.id, s.role, surveyChoices(s), s.programId)
        : await api.previewImport(file.id, s.role, choices(s));
    // "1st choice", "2nd choice": the mentors participants chose, not applications.
    if (!s.role && preview.choices_guess) {
      s.role = CHOICES;
      preview = await api.previewChoices(file.id, s.programId, choicesFor(s));
    }
    // Questions like "Have you met?" and "How satisfied?": the pairs' check-ins, not applications.
    if (!s.role && preview.survey_guess) {
      s.role = preview.survey_guess;
      preview = await api.previewSurvey(file.id, s.role, surveyChoices(s), s.programId);
    }
  } catch (e) {
    error = String(e);
  }
  if (s.request !== request) return;
  if (preview) {
    s.preview = preview;
    if (!s.role && preview.role_guess) s.role = preview.role_guess;
    s.sheet = preview.sheet;
  }
  s.error = error;
  s.busy = false;
  app.render();
}

export function renderImport(main, app) {
  if (together.result) {
    main.append(togetherResult(app));
    return;
  }
  const file = shownFile();
  if (!file) {
    app.go('applications');
    return;
  }
  const s = session(file);
  const index = state.importQueue.indexOf(file);
  const position = state.importQueue.length > 1 ? ` (${index + 1} of ${state.importQueue.length} files)` : '';
  if (s.result) {
    main.append(resultView(app, file, s));
    return;
  }
  // Every file is read at once, so each tab can say what its file holds.
  for (const q of state.importQueue) startReading(app, q);
  if (!s.preview && !s.error) {
    main.append(pageHeader('Import a spreadsheet', { subtitle: `Reading ${file.name}…${position}` }),
      tabsFor(app, file),
      h('p', { class: 'muted', role: 'status', text: 'Reading the spreadsheet…' }));
    return;
  }
  if (s.error && !s.preview) {
    main.append(pageHeader('Import a spreadsheet', { subtitle: `${file.name}${position}` }),
      tabsFor(app, file),
      h('section', { class: 'empty-state', id: 'import-error' },
        h('h2', { text: 'This file cannot be imported' }),
        h('p', { class: 'form-error', role: 'alert', text: s.error }),
        h('div', { class: 'empty-actions' }, button(skipLabel(file), () => finish(app, file), { kind: 'primary', ariaLabel: `Skip ${file.name}` }))));
    return;
  }
  main.append(previewView(app, file, s, position));
}

/** "Skip mentors.xlsx": which file of several is left out (a long name shortened in its middle). */
function skipLabel(file) {
  const name = file.name.length > 32 ? `${file.name.slice(0, 20)}…${file.name.slice(-10)}` : file.name;
  return `Skip ${name}`;
}

function startReading(app, file) {
  const s = session(file);
  if (s.preview || s.error || s.busy) return;
  // The program the responses go to, before the first preview reads them against its term.
  if (!s.programId) {
    const current = currentProgram();
    s.programId = current && !current.archived ? current.id : null;
  }
  refreshPreview(app, file, s);
}

/** What a file's tab says Matchbook made of it. */
function tabStatus(file) {
  const s = sessions.get(file.id);
  if (!s || (!s.preview && !s.error)) return 'Reading…';
  if (!s.preview) return 'Cannot be imported';
  if (s.role === CHOICES) return 'Ranked choices';
  const survey = SURVEY_CHOICES.find(([kind]) => kind === s.role);
  if (survey) return survey[1].trim();
  if (!ROLE_WORDS[s.role]) return 'Mentors or participants?';
  const words = ROLE_WORDS[s.role];
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} · ${plural(s.preview.data_rows, 'row')}`;
}

function tabsFor(app, file) {
  if (state.importQueue.length < 2) return null;
  const files = state.importQueue.map((q) => ({ id: q.id, name: q.name, status: tabStatus(q) }));
  return fileTabs(files, file.id, (id) => {
    together.shownId = id;
    app.render();
    requestAnimationFrame(() => document.getElementById(`import-file-${id}`)?.focus());
  });
}

/**
 * Several waiting files, all applications read without a problem: imported
 * in one step. `missing`: the first whose role the committee must still say.
 */
function togetherGroup() {
  if (state.importQueue.length < 2) return null;
  const group = state.importQueue.map((q) => [q, sessions.get(q.id)]);
  const applications = ([, s]) => s && s.preview && !s.busy && !s.error && !s.result && !isOther(s.role);
  if (!group.every(applications)) return null;
  const missing = group.find(([, s]) => !ROLE_WORDS[s.role]);
  return { group, missing: missing ? missing[0] : null };
}

/** Some file is still being read: importing one alone now would be a surprise. */
function othersReading() {
  return state.importQueue.length > 1 && state.importQueue.some((q) => {
    const s = sessions.get(q.id);
    return !s || s.busy || (!s.preview && !s.error);
  });
}

async function runTogether(app, group, programId) {
  together.error = null;
  together.running = group.length;
  app.render();
  try {
    const reports = await api.runImports(programId, group.map(([q, s]) => ({ fileId: q.id, role: s.role, choices: choices(s) })));
    for (const [q] of group) sessions.delete(q.id);
    state.importQueue = state.importQueue.filter((q) => !group.some(([g]) => g.id === q.id));
    together.result = { reports, programId };
    await app.reloadPrograms();
  } catch (error) {
    together.error = String(error);
    toast(together.error, 'error');
  }
  together.running = 0;
  app.render();
}

function togetherResult(app) {
  const { reports, programId } = together.result;
  const program = state.programs.find((q) => q.id === programId);
  const leave = (place) => {
    together.result = null;
    if (program) setCurrentProgram(program.id);
    app.go(state.importQueue.length ? 'import' : place);
  };
  // With both sides in, matching is the next step on the path.
  const matchable = program && program.participants > 0 && (program.mentors > 0 || !program.needs_mentors);
  const applications = button('See the applications', () => leave('applications'), { id: 'import-applications' });
  return togetherResultView({
    reports,
    words: (role) => ROLE_WORDS[role],
    next: matchable ? { label: 'Go to Matching', run: () => leave('matching') } : { label: 'See the applications', run: () => leave('applications') },
    others: matchable ? [applications] : [],
    onUndo: async (r) => {
      try {
        const u = await api.undoImport(r.import_id);
        await app.reloadPrograms();
        toast(`Undid the import of ${r.file_name}: removed ${plural(u.removed, 'person', 'people')}, restored ${u.restored}.`);
        together.result.reports = together.result.reports.filter((x) => x !== r);
        if (together.result.reports.length) app.render();
        else leave('applications');
      } catch (error) {
        toast(String(error), 'error');
      }
    },
  });
}

function previewView(app, file, s, position) {
  const p = s.preview;
  const programs = state.programs.filter((q) => !q.archived);
  const current = currentProgram();
  const target = current && !current.archived ? current : programs[0];
  if (s.programId && !programs.some((q) => q.id === s.programId)) s.programId = null;
  const programSelect = h('select', { id: 'import-program', 'aria-label': 'Program' },
    programs.map((q) => h('option', { value: String(q.id), text: q.name, selected: target && q.id === target.id })));
  programSelect.addEventListener('change', () => {
    s.programId = Number(programSelect.value);
    // Files dropped together go to one program.
    for (const q of state.importQueue) session(q).programId = s.programId;
    // Which check-in the answers are for, and whom the choices name, depend on the program.
    if (isOther(s.role)) refreshPreview(app, file, s);
  });
  if (!s.programId && target) s.programId = target.id;
  programSelect.value = String(s.programId || '');

  const choice = ([role, label]) => h('label', {},
    h('input', {
      type: 'radio', name: 'import-role', value: role, checked: s.role === role,
      on: { change: () => { s.preview = family(s.role) === family(role) ? s.preview : null; s.role = role; refreshPreview(app, file, s); } },
    }),
    label);
  const roleChoice = h('div', { class: 'import-kinds' },
    h('fieldset', { class: 'segmented', id: 'import-role' },
      h('legend', { text: 'These are applications from' }),
      ROLE_CHOICES.map(choice)),
    h('fieldset', { class: 'segmented', id: 'import-responses' },
      h('legend', { text: `Or answers from the ${unitWords(state.programs.find((q) => q.id === (s.programId || (target && target.id)))).units}` }),
      SURVEY_CHOICES.map(choice)),
    h('fieldset', { class: 'segmented', id: 'import-ranked' },
      h('legend', { text: 'Or choices from the booklet' }),
      choice([CHOICES, ' Ranked choices'])));

  const sheetSelect = p.sheets.length > 1
    ? h('label', { class: 'inline-field' }, 'Sheet ',
      h('select', {
        id: 'import-sheet',
        on: { change: (e) => { s.sheet = e.target.value; s.mapping = {}; s.kinds = {}; s.keepApart = []; refreshPreview(app, file, s); } },
      }, p.sheets.map((sh) => h('option', { value: sh.name, text: `${sh.name} (${plural(sh.rows, 'row')})`, selected: sh.name === p.sheet }))))
    : null;

  if (isSurvey(s.role) && p.kind) {
    return responsesPreviewView({
      s, position, roleChoice, programSelect,
      tabs: tabsFor(app, file),
      noun: SURVEY_CHOICES.find(([kind]) => kind === p.kind)[2],
      sample: sampleTable(p),
      refresh: () => refreshPreview(app, file, s),
      onImport: () => runImport(app, file, s),
      onCancel: () => finish(app, file, 'tracking'),
      cancelLabel: state.importQueue.length > 1 ? skipLabel(file) : 'Cancel',
    });
  }
  if (s.role === CHOICES && p.meanings) {
    return choicesPreviewView({
      s, position, roleChoice, programSelect, tabs: tabsFor(app, file),
      onMeaning: (header, key) => { s.choiceMapping[header] = key; refreshPreview(app, file, s); },
      onImport: () => runImport(app, file, s),
      onCancel: () => finish(app, file, 'matching'),
    });
  }
  const joint = togetherGroup();
  const group = joint && !joint.missing ? joint.group : null;
  const reading = othersReading();
  const canImport = s.role && s.programId && !s.busy && !reading;
  const importButton = joint
    ? h('button', {
      type: 'button', class: 'primary', id: 'import-run', disabled: !group || !s.programId || together.running > 0,
      text: together.running ? `Importing ${together.running} files…` : group ? `Import ${group.length} files` : `Choose mentors or participants for ${joint.missing.name}`,
      on: { click: () => runTogether(app, group, s.programId) },
    })
    : h('button', {
      type: 'button', class: 'primary', id: 'import-run', disabled: !canImport,
      text: reading ? 'Reading the other files…' : s.role ? `Import ${plural(p.data_rows, 'row')} as ${ROLE_WORDS[s.role]}` : 'Choose mentors or participants',
      on: { click: () => runImport(app, file, s) },
    });

  return h('div', { class: 'import-view' },
    pageHeader('Import applications', {
      subtitle: `${p.file_name}${position}`,
      primary: importButton,
      secondary: [state.importQueue.length > 1
        ? button(skipLabel(file), () => finish(app, file), { id: 'import-cancel', ariaLabel: `Skip ${file.name}` })
        : button('Cancel', () => finish(app, file), { id: 'import-cancel' })],
    }),
    tabsFor(app, file),
    group ? togetherNote(group.map(([q, g]) => ({ name: q.name, rows: g.preview.data_rows, words: ROLE_WORDS[g.role] }))) : null,
    h('div', { class: 'import-choices' },
      roleChoice,
      h('label', { class: 'inline-field' }, 'Program ', programSelect),
      sheetSelect),
    s.error || together.error ? h('p', { class: 'form-error', role: 'alert', text: s.error || together.error }) : null,
    h('p', { class: 'muted', id: 'import-facts', text: `${p.format} · column titles in row ${p.header_row} · ${plural(p.data_rows, 'row')} below them` }),
    s.role === 'both' ? roleAnswers(app, file, s) : null,
    h('h2', { text: 'What each question means' }),
    h('p', { class: 'muted', text: 'Matchbook recognised these from the column titles and answers. Change any that are wrong; your choices are remembered for files with the same questions.' }),
    mappingTable(app, file, s),
    h('h2', { text: 'First rows' }),
    sampleTable(p));
}

function confidenceChip(c) {
  if (c.source === 'remembered') return h('span', { class: 'chip ok', text: 'Remembered' });
  if (c.source === 'chosen') return h('span', { class: 'chip ok', text: 'Your choice' });
  if (c.field === 'keep') return h('span', { class: 'chip', text: 'Kept as extra information' });
  const pct = Math.round(c.confidence * 100);
  return h('span', { class: `chip ${pct >= 80 ? 'ok' : 'warn'}`, text: `${pct}% sure${c.source === 'values' ? ', from the answers' : ''}` });
}

function kindSelect(app, file, s, c) {
  const p = s.preview;
  return h('select', {
    'aria-label': `Kind of answer to "${c.header}"`, class: 'kind-select', dataset: { question: c.header },
    on: { change: (e) => { s.kinds[c.header] = e.target.value; refreshPreview(app, file, s); } },
  }, p.kinds.map((k) => h('option', { value: k.key, text: k.label, selected: k.key === c.kind })));
}

// A question read from several columns says so, and can be read column by column instead.
function groupNote(app, file, s, c) {
  if (!c.grouped) return null;
  const what = c.grouped === 'options' ? `one column per option (${c.columns.length})`
    : c.grouped === 'categories' ? `one column per category, every name written (${c.columns.length} columns)`
      : `asked once per branch of the form (${c.columns.length} columns)`;
  return h('div', { class: 'group-note' },
    h('span', { class: 'chip', text: `Grouped: ${what}` }), ' ',
    h('button', {
      type: 'button', class: 'link ungroup', text: 'Ungroup',
      title: c.columns.join(' · '),
      on: {
        click: () => {
          // Choices made for the group no longer name a question.
          delete s.mapping[c.header];
          delete s.kinds[c.header];
          s.keepApart = [...s.keepApart, ...c.columns];
          refreshPreview(app, file, s);
        },
      },
    }));
}

function mappingTable(app, file, s) {
  const p = s.preview;
  const rows = p.columns.map((c) => {
    const select = h('select', {
      'aria-label': `Meaning of column "${c.header}"`, dataset: { header: c.header }, class: 'mapping-select',
      on: { change: (e) => { s.mapping[c.header] = e.target.value; refreshPreview(app, file, s); } },
    }, p.fields.map((f) => h('option', { value: f.key, text: f.label, selected: f.key === c.field })));
    return h('tr', { dataset: { grouped: c.grouped || '' } },
      h('th', { scope: 'row', class: 'col-header' }, h('span', { text: c.header }), groupNote(app, file, s, c)),
      h('td', {}, select),
      h('td', {}, kindSelect(app, file, s, c)),
      h('td', {}, confidenceChip(c)),
      h('td', { class: 'samples' },
        c.options.length
          ? h('span', { class: 'chips' }, c.options.slice(0, 6).map((o) => h('span', { class: 'chip', text: o })),
            c.options.length > 6 ? h('span', { class: 'muted', text: ` +${c.options.length - 6} more` }) : null)
          : h('span', { class: 'muted', text: c.samples.join(' · ') })));
  });
  return h('div', { class: 'table-wrap mapping-wrap' },
    h('table', { class: 'data', id: 'mapping-table' },
      h('thead', {}, h('tr', {}, ['Question', 'Means', 'Kind of answer', 'How sure', 'Answers (options found)'].map((t) => h('th', { scope: 'col' }, h('span', { class: 'th', text: t }))))),
      h('tbody', {}, rows)));
}

// Both roles in one form: which answer of the role column means which role.
function roleAnswers(app, file, s) {
  const answers = s.preview.role_answers;
  if (!answers.length) {
    return h('p', { class: 'form-error', id: 'role-answers', role: 'alert',
      text: 'Matchbook did not find the question that says who is a mentor and who a participant. Choose "Mentor or participant" as the meaning of that column below.' });
  }
  const choice = (a) => h('select', {
    'aria-label': `Role for the answer "${a.answer}"`, dataset: { answer: a.answer },
    on: { change: (e) => { s.roleValues[a.answer] = e.target.value; refreshPreview(app, file, s); } },
  }, [['', 'Not imported (listed to check)'], ['mentor', 'Mentor'], ['participant', 'Participant']]
    .map(([value, text]) => h('option', { value, text, selected: (a.role || '') === value })));
  return h('section', { id: 'role-answers' },
    h('h2', { text: 'Who is who' }),
    h('p', { class: 'muted', text: 'Each answer to the role question, and the applications it stands for. Rows with an answer that is neither are listed after the import, never guessed.' }),
    h('table', { class: 'data compact' },
      h('thead', {}, h('tr', {}, ['Answer', 'Rows', 'Imported as'].map((t) => h('th', { scope: 'col' }, h('span', { class: 'th', text: t }))))),
      h('tbody', {}, answers.map((a) => h('tr', { dataset: { role: a.role || 'unknown' } },
        h('th', { scope: 'row', text: a.answer }),
        h('td', { class: 'num', text: String(a.rows) }),
        h('td', {}, choice(a)))))));
}

function sampleTable(p) {
  return h('div', { class: 'table-wrap short' },
    h('table', { class: 'data sample', id: 'sample-table' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, h('span', { class: 'th', text: 'Row' })),
        p.headers.map((header) => h('th', { scope: 'col' }, h('span', { class: 'th', text: header }))))),
      h('tbody', {}, p.rows.map((r) => h('tr', {},
        h('td', { class: 'num', text: String(r.row_number) }),
        p.headers.map((_, i) => h('td', { text: r.cells[i] || '' })))))));
}

async function runImport(app, file, s) {
  s.busy = true;
  app.render();
  try {
    s.result = s.role === CHOICES ? await api.importChoices(file.id, s.programId, choicesFor(s))
      : isSurvey(s.role)
        ? await api.importSurvey(file.id, s.programId, s.role, surveyChoices(s))
        : await api.runImport(file.id, s.programId, s.role, choices(s));
    // Check-ins: where the pairs stand now, shown with the result.
    if (s.role === 'check_ins') s.board = await api.trackingDashboard(s.programId);
    await app.reloadPrograms();
  } catch (error) {
    s.error = String(error);
    toast(s.error, 'error');
  }
  s.busy = false;
  app.render();
}

function resultView(app, file, s) {
  const r = s.result;
  if (r.kind === CHOICES) {
    return choicesResultView({
      r,
      onDone: () => finish(app, file, 'matching'),
      onUndo: async () => {
        try {
          const u = await api.undoImport(r.import_id);
          toast(`Undid the import of ${r.file_name}: ${plural(u.removed, 'choice')} removed.`);
          finish(app, file, 'matching');
        } catch (error) {
          toast(String(error), 'error');
        }
      },
    });
  }
  if (r.kind) {
    return responsesResultView({
      s,
      next: state.importQueue.find((q) => q.id !== file.id),
      program: state.programs.find((q) => q.id === s.programId),
      onDone: () => finish(app, file, 'tracking'),
    });
  }
  const others = state.importQueue.filter((q) => q.id !== file.id);
  const next = others[0];
  const waiting = next ? h('p', { class: 'muted', id: 'import-waiting', text: `Waiting to be imported next: ${others.map((q) => q.name).join(', ')}.` }) : null;
  const undo = async () => {
    try {
      const u = await api.undoImport(r.import_id);
      await app.reloadPrograms();
      toast(`Undid the import of ${r.file_name}: removed ${plural(u.removed, 'person', 'people')}, restored ${u.restored}.`);
      finish(app, file);
    } catch (error) {
      toast(String(error), 'error');
    }
  };
  return h('div', { class: 'import-result', id: 'import-result' },
    pageHeader(`Imported ${r.file_name}`, {
      subtitle: `${plural(r.rows, 'row')} read${r.sheet ? ` from sheet "${r.sheet}"` : ''}, every one accounted for.`,
      primary: button(next ? `Next file: ${next.name}` : 'See the applications', () => finish(app, file), { kind: 'primary', id: 'import-done' }),
      secondary: [confirmingButton('Undo this import',
        `This removes the ${plural(r.added, 'person', 'people')} it added${r.updated ? ` and restores the earlier answers of ${r.updated}` : ''}.`,
        'Undo import', undo, { kind: 'secondary', id: 'import-undo' })],
    }),
    waiting,
    applicationFigures(r));
}

/** Forgets every pending import (another program file was opened). */
export function resetImports() {
  sessions.clear();
  Object.assign(together, { shownId: null, result: null, error: null, running: 0 });
  state.importQueue = [];
}
