// File > Restore from Backup…: the rolling backups Matchbook keeps beside the
// program file (made before each import and each confirmation), how many to
// keep, "Back up now", and restoring one (the current state is backed up first).
import { api } from './api.js';
import { h, plural, formatDateTime } from './dom.js';
import { button, confirmingButton } from './layout.js';
import { openPanel, closePanel } from './panel.js';
import { toast } from './toast.js';

function size(bytes) {
  return bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function when(text) {
  const [day, time] = text.split(' ');
  const [y, m, d] = day.split('-').map(Number);
  const [hh, mm] = (time || '00:00').split(':').map(Number);
  const date = new Date(y, m - 1, d, hh, mm);
  return Number.isNaN(date.getTime()) ? text : formatDateTime(date);
}

/** Opens the backups panel; `adopt` takes the reopened file after a restore. */
export async function openBackups(adopt) {
  let view;
  try {
    view = await api.listBackups();
  } catch (error) {
    toast(String(error), 'error');
    return;
  }
  const body = h('div', { class: 'backups' });
  const draw = () => {
    const keep = h('input', { type: 'number', id: 'backups-keep', min: '1', max: '100', value: String(view.keep) });
    const saveKeep = async () => {
      try {
        view = await api.setBackupsToKeep(Number(keep.value));
        toast(`Matchbook keeps the newest ${plural(view.keep, 'backup')}.`);
        draw();
      } catch (error) {
        toast(String(error), 'error');
      }
    };
    body.replaceChildren(
      h('p', { text: 'Matchbook makes a backup of this program file before each import, each undo of an import and each confirmation of matches. Restoring one replaces the file with it; the state just before is kept as the newest backup, so a restore can be undone too.' }),
      h('p', { class: 'muted small file-note', text: `Backups are kept in ${view.folder}` }),
      h('div', { class: 'row-actions' },
        h('label', { for: 'backups-keep', text: 'Keep the newest' }), keep,
        button('Save', saveKeep, { kind: 'quiet' }),
        button('Back up now', async () => {
          try {
            view = await api.backupNow();
            toast('Backed up.');
            draw();
          } catch (error) {
            toast(String(error), 'error');
          }
        }, { id: 'backup-now' })),
      view.backups.length
        ? h('ul', { class: 'plain-list backup-list', id: 'backup-list' }, view.backups.map((b) => h('li', { dataset: { fileName: b.file_name } },
          h('span', { class: 'person-name', text: when(b.made_at) }),
          h('span', { class: 'muted', text: `${b.reason} · ${size(b.bytes)}` }),
          confirmingButton('Restore…', `Replace the program file with the backup of ${when(b.made_at)}?`, 'Restore', async () => {
            try {
              const info = await api.restoreBackup(b.file_name);
              closePanel();
              await adopt(info);
              toast(`Restored the backup of ${when(b.made_at)}. The state before it is now the newest backup.`);
            } catch (error) {
              toast(String(error), 'error');
            }
          }))))
        : h('p', { class: 'muted', text: 'No backups yet. The first is made before the next import or confirmation, or now with \u201cBack up now\u201d.' }));
  };
  draw();
  openPanel({ title: 'Backups', body });
}
