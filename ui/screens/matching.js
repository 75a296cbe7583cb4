// Matching: gaps before solving, criteria, the proposal with its reasons,
// locks/vetoes/swaps/manual pairs, versions, and confirmation.
import { api } from '../api.js';
import { h, plural, formatDateTime } from '../dom.js';
import { pageHeader, emptyState, button, programStatus, confirmingButton } from '../layout.js';
import { currentProgram, state } from '../state.js';
import { toast } from '../toast.js';
import { criteriaSection, flushCriteria } from './criteria.js';
import { openBooklet } from './booklet.js';
import { groupsSection } from './tracking/groups.js';
import { figuresTable, choiceFigures, fmt } from './figures.js';
import { waitingSection } from './waiting.js';
import { openVeto, openAlternatives } from './alternatives.js';
// The largest gains are shown; the rest are counted (all are in `match quality --json`).
const SWAPS_SHOWN = 8;

export async function renderMatching(main, app) {
  const program = currentProgram();
  const rematch = state.rematch;
  state.rematch = null;
  if (!program) {
    main.append(pageHeader('Matching'));
    main.append(emptyState({
      title: 'No program yet',
      text: 'Matching pairs the participants of a program with its mentors. Create a program or add the sample program first.',
      actions: [button('Go to Programs', () => app.go('programs'), { kind: 'primary' })],
    }));
    return;
  }
  // The booklet needs only the mentors: participants read it before matching.
  const booklet = () => button('Mentor booklet…', () => openBooklet(program), {
    id: 'open-booklet', title: 'A profile of every mentor for participants to choose from, as PDF',
  });
  if ((program.needs_mentors && program.mentors === 0) || program.participants === 0) {
    main.append(pageHeader('Matching', {
      subtitle: `${program.name} · ${programStatus(program)}`,
      secondary: program.mentors > 0 ? [booklet()] : [],
    }));
    main.append(emptyState({
      title: program.mentors === 0 ? 'No mentor applications yet' : 'No participant applications yet',
      text: 'Matching needs both mentors and participants. Import their application spreadsheets first.',
      actions: [button('Go to Applications', () => app.go('applications'), { kind: 'primary' })],
    }));
    // Participants carried from last year wait here until mentors are imported.
    const waiting = waitingSection(await api.waitingList(program.id));
    if (waiting) main.append(waiting);
    return;
  }

  const overview = await api.matchingOverview(program.id);
  const view = overview.view;
  const moved = state.movedPairs && state.movedPairs.programId === program.id ? state.movedPairs : null;
  state.movedPairs = null;
  const refresh = async (message) => {
    await app.reloadPrograms();
    app.render();
    if (message) toast(message);
  };
  // A lock, veto or their undoing computes the proposal again at once: say
  // what moved, and light up those rows once the page shows them.
  refresh.afterRule = async (recomputed, done) => {
    if (!recomputed) {
      await refresh(`${done} Compute matches to see the effect.`);
      return;
    }
    const n = recomputed.changed.length;
    state.movedPairs = { programId: program.id, ids: recomputed.changed };
    await refresh(`${done} ${n ? `${plural(n, 'pair')} changed.` : 'No other pair changed.'}`);
  };
  const isProposal = view && view.status === 'proposal';
  // The goal of the next computation: the one chosen, else the proposal's.
  const goals = overview.goals;
  if (!state.matchGoal[program.id]) state.matchGoal[program.id] = isProposal ? view.goal : goals[0].key;
  const goalLabel = (key) => (goals.find((g) => g.key === key) || goals[0]).label;
  const compute = async (event, goal = state.matchGoal[program.id]) => {
    const trigger = event && event.currentTarget;
    const label = trigger ? trigger.textContent : '';
    if (trigger) {
      trigger.disabled = true;
      trigger.textContent = 'Computing…';
    }
    try {
      await flushCriteria();
      const result = await api.computeMatches(program.id, goal);
      state.matchGoal[program.id] = goal;
      state.goalComparison = null;
      const what = !result.pairs.length && result.groups.length
        ? plural(result.groups.length, 'circle')
        : plural(result.pairs.length, 'pair');
      await refresh(`Computed ${what} (${goalLabel(goal).toLowerCase()}); total score ${fmt(result.total_score)}.`);
    } catch (error) {
      toast(String(error), 'error');
      if (trigger) {
        trigger.disabled = false;
        trigger.textContent = label;
      }
    }
  };
  const remaining = program.participants - overview.confirmed;

  // Peer circles have no mentors to present in a booklet.
  const secondary = program.needs_mentors ? [booklet()] : [];
  // A proposal's next step is to confirm it: that is the filled button, and
  // computing again is offered beside it.
  let confirm = null;
  if (isProposal) {
    secondary.push(button('Print worksheet', () => printWorksheet(program, view, goalLabel), { id: 'print-worksheet' }));
    confirm = confirmingButton('Confirm matches',
      `Confirm ${view.pairs.length || !view.groups.length ? plural(view.pairs.length, 'pair') : plural(view.groups.length, 'circle')} as ${program.name}'s matches?`,
      'Confirm', async () => {
        try {
          const report = await api.confirmMatches(program.id);
          const waiting = report.waiting ? ` ${plural(report.waiting, 'participant')} on the waiting list.` : '';
          await refresh(`Confirmed ${plural(report.confirmed, 'match', 'matches')}.${waiting}`);
        } catch (error) {
          toast(String(error), 'error');
        }
      }, { kind: 'primary', id: 'confirm-matches', danger: false });
  }
  const roomLeft = !overview.gaps || overview.gaps.room_left;
  const canCompute = remaining > 0 && roomLeft;
  // Confirmed matches: their letters are the next step, offered right here.
  const letters = program.matched > 0 && !isProposal ? lettersButtons(program, app, !canCompute) : null;
  if (letters && canCompute) secondary.push(letters.save);
  if (letters) secondary.push(letters.edit);
  const computing = canCompute
    ? button(isProposal ? 'Compute again' : 'Compute matches', compute, { kind: confirm ? 'secondary' : 'primary', id: 'compute-matches' })
    : null;
  if (confirm && computing) secondary.push(computing);
  const primary = confirm || computing || (letters && letters.save);
  main.append(pageHeader('Matching', {
    subtitle: `${program.name} · ${programStatus(program)}`,
    primary,
    secondary,
  }));

  if (overview.gaps) main.append(gapsSection(overview.gaps, overview.confirmed > 0 ? 'Still to match' : 'Before matching'));
  const waitingList = waitingSection(overview.waiting);
  if (waitingList) main.append(waitingList);
  // Peer circles are split by agreement alone: no goal to choose.
  if (computing && program.needs_mentors) main.append(goalSection(program, goals, compute));
  if (view && !view.pairs.length && view.groups.length) {
    // Peer circles: no pairs, only the circles and why each was made.
    main.append(groupsSection(view.groups, { heading: isProposal ? 'Proposed' : 'Confirmed', id: 'proposed-groups' }));
  } else if (isProposal) {
    main.append(proposalSection(program, view, moved, refresh, goalLabel));
    const groups = groupsSection(view.groups, { heading: 'Proposed', id: 'proposed-groups' });
    if (groups) main.append(groups);
    main.append(qualitySection(program, await api.matchQuality(program.id), refresh, goalLabel));
  } else if (view) {
    main.append(confirmedSection(view, remaining, canCompute));
  } else if (remaining > 0 && !roomLeft) {
    // Nothing to compute with: say what would make room instead of pointing at a missing button.
    main.append(h('section', { class: 'notice', id: 'no-room' },
      h('p', { text: 'No matches can be computed yet: no mentor has a place left. Import more mentor applications, or raise a mentor’s number of mentees on Applications; Compute matches appears here as soon as there is room.' })));
  } else {
    main.append(h('section', { class: 'notice' },
      h('p', { text: program.needs_mentors
        ? 'No matches computed yet. Check the criteria below (accept the ones suggested from your forms), then choose Compute matches: Matchbook finds the pairing with the highest total score that breaks no rule, and explains every pair.'
        : 'No circles computed yet. Add the criteria that should bring members together below, then choose Compute matches: Matchbook splits the participants into circles of the program\u2019s size with the most agreement inside them, and says why each circle belongs together.' })));
  }
  main.append(criteriaSection(program, overview, isProposal, refresh));
  if (overview.rules.length) main.append(rulesSection(program, overview.rules, refresh));
  if (overview.versions.length > 1) main.append(versionsSection(program, overview.versions, goalLabel));

  // Arriving from a pair that ended early ("Re-match participant…"): show
  // that participant's best mentors straight away.
  if (rematch && rematch.programId === program.id) openAlternatives(program, rematch.participant, null, refresh);
}

