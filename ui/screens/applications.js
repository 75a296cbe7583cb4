// Applications: the mentors and participants of the current program.
import { api } from '../api.js';
import { h, replace, plural } from '../dom.js';
import { pageHeader, emptyState, button, programStatus, confirmingButton, unitWords } from '../layout.js';
import { memberGroupSection } from './tracking/groups.js';
import { openPanel, closePanel } from '../panel.js';
import { currentProgram } from '../state.js';
import { offerFiles } from './import.js';
import { eligibilitySection } from './eligibility.js';
import { toast } from '../toast.js';

/** Import…: the file dialog, then the preview of each chosen file. */
export async function chooseImport(app) {
  try {
    const files = await api.chooseImportFiles();
    if (files.length) offerFiles(app, files);
  } catch (error) {
    toast(String(error), 'error');
  }
}

const COLUMNS = [
  { key: 'name', label: 'Name', value: (p) => p.name, flag: true },
  { key: 'role', label: 'Role', value: (p) => (p.role === 'mentor' ? 'Mentor' : 'Participant') },
  { key: 'library', label: 'Library', value: (p) => p.library },
  { key: 'region', label: 'Region', value: (p) => p.region },
  { key: 'years', label: 'Years', value: (p) => p.years_experience ?? '', numeric: true },
  { key: 'areas', label: 'Areas', value: (p) => (p.areas || []).join(', '), chips: (p) => p.areas || [] },
];

const view = { query: '', role: 'all', sortKey: 'name', sortAsc: true, history: false };

function historyList(app, imports) {
  const undo = async (record) => {
    try {
      const u = await api.undoImport(record.id);
      await app.reloadPrograms();
      toast(record.kind === 'applications'
        ? `Undid the import of ${record.file_name}: removed ${plural(u.removed, 'person', 'people')}, restored ${u.restored}.`
        : `Undid the import of ${record.file_name}: ${plural(u.removed, 'response')} removed.`);
      app.render();
    } catch (error) {
      toast(String(error), 'error');
    }
  };
  return h('section', { class: 'history', id: 'import-history', 'aria-label': 'Import history' },
    h('ul', {}, imports.map((r) => h('li', { class: r.undone_at ? 'undone' : null },
      h('span', { class: 'history-file', text: r.file_name }),
      h('span', { class: 'muted', text: r.kind === 'applications'
        ? ` · ${r.role === 'mentor' ? 'mentors' : 'participants'} · ${r.imported_at.replace('T', ' ').replace('Z', ' UTC')} · ${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged`
        : ` · ${r.kind_label.toLowerCase()} · ${r.imported_at.replace('T', ' ').replace('Z', ' UTC')} · ${r.added} recorded, ${r.updated} replacing an earlier answer` }),
      r.undone_at ? h('span', { class: 'badge', text: 'Undone' })
        : confirmingButton('Undo', undoQuestion(r), 'Undo import', () => undo(r))))));
}

function undoQuestion(r) {
  if (r.kind !== 'applications') return `This removes the ${plural(r.added, 'response')} it recorded; answers they replaced count again.`;
  const parts = [];
  if (r.added) parts.push(`removes the ${plural(r.added, 'person', 'people')} it added`);
  if (r.updated) parts.push(`restores the earlier answers of ${r.updated}`);
  return parts.length ? `This ${parts.join(' and ')}.` : 'This import changed nobody.';
}

