// Letters: the two templates with a placeholder palette, the letterhead, a
// live preview drawn by the same engine that makes the PDF, saving and
// printing, the log of what was produced, and the mail-merge export.
import { api } from '../api.js';
import { h, plural, formatDateTime } from '../dom.js';
import { pageHeader, emptyState, button, programStatus } from '../layout.js';
import { currentProgram } from '../state.js';
import { toast } from '../toast.js';
import { dateInput, dateValue } from '../datefield.js';

/** Editor state survives re-renders of the page within one visit. */
const editor = { programId: null, kind: 'participant', draft: null, personId: null, page: 0 };

export async function renderLetters(main, app) {
  const program = currentProgram();
  if (!program || !program.matched) {
    main.append(pageHeader('Letters', { subtitle: program ? `${program.name} · ${programStatus(program)}` : null }));
    main.append(emptyState({
      title: 'No confirmed matches yet',
      text: 'Letters tell every mentor and participant who their match is and what the relationship asks of them. They are written from the confirmed matches, so confirm matches first.',
      actions: [button('Go to Matching', () => app.go('matching'), { kind: 'primary' })],
    }));
    return;
  }
  const [overview, greetings] = await Promise.all([api.lettersOverview(program.id), api.letterGreetings(program.id)]);
  if (editor.programId !== program.id || !editor.draft) {
    Object.assign(editor, { programId: program.id, draft: structuredClone(overview.settings), personId: null, page: 0 });
  }
  // The letters this program prints (its shape decides): keep the tab open if it is one.
  if (!overview.letters.some((l) => l.kind === editor.kind)) editor.kind = overview.letters[0].kind;
  // A program of peer circles prints no mentor letters: no choice of them.
  const mentorLetters = overview.letters.some((l) => l.kind === 'mentor');
  const whichSelect = h('select', { id: 'letters-which', 'aria-label': 'Which letters' },
    h('option', { value: 'all', text: 'All letters' }),
    mentorLetters ? h('option', { value: 'mentors', text: 'Mentor letters' }) : null,
    h('option', { value: 'participants', text: 'Participant letters' }),
    h('option', { value: 'since', text: 'Pairs confirmed since…' }));
  // "Pairs confirmed since" a day: the letters of a re-match or a late pair.
  const since = dateInput({ id: 'letters-since', 'aria-label': 'Confirmed on or after', hidden: true });
  whichSelect.addEventListener('change', () => { since.hidden = whichSelect.value !== 'since'; });
  const which = {
    get value() { return whichSelect.value; },
    async chosen() {
      if (whichSelect.value !== 'since') return whichSelect.value;
      const day = await dateValue(since);
      if (!day) throw new Error('Type the day from which confirmed pairs get their letters, for example 2026-09-01.');
      return { since: day };
    },
  };
  const busy = async (target, label, work) => {
    target.disabled = true;
    const before = target.textContent;
    target.textContent = label;
    try {
      await work();
    } catch (error) {
      toast(String(error), 'error');
    } finally {
      target.disabled = false;
      target.textContent = before;
    }
  };
  const afterSave = async (saved, what) => {
    if (!saved) return;
    toast(`${what}: ${plural(saved.letters, 'letter')} in ${saved.path}`);
    await app.reloadPrograms();
    app.render();
  };
  const ensureSaved = async () => {
    if (JSON.stringify(editor.draft) !== JSON.stringify(overview.settings)) {
      overview.settings = await api.saveLetterSettings(program.id, editor.draft);
    }
  };
  const savePdf = button('Save as PDF…', (e) => busy(e.currentTarget, 'Saving…', async () => {
    await ensureSaved();
    await afterSave(await api.saveLettersPdf(program.id, await which.chosen()), 'Saved');
  }), { kind: 'primary', id: 'save-letters-pdf', title: 'One PDF with every letter (Ctrl+S)' });
  const saveFolder = button('One PDF per person…', (e) => busy(e.currentTarget, 'Saving…', async () => {
    await ensureSaved();
    await afterSave(await api.saveLettersFolder(program.id, await which.chosen()), 'Saved');
  }), { id: 'save-letters-folder' });
  const print = button('Print…', (e) => busy(e.currentTarget, 'Preparing…', async () => {
    await ensureSaved();
    const printed = await api.printLetters(program.id, await which.chosen());
    toast(`${plural(printed.letters, 'letter')} opened in your PDF viewer; print from there.`);
    // The log now shows them as printed.
    app.render();
  }), { id: 'print-letters', title: 'Opens the letters in your PDF viewer to print (Ctrl+P)' });
  const emailLetters = button('Email the letters…', (e) => busy(e.currentTarget, 'Writing…', async () => {
    await ensureSaved();
    const written = await api.writeEmailDrafts(program.id, 'letters', await which.chosen());
    if (!written) return;
    toast(emailsWritten(written));
    await app.reloadPrograms();
    app.render();
  }), { id: 'email-letters', title: 'One email draft per person, their letter attached, for your mail program to send' });
  const exportCsv = button('Export matches (CSV)…', (e) => busy(e.currentTarget, 'Exporting…', async () => {
    const path = await api.exportMatchesCsv(program.id);
    if (path) toast(`Exported the matches to ${path}`);
  }), { kind: 'quiet', id: 'export-matches' });

  main.append(pageHeader('Letters', {
    subtitle: `${program.name} · ${programStatus(program)}`,
    primary: savePdf,
    secondary: [whichSelect, since, print, saveFolder, emailLetters, exportCsv],
  }));
  main.append(editorSection(program, overview));
  main.append(greetingsSection(program, greetings));
  main.append(emailTextsSection(program, await api.emailTemplates(program.id)));
  main.append(letterheadSection(program, overview));
  main.append(logSection(overview.log));
}

