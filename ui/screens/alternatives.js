// The side panels of one pair on the Matching page: a veto with its reason,
// and a participant's other mentors (lock, override, one more place, swap).
import { api } from '../api.js';
import { h } from '../dom.js';
import { button } from '../layout.js';
import { openPanel, closePanel } from '../panel.js';
import { toast } from '../toast.js';
import { fmt } from './figures.js';

/** "Never pair these two": the veto with the committee's reason, in the side panel. */
export function openVeto(program, pair, refresh) {
  const reason = h('input', { type: 'text', id: 'veto-reason', placeholder: 'e.g. They work on the same board' });
  const error = h('p', { class: 'form-error', hidden: true });
  const submit = async (event) => {
    event.preventDefault();
    try {
      const recomputed = await api.setPairRule(program.id, pair.participant.id, pair.mentor.id, 'veto', reason.value);
      closePanel();
      await refresh.afterRule(recomputed, `${pair.participant.name} and ${pair.mentor.name} will never be paired.`);
    } catch (e) {
      error.textContent = String(e);
      error.hidden = false;
    }
  };
  openPanel({
    title: 'Never pair these two',
    body: h('form', { class: 'form', on: { submit } },
      h('p', { text: `${pair.participant.name} will not be paired with ${pair.mentor.name} in any later computation.` }),
      h('div', { class: 'field' }, h('label', { for: 'veto-reason', text: 'Reason (for the committee\u2019s record)' }), reason),
      error,
      h('div', { class: 'form-actions' },
        button('Cancel', closePanel),
        h('button', { type: 'submit', class: 'primary', text: 'Veto pair' }))),
  });
}

/**
 * A participant's best mentors (with why each is or is not allowed), and
 * any other mentor: lock, override with a reason, give a full mentor one
 * more place, or swap with another pair. `refresh.afterRule` shows the effect.
 */
export async function openAlternatives(program, participant, pair, refresh) {
  let options;
  try {
    options = await api.matchAlternatives(program.id, participant.id);
  } catch (error) {
    toast(String(error), 'error');
    return;
  }
  const pairWith = async (mentor, reason = '', withPlace = false) => {
    const recomputed = await api.setPairRule(program.id, participant.id, mentor.id, withPlace ? 'lock_with_place' : 'lock', reason);
    closePanel();
    await refresh.afterRule(recomputed, `Locked ${participant.name} with ${mentor.name}${withPlace ? `, who now has a place for them` : ''}.`);
  };
  const card = (alt) => {
    const error = h('p', { class: 'form-error', hidden: true });
    const reason = h('input', { type: 'text', 'aria-label': `Reason to pair with ${alt.mentor.name} anyway`, placeholder: 'Reason to pair them anyway' });
    // A mentor whose places running matches fill (common when re-matching
    // mid-program) can take one more mentee, if they agreed, in the same step.
    const full = alt.is_full;
    const actLabel = !alt.allowed ? `Pair anyway (override${full ? ', one more place' : ''})`
      : full ? `Give ${alt.mentor.name} one more place and pair` : `Pair with ${alt.mentor.name}`;
    const act = async () => {
      try {
        await pairWith(alt.mentor, alt.allowed ? '' : reason.value, full);
      } catch (e) {
        error.textContent = String(e);
        error.hidden = false;
      }
    };
    return h('li', { class: `alternative${alt.allowed ? '' : ' ruled-out'}` },
      h('div', { class: 'alt-head' },
        h('span', { class: 'person-name', text: alt.mentor.name }),
        h('span', { class: 'num score', text: fmt(alt.score) }),
        pair ? h('span', { class: 'muted small', text: alt.score_lost >= 0 ? `\u2212${fmt(alt.score_lost)} points` : `+${fmt(-alt.score_lost)} points` }) : null),
      h('p', { class: alt.allowed ? 'muted small' : 'why-not small', text: alt.why_not }),
      h('div', { class: 'chips' }, alt.chips.map((c) => h('span', { class: 'chip', text: c }))),
      alt.allowed ? null : reason,
      error,
      h('div', { class: 'row-actions' },
        button(actLabel, act, { kind: 'secondary' }),
        pair && alt.allowed ? alt.mentees.map((other) => button(`Swap with ${other.name}`, async () => {
          try {
            await api.swapMentors(program.id, participant.id, other.id);
            closePanel();
            await refresh(`Swapped: ${participant.name} with ${alt.mentor.name}, ${other.name} with ${pair.mentor.name}. Both pairs are locked; compute again.`);
          } catch (e) {
            error.textContent = String(e);
            error.hidden = false;
          }
        }, { kind: 'quiet' })) : null));
  };
  const best = options.slice(0, 3);
  const others = options.slice(3);
  const select = h('select', { id: 'manual-mentor', 'aria-label': 'Any other mentor' },
    others.map((alt) => h('option', { value: String(alt.mentor.id), text: `${alt.mentor.name} \u2014 ${fmt(alt.score)}${alt.allowed ? '' : ' (ruled out)'}` })));
  const manualReason = h('input', { type: 'text', 'aria-label': 'Reason (needed for a ruled-out pair)', placeholder: 'Reason (needed for a ruled-out pair)' });
  const manualError = h('p', { class: 'form-error', hidden: true });
  const manual = others.length ? h('div', { class: 'field manual' },
    h('label', { for: 'manual-mentor', text: 'Or choose any mentor' }), select, manualReason, manualError,
    button('Lock this pair', async () => {
      const alt = others.find((a) => String(a.mentor.id) === select.value);
      if (!alt) return;
      try {
        await pairWith(alt.mentor, manualReason.value);
      } catch (e) {
        manualError.textContent = String(e);
        manualError.hidden = false;
      }
    })) : null;
  openPanel({
    title: participant.name,
    focus: '.alternatives-list .row-actions button',
    body: h('div', { class: 'alternatives form' },
      pair
        ? h('p', {}, `Proposed: ${pair.mentor.name}, score ${fmt(pair.score)}.`)
        : h('p', { text: 'No mentor in the proposal. Choose one to lock the pair; the next computation keeps it.' }),
      h('h3', { text: pair ? 'Next best mentors' : 'Best mentors for them' }),
      h('ul', { class: 'plain-list alternatives-list' }, best.map(card)),
      manual),
  });
}