export async function renderApplications(main, app) {
  const program = currentProgram();
  if (!program) {
    main.append(emptyState({
      title: 'No program yet',
      text: 'Applications belong to a program. Create one first, or explore with the sample cohort.',
      actions: [button('Go to Programs', () => app.go('programs'), { kind: 'primary' })],
    }));
    return;
  }
  const imports = await api.listImports(program.id);
  main.append(pageHeader('Applications', {
    subtitle: `${program.name} · ${programStatus(program)}`,
    primary: button('Import…', () => chooseImport(app), { kind: 'primary', id: 'import-button', title: 'Import application spreadsheets (Ctrl+O opens a program file instead)' }),
    secondary: imports.length ? [button(view.history ? 'Hide import history' : `Import history (${imports.length})`, () => { view.history = !view.history; app.render(); }, { id: 'history-button' })] : [],
  }));
  if (view.history && imports.length) main.append(historyList(app, imports));
  if (program.mentors + program.participants === 0) {
    main.append(emptyState({
      title: 'No applications yet',
      text: [
        'Drop the mentor and participant application spreadsheets anywhere on this window, or choose Import…. CSV from Google Forms or Excel, XLSX from Microsoft Forms, ODS and XLS all work.',
        'You will see how Matchbook reads each file before anything is added, and every row is accounted for.',
      ],
      actions: [button('Import…', () => chooseImport(app), { kind: 'primary' })],
    }));
    return;
  }
  const people = await api.listPeople(program.id);
  const search = h('input', {
    type: 'search', id: 'people-search', placeholder: 'Search names, libraries, areas…',
    'aria-label': 'Search applications', value: view.query,
  });
  const roleSelect = h('select', { id: 'people-role', 'aria-label': 'Show' },
    h('option', { value: 'all', text: 'Everyone' }),
    h('option', { value: 'mentor', text: 'Mentors' }),
    h('option', { value: 'participant', text: 'Participants' }));
  roleSelect.value = view.role;
  const count = h('span', { class: 'muted', id: 'people-count' });
  const tableHost = h('div', { class: 'table-wrap' });
  main.append(h('div', { class: 'toolbar' }, search, roleSelect, count), tableHost);

  const draw = () => {
    const q = view.query.trim().toLowerCase();
    const rows = people.filter((p) => (view.role === 'all' || p.role === view.role)
      && (!q || [p.name, p.email, p.library, p.region, p.city, ...(p.areas || [])]
        .some((v) => (v || '').toLowerCase().includes(q))));
    const col = COLUMNS.find((c) => c.key === view.sortKey) || COLUMNS[0];
    rows.sort((a, b) => {
      const x = col.value(a); const y = col.value(b);
      const cmp = col.numeric ? (Number(x) || 0) - (Number(y) || 0) : String(x).localeCompare(String(y));
      return view.sortAsc ? cmp : -cmp;
    });
    count.textContent = `Showing ${plural(rows.length, 'person', 'people')} of ${people.length}`;
    replace(tableHost, peopleTable(rows, draw, (p) => showPerson(p, app)));
  };
  const onSearch = () => { if (view.query !== search.value) { view.query = search.value; draw(); } };
  for (const type of ['input', 'change', 'search']) search.addEventListener(type, onSearch);
  roleSelect.addEventListener('change', () => { view.role = roleSelect.value; draw(); });
  draw();
}

function peopleTable(rows, redraw, open) {
  const head = h('tr', {}, COLUMNS.map((c) => {
    const sorted = view.sortKey === c.key;
    return h('th', {
      scope: 'col', class: c.numeric ? 'num' : null,
      'aria-sort': sorted ? (view.sortAsc ? 'ascending' : 'descending') : 'none',
    }, h('button', {
      type: 'button', class: 'sort',
      on: { click: () => { view.sortAsc = sorted ? !view.sortAsc : true; view.sortKey = c.key; redraw(); } },
    }, c.label, h('span', { class: 'sort-mark', 'aria-hidden': 'true', text: sorted ? (view.sortAsc ? ' ▲' : ' ▼') : '' })));
  }));
  const body = rows.map((p) => h('tr', {
    tabindex: 0, class: 'clickable',
    on: {
      click: () => open(p),
      keydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(p); } },
    },
  }, COLUMNS.map((c) => h('td', { class: c.numeric ? 'num' : null },
    c.chips ? h('span', { class: 'chips' }, c.chips(p).map((a) => h('span', { class: 'chip', text: a }))) : String(c.value(p)),
    c.flag && p.flags.length ? h('span', { class: 'chip warn flag', title: p.flags.join('\n'), text: 'Check' }) : null))));
  return h('table', { class: 'data', id: 'people-table' }, h('thead', {}, head), h('tbody', {}, body));
}