/**
 * The live preview: the recipient chooser, a status line, the page drawn by
 * the PDF engine and its pager. `refresh()` redraws it from the draft;
 * template problems go to `problems`, beside the text.
 */
function previewPane(program, draft, problems) {
  const status = h('p', { class: 'muted small', id: 'template-status', 'aria-live': 'polite' });
  const previewImage = h('img', { id: 'letter-preview', alt: 'Preview of the letter page' });
  const pageLabel = h('span', { class: 'muted small', id: 'preview-page' });
  const prev = button('‹ Previous page', () => { editor.page -= 1; showPage(); }, { kind: 'quiet' });
  const next = button('Next page ›', () => { editor.page += 1; showPage(); }, { kind: 'quiet' });
  const chooser = h('select', { id: 'preview-recipient', 'aria-label': 'Preview the letter of' });
  let pages = [];
  let objectUrl = null;

  const showPage = () => {
    editor.page = Math.max(0, Math.min(editor.page, pages.length - 1));
    if (objectUrl) URL.revokeObjectURL(objectUrl);
    objectUrl = pages.length ? URL.createObjectURL(new Blob([pages[editor.page]], { type: 'image/svg+xml' })) : null;
    previewImage.hidden = !objectUrl;
    if (objectUrl) previewImage.src = objectUrl;
    pageLabel.textContent = pages.length ? `Page ${editor.page + 1} of ${pages.length}` : '';
    prev.disabled = editor.page <= 0;
    next.disabled = editor.page >= pages.length - 1;
  };

  let generation = 0;
  const refresh = async () => {
    const mine = ++generation;
    status.textContent = 'Updating the preview…';
    let result;
    try {
      result = await api.previewLetter(program.id, draft, editor.kind, editor.personId);
    } catch (error) {
      status.textContent = '';
      problems.replaceChildren(h('p', { class: 'form-error', text: String(error) }));
      return;
    }
    if (mine !== generation) return;
    chooser.replaceChildren(...result.recipients.map(([id, name]) => h('option', { value: String(id), text: name })));
    if (result.recipients.length) {
      const current = editor.personId && result.recipients.some(([id]) => id === editor.personId) ? editor.personId : result.recipients[0][0];
      chooser.value = String(current);
    }
    problems.replaceChildren(...result.problems.map((p) => h('p', { class: 'form-error', text: p.message })));
    pages = result.pages;
    status.textContent = result.problems.length
      ? 'Fix the problem above to see the preview; nothing prints until it is fixed.'
      : `Preview of ${result.recipient}'s letter, exactly as it prints.`;
    showPage();
  };
  chooser.addEventListener('change', () => {
    editor.personId = Number(chooser.value);
    editor.page = 0;
    refresh();
  });
  // The whole page fits the pane; its actual size (as printed, at 100 %) is
  // one click away for reading the small print, and scrolls inside the frame.
  const frame = h('div', { class: 'page-frame' }, previewImage);
  const zoom = button('Actual size', () => setZoom(!editor.zoomed), { kind: 'quiet', id: 'preview-zoom' });
  const setZoom = (zoomed) => {
    editor.zoomed = zoomed;
    frame.classList.toggle('zoomed', zoomed);
    zoom.textContent = zoomed ? 'Fit the page' : 'Actual size';
    zoom.setAttribute('aria-pressed', String(zoomed));
    previewImage.title = zoomed ? 'Click to fit the page' : 'Click to see it at actual size';
  };
  previewImage.addEventListener('click', () => setZoom(!editor.zoomed));
  setZoom(Boolean(editor.zoomed));
  const element = h('div', { class: 'letters-preview' },
    h('div', { class: 'toolbar preview-toolbar' },
      h('label', { for: 'preview-recipient', class: 'field-label', text: 'Preview for' }), chooser),
    status,
    frame,
    h('div', { class: 'row-actions pager' }, prev, pageLabel, next, zoom));
  return { element, refresh };
}

