// The pairs' answers dropped in like applications: check-in and evaluation
// responses, what each column means, the check-in they report on, and after
// the import what became of every row and where the pairs stand now.
import { api } from '../api.js';
import { h, plural } from '../dom.js';
import { pageHeader, button, confirmingButton, unitWords } from '../layout.js';
import { state } from '../state.js';
import { toast } from '../toast.js';
import { openTrackingPage as trackingPage } from './tracking.js';
import { writeDrafts, reminded } from './tracking/shared.js';
import { stat } from './import-together.js';

/**
 * Check-in or evaluation responses: what each column means, the first rows, Import.
 * `refresh()` reads the file again with the committee's choices in `s`.
 */
export function responsesPreviewView({ s, position, roleChoice, programSelect, tabs, noun, sample, refresh, onImport, onCancel, cancelLabel }) {
  const p = s.preview;
  const words = unitWords(state.programs.find((q) => q.id === s.programId));
  const meaning = (c) => h('select', {
    'aria-label': `Meaning of column "${c.header}"`, class: 'mapping-select', dataset: { header: c.header },
    on: { change: (e) => { s.surveyMapping[c.header] = e.target.value; refresh(); } },
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
    on: { click: onImport },
  });
  return h('div', { class: 'import-view' },
    pageHeader('Import responses', {
      subtitle: `${p.file_name}${position}`,
      primary: importButton,
      secondary: [button(cancelLabel, onCancel, { id: 'import-cancel' })],
    }),
    tabs,
    h('div', { class: 'import-choices' }, roleChoice, h('label', { class: 'inline-field' }, 'Program ', programSelect)),
    s.error ? h('p', { class: 'form-error', role: 'alert', text: s.error }) : null,
    h('p', { class: 'muted', id: 'import-facts', text: `${p.format} · column titles in row ${p.header_row} · ${plural(p.data_rows, 'row')} below them. ${p.kind === 'evaluations'
      ? 'Each evaluation is joined to its person through their email; a later one from the same person replaces the earlier.'
      : `Each response is joined to its ${words.unit} through the respondent\u2019s email. An answer given after a period\u2019s end, and before the middle of the next one, is for the period that just ended.`}` }),
    periodChoice(s, refresh, words),
    p.problems.length ? h('ul', { class: 'flags', id: 'survey-problems' }, p.problems.map((t) => h('li', { text: t }))) : null,
    h('h2', { text: 'What each question means' }),
    h('div', { class: 'table-wrap mapping-wrap' },
      h('table', { class: 'data', id: 'mapping-table' },
        h('thead', {}, h('tr', {}, ['Question', 'Means', 'How sure', 'Answers'].map((t) => h('th', { scope: 'col' }, h('span', { class: 'th', text: t }))))),
        h('tbody', {}, rows))),
    h('h2', { text: 'First rows' }),
    sample);
}

/** "These answers are for Q1 (1 May – 31 July 2026)", and the committee's choice of another check-in. */
function periodChoice(s, refresh, words) {
  const p = s.preview;
  if (p.kind !== 'check_ins' || !p.period_choices.length) return null;
  const select = h('select', { id: 'survey-period', 'aria-label': 'The check-in these answers are for',
    on: { change: (e) => { s.surveyPeriod = e.target.value; refresh(); } } },
  h('option', { value: '', text: 'By the date of each answer', selected: !s.surveyPeriod }),
  p.period_choices.map((label) => h('option', { value: label, text: `All for ${label}`, selected: s.surveyPeriod === label })));
  return h('div', { class: 'notice', id: 'survey-periods' },
    h('span', { text: p.periods_text || `No answer can be joined to a ${words.unit} yet.` }), ' ',
    h('label', { class: 'row-field' }, 'Change: ', select));
}