function fact(label, value) {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)) return null;
  return [h('dt', { text: label }), h('dd', {}, Array.isArray(value)
    ? h('span', { class: 'chips' }, value.map((v) => h('span', { class: 'chip', text: v })))
    : String(value))];
}

/**
 * A mentor's number of mentees, with Change… for when they agree to take more
 * (or fewer). The application's answer stays on record in its raw row.
 */
function capacityFact(p, app) {
  const dd = h('dd', { class: 'capacity' });
  // replace() skips the null of a missing note; replaceChildren would print "null".
  const show = () => replace(dd,
    h('span', { id: 'capacity-value', text: String(p.places) }), ' ',
    button('Change…', edit, { kind: 'link', id: 'change-capacity', ariaLabel: `Change how many mentees ${p.name} can take` }),
    p.capacity_agreed != null && p.capacity_agreed !== p.capacity
      ? h('p', { class: 'muted small', text: `Agreed with the committee; the application said ${p.capacity ?? `nothing (counts as ${p.application_places})`}.` })
      : (p.capacity == null ? h('p', { class: 'muted small', text: `The application did not say; counted as ${p.application_places}.` }) : null));
  const edit = () => {
    const input = h('input', { type: 'number', id: 'capacity-input', min: '0', max: String(p.max_mentees), step: '1', value: String(p.places), 'aria-label': `Mentees ${p.name} can take` });
    const error = h('p', { class: 'form-error', hidden: true, role: 'alert' });
    const refuse = (message) => {
      error.textContent = message;
      error.hidden = false;
      input.focus();
    };
    const save = async () => {
      // An empty or unreadable field reads as '' (Number('') is 0): never save that as "no mentees".
      // Only the reading happens here; the limits are the core's, and it says when a number is refused.
      const value = input.value.trim() === '' ? NaN : Number(input.value);
      if (!Number.isInteger(value) || value < 0) {
        refuse(`Type a whole number of mentees from 0 to ${p.max_mentees}, such as 2.`);
        return;
      }
      try {
        Object.assign(p, await api.setMentorCapacity(p.id, value));
        show();
        dd.querySelector('#change-capacity').focus();
        toast(`${p.name} can now take ${plural(p.places, 'mentee')}.`);
        await app.reloadPrograms();
      } catch (e) {
        refuse(String(e));
      }
    };
    input.addEventListener('keydown', (event) => { if (event.key === 'Enter') { event.preventDefault(); save(); } });
    dd.replaceChildren(input, ' ', button('Save', save, { kind: 'secondary', id: 'save-capacity' }),
      button('Cancel', () => { show(); dd.querySelector('#change-capacity').focus(); }, { kind: 'quiet' }), error);
    input.focus();
    input.select();
  };
  show();
  return [h('dt', { text: 'Mentees they can take' }), dd];
}

/** The end of the person panel: erase them, after saying exactly what goes. */
function eraseSection(p, app) {
  const holder = h('div', { class: 'erase' });
  const ask = async () => {
    let what;
    try {
      what = await api.erasePreview(p.id);
    } catch (error) {
      toast(String(error), 'error');
      return;
    }
    const parts = [plural(what.applications, 'application')];
    if (what.matches) parts.push(plural(what.matches, 'match', 'matches'));
    if (what.goals) parts.push(plural(what.goals, 'goal'));
    if (what.meetings) parts.push(plural(what.meetings, 'meeting'));
    if (what.letters) parts.push(plural(what.letters, 'letter record'));
    if (what.committee_rules) parts.push(plural(what.committee_rules, 'committee decision'));
    holder.replaceChildren(
      h('p', { class: 'form-error', id: 'erase-question', text: `Erase ${what.name} and everything about them: ${parts.join(', ')}? This cannot be undone; copies of the file made earlier still hold them.` }),
      h('div', { class: 'row-actions' },
        button('Cancel', () => holder.replaceChildren(start()), {}),
        button(`Erase ${what.name}`, async () => {
          try {
            await api.erasePerson(p.id);
            closePanel();
            await app.reloadPrograms();
            app.render();
            toast(`Erased ${what.name} from this program file.`);
          } catch (error) {
            toast(String(error), 'error');
          }
        }, { kind: 'danger', id: 'erase-confirm' })));
    holder.querySelector('#erase-confirm').focus();
  };
  const start = () => h('div', {},
    h('h3', { text: 'Privacy' }),
    h('p', { class: 'muted small', text: 'Someone asked to be forgotten, or applied by mistake? Erasing removes them and everything about them from this file.' }),
    button('Erase this person…', ask, { kind: 'quiet', id: 'erase-person' }));
  holder.append(start());
  return holder;
}

