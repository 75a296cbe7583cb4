// Criteria on the Matching screen: what a pair's score is made of, the
// built-in criteria and the committee's own (a participant question compared
// with a mentor question), suggestions from the two forms, adding one, and
// how many participants each hard rule leaves without any possible mentor.
import { api } from '../api.js';
import { h, plural } from '../dom.js';
import { button } from '../layout.js';
import { toast } from '../toast.js';

// Slider and switch changes not saved yet, by criterion id: every control's
// last value is kept, and Compute saves them first.
const pending = { programId: null, changes: new Map(), timer: null };

export async function flushCriteria() {
  clearTimeout(pending.timer);
  const changes = [...pending.changes.entries()];
  pending.changes.clear();
  for (const [id, change] of changes) await api.setCriterion(pending.programId, id, change);
}

function queue(program, id, change, note, hasProposal) {
  if (pending.programId !== program.id) {
    pending.programId = program.id;
    pending.changes.clear();
  }
  pending.changes.set(id, { ...(pending.changes.get(id) || {}), ...change });
  clearTimeout(pending.timer);
  pending.timer = setTimeout(async () => {
    try {
      await flushCriteria();
      note.textContent = hasProposal ? 'Saved. Compute again to use it.' : 'Saved.';
    } catch (error) {
      toast(String(error), 'error');
    }
  }, 250);
}

function sides(c, program) {
  if (c.built_in && c.participant_question.id === null && c.mentor_question.id === null) return null;
  const same = c.participant_question.text === c.mentor_question.text;
  return h('p', { class: 'criterion-questions small' }, same
    ? [h('span', { class: 'muted', text: program.needs_mentors ? 'Both forms: ' : 'Question: ' }), h('span', { text: c.participant_question.text })]
    : [h('span', { class: 'muted', text: 'Participants: ' }), h('span', { text: c.participant_question.text }),
      h('br'), h('span', { class: 'muted', text: 'Mentors: ' }), h('span', { text: c.mentor_question.text })]);
}

/** Why a built-in criterion gives no points: which form lacks the question. */
function notAskedNote(c) {
  const tail = 'so it gives no pair any points and is left out of the most a pair can score.';
  if (c.choice_shares) return `Nobody has stated choices yet: drop the file of the mentor choices form here to import them, ${tail}`;
  if (c.participant_question.id !== null && c.mentor_question.id === null) return `Only the participants\u2019 form asks this, ${tail}`;
  if (c.participant_question.id === null && c.mentor_question.id !== null) return `Only the mentors\u2019 form asks this, ${tail}`;
  return `Your forms do not ask this (or nobody answered it), ${tail}`;
}

/** Three pairs whose answers are most alike, with the words both wrote:
 * how the comparison reads this cohort's writing, before computing. */
function writingExamples(program, participantQuestion, mentorQuestion) {
  const box = h('div', { class: 'writing-examples', 'aria-live': 'polite' },
    h('p', { class: 'muted small', text: 'Reading the answers…' }));
  api.writingExamples(program.id, String(participantQuestion), String(mentorQuestion)).then((examples) => {
    box.replaceChildren(examples.length
      ? h('div', {},
        h('p', { class: 'small', text: 'Examples: the pairs whose answers are most alike' }),
        h('ul', { class: 'plain-list example-list' }, examples.map((e) => h('li', { class: 'small' },
          h('strong', { text: `${e.participant} and ${e.mentor}` }),
          h('span', { class: 'muted', text: ` (${e.similarity}% similar)` }),
          h('br'),
          h('span', { text: `Both wrote about: ${e.shared_words.join(', ')}` })))))
      : h('p', { class: 'muted small', text: 'No participant and mentor wrote about the same things in these answers yet.' }));
  }).catch((error) => {
    box.replaceChildren(h('p', { class: 'small error-text', text: String(error) }));
  });
  return box;
}

/** For similar writing: the similarity a must-match criterion asks for. */
function minSimilarity(program, c, note, hasProposal) {
  if (!c.writing) return null;
  const id = `criterion-${c.id}-min`;
  const input = h('input', {
    type: 'number', id, min: '0', max: '100', step: '5', value: String(c.min_similarity),
    on: { change: () => queue(program, c.id, { min_similarity: Number(input.value) }, note, hasProposal) },
  });
  const label = h('label', { class: 'min-similarity', for: id }, 'Must match means at least ', input, '% similar');
  label.hidden = !c.must;
  return label;
}