/** "Save the letters…" (one PDF of every letter, as Letters saves it) and the way to their text. */
function lettersButtons(program, app, primary) {
  const save = button('Save the letters…', async (event) => {
    const trigger = event.currentTarget;
    trigger.disabled = true;
    try {
      const saved = await api.saveLettersPdf(program.id, 'all');
      if (saved) {
        toast(`Saved: ${plural(saved.letters, 'letter')} in ${saved.path}`, 'info', { label: 'Open Letters', run: () => app.go('letters') });
        await app.reloadPrograms();
      }
    } catch (error) {
      toast(String(error), 'error');
    } finally {
      trigger.disabled = false;
    }
  }, { kind: primary ? 'primary' : 'secondary', id: 'save-letters', title: 'One PDF with every match letter; their text is on Letters' });
  const edit = button('Edit the letters…', () => app.go('letters'), { id: 'edit-letters', title: 'The letters\u2019 text, letterhead and greetings' });
  return { save, edit };
}

function section(title, ...children) {
  return h('section', { class: 'match-section' }, h('h2', { text: title }), children);
}

function gapsSection(gaps, title) {
  const short = !gaps.room_left ? [] : gaps.areas.filter((a) => a.wanted > a.offered).slice(0, 6);
  return section(title,
    h('p', { class: 'muted', text: `${plural(gaps.participants, 'participant')} to match · ${plural(gaps.mentors, 'mentor')} with ${plural(gaps.places, 'place')}.` }),
    gaps.messages.length
      ? h('ul', { class: 'gap-list' }, gaps.messages.map((m) => h('li', { class: 'gap', text: m })))
      : h('p', { text: short.length
        ? 'Enough places for everyone. Some areas are wanted by more participants than mentors offer them:'
        : 'Enough places for everyone, and no area is in short supply.' }),
    short.length
      ? h('div', { class: 'chips area-supply' },
        short.map((a) => h('span', { class: 'chip warn', text: `${a.area}: ${a.wanted} want · ${a.offered} offer` })))
      : null,
    unknownNames(gaps.unknown_names || []));
}

