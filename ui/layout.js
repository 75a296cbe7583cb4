import { h, plural } from './dom.js';

/** The top of every page: a title, a status line, and at most one primary action. */
export function pageHeader(title, { subtitle = null, primary = null, secondary = [] } = {}) {
  return h('header', { class: 'page-header' },
    h('div', { class: 'page-heading' },
      h('h1', { text: title }),
      subtitle ? h('p', { class: 'status-line', text: subtitle }) : null),
    h('div', { class: 'page-actions' }, secondary, primary));
}

/** Where a program stands on the path import → match → letters → track. */
export function programStatus(program) {
  if (!program) return null;
  // "N matched" in pairs; "N in circles" where people meet as a group.
  const { unit, units } = unitWords(program);
  const placed = unit === 'pair' ? `${program.matched} matched` : `${program.matched} in ${units}`;
  const parts = [
    program.people_text,
    program.matched ? placed : 'not matched yet',
  ];
  return parts.join(' · ');
}

/** The program's words for the units its people meet in: {unit: 'pair', units: 'pairs'} or its groups' or circles'. */
export function unitWords(program) {
  return (program && program.words) || { unit: 'pair', units: 'pairs' };
}

/** An explanation of the place and the action that fills it. */
export function emptyState({ title, text, actions = [], icon = null }) {
  return h('section', { class: 'empty-state' },
    icon,
    h('h2', { text: title }),
    Array.isArray(text) ? text.map((t) => h('p', { text: t })) : h('p', { text }),
    actions.length ? h('div', { class: 'empty-actions' }, actions) : null);
}

/** `ariaLabel` names what a short label acts on ("Lock" → "Lock Ann with Bo") for screen readers. */
export function button(label, onClick, { kind = 'secondary', id = null, title = null, ariaLabel = null } = {}) {
  return h('button', { type: 'button', class: kind, id, title, 'aria-label': ariaLabel, text: label, on: { click: onClick } });
}

/**
 * A button that asks before doing something that loses work: the first click
 * shows what will happen and a confirming button beside "Keep".
 */
export function confirmingButton(label, question, confirmLabel, onConfirm, { kind = 'quiet', id = null, danger = true } = {}) {
  const holder = h('span', { class: 'confirming' });
  const ask = () => {
    // Red only for what removes or replaces something; "Cancel" leaves all as it was.
    holder.replaceChildren(
      h('span', { class: 'confirm-question', text: question }),
      h('button', { type: 'button', class: `${danger ? 'danger' : 'primary'} confirm`, text: confirmLabel, on: { click: onConfirm } }),
      h('button', { type: 'button', class: 'secondary', text: 'Cancel', on: { click: reset } }));
    holder.querySelector('button.confirm').focus();
  };
  const reset = () => holder.replaceChildren(h('button', { type: 'button', class: kind, id, text: label, on: { click: ask } }));
  reset();
  return holder;
}