/** For the ranked-choices criterion: the share of its weight a 1st, 2nd and 3rd choice score. */
function choiceShares(program, c, note, hasProposal) {
  if (!c.choice_shares) return null;
  const inputs = c.choice_shares.map((share, i) => h('input', {
    type: 'number', min: '0', max: '100', step: '1', value: String(share), class: 'share-input',
    id: `choice-share-${i + 1}`, 'aria-label': `Share of the weight for a choice ranked ${i + 1}`,
  }));
  const save = () => queue(program, c.id, { choice_shares: inputs.map((input) => Number(input.value)) }, note, hasProposal);
  for (const input of inputs) input.addEventListener('change', save);
  return h('p', { class: 'choice-shares small', id: 'choice-shares' },
    'A 1st choice scores ', inputs[0], '%, a 2nd ', inputs[1], '%, a 3rd ', inputs[2], '% of the weight.');
}

function gateNote(c) {
  if (!c.gate_question) return null;
  return h('p', { class: 'criterion-questions small' },
    h('span', { class: 'muted', text: 'Counts only for participants who said yes to: ' }),
    h('span', { text: c.gate_question.text }));
}

function criterionCard(program, c, note, hasProposal, refresh) {
  const id = c.built_in ? `weight-${c.id}` : `criterion-${c.id}`;
  const output = h('output', { for: id, class: 'weight-value', text: c.asked ? String(c.weight) : '–' });
  const slider = h('input', {
    type: 'range', id, min: '0', max: '100', step: '5', value: String(c.weight), 'aria-describedby': `${id}-hint`,
    dataset: { criterion: String(c.id) }, disabled: !c.asked,
  });
  slider.addEventListener('input', () => {
    output.textContent = slider.value;
    queue(program, c.id, { weight: Number(slider.value) }, note, hasProposal);
  });
  const minimum = minSimilarity(program, c, note, hasProposal);
  const must = !c.can_be_must ? null : h('label', { class: 'must-switch' },
    h('input', {
      type: 'checkbox', checked: c.must, dataset: { criterion: String(c.id) },
      on: {
        change: (e) => {
          queue(program, c.id, { must: e.target.checked }, note, hasProposal);
          if (minimum) minimum.hidden = !e.target.checked;
        },
      },
    }), ' Must match (a hard rule)');
  const remove = c.built_in ? null : button('Remove', async () => {
    try {
      await api.removeCriterion(program.id, c.id);
      await refresh(`Removed \u201c${c.label}\u201d.`);
    } catch (error) {
      toast(String(error), 'error');
    }
  }, { kind: 'quiet' });
  return h('div', { class: `weight criterion${c.built_in ? '' : ' own'}${c.asked ? '' : ' not-asked'}`, dataset: { criterionId: String(c.id) } },
    h('label', { for: id, text: c.label }), slider, output,
    h('div', { class: 'hint', id: `${id}-hint` },
      h('span', { class: 'chip', text: compareLabel(c.compare) }), ' ',
      h('span', { text: c.description }),
      c.asked ? sides(c, program) : h('p', { class: 'criterion-questions small not-asked-note', text: notAskedNote(c) }),
      gateNote(c),
      choiceShares(program, c, note, hasProposal),
      must, minimum,
      c.writing ? writingExamples(program, c.participant_question.id, c.mentor_question.id) : null,
      remove));
}

const COMPARE_LABELS = {};
function compareLabel(key) {
  return COMPARE_LABELS[key] || key;
}

