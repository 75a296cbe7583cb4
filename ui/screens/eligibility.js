// Eligibility in the window: the program's two rules in its edit form, and
// in a person's panel why the rules leave them out, with the committee's
// override (and its reason). The rules and the words come from the core.
import { api } from '../api.js';
import { h } from '../dom.js';
import { toast } from '../toast.js';

/**
 * The eligibility fields of a program's edit form: `element` to show, and
 * `save()` to call once the program is saved (resolves to the number left out).
 */
export function eligibilityFields(program) {
  const years = h('input', { id: 'program-mentor-min-years', type: 'number', min: 0, max: 60, step: 'any', 'aria-describedby': 'program-mentor-min-years-hint' });
  const wait = h('input', { id: 'program-past-participants-wait', type: 'number', min: 0, max: 10, 'aria-describedby': 'program-past-participants-wait-hint' });
  api.eligibility(program.id).then((view) => {
    years.value = view.rules.mentor_min_years ?? '';
    wait.value = view.rules.past_participants_wait ?? '';
  }).catch((error) => toast(String(error), 'error'));
  const element = h('fieldset', { class: 'fieldset', id: 'eligibility-fields' },
    h('legend', { text: 'Eligibility' }),
    h('div', { class: 'field' },
      h('label', { for: years.id, text: 'Mentors need at least (years in a professional position)' }), years,
      h('p', { class: 'hint', id: 'program-mentor-min-years-hint', text: 'Mentors below it are flagged “Not eligible” and left out of the matching, unless the committee matches them anyway with a reason. Empty: no rule.' })),
    h('div', { class: 'field' },
      h('label', { for: wait.id, text: 'Past participants wait (programs) before mentoring' }), wait,
      h('p', { class: 'hint', id: 'program-past-participants-wait-hint', text: 'Found by email in this file’s earlier programs. Empty: no rule.' })));
  const number = (input) => (input.value.trim() === '' ? null : Number(input.value));
  const save = async () => {
    const view = await api.setEligibilityRules(program.id, {
      mentor_min_years: number(years),
      past_participants_wait: number(wait),
    });
    return view.not_eligible.filter((n) => !n.overridden).length;
  };
  return { element, save };
}

/** A person's eligibility in their panel: nothing when the rules let them in. */
export function eligibilitySection(person, onChange) {
  const section = h('section', { class: 'person-eligibility', id: 'person-eligibility', hidden: true });
  const draw = async () => {
    const view = await api.eligibility(person.program_id);
    const refused = view.no_consent.find((n) => n.person_id === person.id);
    const mine = view.not_eligible.find((n) => n.person_id === person.id);
    section.hidden = !mine && !refused;
    if (refused) {
      section.replaceChildren(h('h3', { text: 'Consent' }), h('p', { class: 'flag-line', text: refused.reason }), consentForm(person, async () => { await draw(); onChange(); }));
      return;
    }
    if (!mine) return;
    const reason = h('input', { id: 'eligibility-reason', type: 'text', 'aria-label': 'Why the committee matches them anyway' });
    const error = h('p', { class: 'form-error', role: 'alert', id: 'eligibility-error', hidden: true });
    const set = async (value) => {
      try {
        await api.setEligibilityOverride(person.id, value);
        toast(value ? `${person.name} can be matched.` : `The rules apply to ${person.name} again.`);
        await draw();
        onChange();
      } catch (message) {
        error.textContent = String(message);
        error.hidden = false;
        reason.focus();
      }
    };
    section.replaceChildren(
      h('h3', { text: 'Eligibility' }),
      h('p', { class: 'flag-line', text: mine.reason }),
      mine.overridden
        ? h('div', {},
          h('p', { text: `Matched anyway: ${mine.overridden}` }),
          h('button', { type: 'button', class: 'quiet', id: 'eligibility-clear', text: 'Apply the rules again', on: { click: () => set(null) } }))
        : h('form', { class: 'inline-form', id: 'eligibility-form', on: { submit: (event) => { event.preventDefault(); set(reason.value); } } },
          h('label', { for: reason.id, text: 'Match them anyway, because:' }), reason, error,
          h('button', { type: 'submit', class: 'secondary', id: 'eligibility-override', text: 'Match anyway' })));
  };
  draw().catch((error) => toast(String(error), 'error'));
  return section;
}

// "Consent given on …": the day is kept; from then on they can be matched.
function consentForm(person, done) {
  const day = h('input', { id: 'consent-given-on', type: 'text', placeholder: 'YYYY-MM-DD', autocomplete: 'off' });
  const error = h('p', { class: 'form-error', role: 'alert', id: 'consent-error', hidden: true });
  const form = h('form', { class: 'inline-form', id: 'consent-form' },
    h('label', { for: day.id, text: 'They gave their consent on' }), day, error,
    h('button', { type: 'submit', class: 'secondary', id: 'record-consent', text: 'Record consent' }));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api.recordConsent(person.id, day.value);
      toast(`Recorded ${person.name}'s consent: they can be matched.`);
      await done();
    } catch (message) {
      error.textContent = String(message);
      error.hidden = false;
      day.focus();
    }
  });
  return form;
}
