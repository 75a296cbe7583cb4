// Keeps keyboard focus where it was when a page is drawn again. Pages are
// rebuilt from data after every change, so the focused button is replaced by
// a new one; without this, focus would fall back to the document and a
// keyboard or screen-reader user would start over at the top.

/** What identifies a focused control across a redraw: its id, or its kind, label and place among look-alikes. */
export function focusKey(el, root) {
  if (!el || el === document.body || !root.contains(el) || el === root) return null;
  if (el.id) return { id: el.id };
  const signature = signatureOf(el);
  const lookAlikes = [...root.querySelectorAll(el.tagName)].filter((other) => signatureOf(other) === signature);
  return { signature, tag: el.tagName, index: Math.max(0, lookAlikes.indexOf(el)) };
}

/** Focuses the control `key` names inside `root`, or `root` itself when it is gone. */
export function restoreFocus(key, root) {
  if (!key) return;
  let target = null;
  if (key.id) {
    target = document.getElementById(key.id);
    if (target && !root.contains(target)) target = null;
  } else {
    const lookAlikes = [...root.querySelectorAll(key.tag)].filter((el) => signatureOf(el) === key.signature);
    target = lookAlikes[key.index] || lookAlikes[0] || null;
  }
  (target || root).focus({ preventScroll: true });
}

function signatureOf(el) {
  const label = el.getAttribute('aria-label') || '';
  const name = el.getAttribute('name') || '';
  const text = el.matches('input, select, textarea') ? '' : (el.textContent || '').trim().slice(0, 80);
  return `${label}|${name}|${text}`;
}
