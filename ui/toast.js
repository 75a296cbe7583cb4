import { h } from './dom.js';

/** Shows a short confirmation (or an error, which stays until dismissed). */
export function toast(message, kind = 'info') {
  const root = document.getElementById('toasts');
  const close = h('button', { type: 'button', class: 'toast-close', 'aria-label': 'Dismiss', text: '×' });
  const item = h('div', { class: `toast ${kind}`, role: kind === 'error' ? 'alert' : null },
    h('span', { class: 'toast-text', text: message }), close);
  const remove = () => item.remove();
  close.addEventListener('click', remove);
  root.appendChild(item);
  if (kind !== 'error') setTimeout(remove, 4000);
}
