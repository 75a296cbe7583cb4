// Import of ranked choices (the "Mentor choices" form, or mentors ranking
// participants): what each column holds, what importing would do (rows,
// choices kept, names that match nobody, with their rows), then the result.
// The import screen (import.js) owns the session and calls these views.
import { h, plural } from '../dom.js';
import { pageHeader, button, confirmingButton } from '../layout.js';

function attentionTable(rows, id) {
  return h('div', { class: 'table-wrap short' },
    h('table', { class: 'data', id },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'num' }, h('span', { class: 'th', text: 'Row' })), h('th', { scope: 'col' }, h('span', { class: 'th', text: 'What to check' })))),
      h('tbody', {}, rows.map((a) => h('tr', {}, h('td', { class: 'num', text: String(a.row) }), h('td', { text: a.reason }))))));
}

/** Every row the import did not keep whole: unknown people, names, rows not imported. */
function toCheck(r) {
  return [...r.unknown_people, ...r.unknown_names, ...r.not_imported].sort((a, b) => a.row - b.row);
}

function summary(r) {
  const who = [r.participants ? plural(r.participants, 'participant') : null, r.mentors ? plural(r.mentors, 'mentor') : null].filter(Boolean).join(' and ');
  const n = r.unknown_names.length;
  return [
    `the choices of ${who || 'nobody'} (${plural(r.choices, 'choice')}) from ${plural(r.rows, 'row')}${r.replaced ? `, replacing the earlier choices of ${r.replaced}` : ''}.`,
    n ? `${n === 1 ? '1 name matches' : `${n} names match`} nobody.` : null,
    r.unknown_people.length ? `${plural(r.unknown_people.length, 'row')} from someone not in the program.` : null,
    r.blank ? `${plural(r.blank, 'blank row')}.` : null,
  ].filter(Boolean).join(' ');
}

/**
 * The preview. opts: {s, position, roleChoice, programSelect, tabs (of files dropped together, or null), onMeaning(header, key), onImport, onCancel}.
 */
export function choicesPreviewView({ s, position, roleChoice, programSelect, tabs, onMeaning, onImport, onCancel }) {
  const p = s.preview;
  const rows = p.columns.map((c) => h('tr', {},
    h('th', { scope: 'row', class: 'col-header', text: c.header }),
    h('td', {}, h('select', {
      'aria-label': `What column "${c.header}" holds`, class: 'mapping-select', dataset: { header: c.header },
      on: { change: (e) => onMeaning(c.header, e.target.value) },
    }, p.meanings.map((m) => h('option', { value: m.key, text: m.label, selected: m.key === c.meaning })))),
    h('td', {}, h('span', { class: `chip${c.source === 'not recognised' ? '' : ' ok'}`, text: c.source === 'chosen' ? 'Your choice' : c.source === 'recognised' ? 'Recognised' : 'Not used' })),
    h('td', { class: 'samples muted', text: c.samples.join(' · ') })));
  const would = p.would;
  const importButton = h('button', {
    type: 'button', class: 'primary', id: 'import-run', disabled: !s.programId || s.busy || !would,
    text: would ? `Import the choices of ${plural(would.recorded, 'person', 'people')}` : 'Import choices',
    on: { click: onImport },
  });
  return h('div', { class: 'import-view' },
    pageHeader('Import ranked choices', {
      subtitle: `${p.file_name}${position}`,
      primary: importButton,
      secondary: [button('Cancel', onCancel, { id: 'import-cancel' })],
    }),
    tabs,
    h('div', { class: 'import-choices' }, roleChoice, h('label', { class: 'inline-field' }, 'Program ', programSelect)),
    s.error ? h('p', { class: 'form-error', role: 'alert', text: s.error }) : null,
    h('p', { class: 'muted', id: 'import-facts', text: `${p.format} · column titles in row ${p.header_row} · ${plural(p.data_rows, 'row')} below them. Each row is joined to its person by email or name; the names they ranked are found as requested mentors are, or by their number in the mentor booklet. A later import replaces a person\u2019s choices.` }),
    p.problems.length ? h('ul', { class: 'flags', id: 'choices-problems' }, p.problems.map((t) => h('li', { text: t }))) : null,
    would ? h('p', { id: 'choices-would', text: `Importing would keep ${summary(would)}` }) : null,
    would && toCheck(would).length ? [h('h2', { text: 'Rows to check before importing' }), attentionTable(toCheck(would), 'choices-attention')] : null,
    h('h2', { text: 'What each column holds' }),
    h('div', { class: 'table-wrap mapping-wrap' },
      h('table', { class: 'data', id: 'mapping-table' },
        h('thead', {}, h('tr', {}, ['Column', 'Holds', '', 'Answers'].map((t) => h('th', { scope: 'col' }, h('span', { class: 'th', text: t }))))),
        h('tbody', {}, rows))));
}

/** After importing: what was kept, every row to check, Undo, and the way to Matching. */
export function choicesResultView({ r, onUndo, onDone }) {
  const check = toCheck(r);
  return h('div', { class: 'import-result', id: 'import-result' },
    pageHeader(`Imported ${r.file_name}`, {
      subtitle: `${plural(r.rows, 'row')} read${r.sheet ? ` from sheet "${r.sheet}"` : ''}, every one accounted for.`,
      primary: button('Go to Matching', onDone, { kind: 'primary', id: 'import-done' }),
      secondary: [confirmingButton('Undo this import', `This removes the ${plural(r.choices, 'choice')} it kept; earlier choices it replaced count again.`,
        'Undo import', onUndo, { kind: 'secondary', id: 'import-undo' })],
    }),
    h('p', { id: 'choices-summary', text: `Kept ${summary(r)} They count from the next computation of matches.` }),
    check.length ? [h('h2', { text: 'Rows to check' }), attentionTable(check, 'attention-table')] : h('p', { text: 'Nothing needs checking.' }));
}