/** A tab per letter the program prints (from the core); `onSelect(kind)` switches the editor. */
function letterTabs(letters, onSelect) {
  // A tab list is one stop for Tab; the arrow keys, Home and End move between the tabs.
  const kinds = letters.map((l) => l.kind);
  const tabs = letters.map((letter, index) => h('button', {
    type: 'button', role: 'tab', class: 'tab', id: `tab-${letter.kind}`, 'aria-controls': 'letters-tabpanel',
    'aria-selected': String(editor.kind === letter.kind), tabIndex: editor.kind === letter.kind ? 0 : -1,
    text: letter.label,
    on: {
      click: () => onSelect(letter.kind),
      keydown: (event) => {
        const to = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: kinds.length - 1 }[event.key];
        if (to === undefined) return;
        event.preventDefault();
        const next = kinds[(to + kinds.length) % kinds.length];
        onSelect(next);
        document.getElementById(`tab-${next}`).focus();
      },
    },
  }));
  const markSelected = (kind) => {
    for (const t of tabs) {
      const selected = t.id === `tab-${kind}`;
      t.setAttribute('aria-selected', String(selected));
      t.tabIndex = selected ? 0 : -1;
    }
    document.getElementById('letters-tabpanel')?.setAttribute('aria-labelledby', `tab-${kind}`);
  };
  return { tabs, markSelected };
}