// Names people typed that match nobody: a few are shown, many fold away so
// they do not push the page's work below the fold.
function unknownNames(names) {
  if (!names.length) return null;
  return h('details', { class: 'unknown-names', id: 'unknown-names', open: names.length <= 3 },
    h('summary', { text: names.length === 1
      ? 'A name someone wrote matches nobody here'
      : `${names.length} names people wrote match nobody here` }),
    h('p', { class: 'muted small', text: 'Matching goes on without them. Check the spelling in Applications, or lock or veto a pair by hand to honour the wish.' }),
    h('ul', { class: 'gap-list' }, names.map((m) => h('li', { class: 'gap', text: m }))));
}

function pairActions(program, pair, refresh) {
  const rule = async (action, reason = '') => {
    try {
      const recomputed = await api.setPairRule(program.id, pair.participant.id, pair.mentor.id, action, reason);
      await refresh.afterRule(recomputed, action === 'lock'
        ? `Locked ${pair.participant.name} with ${pair.mentor.name}.`
        : `Unlocked ${pair.participant.name} and ${pair.mentor.name}.`);
    } catch (error) {
      toast(String(error), 'error');
    }
  };
  const who = `${pair.participant.name} with ${pair.mentor.name}`;
  return h('div', { class: 'row-actions' },
    pair.locked
      ? button('Unlock', () => rule('unlock'), { kind: 'quiet', title: 'Let the next computation choose freely', ariaLabel: `Unlock ${who}` })
      : button('Lock', () => rule('lock'), { kind: 'quiet', title: 'Keep this pair in every computation', ariaLabel: `Lock ${who}` }),
    button('Veto…', () => openVeto(program, pair, refresh), { kind: 'quiet', title: 'Never pair these two', ariaLabel: `Veto ${who}…` }),
    button('Other mentors…', () => openAlternatives(program, pair.participant, pair, refresh), { kind: 'quiet', ariaLabel: `Other mentors for ${pair.participant.name}…` }));
}

/**
 * The goal of the computation, and both goals computed side by side (not
 * saved) so the committee sees what fairness costs before choosing.
 */
