// A program file in a cloud-synced folder or on a network drive is not
// opened: this page says what Matchbook found and why, and offers the two
// ways on: keep the file on this computer (a copy, opened at once), or share
// through the folder (the file stays on this computer; only its changes go
// to the folder).
import { api } from './api.js';
import { h } from './dom.js';
import { button } from './layout.js';
import { openPanel, closePanel } from './panel.js';
import { openSharing } from './sharing.js';

/** The page for `held` (app_info's `held`); `fileAction` runs a file command and adopts its result, `adopt` takes a file's info. */
export function heldFile(held, fileAction, adopt) {
  const keepHere = () => fileAction(() => api.keepOnThisComputer(false));
  const keepElsewhere = () => fileAction(() => api.keepOnThisComputer(true));
  const where = held.service ? `the ${held.service} folder` : 'the network drive';
  const keep = h('article', { class: 'choice', id: 'keep-choice' },
    h('h2', { text: 'Keep the file on this computer' }),
    h('p', {
      text: held.new_file
        ? 'Matchbook makes the new program file in a folder on this computer instead, and opens it.'
        : `Matchbook copies the program to a folder on this computer and opens the copy. The file in ${where} is not changed: work on the copy from now on, and tell the committee that the old file is no longer used.`,
    }),
    h('p', {
      class: 'muted file-note',
      text: held.local_folder
        ? `Matchbook's own folder: ${held.local_folder}`
        : `Matchbook's own folder is in such a place too; choose a folder on this computer's disk.`,
    }),
    h('div', { class: 'row-actions' },
      held.local_folder
        ? button(held.new_file ? "Make it in Matchbook's folder" : "Copy it to Matchbook's folder", keepHere, { kind: 'primary', id: 'keep-here' })
        : null,
      button('Choose a folder…', keepElsewhere, { kind: held.local_folder ? 'secondary' : 'primary', id: 'keep-elsewhere' })));
  const share = h('article', { class: 'choice', id: 'share-choice' },
    h('h2', { text: 'Share through this folder' }),
    h('p', { text: `The committee works on this program from several computers through ${where}. The program file itself stays on this computer; only small files of changes travel through the folder.` }),
    h('div', { class: 'row-actions' },
      held.new_file ? null : button('Share through this folder…', () => openSharing('held', adopt), { kind: 'primary', id: 'share-here' }),
      button('How sharing works', () => openSharingPlan(held, held.local_folder ? keepHere : keepElsewhere), { id: 'how-sharing-works' })));
  return h('section', { class: 'welcome held-file', id: 'held-file' },
    h('h1', { text: held.new_file ? `The new program file would be in ${held.place}` : `This program file is in ${held.place}` }),
    h('p', { class: 'lead', text: held.found }),
    h('p', { text: held.why }),
    h('div', { class: 'choices' }, keep, share),
    h('div', { class: 'row-actions' },
      held.back_to ? button(`Go back to ${held.back_to}`, () => fileAction(api.dismissHeldFile), { id: 'held-back' }) : null,
      button('Open another program file…', () => fileAction(api.openProgramFile)),
      button('New program file…', () => fileAction(api.newProgramFile))));
}

/** How the committee shares a program through a folder (ARCHITECTURE.md, "Sharing a program through a folder"). */
function openSharingPlan(held, keep) {
  const folder = held.service ? `the ${held.service} folder` : 'the shared folder';
  const body = h('div', { class: 'sharing-plan' },
    h('p', { text: 'A committee works on one program from several computers, with no server and no account:' }),
    h('ul', {},
      h('li', { text: 'Each member keeps their own program file on their own computer, as now.' }),
      h('li', { text: `\u201cShare This Program\u2026\u201d in the File menu names ${folder}. Each change you make (an import, a weight, a lock, a confirmation, a meeting) is written there as a small file in your computer's own subfolder, once, and never changed again, so the sync service never makes a \u201cconflicted copy\u201d.` }),
      h('li', { text: '\u201cJoin a Shared Program\u2026\u201d on another computer builds the same program from those files. Changes from the others are applied as they arrive (every minute, and when you come back to the window), and the Activity page says who did what and when.' }),
      h('li', { text: 'When two people change the same thing at once, the later change is used on every computer and both values are listed on the Activity page for the committee to settle.' }),
      h('li', { text: 'Erasing a person removes them from every computer\u2019s file and from the shared folder.' })),
    h('p', { text: 'Anyone who can write to the shared folder can add files to it, and the sync provider keeps the applicants\u2019 data on its servers: share the folder only with the committee.' }),
    h('div', { class: 'row-actions' },
      button('Keep the file on this computer', () => { closePanel(); keep(); }, { kind: 'primary', id: 'sharing-keep' })));
  // Focus starts at the top (Close), so the explanation is read from its beginning.
  openPanel({ title: 'Sharing a program through a folder', body, focus: '.icon-button' });
}
