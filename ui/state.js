// The window's shared state: the open file, its programs, the current program
// and place. Screens read it and call refresh() after changing data.

export const state = {
  info: null,
  programs: [],
  showArchived: false,
  currentProgramId: null,
  place: 'programs',
  /** Files dropped or chosen for import, waiting for their preview: [{id, name}]. */
  importQueue: [],
  /** A participant whose pair ended, to choose a new mentor for when Matching opens: {programId, participant: {id, name}}. */
  rematch: null,
  /** Participants whose mentor changed when a lock or veto computed the proposal again: {programId, ids}. */
  movedPairs: null,
  /** The goal chosen for the next computation, per program id: a key from the overview's goals. */
  matchGoal: {},
  /** Both goals computed side by side (not saved): {programId, comparison}. */
  goalComparison: null,
};

const listeners = new Set();

export function subscribe(fn) {
  listeners.add(fn);
}

export function notify() {
  for (const fn of listeners) fn();
}

function storageKey() {
  return `matchbook.currentProgram:${state.info ? state.info.path : ''}`;
}

export function currentProgram() {
  return state.programs.find((p) => p.id === state.currentProgramId) || null;
}

export function setCurrentProgram(id) {
  state.currentProgramId = id;
  try {
    localStorage.setItem(storageKey(), String(id));
  } catch (_) {
    // Remembering the choice is a convenience only.
  }
}

/** Picks the remembered program if it still exists, else the first active one. */
export function restoreCurrentProgram() {
  let remembered = null;
  try {
    remembered = Number(localStorage.getItem(storageKey()));
  } catch (_) {
    remembered = null;
  }
  const active = state.programs.filter((p) => !p.archived);
  const found = state.programs.find((p) => p.id === remembered);
  state.currentProgramId = found ? found.id : (active[0] || state.programs[0] || { id: null }).id;
}
