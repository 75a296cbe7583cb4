// Boots the window: loads the open file's programs, draws the sidebar and the
// current place, and follows events from the menu (file changed, About).
import { api, onEvent } from './api.js';
import { h, replace } from './dom.js';
import { emptyState, button } from './layout.js';
import { closePanel } from './panel.js';
import { state, subscribe, notify, currentProgram, restoreCurrentProgram } from './state.js';
import { toast, undoLatest } from './toast.js';
import { focusKey, restoreFocus } from './focus.js';
import { openBackups } from './backups.js';
import { heldFile } from './place.js';
import { openSharing, syncNow } from './sharing.js';
import { renderActivity } from './screens/activity.js';
import { renderPrograms, editProgram } from './screens/programs.js';
import { renderApplications } from './screens/applications.js';
import { renderImport, offerFiles, resetImports, importPlace } from './screens/import.js';
import { renderMatching } from './screens/matching.js';
import { renderLetters } from './screens/letters.js';
import { renderTracking, resetTracking } from './screens/tracking.js';
import { renderForms, resetForms } from './screens/forms.js';

const main = document.getElementById('main');

const app = {
  go(place) {
    // Another place opens at its top, not where the last one was scrolled to.
    const moving = place !== state.place;
    state.place = place;
    if (place === 'tracking') resetTracking();
    closePanel();
    app.render();
    if (moving) {
      main.scrollTop = 0;
      if (document.scrollingElement) document.scrollingElement.scrollTop = 0;
    }
    main.focus({ preventScroll: true });
  },
  async reloadPrograms() {
    // A held file (in a synced folder) leaves the file behind it open, if any.
    const open = state.info && !state.info.error && !(state.info.held && !state.info.held.back_to);
    state.programs = open ? await api.listPrograms(true) : [];
    if (!state.programs.some((p) => p.id === state.currentProgramId)) restoreCurrentProgram();
  },
  render() {
    notify();
  },
  adopt: (info) => adopt(info),
};

async function drawMain() {
  const token = Symbol('render');
  drawMain.current = token;
  const page = h('div', { class: 'page', dataset: { place: state.place } });
  if (state.info && state.info.read_only) {
    page.append(h('div', { class: 'read-only-banner', role: 'status', id: 'read-only-banner' },
      h('strong', { text: 'Read-only. ' }),
      `${state.info.file_name} is in a place Matchbook cannot write to, so you can look at everything but not change it. To work on it, use File > Save a Copy… in a folder you can write to and open the copy.`));
  }
  try {
    if (state.info.held) {
      page.append(heldFile(state.info.held, fileAction, adopt));
    } else if (state.info.error) {
      page.append(fileProblem(state.info));
    } else if (state.place === 'programs') {
      renderPrograms(page, app);
    } else if (state.place === 'applications') {
      await renderApplications(page, app);
    } else if (state.place === 'import') {
      renderImport(page, app);
    } else if (state.place === 'matching') {
      await renderMatching(page, app);
    } else if (state.place === 'letters') {
      await renderLetters(page, app);
    } else if (state.place === 'tracking') {
      await renderTracking(page, app);
    } else if (state.place === 'forms') {
      await renderForms(page, app);
    } else if (state.place === 'activity') {
      await renderActivity(page, app);
    } else {
      renderPrograms(page, app);
    }
  } catch (error) {
    page.replaceChildren(emptyState({ title: 'Something went wrong', text: String(error) }));
  }
  if (drawMain.current !== token) return;
  const focused = focusKey(document.activeElement, main);
  replace(main, page);
  restoreFocus(focused, main);
}

function fileProblem(info) {
  const recover = info.offered_backup
    ? button(`Open a copy of the backup from ${info.offered_backup}`, () => fileAction(api.openBackupCopy), { kind: 'primary', id: 'open-backup-copy' })
    : null;
  return emptyState({
    title: 'This program file could not be opened',
    text: [info.error, info.offered_backup
      ? 'Your data was not changed. The copy is made beside the damaged file, which stays as it is.'
      : 'Your data was not changed. Open another program file, or start a new one.'],
    actions: [
      recover,
      button('Open program file…', () => fileAction(api.openProgramFile), { kind: recover ? 'secondary' : 'primary' }),
      button('New program file…', () => fileAction(api.newProgramFile)),
    ].filter(Boolean),
  });
}

async function fileAction(call) {
  try {
    const info = await call();
    if (info) await adopt(info);
  } catch (error) {
    // A damaged file with an intact backup: offer a copy of it on the spot.
    const info = await api.appInfo().catch(() => null);
    const offer = info && info.offered_backup
      ? { label: `Open a copy of the backup from ${info.offered_backup}`, run: () => fileAction(api.openBackupCopy) }
      : null;
    toast(String(error), 'error', offer);
  }
}