function goalSection(program, goals, compute) {
  const chosen = () => state.matchGoal[program.id];
  const hint = h('p', { class: 'muted small goal-hint', id: 'goal-hint' });
  const describe = () => { hint.textContent = (goals.find((g) => g.key === chosen()) || goals[0]).description; };
  describe();
  const choice = h('fieldset', { class: 'segmented', id: 'match-goal' },
    h('legend', { text: 'Goal of the computation' }),
    goals.map((g) => h('label', {},
      h('input', {
        type: 'radio', name: 'match-goal', value: g.key, checked: chosen() === g.key,
        on: { change: () => { state.matchGoal[program.id] = g.key; describe(); } },
      }),
      g.label)));
  const result = h('div', { id: 'goal-comparison', 'aria-live': 'polite' });
  const showComparison = (comparison) => {
    // Every goal the core offers, each under its own key.
    const columns = goals.map((g) => [g, comparison[g.key]]).filter(([, q]) => q);
    result.replaceChildren(
      figuresTable(columns.map(([g, q]) => ({ label: g.label, goal: g.key, quality: q })), 'goal-comparison-table'),
      h('p', { class: 'muted', text: `Against “${goals[0].label}”, ${plural(comparison.different_pairs, 'participant')} would have a different mentor with “${goals[1].label}”${goals[2] ? ` and ${comparison.stable_different_pairs} with “${goals[2].label}”` : ''}. Nothing is saved until you keep one.` }),
      h('div', { class: 'row-actions' }, columns.map(([g]) => button(`Keep “${g.label}”`, (event) => compute(event, g.key),
        { kind: 'secondary', id: `keep-${g.key}` }))));
  };
  const cached = state.goalComparison && state.goalComparison.programId === program.id ? state.goalComparison.comparison : null;
  if (cached) showComparison(cached);
  const compare = button('Compare the goals', async (event) => {
    const trigger = event.currentTarget;
    trigger.disabled = true;
    trigger.textContent = 'Computing…';
    try {
      await flushCriteria();
      const comparison = await api.compareGoals(program.id);
      state.goalComparison = { programId: program.id, comparison };
      showComparison(comparison);
    } catch (error) {
      toast(String(error), 'error');
    } finally {
      trigger.disabled = false;
      trigger.textContent = 'Compare the goals';
    }
  }, { kind: 'secondary', id: 'compare-goals' });
  const part = section('Goal',
    h('div', { class: 'goal-bar' }, choice, compare),
    hint,
    result);
  part.id = 'goal';
  return part;
}