/** The placeholders of the current letter; a click inserts one at the cursor. */
function placeholderPalette(overview, textarea) {
  const palette = h('div', { class: 'palette', 'aria-label': 'Placeholders' });
  const insert = (text) => {
    const start = textarea.selectionStart ?? textarea.value.length;
    const end = textarea.selectionEnd ?? start;
    textarea.setRangeText(text, start, end, 'end');
    textarea.focus();
    textarea.dispatchEvent(new Event('input'));
  };
  const render = () => {
    const shown = overview.placeholders.filter((p) => p.letters.includes(editor.kind));
    palette.replaceChildren(
      h('p', { class: 'muted small', text: 'Click a placeholder to insert it where the cursor is. The numbers say how many of these letters have an answer to print.' }),
      ...shown.map((p) => {
        // Applicants' answers: counted over the confirmed matches' letters.
        const answered = editor.kind === 'mentor' ? p.mentor_letters : p.participant_letters;
        const none = Boolean(answered) && answered.answered === 0;
        const whose = p.text.includes('mentor.') ? 'mentor' : 'participant';
        const title = !answered ? p.meaning
          : none ? `${p.meaning}: no ${whose} answered this, so it would stop every letter.`
            : `${p.meaning}: ${answered.answered} of ${plural(answered.letters, 'letter')} have an answer to print.`;
        return h('button', {
          type: 'button', class: none ? 'placeholder unanswered' : 'placeholder', title, disabled: none,
          'aria-label': answered ? `${p.text}, ${answered.answered} of ${answered.letters} answered` : null,
          on: { click: () => insert(p.text) },
        },
        h('span', { text: p.text }),
        answered ? h('span', { class: 'placeholder-count', text: `${answered.answered}/${answered.letters}` }) : null);
      }));
  };
  render();
  return { palette, render };
}

/** "Save letters" and "Restore the default text" under the editor. */
function templateButtons(program, overview, draft, textarea) {
  const saveTemplates = button('Save letters', async () => {
    try {
      overview.settings = await api.saveLetterSettings(program.id, draft);
      // Keep the same draft object: both sections of the page edit it.
      Object.assign(draft, structuredClone(overview.settings));
      toast('Letter templates saved.');
    } catch (error) {
      toast(String(error), 'error');
    }
  }, { kind: 'secondary', id: 'save-templates' });
  const restore = button('Restore the default text', () => {
    textarea.value = currentLetter(overview).default_text;
    textarea.dispatchEvent(new Event('input'));
  }, { kind: 'quiet' });
  return h('div', { class: 'row-actions' }, saveTemplates, restore);
}

/** The letter the editor shows: one of `overview.letters`. */
function currentLetter(overview) {
  return overview.letters.find((l) => l.kind === editor.kind) || overview.letters[0];
}

function editorSection(program, overview) {
  const draft = editor.draft;
  const field = () => currentLetter(overview).field;
  const textarea = h('textarea', { id: 'letter-template', spellcheck: 'true', rows: '22', 'aria-label': 'Letter text' });
  textarea.value = draft[field()];
  const problems = h('div', { class: 'template-problems', id: 'template-problems', 'aria-live': 'polite' });
  const preview = previewPane(program, draft, problems);
  // The letterhead form changes the same draft; it redraws the preview through this.
  editor.refreshPreview = preview.refresh;

  let timer = null;
  textarea.addEventListener('input', () => {
    draft[field()] = textarea.value;
    clearTimeout(timer);
    timer = setTimeout(preview.refresh, 300);
  });
  const palette = placeholderPalette(overview, textarea);
  const tabs = letterTabs(overview.letters, (kind) => {
    editor.kind = kind;
    editor.personId = null;
    editor.page = 0;
    textarea.value = draft[field()];
    tabs.markSelected(kind);
    palette.render();
    preview.refresh();
  });

  preview.refresh();
  return h('section', { class: 'letters-editor' },
    h('div', { class: 'tabs', role: 'tablist' }, tabs.tabs),
    h('div', { class: 'letters-grid', id: 'letters-tabpanel', role: 'tabpanel', 'aria-labelledby': `tab-${editor.kind}` },
      h('div', { class: 'letters-text' },
        h('label', { for: 'letter-template', class: 'field-label', text: 'Letter text' }),
        textarea, problems,
        templateButtons(program, overview, draft, textarea),
        palette.palette),
      preview.element));
}

/**
 * How each letter greets its reader ("Dear …"): the preferred name from the
 * application, else the full name (a first word is not always the given
 * name). The committee checks and corrects them here; corrections are kept.
 */
