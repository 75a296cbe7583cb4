import { h, replace } from './dom.js';

let restoreFocus = null;
let onCloseHandler = null;

/**
 * Opens the side panel beside the current page (the page stays visible).
 * Escape or Cancel closes it; focus returns to where it was.
 */
export function openPanel({ title, body, onClose = null, focus = null }) {
  const panel = document.getElementById('panel');
  restoreFocus = document.activeElement;
  onCloseHandler = onClose;
  const closeButton = h('button', {
    type: 'button', class: 'icon-button', 'aria-label': 'Close panel', title: 'Close (Esc)', text: '×',
    on: { click: closePanel },
  });
  replace(panel,
    h('header', { class: 'panel-header' }, h('h2', { id: 'panel-title', text: title }), closeButton),
    h('div', { class: 'panel-body' }, body));
  panel.hidden = false;
  document.body.classList.add('panel-open');
  // `focus` picks where to start (a CSS selector) when the first field is not it.
  const first = (focus && panel.querySelector(focus)) || panel.querySelector('input, select, textarea, button.primary');
  (first || closeButton).focus();
}

export function closePanel() {
  const panel = document.getElementById('panel');
  if (panel.hidden) return;
  panel.hidden = true;
  panel.replaceChildren();
  document.body.classList.remove('panel-open');
  if (onCloseHandler) onCloseHandler();
  onCloseHandler = null;
  if (restoreFocus && document.contains(restoreFocus)) restoreFocus.focus();
}

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && !document.getElementById('panel').hidden) {
    event.preventDefault();
    closePanel();
  }
});