function proposalSection(program, view, moved, refresh, goalLabel) {
  const movedIds = new Set(moved ? moved.ids : []);
  const search = h('input', { type: 'search', placeholder: 'Find a participant or mentor', 'aria-label': 'Find a participant or mentor' });
  const rows = view.pairs.map((pair) => {
    const tr = h('tr', {
      class: movedIds.has(pair.participant.id) ? 'moved' : null,
      dataset: { participant: pair.participant.name, mentor: pair.mentor.name },
    },
      h('td', {},
        h('div', { class: 'person-name', text: pair.participant.name }),
        h('div', { class: 'muted small', text: pair.participant.library })),
      h('td', {},
        h('div', { class: 'person-name', text: pair.mentor.name }),
        h('div', { class: 'muted small', text: pair.mentor.library })),
      h('td', { class: 'num score', text: fmt(pair.score) }),
      h('td', {},
        h('div', { class: 'chips' },
          pair.locked ? h('span', { class: 'chip locked', text: 'Locked' }) : null,
          pair.chips.map((c) => h('span', { class: 'chip', text: c })),
          pair.warnings.map((w) => h('span', { class: 'chip warn', text: w })))),
      h('td', { class: 'actions-cell' }, pairActions(program, pair, refresh)));
    return tr;
  });
  const tbody = h('tbody', {}, rows);
  search.addEventListener('input', () => {
    const q = search.value.trim().toLowerCase();
    for (const tr of rows) {
      const text = `${tr.dataset.participant} ${tr.dataset.mentor}`.toLowerCase();
      tr.hidden = q !== '' && !text.includes(q);
    }
  });
  const unmatched = view.unmatched.length
    ? section(`Without a mentor (${view.unmatched.length})`,
      h('ul', { class: 'plain-list unmatched-list' }, view.unmatched.map((u) => h('li', {},
        h('span', { class: 'person-name', text: u.participant.name }),
        h('span', { class: 'muted', text: u.reason }),
        button('Assign by hand…', () => openAlternatives(program, u.participant, null, refresh), { kind: 'quiet' })))))
    : null;
  const loads = view.mentors.map((m) => h('tr', {},
    h('td', { text: m.mentor.name }),
    h('td', { class: 'num', text: `${m.mentees.length}/${m.capacity}` }),
    h('td', { class: m.mentees.length ? '' : 'muted', text: m.mentees.length ? m.mentees.join(', ') : 'No mentee' })));
  return h('div', { class: 'proposal' },
    h('div', { class: 'stats' },
      stat(view.pairs.length, 'pairs proposed'),
      stat(fmt(view.total_score), 'total score'),
      stat(view.unmatched.length, 'without a mentor'),
      stat(view.mentors_without_mentee.length, view.mentors_without_mentee.length === 1 ? 'mentor without a mentee' : 'mentors without a mentee')),
    section('Proposed pairs',
      h('p', { class: 'muted', text: `Computed ${formatDateTime(view.created_at)} with the goal “${goalLabel(view.goal)}”. Scores add up the weighted reasons shown beside each pair; every rule and lock is kept.` }),
      view.stale ? h('p', { class: 'warning-line', id: 'stale-proposal', role: 'status', text: view.stale }) : null,
      moved
        ? h('p', { class: 'moved-note', id: 'pairs-moved', role: 'status', text: moved.ids.length
          ? `Computed again after your change: ${plural(moved.ids.length, 'pair')} changed (highlighted).`
          : 'Computed again after your change: no other pair changed.' })
        : null,
      h('div', { class: 'toolbar' }, search),
      h('div', { class: 'table-wrap' },
        h('table', { class: 'data pairs', id: 'proposal-table' },
          h('thead', {}, h('tr', {},
            h('th', { text: 'Participant' }), h('th', { text: 'Mentor' }), h('th', { class: 'num', text: 'Score' }),
            h('th', { text: 'Why' }), h('th', { text: '' }))),
          tbody))),
    unmatched,
    section('Mentors\u2019 load',
      h('div', { class: 'table-wrap short' },
        h('table', { class: 'data' },
          h('thead', {}, h('tr', {}, h('th', { text: 'Mentor' }), h('th', { class: 'num', text: 'Mentees' }), h('th', { text: 'Paired with' }))),
          h('tbody', {}, loads)))));
}

/**
 * What the total hides: the spread of pair scores, the weakest pairs, and
 * pairs who would both score higher together than with the partners they
 * were given, each with "Pair them instead" (a lock; the proposal follows).
 */