function drawSidebar() {
  const program = currentProgram();
  document.getElementById('current-program-name').textContent = program ? program.name : 'No program yet';
  const place = state.place === 'import' ? importPlace() : ({ forms: 'programs' }[state.place] || state.place);
  for (const el of document.querySelectorAll('.place')) {
    if (el.dataset.place === place) el.setAttribute('aria-current', 'page');
    else el.removeAttribute('aria-current');
  }
  const line = document.getElementById('file-line');
  // Nothing is open behind a held file at start-up: no file to name.
  const open = state.info && !(state.info.held && !state.info.held.back_to);
  line.textContent = open ? state.info.file_name : '';
  line.title = open ? state.info.path : '';
}

async function adopt(info) {
  if (state.info && state.info.path !== info.path) {
    resetImports();
    resetTracking(true);
    resetForms();
  }
  state.info = info;
  state.currentProgramId = null;
  await app.reloadPrograms();
  restoreCurrentProgram();
  if (!state.programs.length) state.place = 'programs';
  // A program with running pairs is in its term: the committee works on Tracking.
  const current = state.programs.find((p) => p.id === state.currentProgramId);
  if (state.place === 'programs' && current && !current.archived && current.matched > 0) state.place = 'tracking';
  app.render();
  announceErasureDue();
}

// An erasure the retention period calls for is said on opening the file,
// wherever the window opens; Programs holds the notice and the button.
async function announceErasureDue() {
  try {
    const due = (await api.privacyPlan()).filter((e) => e.due);
    if (!due.length) return;
    const names = due.map((e) => e.program).join(', ');
    toast(`Erasure due: the retention period of ${names} has ended. See Programs to erase the details.`, 'info',
      { label: 'Go to Programs', run: () => app.go('programs') });
  } catch (error) {
    toast(String(error), 'error');
  }
}

function showAbout(info) {
  document.getElementById('about-version').textContent = `Version ${info.version} · program file format ${info.schema_version}`;
  document.getElementById('about-path').textContent = info.path;
  document.getElementById('about').showModal();
}

subscribe(drawSidebar);
subscribe(drawMain);

for (const el of document.querySelectorAll('.place')) {
  el.addEventListener('click', () => app.go(el.dataset.place));
}

document.addEventListener('keydown', (event) => {
  const mod = event.ctrlKey || event.metaKey;
  if (mod && event.key.toLowerCase() === 'f') {
    const search = document.querySelector('input[type="search"]');
    if (search) { event.preventDefault(); search.focus(); }
  }
  // Ctrl/Cmd+Z undoes the last deletion while its Undo toast is on screen;
  // inside a text field it stays the field's own undo.
  if (mod && !event.shiftKey && event.key.toLowerCase() === 'z' && !event.target.closest('input, textarea, select, [contenteditable]')) {
    if (undoLatest()) event.preventDefault();
  }
  // On the Letters page, Ctrl/Cmd+P prints the letters (the PDF), Ctrl/Cmd+S saves them.
  if (mod && state.place === 'letters' && ['p', 's'].includes(event.key.toLowerCase())) {
    const target = document.getElementById(event.key.toLowerCase() === 'p' ? 'print-letters' : 'save-letters-pdf');
    if (target && !target.disabled) { event.preventDefault(); target.click(); }
  }
});

onEvent('program-file-changed', (info) => adopt(info));
onEvent('show-backups', () => openBackups(adopt));
onEvent('files-offered', (files) => {
  dropHint(false);
  if (!state.programs.some((p) => !p.archived)) {
    // A newcomer's first step is often this one: make the program on the
    // spot, then go on to the mapping screen with the dropped files.
    const offered = [...files];
    offered.afterCreate = () => offerFiles(app, files);
    editProgram(app, null, offered);
    return;
  }
  offerFiles(app, files);
});
onEvent('tauri://drag-enter', () => dropHint(true));
onEvent('tauri://drag-leave', () => dropHint(false));
onEvent('tauri://drag-drop', () => dropHint(false));

function dropHint(show) {
  document.body.classList.toggle('dropping', show);
}
onEvent('show-about', (info) => showAbout(info));
onEvent('show-sharing', (kind) => openSharing(kind, adopt));

// A shared program takes in the other members' changes every minute and
// whenever the window comes back to the front.
const takeIn = () => {
  if (state.info && !state.info.error && !state.info.held && document.getElementById('panel').hidden) {
    syncNow(async () => { await app.reloadPrograms(); app.render(); });
  }
};
setInterval(takeIn, 60_000);
window.addEventListener('focus', takeIn);
onEvent('app-notice', (message) => toast(message));
onEvent('app-error', (message) => toast(message, 'error'));

(async () => {
  try {
    await adopt(await api.appInfo());
  } catch (error) {
    replace(main, emptyState({ title: 'Matchbook could not start', text: String(error) }));
  }
})();