function greetingsSection(program, greetings) {
  const current = new Map(greetings.map((g) => [g.person_id, g.source]));
  const fromFullName = () => [...current.values()].filter((s) => s === 'full name').length;
  const summaryText = (n) => (n
    ? `Greetings: ${plural(n, 'letter')} greet by the full name; check them`
    : `Greetings (${plural(greetings.length, 'letter')})`);
  const summary = h('h2', { text: summaryText(fromFullName()) });
  const sources = { corrected: 'Corrected by the committee', 'preferred name': 'Preferred name on the application', 'full name': 'Full name (no preferred name given)' };
  const rows = greetings.map((g) => {
    const id = `greeting-${g.kind}-${g.person_id}`;
    const source = h('td', { class: 'muted small', text: sources[g.source] || g.source });
    const input = h('input', { type: 'text', id, value: g.greeting, 'aria-label': `${g.name} is greeted as`, maxlength: '100' });
    const error = h('p', { class: 'form-error', hidden: true });
    input.addEventListener('change', async () => {
      try {
        const saved = await api.setLetterGreeting(program.id, g.person_id, input.value);
        input.value = saved.greeting;
        source.textContent = sources[saved.source] || saved.source;
        current.set(g.person_id, saved.source);
        summary.textContent = summaryText(fromFullName());
        error.hidden = true;
        if (editor.refreshPreview) editor.refreshPreview();
      } catch (e) {
        error.textContent = String(e);
        error.hidden = false;
      }
    });
    return h('tr', { dataset: { source: g.source } },
      h('td', { class: 'person-name', text: g.name }),
      h('td', { text: g.kind === 'mentor' ? 'Mentor' : 'Participant' }),
      h('td', {}, h('div', { class: 'greeting-field' }, h('span', { class: 'muted', text: 'Dear' }), input, h('span', { class: 'muted', text: ',' })), error),
      source);
  });
  return h('details', { class: 'greetings match-section', id: 'greetings', open: fromFullName() > 0 },
    h('summary', {}, summary),
    h('p', { class: 'muted', text: 'Each letter greets its reader by the preferred name from their application, or else by their full name. Correct any greeting here; it is kept for every later letter. Empty goes back to the name on the application.' }),
    h('div', { class: 'table-wrap short' },
      h('table', { class: 'data', id: 'greetings-table' },
        h('thead', {}, h('tr', {}, h('th', { text: 'Name' }), h('th', { text: 'Letter' }), h('th', { text: 'Greeting' }), h('th', { text: 'From' }))),
        h('tbody', {}, rows))));
}

function letterheadSection(program, overview) {
  const draft = editor.draft;
  const redraw = () => { if (editor.refreshPreview) editor.refreshPreview(); };
  const input = (key, label, hint = null) => {
    const id = `letterhead-${key}`;
    const el = h('input', { type: 'text', id, value: draft[key] || '' });
    el.addEventListener('change', () => { draft[key] = el.value; redraw(); });
    return h('div', { class: 'field' }, h('label', { for: id, text: label }), el, hint ? h('p', { class: 'hint', text: hint }) : null);
  };
  const select = (key, label, options) => {
    const id = `letterhead-${key}`;
    const el = h('select', { id }, options.map(([value, text]) => h('option', { value, text })));
    el.value = draft[key];
    el.addEventListener('change', () => { draft[key] = el.value; redraw(); });
    return h('div', { class: 'field' }, h('label', { for: id, text: label }), el);
  };
  const logoLine = h('p', { class: 'muted small', text: draft.logo ? `Logo: ${draft.logo.file_name}` : 'No logo.' });
  const chooseLogo = button('Choose logo…', async () => {
    try {
      const logo = await api.chooseLogo();
      if (logo) {
        draft.logo = logo;
        logoLine.textContent = `Logo: ${logo.file_name} (save the letters to keep it)`;
        redraw();
      }
    } catch (error) {
      toast(String(error), 'error');
    }
  });
  const removeLogo = button('Remove logo', () => {
    draft.logo = null;
    logoLine.textContent = 'No logo.';
    redraw();
  }, { kind: 'quiet' });
  return h('details', { class: 'letterhead match-section' },
    h('summary', {}, h('h2', { text: 'Letterhead and signature' })),
    h('div', { class: 'form letterhead-form' },
      input('organization', 'Organization'),
      input('address', 'Address line', 'Printed under the organization, e.g. street, city, website.'),
      input('signature_name', 'Signed by'),
      input('signature_role', 'Their role'),
      input('committee', 'Committee'),
      select('date_format', 'Dates', [['month-day-year', 'November 28, 2026'], ['day-month-year', '28 November 2026'], ['iso', '2026-11-28']]),
      select('paper', 'Paper', [['us-letter', 'US Letter'], ['a4', 'A4']]),
      h('div', { class: 'field' }, h('span', { class: 'field-label', text: 'Logo (PNG, JPEG or SVG)' }), logoLine,
        h('div', { class: 'row-actions' }, chooseLogo, removeLogo))),
    h('p', { class: 'muted small', text: 'Changes here show in the preview when the letter text changes, and are kept when you save the letters.' }));
}

