// Activity: who did what, when, and on which computer (the change log made
// readable, the committee's audit trail). Once the program file is shared it
// also shows the committee's computers, files still arriving, and changes
// two members made at once, with a button to keep either value.
import { api } from '../api.js';
import { h, plural, formatDateTime } from '../dom.js';
import { pageHeader, button, emptyState } from '../layout.js';
import { openSharing, syncNow } from '../sharing.js';
import { toast } from '../toast.js';

export async function renderActivity(page, app) {
  const view = await api.activityPage();
  const shared = view.shared;
  page.append(pageHeader('Activity', {
    subtitle: shared
      ? `Shared through ${shared.folder} · you are ${shared.member} on ${shared.computer_name}`
      : 'Everything done in this program file, newest first',
    primary: shared
      ? button('Sync now', () => syncNow(() => app.render(), { loud: true }).then(() => app.render()), { kind: 'primary', id: 'sync-now' })
      : button('Share this program\u2026', () => openSharing('share', app.adopt), { kind: 'primary', id: 'share-program' }),
  }));
  if (shared) page.append(computers(shared));
  if (shared && shared.erasures.length) page.append(erasures(shared.erasures));
  for (const p of view.matchings) page.append(matchings(p, app));
  if (view.conflicts.length) page.append(conflicts(view.conflicts, app));
  page.append(entries(view.entries));
}

function computers(shared) {
  const rows = shared.computers.map((c) => {
    const behind = c.files_in_folder - c.files_applied;
    return h('tr', {},
      h('td', { text: c.member }),
      h('td', { text: c.this_computer ? `${c.computer_name} (this computer)` : c.computer_name }),
      h('td', { text: c.last_seen ? formatDateTime(c.last_seen) : 'no changes yet' }),
      h('td', { text: c.this_computer ? (shared.unpublished ? `${plural(shared.unpublished, 'change')} not written to the folder yet` : 'up to date') : behind > 0 ? `${plural(behind, 'file')} still to apply` : 'up to date' }));
  });
  return h('section', { class: 'match-section', id: 'share-computers' },
    h('h2', { text: `The committee\u2019s computers (${shared.computers.length})` }),
    h('div', { class: 'table-wrap' },
      h('table', { class: 'data' },
        h('thead', {}, h('tr', {}, ['Member', 'Computer', 'Last change', 'State'].map((t) => h('th', { text: t })))),
        h('tbody', {}, rows))));
}

function erasures(list) {
  return h('section', { class: 'match-section', id: 'share-erasures' },
    h('h2', { text: 'Erasures still travelling' }),
    h('ul', { class: 'plain-list' }, list.map((e) => h('li', {
      text: `${e.what}: done on ${e.done_on} of ${e.of} computers; waiting for ${e.waiting_for.map(([member, computer, seen]) => `${member}\u2019s ${computer} (${seen ? `last change ${formatDateTime(seen)}` : 'no changes yet'})`).join(', ')}`,
    }))));
}

function conflicts(list, app) {
  return h('section', { class: 'match-section', id: 'share-conflicts' },
    h('h2', { text: `Changed by two members at once (${list.length})` }),
    h('p', { class: 'muted', text: 'Each computer uses the later change for now. Keep the value the committee wants; every computer follows.' }),
    h('ul', { class: 'plain-list' }, list.map((c) => h('li', { class: 'conflict' },
      h('strong', { text: c.what }),
      h('div', { class: 'row-actions' },
        button(`Keep \u201c${c.kept}\u201d (${c.kept_by}, in use)`, () => keep(c, c.kept, app)),
        button(`Keep \u201c${c.other}\u201d (${c.other_by})`, () => keep(c, c.other, app)))))));
}

function matchings(p, app) {
  return h('section', { class: 'match-section', id: `twice-${p.program_id}` },
    h('h2', { text: `${p.program}: two matchings confirmed at once` }),
    h('p', { class: 'muted', text: 'Two members confirmed different matchings before seeing each other\u2019s, so some participants have two mentors. Letters and emails wait until the committee keeps one.' }),
    h('ul', { class: 'plain-list' }, p.matchings.map((m) => h('li', { class: 'conflict' },
      h('strong', { text: `Matching ${m.version_id}, confirmed ${formatDateTime(m.confirmed_at)}${m.confirmed_by ? ` by ${m.confirmed_by}` : ''}` }),
      h('p', { text: `Gives a mentor to ${m.participants.join(', ')}` }),
      h('div', { class: 'row-actions' },
        button(`Keep matching ${m.version_id}`, async () => {
          try {
            await api.keepMatching(p.program_id, m.version_id);
            toast(`Kept matching ${m.version_id}`);
            app.render();
          } catch (e) {
            toast(String(e), 'error');
          }
        }, { id: `keep-matching-${m.version_id}` }))))));
}

async function keep(conflict, value, app) {
  try {
    await api.resolveConflict(conflict.id, value);
    toast(`Kept \u201c${value}\u201d for ${conflict.what}`);
    app.render();
  } catch (e) {
    toast(String(e), 'error');
  }
}

function entries(list) {
  if (!list.length) {
    return emptyState({ title: 'Nothing done yet', text: 'Imports, matches, meetings and every other change will be listed here, with who made them and when.' });
  }
  return h('section', { class: 'match-section', id: 'activity-list' },
    h('h2', { text: 'Who did what' }),
    h('ul', { class: 'activity' }, list.map((e) => h('li', {},
      h('span', { class: 'activity-when', text: formatDateTime(e.at) }),
      h('span', { class: 'activity-who', text: e.here ? e.member : `${e.member} (${e.computer})` }),
      h('span', { class: 'activity-what', text: e.what })))));
}
