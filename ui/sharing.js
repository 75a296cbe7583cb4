// Sharing a program through a folder the committee already shares: the
// panels that ask the member's name before File > Share This Program… and
// Join a Shared Program… (and the held file's "Share through this folder"),
// and the quiet sync that takes in the other members' changes.
import { api } from './api.js';
import { h, plural } from './dom.js';
import { button } from './layout.js';
import { openPanel, closePanel } from './panel.js';
import { toast } from './toast.js';

const NAME_KEY = 'matchbook.member-name';

/**
 * Asks for the member's name, then shares (`kind` 'share', or 'held' for the
 * held file's folder) or joins ('join'); `adopt` takes the new file's info.
 */
export function openSharing(kind, adopt) {
  const join = kind === 'join';
  const input = h('input', { type: 'text', id: 'member-name', autocomplete: 'name', value: localStorage.getItem(NAME_KEY) || '' });
  const error = h('p', { class: 'field-error', id: 'member-name-error', role: 'alert' });
  const go = async () => {
    const member = input.value.trim();
    if (!member) {
      error.textContent = 'Type your name as the committee knows you.';
      input.focus();
      return;
    }
    localStorage.setItem(NAME_KEY, member);
    try {
      const info = join ? await api.joinSharedProgram(member) : await api.shareThisProgram(member, kind === 'held');
      if (!info) return;
      closePanel();
      await adopt(info);
      toast(join ? `Joined the shared program as ${member}` : `Shared as ${member}: the committee can join it from the folder`);
    } catch (e) {
      error.textContent = String(e);
    }
  };
  input.addEventListener('keydown', (event) => { if (event.key === 'Enter') go(); });
  const steps = join
    ? [
      'Choose the shared program\u2019s folder, the one a committee member shared (it holds share.json). It must already be on this computer through Dropbox, OneDrive, Google Drive or a network drive.',
      'Matchbook makes your own program file on this computer from it. From then on, what the others change arrives on its own, and what you change goes to them.',
    ]
    : [
      kind === 'held'
        ? 'Matchbook keeps the program file on this computer and makes a folder beside it for the committee\u2019s changes.'
        : 'Choose the folder your committee already shares (Dropbox, OneDrive, Google Drive or a network drive). Matchbook makes a folder in it for this program\u2019s changes.',
      'Your program file stays on this computer. Each change anyone makes is written to the folder as a small file, once, so the sync service never makes a \u201cconflicted copy\u201d.',
      'Other members choose File > Join a Shared Program\u2026 and pick that folder.',
      'The folder holds the applicants\u2019 data as plain files on the sync provider\u2019s servers: share it only with the committee.',
    ];
  const body = h('div', { class: 'sharing-form' },
    h('ol', {}, steps.map((s) => h('li', { text: s }))),
    h('div', { class: 'field' },
      h('label', { for: 'member-name', text: 'Your name' }),
      input,
      h('p', { class: 'hint', text: 'Shown beside your changes on every computer: \u201cAna Ruiz imported 9 participant applications\u201d.' }),
      error),
    h('div', { class: 'row-actions' },
      button(join ? 'Choose the folder and join\u2026' : kind === 'held' ? 'Share through this folder' : 'Choose the folder and share\u2026', go, { kind: 'primary', id: 'sharing-go' })));
  openPanel({ title: join ? 'Join a shared program' : 'Share this program', body });
}

/**
 * Takes in what the other members' computers wrote; says so when anything
 * arrived and redraws. Quiet when the file is not shared or nothing came.
 */
export async function syncNow(redraw, { loud = false } = {}) {
  let report;
  try {
    report = await api.syncShared();
  } catch (e) {
    if (loud) toast(String(e), 'error');
    return null;
  }
  if (!report) return null;
  if (report.changes_applied > 0) {
    toast(`${plural(report.changes_applied, 'change')} from other members arrived`);
    await redraw();
  } else if (loud) {
    toast(report.waiting.length
      ? `Up to date, but waiting for ${plural(report.waiting.length, 'file')} still arriving`
      : 'Up to date with the shared folder');
  }
  return report;
}