function suggestionsBlock(program, suggestions, refresh) {
  if (!suggestions.length) return null;
  const accept = async (s) => {
    try {
      await api.addCriterion(program.id, {
        participant_question: String(s.participant_question.id),
        mentor_question: String(s.mentor_question.id),
        compare: s.compare, weight: s.weight, must: false, label: s.label,
        gate_question: s.gate_question ? String(s.gate_question.id) : null,
      });
      await refresh(`Added \u201c${s.label}\u201d.`);
    } catch (error) {
      toast(String(error), 'error');
    }
  };
  const acceptAll = async () => {
    try {
      const added = await api.acceptSuggestions(program.id);
      await refresh(`Added ${plural(added.length, 'criterion', 'criteria')} from the forms.`);
    } catch (error) {
      toast(String(error), 'error');
    }
  };
  return h('div', { class: 'suggestions', id: 'criteria-suggestions' },
    h('div', { class: 'suggestions-head' },
      h('h3', { text: 'Suggested for you' }),
      button(`Accept all ${suggestions.length}`, acceptAll, { kind: 'primary', id: 'accept-suggestions' })),
    h('p', { class: 'muted small', text: 'Questions both forms ask, paired by their wording and answers. Nothing changes until you accept.' }),
    h('ul', { class: 'plain-list suggestion-list' }, suggestions.map((s) => h('li', { class: 'suggestion' },
      h('div', {},
        h('strong', { text: s.label }), ' ', h('span', { class: 'chip', text: compareLabel(s.compare) }),
        sides(s, program), gateNote(s),
        h('p', { class: 'muted small', text: s.why })),
      button('Add', () => accept(s), { kind: 'secondary' })))));
}

/** The questions Matchbook chose not to compare, with why, folded away. */
function leftOutBlock(leftOut) {
  if (!leftOut || !leftOut.length) return null;
  const role = (r) => (r === 'mentor' ? 'Mentors' : 'Participants');
  return h('details', { class: 'left-out', id: 'criteria-left-out' },
    h('summary', { text: `Not compared (${leftOut.length}): why` }),
    h('ul', { class: 'plain-list left-out-list' }, leftOut.map((l) => h('li', { class: 'small' },
      h('strong', { text: l.question }), h('span', { class: 'muted', text: ` (${role(l.role)})` }),
      h('br'), h('span', { text: l.reason })))));
}

function questionOption(q) {
  const top = q.options.slice().sort((a, b) => b.count - a.count).slice(0, 3).map((o) => o.label);
  return h('option', { value: String(q.id), text: `${q.text} (${q.kind_label.toLowerCase()}${top.length ? `: ${top.join(', ')}` : ''})` });
}

/** A peer-circles program: one participant question, compared between the members of a circle. */
function circleForm(program, overview, refresh) {
  const questions = overview.questions.filter((q) => q.role === 'participant' && !['contact', 'text', 'date'].includes(q.kind));
  if (!questions.length) return null;
  const question = h('select', { id: 'circle-question' }, questions.map(questionOption));
  const compare = h('select', { id: 'circle-compare' },
    overview.circle_compares.map((c) => h('option', { value: c.key, text: c.label, title: c.description })));
  const weight = h('input', { type: 'number', id: 'circle-weight', min: '0', max: '100', step: '5', value: String(overview.default_weight) });
  const form = h('form', { class: 'add-criterion', id: 'add-circle-criterion' },
    h('label', { class: 'stacked' }, 'Question', question),
    h('label', { class: 'stacked' }, 'Members should answer', compare),
    h('label', { class: 'stacked' }, 'Weight', weight),
    h('button', { type: 'submit', class: 'secondary', text: 'Add criterion' }));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api.addCircleCriterion(program.id, { question: question.value, compare: compare.value, weight: Number(weight.value) });
      await refresh('Criterion added: circles are made with it from now on.');
    } catch (error) {
      toast(String(error), 'error');
    }
  });
  return h('details', { class: 'add-criterion-box', open: true },
    h('summary', { text: 'Add criterion for circles\u2026' }),
    h('p', { class: 'muted small', text: 'In peer circles a criterion compares the members of a circle with each other: the same answer (for example the same meeting day), or deliberately mixed (for example different regions).' }),
    form);
}