/** After a check-in import: the at-risk pairs, the overdue ones and who has not answered, and the reminders to prepare. */
function standingAfterImport(board, words) {
  const atRisk = board.pairs.filter((p) => p.at_risk);
  const overdue = board.pairs.filter((p) => p.overdue_since && !p.at_risk);
  const names = (pairs) => pairs.map((p) => `${p.participant} & ${p.mentor}`).join('; ');
  return h('section', { class: 'match-section', id: 'import-standing' },
    h('h2', { text: `Where the ${words.units} stand now` }),
    h('ul', { class: 'plain-list' },
      h('li', { id: 'standing-at-risk' }, h('strong', { text: `At risk (${atRisk.length})` }),
        atRisk.length ? h('ul', { class: 'risk-reasons' }, atRisk.map((p) => h('li', { text: `${p.participant} & ${p.mentor}: ${p.risk_reasons.join(' ')}` }))) : h('span', { class: 'muted', text: 'none' })),
      h('li', { id: 'standing-overdue' }, h('strong', { text: `Overdue (${overdue.length}):` }), h('span', { class: 'muted', text: overdue.length ? names(overdue) : 'none' })),
      h('li', { id: 'standing-not-answered' }, h('strong', { text: `Not answered ${board.not_answered.length ? board.not_answered[0].period : ''} yet (${board.not_answered.length}):` }),
        h('span', { class: 'muted', text: board.not_answered.length ? board.not_answered.map((n) => `${n.name} (${n.role})`).join('; ') : 'none' }))),
    atRisk.length ? h('p', { class: 'muted', text: `At-risk ${words.units} get no bulk reminder: open them on Tracking to write to each person alone or mark the risk handled.` }) : null);
}

/**
 * What an import of responses did: recorded, replaced, every row not
 * recorded with why, and after check-ins where the pairs stand. `next`: the
 * file waiting after this one; `onDone()` leaves for it or for Tracking.
 */
export function responsesResultView({ s, next, program, onDone }) {
  const r = s.result;
  const words = unitWords(program);
  const seeUnits = `See the ${words.units}`;
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
      onDone();
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
      primary: prepare || button(next ? `Next file: ${next.name}` : (r.kind === 'evaluations' ? 'See the outcomes' : seeUnits), () => {
        if (r.kind === 'evaluations' && !next) trackingPage('outcomes');
        onDone();
      }, { kind: 'primary', id: 'import-done' }),
      secondary: [prepare ? button(seeUnits, () => onDone(), { id: 'import-done' }) : null, confirmingButton('Undo this import', `This removes the ${plural(r.recorded, 'response')} it recorded; answers they replaced count again.`,
        'Undo import', undo, { kind: 'secondary', id: 'import-undo' })],
    }),
    h('div', { class: 'stats' },
      stat(r.recorded, r.replaced ? `recorded (${r.replaced} replacing an earlier answer)` : 'recorded', 'stat-recorded'),
      stat(r.unknown.length, 'unknown emails', 'stat-unknown'), stat(r.blank, 'blank rows', 'stat-blank'),
      stat(r.not_imported.length, 'not imported', 'stat-not-imported')),
    r.periods_text ? h('p', { id: 'import-periods', text: r.periods_text }) : null,
    r.unused_questions.length ? h('p', { class: 'muted', text: `Not used: ${r.unused_questions.join('; ')}${/[.?!]$/.test(r.unused_questions[r.unused_questions.length - 1]) ? '' : '.'}` }) : null,
    s.board ? standingAfterImport(s.board, words) : null,
    check.length
      ? [h('h2', { text: 'Rows to check' }),
        h('div', { class: 'table-wrap short' },
          h('table', { class: 'data', id: 'attention-table' },
            h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'num' }, h('span', { class: 'th', text: 'Row' })), h('th', { scope: 'col' }, h('span', { class: 'th', text: 'What to check' })))),
            h('tbody', {}, check.map((a) => h('tr', {}, h('td', { class: 'num', text: String(a.row) }), h('td', { text: a.reason }))))))]
      : h('p', { text: 'Nothing needs checking.' }));
}