async function exportData(p) {
  try {
    const written = await api.exportPersonData(p.id);
    if (written) toast(`Saved ${written.join(' and ')}.`);
  } catch (error) {
    toast(String(error), 'error');
  }
}

// The person's earlier programs in this file, found by email; filled when read.
function historySection(p) {
  const section = h('section', { class: 'person-history', id: 'person-history', hidden: true });
  api.personHistory(p.id).then((history) => {
    if (!history.lines.length) return;
    section.append(h('h3', { text: 'Earlier programs' }),
      h('ul', { class: 'plain-list' }, history.lines.map((line) => h('li', { text: line }))));
    section.hidden = false;
  }).catch((error) => toast(String(error), 'error'));
  return section;
}

// Each answer of the application under its question, as the form asked it.
function formAnswers(p) {
  const answers = Object.entries(p.answers || {});
  if (!answers.length) return null;
  return h('section', { class: 'form-answers', id: 'form-answers' },
    h('h3', { text: 'Answers on the form' }),
    h('dl', { class: 'facts' }, answers.map(([question, answer]) => fact(question, answer))));
}

/** A member named on a group's page: their own panel. */
async function showPersonById(programId, id, app) {
  const person = (await api.listPeople(programId)).find((q) => q.id === id);
  if (person) showPerson(person, app);
}

function showPerson(p, app) {
  const extras = Object.entries(p.extra || {});
  // A participant's group or circle, once the core has found it.
  const group = h('div', { id: 'person-group-slot' });
  if (p.role !== 'mentor') {
    api.memberPage(p.program_id, p.id).then((page) => {
      if (page) group.replaceChildren(memberGroupSection(p.program_id, page, unitWords(currentProgram()), () => app.render(), (id) => showPersonById(p.program_id, id, app)));
    }).catch((error) => toast(String(error), 'error'));
  }
  openPanel({
    title: p.name,
    body: h('div', { class: 'person' },
      h('p', { class: 'muted', text: `${p.role === 'mentor' ? 'Mentor' : 'Participant'}${p.position ? ` · ${p.position}` : ''}` }),
      p.flags.length ? h('ul', { class: 'flags', 'aria-label': 'Needs attention' }, p.flags.map((f) => h('li', { text: f }))) : null,
      h('dl', { class: 'facts' },
        fact('Email', p.email), fact('Phone', p.phone), fact('Library', p.library),
        fact('City', p.city), fact('Region', p.region), fact('Years in libraries', p.years_experience),
        fact('Library type', p.library_types), fact(p.role === 'mentor' ? 'Can offer guidance in' : 'Wants guidance in', p.areas),
        fact('Prefers to meet', p.meeting_modes),
        p.role === 'mentor' ? capacityFact(p, app) : null,
        fact('Requested mentor', p.requested_mentor), fact('Would like to mentor', p.requested_mentees),
        fact('Not to be paired with', p.avoid), fact('Topics to avoid', p.avoid_topics),
        fact('Attending the kickoff', p.kickoff_attendance), fact('Goals', p.goals), fact('Comments', p.comments),
        fact('Submitted', p.submitted_at),
        extras.map(([k, v]) => fact(k, v))),
      group,
      eligibilitySection(p, () => {}),
      historySection(p),
      formAnswers(p),
      h('section', { class: 'person-export' },
        h('h3', { text: 'Their data' }),
        h('p', { class: 'hint', text: 'Everything this file holds about them, for them to read: a JSON file and a readable PDF (answers, application rows, matches, goals, meetings, check-ins, letters sent).' }),
        button('Export this person’s data…', () => exportData(p), { kind: 'secondary', id: 'export-person' })),
      eraseSection(p, app)),
  });
}