function logSection(log) {
  const outdated = log.filter((l) => l.outdated);
  const never = log.filter((l) => !l.produced_at);
  return h('section', { class: 'match-section' },
    h('h2', { text: 'Letters produced' }),
    h('p', { class: 'muted', text: `${plural(log.length, 'person', 'people')} should get a letter · ${never.length} not produced yet · ${outdated.length} outdated because their match changed.` }),
    h('div', { class: 'table-wrap short' },
      h('table', { class: 'data', id: 'letters-log' },
        h('thead', {}, h('tr', {}, ['Recipient', 'Letter', 'Produced', 'Where'].map((t) => h('th', { text: t })))),
        h('tbody', {}, log.map((l) => h('tr', {},
          h('td', { text: l.name }),
          h('td', { text: l.kind === 'mentor' ? 'Mentor' : 'Participant' }),
          h('td', {}, l.produced_at ? formatDateTime(l.produced_at) : h('span', { class: 'muted', text: 'Not yet' }),
            l.outdated ? h('span', { class: 'chip warn flag', text: 'Letter outdated' }) : null),
          h('td', { class: 'muted small', text: l.output })))))));
}

/** What writing email drafts did, in one sentence. */
export function emailsWritten(written) {
  const skipped = written.skipped.length ? ` No draft for ${written.skipped.join('; ')}.` : '';
  const notes = written.notes.length ? ` ${written.notes.join(' ')}` : '';
  return `Wrote ${plural(written.files.length, 'email draft')} into ${written.folder}. Open ${written.files.length === 1 ? 'it' : 'them'} with your mail program (double-click) to send ${written.files.length === 1 ? 'it' : 'them'}.${skipped}${notes}`;
}

const EMAIL_TEXTS = [
  ['Match letter to a participant', 'participant_subject', 'participant_body', 'participant_letter'],
  ['Match letter to a mentor', 'mentor_subject', 'mentor_body', 'mentor_letter'],
  ['Check-in request', 'check_in_subject', 'check_in_body', 'check_in'],
  ['Reminder to an overdue pair', 'reminder_subject', 'reminder_body', 'reminder'],
  ['Closing email', 'closing_subject', 'closing_body', 'closing'],
];

/** One email as its first recipient would get it, from the text as typed (saved or not). */
function emailPreviewBlock(program, draft, text) {
  const id = `email-preview-${text.replace(/_/g, '-')}`;
  const out = h('div', { class: 'email-preview', id, hidden: true, 'aria-live': 'polite' });
  const show = button('Preview', async () => {
    try {
      const p = await api.previewEmail(program.id, draft, text);
      const line = (label, value) => h('p', { class: 'email-line' }, h('span', { class: 'muted', text: `${label} ` }), h('span', { text: value }));
      out.replaceChildren(
        h('p', { class: 'muted small', text: p.note }),
        line('From:', p.from), line('To:', p.to), line('Subject:', p.subject),
        h('pre', { class: 'email-body', text: p.body }));
      out.classList.remove('error');
    } catch (error) {
      out.replaceChildren(h('p', { text: String(error) }));
      out.classList.add('error');
    }
    out.hidden = false;
  }, { kind: 'secondary', id: `${id}-button`, ariaLabel: 'Preview this email as its first recipient would get it' });
  return [h('div', { class: 'row-actions' }, show), out];
}

