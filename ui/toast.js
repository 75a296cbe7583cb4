import { h } from './dom.js';

/**
 * Shows a short confirmation (or an error, which stays until dismissed).
 * `action` ({label, run}) adds a button such as Undo; such a toast stays
 * longer (10 s) so there is time to use it.
 */
export function toast(message, kind = 'info', action = null) {
  const root = document.getElementById('toasts');
  const close = h('button', { type: 'button', class: 'toast-close', 'aria-label': 'Dismiss', text: '×' });
  const remove = () => item.remove();
  const actionButton = action
    ? h('button', {
      type: 'button', class: 'toast-action', text: action.label,
      on: { click: () => { remove(); action.run(); } },
    })
    : null;
  // The container is a polite live region; only errors interrupt.
  const item = h('div', { class: `toast ${kind}`, role: kind === 'error' ? 'alert' : null },
    h('span', { class: 'toast-text', text: message }), actionButton, close);
  close.addEventListener('click', remove);
  root.appendChild(item);
  if (kind !== 'error') setTimeout(remove, action ? 10000 : 4000);
}
