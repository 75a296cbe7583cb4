import { h } from './dom.js';

const undoKeys = navigator.platform.startsWith('Mac') ? '⌘Z' : 'Ctrl+Z';
/** Undo actions still on screen, newest last. */
const offered = [];

/**
 * Shows a short confirmation (or an error, which stays until dismissed).
 * `action` ({label, run}) adds a button such as Undo; such a toast stays
 * longer (10 s), and the time stops while the pointer or keyboard focus is on
 * it, so there is time to reach it. Ctrl/Cmd+Z runs the newest one.
 */
export function toast(message, kind = 'info', action = null) {
  const root = document.getElementById('toasts');
  // The same message is never stacked twice, and an error goes away once the
  // next action succeeds (its cause was fixed, or the committee moved on).
  // A plain confirmation replaces the one before it (it is news about the
  // same page); one that offers Undo stays until its time is up.
  for (const old of [...root.querySelectorAll('.toast')]) {
    const same = old.dataset.message === message;
    const superseded = kind === 'info' && !action && old.classList.contains('info') && !old.querySelector('.toast-action');
    if (same || superseded || (kind !== 'error' && old.classList.contains('error'))) old.querySelector('.toast-close').click();
  }
  const close = h('button', { type: 'button', class: 'toast-close', 'aria-label': 'Dismiss', text: '×' });
  // Only an Undo answers Ctrl/Cmd+Z; other actions (an "OK") are buttons only.
  const undoable = action && action.label === 'Undo';
  const entry = action ? { run: () => { remove(); action.run(); } } : null;
  const remove = () => {
    clearTimeout(timer);
    // Keyboard focus inside the toast (its Undo or ×) goes back to the page, not to nothing.
    if (item.contains(document.activeElement)) document.getElementById('main').focus({ preventScroll: true });
    item.remove();
    const at = offered.indexOf(entry);
    if (at >= 0) offered.splice(at, 1);
  };
  const actionButton = action
    ? h('button', {
      type: 'button', class: 'toast-action', text: action.label,
      title: undoable ? `${action.label} (${undoKeys})` : action.label, 'aria-keyshortcuts': undoable ? 'Control+Z Meta+Z' : null,
      on: { click: () => entry.run() },
    })
    : null;
  // The container is a polite live region; only errors interrupt.
  const item = h('div', { class: `toast ${kind}`, role: kind === 'error' ? 'alert' : null, dataset: { message } },
    h('span', { class: 'toast-text', text: message }),
    undoable ? h('span', { class: 'visually-hidden', text: ` ${action.label} with ${undoKeys}.` }) : null,
    actionButton, close);
  close.addEventListener('click', remove);
  root.appendChild(item);
  if (entry && undoable) offered.push(entry);

  let timer = null;
  const lifetime = action ? 10000 : 4000;
  const start = () => { if (kind !== 'error') timer = setTimeout(remove, lifetime); };
  const pause = () => clearTimeout(timer);
  const resume = () => { if (!item.matches(':hover') && !item.contains(document.activeElement)) { pause(); start(); } };
  item.addEventListener('pointerenter', pause);
  item.addEventListener('pointerleave', resume);
  item.addEventListener('focusin', pause);
  item.addEventListener('focusout', () => setTimeout(resume));
  start();
}

/** Runs the newest Undo still on screen; false when there is none. */
export function undoLatest() {
  const entry = offered[offered.length - 1];
  if (!entry) return false;
  entry.run();
  return true;
}
