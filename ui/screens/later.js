// Tracking: what the place is for and what it needs
// first, until the feature lands in this version of Matchbook.
import { pageHeader, emptyState, button, programStatus } from '../layout.js';
import { currentProgram } from '../state.js';

const PLACES = {
  tracking: {
    title: 'Tracking',
    purpose: 'Tracking follows each pair for the whole relationship: goals and progress, meetings logged, and which quarterly check-ins are due or overdue.',
  },
};

export function renderLater(main, app, place) {
  const info = PLACES[place];
  const program = currentProgram();
  main.append(pageHeader(info.title, { subtitle: program ? `${program.name} · ${programStatus(program)}` : null }));
  const hasPeople = program && program.mentors + program.participants > 0;
  main.append(emptyState({
    title: 'Nothing here yet',
    text: [
      info.purpose,
      hasPeople
        ? `This version of Matchbook does not include ${info.title} yet; the applications are ready for it.`
        : 'It starts from the applications of a program, so there is nothing to show yet. Add the sample program on the Programs page to look around.',
    ],
    actions: [button(hasPeople ? 'See the applications' : 'Go to Programs', () => app.go(hasPeople ? 'applications' : 'programs'))],
  }));
}