function qualitySection(program, q, refresh, goalLabel) {
  const tallest = Math.max(1, ...q.histogram.map((b) => b.pairs));
  const histogram = h('div', { class: 'histogram', role: 'img', 'aria-label': `Pair scores from ${fmt(q.lowest)} to ${fmt(q.highest)}, median ${fmt(q.median)}` },
    q.histogram.map((b) => {
      // Set through the style object: the CSP refuses inline style attributes.
      const fill = h('div', { class: `histogram-fill${b.to <= q.weak_below ? ' weak' : ''}` });
      fill.style.height = `${Math.round((b.pairs / tallest) * 100)}%`;
      return h('div', { class: 'histogram-bar', title: `${fmt(b.from)}–${fmt(b.to)}: ${plural(b.pairs, 'pair')}` }, fill);
    }));
  const swapsShown = q.would_rather_swap.slice(0, SWAPS_SHOWN);
  const swaps = q.would_rather_swap.length
    ? h('ul', { class: 'plain-list swap-list', id: 'swap-list' }, swapsShown.map((s) => h('li', {},
      h('span', { class: 'person-name', text: `${s.participant.name} and ${s.mentor.name}` }),
      h('span', { class: 'muted', text: `${fmt(s.score)} together · ${fmt(s.participant_now)} now (+${fmt(s.gain)})${s.mentor_now === null ? ' · the mentor has a free place' : ` · above the mentor's weakest pair (${fmt(s.mentor_now)})`}` }),
      button('Pair them instead', async () => {
        try {
          const recomputed = await api.setPairRule(program.id, s.participant.id, s.mentor.id, 'lock', '');
          await refresh.afterRule(recomputed, `Locked ${s.participant.name} with ${s.mentor.name}.`);
        } catch (error) {
          toast(String(error), 'error');
        }
      }, { kind: 'quiet', ariaLabel: `Pair ${s.participant.name} with ${s.mentor.name} instead` }))),
    q.would_rather_swap.length > swapsShown.length
      ? h('li', { class: 'muted', text: `and ${plural(q.would_rather_swap.length - swapsShown.length, 'more pair')} with a smaller gain` })
      : null)
    : h('p', { text: 'No participant and mentor would both rather be together than with the partners they were given.' });
  const threshold = h('input', { type: 'number', id: 'weak-below', min: '0', step: '0.5', value: String(q.weak_below), 'aria-label': 'Pairs scoring below this are weak' });
  threshold.addEventListener('keydown', (event) => { if (event.key === 'Enter') threshold.blur(); });
  threshold.addEventListener('change', async () => {
    // An emptied field is being retyped: wait for the number.
    if (threshold.value.trim() === '') return;
    const below = Number(threshold.value);
    if (!Number.isFinite(below) || below < 0) {
      toast('The weak-pair threshold is a score of 0 or more.', 'error');
      threshold.value = String(q.weak_below);
      return;
    }
    try {
      const saved = await api.setWeakThreshold(program.id, below);
      await refresh(`Pairs scoring below ${fmt(saved)} now count as weak.`);
    } catch (error) {
      toast(String(error), 'error');
    }
  });
  const weak = q.weak_pairs;
  const quality = section('Quality of this proposal',
    h('p', { class: 'muted', id: 'quality-intro', text: `Goal: ${goalLabel(q.goal)}. The figures show what the total hides. A pair can score at most ${fmt(q.most_points)} under the criteria your forms ask.` }),
    h('div', { class: 'stats' },
      stat(fmt(q.lowest), 'lowest pair'),
      stat(fmt(q.median), 'median pair'),
      stat(weak, `weak pair${weak === 1 ? '' : 's'} (below ${fmt(q.weak_below)})`, weak ? 'warn' : ''),
      q.asked ? stat(`${q.got_requested}/${q.asked}`, 'got the mentor they asked for') : null,
      stat(q.unmatched.length, 'without a mentor'),
      stat(q.would_rather_swap.length, 'pairs who would rather swap')),
    q.choices ? h('p', { id: 'choice-figures', text: `Ranked choices: ${choiceFigures(q.choices)}` }) : null,
    h('label', { class: 'weak-threshold' }, 'A pair is weak below ', threshold, h('span', { class: 'muted small', text: ' points (for the committee’s eyes; matching is not changed by it)' })),
    h('div', { class: 'quality-grid' },
      h('div', {},
        h('h3', { text: 'Pair scores' }),
        histogram,
        h('div', { class: 'histogram-axis muted small' }, h('span', { text: fmt(q.lowest) }), h('span', { text: fmt(q.highest) }))),
      h('div', {},
        h('h3', { text: weak ? 'Weakest pairs, and why' : 'Lowest-scoring pairs, and what they lack' }),
        weak ? null : h('p', { class: 'muted small', text: `No pair scores below ${fmt(q.weak_below)}; these are simply the lowest.` }),
        q.weakest.length ? null : h('p', { class: 'muted small', text: 'Every pair scores the most a pair can.' }),
        h('ul', { class: 'plain-list weakest-list', id: 'weakest-list' }, q.weakest.map((w) => h('li', { class: w.score < q.weak_below ? 'weak' : null },
          h('span', { class: 'num score', text: fmt(w.score) }),
          h('span', { class: 'person-name', text: `${w.participant.name} with ${w.mentor.name}` }),
          w.locked ? h('span', { class: 'chip locked', text: 'Locked' }) : null,
          h('div', { class: 'chips' }, w.reasons.length
            ? w.reasons.map((r) => h('span', { class: 'chip warn', text: r }))
            : h('span', { class: 'muted small', text: 'No criterion is far off: the other pairs are simply stronger' }))))))),
    h('h3', { text: 'Would rather be together' }),
    h('p', { class: 'muted small', id: 'would-rather-by', text: q.would_rather_by }),
    swaps);
  quality.id = 'quality';
  return quality;
}

/** What to do about participants still without a mentor, in words that match the buttons the page shows. */
function remainingText(remaining, canCompute) {
  if (remaining === 0) return 'Every participant has a mentor. The next step is the match letters: save them as one PDF, or edit their text on Letters first.';
  const who = remaining === 1 ? 'the participant still to match' : `the ${remaining} participants still to match`;
  return canCompute
    ? `These pairs are kept in every later computation. Choose Compute matches to place ${who}.`
    : `These pairs are kept in every later computation. No mentor has a place left for ${who}: raise a mentor’s number of mentees on Applications, or import more mentor applications; Compute matches appears here as soon as there is room.`;
}

function confirmedSection(view, remaining, canCompute) {
  return h('div', { class: 'confirmed', id: 'confirmed-matches' },
    h('div', { class: 'stats' },
      stat(view.pairs.length, view.pairs.length === 1 ? 'confirmed match' : 'confirmed matches'),
      stat(remaining, remaining === 1 ? 'participant still to match' : 'participants still to match')),
    section('Confirmed matches',
      h('p', { class: 'muted', id: 'confirmed-remaining', text: remainingText(remaining, canCompute) }),
      h('div', { class: 'table-wrap' },
        h('table', { class: 'data', id: 'confirmed-table' },
          h('thead', {}, h('tr', {}, h('th', { text: 'Participant' }), h('th', { text: 'Mentor' }), h('th', { class: 'num', text: 'Score' }), h('th', { text: 'Why' }))),
          h('tbody', {}, view.pairs.map((pair) => h('tr', {},
            h('td', { text: pair.participant.name }),
            h('td', { text: pair.mentor.name }),
            h('td', { class: 'num', text: fmt(pair.score) }),
            h('td', {}, h('div', { class: 'chips' }, pair.chips.map((c) => h('span', { class: 'chip', text: c })))))))))));
}

function stat(value, label, tone = '') {
  return h('div', { class: `stat${tone ? ` ${tone}` : ''}` }, h('div', { class: 'stat-value', text: String(value) }), h('div', { class: 'stat-label', text: label }));
}

function rulesSection(program, rules, refresh) {
  const words = { lock: 'Locked', veto: 'Vetoed', override: 'Rule overridden' };
  return section('Committee decisions',
    h('ul', { class: 'plain-list rules-list' }, rules.map((r) => h('li', {},
      h('span', { class: `chip ${r.kind}`, text: words[r.kind] || r.kind }),
      h('span', { text: `${r.participant} with ${r.mentor}` }),
      r.reason ? h('span', { class: 'muted', text: `\u201c${r.reason}\u201d` }) : null,
      r.kind === 'override' ? null : button(r.kind === 'lock' ? 'Unlock' : 'Lift veto', async () => {
        try {
          const recomputed = await api.setPairRule(program.id, r.participant_id, r.mentor_id, r.kind === 'lock' ? 'unlock' : 'unveto', '');
          await refresh.afterRule(recomputed, r.kind === 'lock' ? 'Lock removed.' : 'Veto lifted.');
        } catch (error) {
          toast(String(error), 'error');
        }
      }, { kind: 'quiet' })))));
}

function versionsSection(program, versions, goalLabel) {
  const current = versions[0];
  const result = h('div', { class: 'version-diff', id: 'version-diff', 'aria-live': 'polite' });
  return section('Earlier computations',
    h('ul', { class: 'plain-list versions-list' }, versions.map((v) => h('li', {},
      h('span', { class: 'person-name', text: `#${v.id}` }),
      h('span', { text: formatDateTime(v.created_at) }),
      h('span', { class: 'muted', text: `${v.status} · ${goalLabel(v.goal).toLowerCase()} · ${plural(v.pairs, 'pair')} · total ${fmt(v.total_score)}${v.lowest === null ? '' : ` · lowest ${fmt(v.lowest)}`}` }),
      v.id === current.id ? null : button('Compare with newest', async () => {
        let comparison;
        try {
          comparison = await api.compareMatchVersions(program.id, v.id, current.id);
        } catch (error) {
          toast(String(error), 'error');
          return;
        }
        const changes = comparison.changes;
        result.replaceChildren(
          figuresTable([
            { label: `#${v.id}: ${goalLabel(comparison.before.goal)}`, quality: comparison.before },
            { label: `#${current.id}: ${goalLabel(comparison.after.goal)}`, quality: comparison.after },
          ], 'version-figures'),
          changes.length
            ? h('ul', { class: 'plain-list' }, changes.map((c) => h('li', {},
              h('span', { class: 'person-name', text: c.participant }),
              h('span', { text: `${c.before || 'no mentor'} \u2192 ${c.after || 'no mentor'}` }))))
            : h('p', { text: `#${v.id} and #${current.id} have the same pairs.` }));
      }, { kind: 'quiet' })))),
    result);
}

async function printWorksheet(program, view, goalLabel) {
  let alternatives = {};
  let q;
  try {
    [alternatives, q] = await Promise.all([api.matchWorksheet(program.id), api.matchQuality(program.id)]);
  } catch (error) {
    toast(String(error), 'error');
    return;
  }
  const sheet = h('div', { class: 'print-only worksheet', id: 'worksheet' },
    h('h1', { text: `${program.name}: proposed matches` }),
    h('p', { text: `Computed ${formatDateTime(view.created_at)} · goal: ${goalLabel(view.goal)} · ${plural(view.pairs.length, 'pair')} · total score ${fmt(view.total_score)} · ${view.unmatched.length} without a mentor` }),
    h('h2', { text: 'Quality' }),
    h('p', { text: `Lowest pair ${fmt(q.lowest)} · median ${fmt(q.median)} · highest ${fmt(q.highest)} of a possible ${fmt(q.most_points)} · ${plural(q.weak_pairs, 'weak pair')} (below ${fmt(q.weak_below)})${q.asked ? ` · ${q.got_requested} of ${q.asked} got the mentor they asked for` : ''} · ${plural(q.would_rather_swap.length, 'pair')} who would rather swap` }),
    h('table', { class: 'data' },
      h('thead', {}, h('tr', {}, ['Weakest pairs', 'Score', 'Why they are weak'].map((t) => h('th', { text: t })))),
      h('tbody', {}, q.weakest.map((w) => h('tr', {},
        h('td', { text: `${w.participant.name} with ${w.mentor.name}${w.locked ? ' (locked)' : ''}` }),
        h('td', { class: 'num', text: fmt(w.score) }),
        h('td', { text: w.reasons.join('; ') }))))),
    q.would_rather_swap.length ? h('h3', { text: 'Would rather be together' }) : null,
    q.would_rather_swap.length ? h('ul', {}, q.would_rather_swap.slice(0, SWAPS_SHOWN).map((s) => h('li', {
      text: `${s.participant.name} and ${s.mentor.name}: ${fmt(s.score)} together, ${fmt(s.participant_now)} now${s.mentor_now === null ? ' (the mentor has a free place)' : ` (the mentor's weakest pair: ${fmt(s.mentor_now)})`}`,
    }))) : null,
    h('h2', { text: 'Pairs' }),
    h('table', { class: 'data' },
      h('thead', {}, h('tr', {}, ['Participant', 'Mentor', 'Score', 'Why', 'Next best'].map((t) => h('th', { text: t })))),
      h('tbody', {}, view.pairs.map((pair) => h('tr', {},
        h('td', { text: pair.participant.name }),
        h('td', { text: pair.mentor.name + (pair.locked ? ' (locked)' : '') }),
        h('td', { class: 'num', text: fmt(pair.score) }),
        h('td', { text: Object.entries(pair.breakdown).filter(([, v]) => v > 0).map(([k, v]) => `${k.replace('_', ' ')} ${fmt(v)}`).join(', ') + (pair.chips.length ? ` \u2014 ${pair.chips.join('; ')}` : '') }),
        h('td', { text: (alternatives[pair.participant.id] || []).map((a) => `${a.mentor.name} ${fmt(a.score)} (${a.why_not})`).join('; ') }))))),
    view.unmatched.length ? h('h2', { text: 'Without a mentor' }) : null,
    view.unmatched.length ? h('ul', {}, view.unmatched.map((u) => h('li', { text: `${u.participant.name}: ${u.reason}` }))) : null);
  document.getElementById('worksheet')?.remove();
  document.body.append(sheet);
  // The sheet replaces the window only while printing.
  window.addEventListener('afterprint', () => sheet.remove(), { once: true });
  window.print();
}
