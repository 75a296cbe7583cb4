// Import: one offered spreadsheet at a time. Shows how Matchbook reads it
// (role, sheet, header row, what each column means, the first rows), lets the
// committee change any of it, imports it, and reports what became of every row.
import { api } from '../api.js';
import { h, plural } from '../dom.js';
import { pageHeader, button, confirmingButton } from '../layout.js';
import { state, currentProgram } from '../state.js';
import { toast } from '../toast.js';
import { openTrackingPage as trackingPage } from './tracking.js';
import { writeDrafts, reminded } from './tracking/shared.js';
import { choicesPreviewView, choicesResultView } from './import-choices.js';

// Per offered file: the committee's choices, the latest preview, the result.
const sessions = new Map();

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
  const file = state.importQueue[0];
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
  const file = state.importQueue[0];
  if (!file) {
    app.go('applications');
    return;
  }
  const s = session(file);
  const position = state.importQueue.length > 1 ? ` (1 of ${state.importQueue.length} files)` : '';
  if (s.result) {
    main.append(resultView(app, file, s));
    return;
  }
  if (!s.preview && !s.error) {
    // The program the responses go to, before the first preview reads them against its term.
    if (!s.programId) {
      const current = currentProgram();
      s.programId = current && !current.archived ? current.id : null;
    }
    main.append(pageHeader('Import a spreadsheet', { subtitle: `Reading ${file.name}…${position}` }),
      h('p', { class: 'muted', role: 'status', text: 'Reading the spreadsheet…' }));
    if (!s.busy) refreshPreview(app, file, s);
    return;
  }
  if (s.error && !s.preview) {
    main.append(pageHeader('Import a spreadsheet', { subtitle: `${file.name}${position}` }),
      h('section', { class: 'empty-state', id: 'import-error' },
        h('h2', { text: 'This file cannot be imported' }),
        h('p', { class: 'form-error', role: 'alert', text: s.error }),
        h('div', { class: 'empty-actions' }, button('Skip this file', () => finish(app, file), { kind: 'primary' }))));
    return;
  }
  main.append(previewView(app, file, s, position));
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
      h('legend', { text: 'Or answers from the pairs' }),
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

  if (isSurvey(s.role) && p.kind) return surveyPreviewView(app, file, s, position, roleChoice, programSelect);
  if (s.role === CHOICES && p.meanings) {
    return choicesPreviewView({
      s, position, roleChoice, programSelect,
      onMeaning: (header, key) => { s.choiceMapping[header] = key; refreshPreview(app, file, s); },
      onImport: () => runImport(app, file, s),
      onCancel: () => finish(app, file, 'matching'),
    });
  }
  const canImport = s.role && s.programId && !s.busy;
  const importButton = h('button', {
    type: 'button', class: 'primary', id: 'import-run', disabled: !canImport,
    text: s.role ? `Import ${plural(p.data_rows, 'row')} as ${ROLE_WORDS[s.role]}` : 'Choose mentors or participants',
    on: { click: () => runImport(app, file, s) },
  });

  return h('div', { class: 'import-view' },
    pageHeader('Import applications', {
      subtitle: `${p.file_name}${position}`,
      primary: importButton,
      secondary: [button(state.importQueue.length > 1 ? 'Skip this file' : 'Cancel', () => finish(app, file), { id: 'import-cancel' })],
    }),
    h('div', { class: 'import-choices' },
      roleChoice,
      h('label', { class: 'inline-field' }, 'Program ', programSelect),
      sheetSelect),
    s.error ? h('p', { class: 'form-error', role: 'alert', text: s.error }) : null,
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

/** Check-in or evaluation responses: what each column means, the first rows, Import. */
function surveyPreviewView(app, file, s, position, roleChoice, programSelect) {
  const p = s.preview;
  const noun = SURVEY_CHOICES.find(([kind]) => kind === p.kind)[2];
  const meaning = (c) => h('select', {
    'aria-label': `Meaning of column "${c.header}"`, class: 'mapping-select', dataset: { header: c.header },
    on: { change: (e) => { s.surveyMapping[c.header] = e.target.value; refreshPreview(app, file, s); } },
  }, p.fields.map((f) => h('option', { value: f.key, text: f.label, selected: f.key === c.field })));
  // A column no meaning fits is not a question for the committee: say what
  // happens to it, and let them change it only if they want to.
  const settled = (c) => {
    const cell = h('td', { class: 'nothing-fits' }, h('span', { text: c.nothing_fits }), ' ',
      button('Change…', () => { cell.replaceChildren(meaning(c)); cell.querySelector('select').focus(); }, { kind: 'quiet', title: `Choose a meaning for "${c.header}"` }));
    return cell;
  };
  const rows = p.columns.map((c) => h('tr', {},
    h('th', { scope: 'row', class: 'col-header', text: c.header }),
    c.nothing_fits ? settled(c) : h('td', {}, meaning(c)),
    h('td', {}, c.source === 'chosen' ? h('span', { class: 'chip ok', text: 'Your choice' })
      : c.nothing_fits ? h('span', { class: 'chip', text: 'No meaning fits' })
        : h('span', { class: `chip ${c.confidence >= 0.8 ? 'ok' : 'warn'}`, text: `${Math.round(c.confidence * 100)}% sure` })),
    h('td', { class: 'samples muted', text: c.samples.join(' · ') })));
  const blocked = p.problems.length && !p.columns.some((c) => c.field === 'email');
  const importButton = h('button', {
    type: 'button', class: 'primary', id: 'import-run', disabled: !s.programId || s.busy || blocked,
    text: `Import ${plural(p.data_rows, 'row')} of ${noun}`,
    on: { click: () => runImport(app, file, s) },
  });
  return h('div', { class: 'import-view' },
    pageHeader('Import responses', {
      subtitle: `${p.file_name}${position}`,
      primary: importButton,
      secondary: [button(state.importQueue.length > 1 ? 'Skip this file' : 'Cancel', () => finish(app, file, 'tracking'), { id: 'import-cancel' })],
    }),
    h('div', { class: 'import-choices' }, roleChoice, h('label', { class: 'inline-field' }, 'Program ', programSelect)),
    s.error ? h('p', { class: 'form-error', role: 'alert', text: s.error }) : null,
    h('p', { class: 'muted', id: 'import-facts', text: `${p.format} · column titles in row ${p.header_row} · ${plural(p.data_rows, 'row')} below them. ${p.kind === 'evaluations'
      ? 'Each evaluation is joined to its person through their email; a later one from the same person replaces the earlier.'
      : 'Each response is joined to its pair through the respondent\u2019s email. An answer given after a period\u2019s end, and before the middle of the next one, is for the period that just ended.'}` }),
    periodChoice(app, file, s),
    p.problems.length ? h('ul', { class: 'flags', id: 'survey-problems' }, p.problems.map((t) => h('li', { text: t }))) : null,
    h('h2', { text: 'What each question means' }),
    h('div', { class: 'table-wrap mapping-wrap' },
      h('table', { class: 'data', id: 'mapping-table' },
        h('thead', {}, h('tr', {}, ['Question', 'Means', 'How sure', 'Answers'].map((t) => h('th', { scope: 'col' }, h('span', { class: 'th', text: t }))))),
        h('tbody', {}, rows))),
    h('h2', { text: 'First rows' }),
    sampleTable(p));
}

/** "These answers are for Q1 (1 May – 31 July 2026)", and the committee's choice of another check-in. */
function periodChoice(app, file, s) {
  const p = s.preview;
  if (p.kind !== 'check_ins' || !p.period_choices.length) return null;
  const select = h('select', { id: 'survey-period', 'aria-label': 'The check-in these answers are for',
    on: { change: (e) => { s.surveyPeriod = e.target.value; refreshPreview(app, file, s); } } },
  h('option', { value: '', text: 'By the date of each answer', selected: !s.surveyPeriod }),
  p.period_choices.map((label) => h('option', { value: label, text: `All for ${label}`, selected: s.surveyPeriod === label })));
  return h('div', { class: 'notice', id: 'survey-periods' },
    h('span', { text: p.periods_text || 'No answer can be joined to a pair yet.' }), ' ',
    h('label', { class: 'row-field' }, 'Change: ', select));
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

function stat(value, label, id) {
  return h('div', { class: 'stat', id }, h('span', { class: 'stat-value', text: String(value) }), h('span', { class: 'stat-label', text: label }));
}

/** What an import of responses did: recorded, replaced, and every row not recorded, with why. */
/** After a check-in import: the at-risk pairs, the overdue ones and who has not answered, and the reminders to prepare. */
function standingAfterImport(board) {
  const atRisk = board.pairs.filter((p) => p.at_risk);
  const overdue = board.pairs.filter((p) => p.overdue_since && !p.at_risk);
  const names = (pairs) => pairs.map((p) => `${p.participant} & ${p.mentor}`).join('; ');
  return h('section', { class: 'match-section', id: 'import-standing' },
    h('h2', { text: 'Where the pairs stand now' }),
    h('ul', { class: 'plain-list' },
      h('li', { id: 'standing-at-risk' }, h('strong', { text: `At risk (${atRisk.length})` }),
        atRisk.length ? h('ul', { class: 'risk-reasons' }, atRisk.map((p) => h('li', { text: `${p.participant} & ${p.mentor}: ${p.risk_reasons.join(' ')}` }))) : h('span', { class: 'muted', text: 'none' })),
      h('li', { id: 'standing-overdue' }, h('strong', { text: `Overdue (${overdue.length}):` }), h('span', { class: 'muted', text: overdue.length ? names(overdue) : 'none' })),
      h('li', { id: 'standing-not-answered' }, h('strong', { text: `Not answered ${board.not_answered.length ? board.not_answered[0].period : ''} yet (${board.not_answered.length}):` }),
        h('span', { class: 'muted', text: board.not_answered.length ? board.not_answered.map((n) => `${n.name} (${n.role})`).join('; ') : 'none' }))),
    atRisk.length ? h('p', { class: 'muted', text: 'At-risk pairs get no bulk reminder: open them on Tracking to write to each person alone or mark the risk handled.' }) : null);
}

function surveyResultView(app, file, s) {
  const r = s.result;
  const next = state.importQueue.length > 1;
  const program = state.programs.find((q) => q.id === s.programId);
  const toRemind = s.board ? reminded(s.board.pairs) : 0;
  const prepare = toRemind && program && !next
    ? button(`Prepare reminders (${toRemind})`, async (event) => {
      event.currentTarget.disabled = true;
      await writeDrafts(program, 'reminder');
    }, { kind: 'primary', id: 'prepare-reminders', title: 'One email draft per overdue pair, in the folder you chose for this program' })
    : null;
  const undo = async () => {
    try {
      const u = await api.undoImport(r.import_id);
      toast(`Undid the import of ${r.file_name}: ${plural(u.removed, 'response')} removed.`);
      finish(app, file, 'tracking');
    } catch (error) {
      toast(String(error), 'error');
    }
  };
  const check = [
    ...r.unknown.map((u) => ({ row: u.row, reason: `${u.email} is not anyone in this program.` })),
    ...r.not_imported,
    ...r.notes,
  ].sort((a, b) => a.row - b.row);
  return h('div', { class: 'import-result', id: 'import-result' },
    pageHeader(`Imported ${r.file_name}`, {
      subtitle: `${plural(r.rows, 'row')} read${r.sheet ? ` from sheet "${r.sheet}"` : ''}, every one accounted for.`,
      primary: prepare || button(next ? `Next file: ${state.importQueue[1].name}` : (r.kind === 'evaluations' ? 'See the outcomes' : 'See the pairs'), () => {
        if (r.kind === 'evaluations' && !next) trackingPage('outcomes');
        finish(app, file, 'tracking');
      }, { kind: 'primary', id: 'import-done' }),
      secondary: [prepare ? button('See the pairs', () => finish(app, file, 'tracking'), { id: 'import-done' }) : null, confirmingButton('Undo this import', `This removes the ${plural(r.recorded, 'response')} it recorded; answers they replaced count again.`,
        'Undo import', undo, { kind: 'secondary', id: 'import-undo' })],
    }),
    h('div', { class: 'stats' },
      stat(r.recorded, r.replaced ? `recorded (${r.replaced} replacing an earlier answer)` : 'recorded', 'stat-recorded'),
      stat(r.unknown.length, 'unknown emails', 'stat-unknown'), stat(r.blank, 'blank rows', 'stat-blank'),
      stat(r.not_imported.length, 'not imported', 'stat-not-imported')),
    r.periods_text ? h('p', { id: 'import-periods', text: r.periods_text }) : null,
    r.unused_questions.length ? h('p', { class: 'muted', text: `Not used: ${r.unused_questions.join('; ')}${/[.?!]$/.test(r.unused_questions[r.unused_questions.length - 1]) ? '' : '.'}` }) : null,
    s.board ? standingAfterImport(s.board) : null,
    check.length
      ? [h('h2', { text: 'Rows to check' }),
        h('div', { class: 'table-wrap short' },
          h('table', { class: 'data', id: 'attention-table' },
            h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'num' }, h('span', { class: 'th', text: 'Row' })), h('th', { scope: 'col' }, h('span', { class: 'th', text: 'What to check' })))),
            h('tbody', {}, check.map((a) => h('tr', {}, h('td', { class: 'num', text: String(a.row) }), h('td', { text: a.reason }))))))]
      : h('p', { text: 'Nothing needs checking.' }));
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
  if (r.kind) return surveyResultView(app, file, s);
  const next = state.importQueue.length > 1;
  const waiting = next ? h('p', { class: 'muted', id: 'import-waiting', text: `Waiting to be imported next: ${state.importQueue.slice(1).map((q) => q.name).join(', ')}.` }) : null;
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
      primary: button(next ? `Next file: ${state.importQueue[1].name}` : 'See the applications', () => finish(app, file), { kind: 'primary', id: 'import-done' }),
      secondary: [confirmingButton('Undo this import',
        `This removes the ${plural(r.added, 'person', 'people')} it added${r.updated ? ` and restores the earlier answers of ${r.updated}` : ''}.`,
        'Undo import', undo, { kind: 'secondary', id: 'import-undo' })],
    }),
    waiting,
    r.roles
      ? h('p', { id: 'import-roles', text: `${plural(r.roles.mentor, 'mentor')} and ${plural(r.roles.participant, 'participant')}${r.roles.unknown ? `; ${plural(r.roles.unknown, 'row')} named neither role (listed below)` : ''}.` })
      : null,
    h('div', { class: 'stats' },
      stat(r.added, 'added', 'stat-added'), stat(r.updated, 'updated', 'stat-updated'),
      stat(r.unchanged, 'unchanged', 'stat-unchanged'), stat(r.merged, 'merged duplicates', 'stat-merged'),
      stat(r.blank, 'blank rows', 'stat-blank'), stat(r.not_imported, 'not imported', 'stat-not-imported')),
    r.attention.length
      ? [h('h2', { text: 'Rows to check' }),
        h('div', { class: 'table-wrap short' },
          h('table', { class: 'data', id: 'attention-table' },
            h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'num' }, h('span', { class: 'th', text: 'Row' })), h('th', { scope: 'col' }, h('span', { class: 'th', text: 'What to check' })))),
            h('tbody', {}, r.attention.map((a) => h('tr', {}, h('td', { class: 'num', text: String(a.row) }), h('td', { text: a.reason }))))))]
      : h('p', { text: 'Nothing needs checking.' }));
}

/** Forgets every pending import (another program file was opened). */
export function resetImports() {
  sessions.clear();
  state.importQueue = [];
}
