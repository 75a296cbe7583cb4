// Date fields that read what people type or paste: 2026-07-20, 20260720,
// 07202026, 20/07/2026, "20 July 2026". The core reads the text (the same
// rule as the command line) and the field shows the date as YYYY-MM-DD, or
// says at the field why it cannot be read. An empty field looks empty.
import { api } from './api.js';
import { h } from './dom.js';

/** A text field for a date; `value` is YYYY-MM-DD or ''. */
export function dateInput(attrs) {
  const input = h('input', {
    type: 'text', inputmode: 'numeric', autocomplete: 'off', spellcheck: 'false', placeholder: 'YYYY-MM-DD',
    ...attrs, class: 'date-input',
  });
  input.addEventListener('change', () => { dateValue(input).catch(() => {}); });
  return input;
}

/** The date in `input` as YYYY-MM-DD ('' when empty); throws the reason, also shown at the field. */
export async function dateValue(input) {
  const messageId = `${input.id}-message`;
  const old = document.getElementById(messageId);
  if (old) old.remove();
  input.removeAttribute('aria-invalid');
  const text = input.value.trim();
  if (!text) return '';
  try {
    const iso = await api.readDate(text);
    input.value = iso;
    return iso;
  } catch (error) {
    const message = String(error);
    fieldError(input, message);
    throw new Error(message);
  }
}

/** Shows `message` under the date field `input` and puts the focus there. */
export function fieldError(input, message) {
  const messageId = `${input.id}-message`;
  const old = document.getElementById(messageId);
  if (old) old.remove();
  input.setAttribute('aria-invalid', 'true');
  input.setAttribute('aria-describedby', messageId);
  input.after(h('p', { class: 'form-error field-error', id: messageId, role: 'alert', text: message }));
  input.focus();
}
