// Several spreadsheets of applications dropped together (the mentors' and
// the participants' forms): a tab per file, each its own mapping screen,
// one Import for all of them, and what became of every row of each file.
// The import screen keeps the files' state; these only draw it.
import { h, plural } from '../dom.js';
import { pageHeader, button, confirmingButton } from '../layout.js';

/**
 * One tab per offered file, with what Matchbook made of it. `files`:
 * [{id, name, status}]; the arrow keys, Home and End move between tabs.
 */
export function fileTabs(files, shownId, onShow) {
  const ids = files.map((f) => f.id);
  const move = (event, index) => {
    const to = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: ids.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    onShow(ids[(to + ids.length) % ids.length]);
  };
  return h('div', { class: 'tabs file-tabs', role: 'tablist', id: 'import-files', 'aria-label': 'Files to import' },
    files.map((f, index) => h('button', {
      type: 'button', role: 'tab', class: 'tab', id: `import-file-${f.id}`,
      'aria-selected': String(f.id === shownId), tabIndex: f.id === shownId ? 0 : -1,
      dataset: { file: f.name },
      on: { click: () => onShow(f.id), keydown: (event) => move(event, index) },
    },
    h('span', { class: 'tab-file', text: f.name }),
    h('span', { class: 'tab-status', text: f.status }))));
}

/** "40 rows of mentors from A.csv and 60 rows of participants from B.csv": what one Import will do. */
export function togetherNote(parts) {
  const said = parts.map((p) => `${plural(p.rows, 'row')} of ${p.words} from ${p.name}`);
  const list = said.length > 1 ? `${said.slice(0, -1).join(', ')} and ${said[said.length - 1]}` : said[0];
  const files = parts.length === 2 ? 'both files' : `all ${parts.length} files`;
  return h('p', { class: 'notice', id: 'import-together' },
    `One Import brings in ${files}: ${list}. Each file's tab shows how its questions are read.`);
}

/** One figure with its label. */
export function stat(value, label, id) {
  return h('div', { class: 'stat', id }, h('span', { class: 'stat-value', text: String(value) }), h('span', { class: 'stat-label', text: label }));
}

/**
 * What one import of applications did: roles, the figures, and the rows to
 * check. `alone`: the only file on the page, so its parts carry ids.
 */
export function applicationFigures(r, alone = true) {
  const id = (name) => (alone ? name : null);
  return [
    r.roles
      ? h('p', { id: id('import-roles'), text: `${plural(r.roles.mentor, 'mentor')} and ${plural(r.roles.participant, 'participant')}${r.roles.unknown ? `; ${plural(r.roles.unknown, 'row')} named neither role (listed below)` : ''}.` })
      : null,
    h('div', { class: 'stats' },
      stat(r.added, 'added', id('stat-added')), stat(r.updated, 'updated', id('stat-updated')),
      stat(r.unchanged, 'unchanged', id('stat-unchanged')), stat(r.merged, 'merged duplicates', id('stat-merged')),
      stat(r.blank, 'blank rows', id('stat-blank')), stat(r.not_imported, 'not imported', id('stat-not-imported'))),
    r.attention.length
      ? [h(alone ? 'h2' : 'h3', { text: 'Rows to check' }),
        h('div', { class: 'table-wrap short' },
          h('table', { class: 'data', id: id('attention-table') },
            h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'num' }, h('span', { class: 'th', text: 'Row' })), h('th', { scope: 'col' }, h('span', { class: 'th', text: 'What to check' })))),
            h('tbody', {}, r.attention.map((a) => h('tr', {}, h('td', { class: 'num', text: String(a.row) }), h('td', { text: a.reason }))))))]
      : h('p', { text: 'Nothing needs checking.' }),
  ];
}

/**
 * The files imported together: one section per file with its own Undo, and
 * the next step (`next`: {label, run}) as the page's one primary action.
 */
export function togetherResultView({ reports, words, next, others, onUndo }) {
  const rows = reports.reduce((sum, r) => sum + r.rows, 0);
  return h('div', { class: 'import-result', id: 'import-result' },
    pageHeader(`Imported ${plural(reports.length, 'file')}`, {
      subtitle: `${plural(rows, 'row')} read, every one accounted for.`,
      primary: button(next.label, next.run, { kind: 'primary', id: 'import-done' }),
      secondary: others,
    }),
    reports.map((r) => h('section', { class: 'match-section import-file-result', dataset: { file: r.file_name } },
      h('div', { class: 'section-head' },
        h('h2', { text: `${r.file_name}: ${words(r.role)}` }),
        confirmingButton('Undo this import',
          `This removes the ${plural(r.added, 'person', 'people')} it added${r.updated ? ` and restores the earlier answers of ${r.updated}` : ''}.`,
          'Undo import', () => onUndo(r), { kind: 'secondary' })),
      applicationFigures(r, false))));
}