function addForm(program, overview, refresh) {
  if (overview.circles) return circleForm(program, overview, refresh);
  // Questions that can be compared come first (the first is preselected);
  // who someone is (name, email), free text and dates come last.
  const rank = (q) => (['contact', 'text', 'date'].includes(q.kind) ? 1 : 0);
  const ordered = (role) => overview.questions.filter((q) => q.role === role)
    .map((q, i) => [q, i]).sort(([a, i], [b, j]) => rank(a) - rank(b) || i - j).map(([q]) => q);
  const participants = ordered('participant');
  const mentors = ordered('mentor');
  if (!participants.length || !mentors.length) return null;
  const pick = (id, list, label) => h('label', { class: 'stacked' }, label,
    h('select', { id }, list.map(questionOption)));
  const compare = h('select', { id: 'criterion-compare' },
    overview.compares.map((c) => h('option', { value: c.key, text: c.label, title: c.description })));
  const weight = h('input', { type: 'number', id: 'criterion-weight', min: '0', max: '100', step: '5', value: String(overview.default_weight) });
  const must = h('input', { type: 'checkbox', id: 'criterion-must' });
  const examples = h('div', { id: 'criterion-examples' });
  const preview = h('button', { type: 'button', class: 'quiet', id: 'criterion-preview', text: 'Show examples' });
  preview.addEventListener('click', () => {
    examples.replaceChildren(writingExamples(program,
      form.querySelector('#criterion-participant').value, form.querySelector('#criterion-mentor').value));
  });
  // Examples are for similar writing only.
  const showPreview = () => {
    const chosen = overview.compares.find((c) => c.key === compare.value);
    preview.hidden = !(chosen && chosen.writing);
    if (preview.hidden) examples.replaceChildren();
  };
  compare.addEventListener('change', showPreview);
  const form = h('form', { class: 'add-criterion', id: 'add-criterion' },
    pick('criterion-participant', participants, 'Participant question'),
    pick('criterion-mentor', mentors, 'Mentor question'),
    h('label', { class: 'stacked' }, 'Compare by', compare),
    h('label', { class: 'stacked' }, 'Weight', weight),
    h('label', { class: 'must-switch' }, must, ' Must match'),
    preview,
    h('button', { type: 'submit', class: 'secondary', text: 'Add criterion' }),
    examples);
  showPreview();
  // Examples belong to the questions they were read from.
  form.addEventListener('change', (event) => {
    if (event.target.tagName === 'SELECT') examples.replaceChildren();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api.addCriterion(program.id, {
        participant_question: form.querySelector('#criterion-participant').value,
        mentor_question: form.querySelector('#criterion-mentor').value,
        compare: compare.value, weight: Number(weight.value), must: must.checked,
      });
      await refresh('Criterion added.');
    } catch (error) {
      toast(String(error), 'error');
    }
  });
  return h('details', { class: 'add-criterion-box' }, h('summary', { text: 'Add criterion…' }), form);
}

function hardRules(gaps) {
  const rules = (gaps && gaps.hard_rules) || [];
  if (!rules.length) return null;
  return h('ul', { class: 'gap-list hard-rules', id: 'hard-rule-impact' }, rules.map((r) => h('li', {
    class: r.stranded ? 'gap' : '',
    text: r.stranded
      ? `\u201c${r.label}\u201d leaves ${plural(r.stranded, 'participant')} without any possible mentor.`
      : `\u201c${r.label}\u201d leaves every participant at least one possible mentor.`,
  })));
}

export function criteriaSection(program, overview, hasProposal, refresh) {
  for (const c of overview.compares) COMPARE_LABELS[c.key] = c.label;
  const note = h('p', { class: 'muted small', 'aria-live': 'polite' });
  const own = overview.criteria.filter((c) => !c.built_in);
  // The built-in criteria compare a participant with a mentor: peer circles have none.
  const builtIn = program.needs_mentors ? overview.criteria.filter((c) => c.built_in) : [];
  return h('section', { class: 'match-section', id: 'criteria' },
    h('h2', { text: 'Criteria' }),
    h('p', { class: 'muted', text: program.needs_mentors
      ? 'What a pair\u2019s score is made of, from 0 (ignore) to 100. A missing answer in one of your own criteria counts half and is shown as a warning; a must-match criterion rules pairs out.'
      : 'What brings the members of a circle together (or deliberately mixes them), each from 0 (ignore) to 100. Add a criterion for circles below.' }),
    suggestionsBlock(program, overview.suggestions, refresh),
    leftOutBlock(overview.left_out),
    hardRules(overview.gaps),
    own.length ? h('h3', { text: 'From your forms' }) : null,
    own.length ? h('div', { class: 'weights', id: 'own-criteria' }, own.map((c) => criterionCard(program, c, note, hasProposal, refresh))) : null,
    builtIn.length ? h('h3', { text: 'Built in' }) : null,
    builtIn.length ? h('div', { class: 'weights', id: 'built-in-criteria' }, builtIn.map((c) => criterionCard(program, c, note, hasProposal, refresh))) : null,
    note,
    addForm(program, overview, refresh));
}