/** The email texts: a subject and body per kind of email, checked like the letters before they are saved. */
function emailTextsSection(program, templates) {
  const draft = { ...templates };
  const problems = h('ul', { class: 'form-error', id: 'email-problems', hidden: true });
  const field = (key, label, multiline) => {
    const id = `email-${key.replace(/_/g, '-')}`;
    const input = multiline
      ? h('textarea', { id, rows: '8', spellcheck: 'true' })
      : h('input', { id, type: multiline === false ? 'text' : 'url' });
    input.value = draft[key] || '';
    input.addEventListener('input', () => { draft[key] = input.value; });
    return h('div', { class: 'field' }, h('label', { for: id, text: label }), input);
  };
  const save = button('Save email texts', async () => {
    try {
      const found = await api.saveEmailTemplates(program.id, draft);
      const where = (key) => {
        const row = EMAIL_TEXTS.find(([, subject, body]) => key === subject || key === body);
        if (!row) return 'Evaluation form link';
        return `${row[0]} \u2192 ${key === row[1] ? 'Subject' : 'Text'}`;
      };
      for (const el of document.querySelectorAll('#email-texts [aria-invalid]')) el.removeAttribute('aria-invalid');
      for (const p of found) document.getElementById(`email-${p.text.replace(/_/g, '-')}`)?.setAttribute('aria-invalid', 'true');
      problems.replaceChildren(...found.map((p) => h('li', { text: `${where(p.text)}: ${p.message}` })));
      problems.hidden = !found.length;
      if (found.length) problems.scrollIntoView({ block: 'center' });
      toast(found.length ? 'The email texts were not saved: see the problems listed.' : 'Saved the email texts.', found.length ? 'error' : 'info');
    } catch (error) {
      toast(String(error), 'error');
    }
  }, { kind: 'secondary', id: 'save-email-texts' });
  return h('details', { class: 'match-section email-texts', id: 'email-texts' },
    h('summary', {}, h('h2', { text: 'Email texts' })),
    h('p', { class: 'muted', text: 'Matchbook writes one email draft per person (Letters \u2192 Email the letters; Tracking \u2192 check-in requests, reminders and the closing email). These are their texts, with the same placeholders as the letters, plus {{ recipient.preferred_name }}, {{ checkin.label }}, {{ checkin.starts }}, {{ checkin.due }} (the check-in they are asked about), {{ check_in_link }} and {{ evaluation_link }}.' }),
    problems,
    EMAIL_TEXTS.map(([title, subject, body, text]) => h('fieldset', { class: 'email-text' },
      h('legend', { text: title }),
      text === 'reminder'
        ? h('p', { class: 'muted small', text: 'One email to both people of a pair; the Tracking screen\u2019s Reminder shows the same text. Its placeholders say where the pair stands: {{ participant.first_name }}, {{ mentor.first_name }}, {{ checkin.label }}, {{ checkin.due }}, {{ overdue }}, {{ missed }}, {{ last_meeting }}, {{ months_elapsed }}, {{ goals_achieved }}, {{ goals_total }}, {{ cadence }}, and each person\u2019s {{ participant.survey_link }} and {{ mentor.survey_link }}.' })
        : null,
      field(subject, 'Subject', false),
      field(body, 'Text', true),
      emailPreviewBlock(program, draft, text))),
    field('evaluation_link', 'Evaluation form link (for the closing email; {email} is each person\u2019s email)', undefined),
    h('div', { class: 'form-actions' }, save));
}
