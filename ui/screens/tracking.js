// Tracking: the 18 months after matching. Routes between the dashboard (who
// is on track, who has gone quiet), each pair's page and the program report;
// those live in ./tracking/.
import { pageHeader, emptyState, button } from '../layout.js';
import { currentProgram } from '../state.js';
import { view } from './tracking/shared.js';
import { renderDashboard } from './tracking/dashboard.js';
import { renderPair } from './tracking/pair.js';
import { renderReport } from './tracking/report.js';
import { renderOutcomes } from './tracking/outcomes.js';

/** The next time Tracking opens, it opens on `page` (e.g. the outcomes after an evaluation import). */
export function openTrackingPage(page) {
  pendingPage = page;
}
let pendingPage = null;

/** Back to the dashboard (the sidebar's Tracking always opens it); `forget` also drops the filters (another file was opened). */
export function resetTracking(forget = false) {
  view.page = 'dashboard';
  view.matchId = null;
  if (forget) Object.assign(view, { program: null, filter: 'all', search: '', asOf: '' });
}

export async function renderTracking(main, app) {
  const program = currentProgram();
  if (!program) {
    main.append(pageHeader('Tracking'));
    main.append(emptyState({
      title: 'No program yet',
      text: 'Tracking follows each confirmed pair for the whole relationship. Create a program or add the sample program first.',
      actions: [button('Go to Programs', () => app.go('programs'), { kind: 'primary' })],
    }));
    return;
  }
  if (view.program !== program.id) {
    Object.assign(view, { program: program.id, page: 'dashboard', matchId: null });
  }
  if (pendingPage) {
    view.page = pendingPage;
    pendingPage = null;
  }
  const go = (page, matchId = null) => {
    view.page = page;
    view.matchId = matchId;
    app.render();
  };
  if (view.page === 'pair' && view.matchId) {
    await renderPair(main, app, program, go);
  } else if (view.page === 'report') {
    await renderReport(main, program, go);
  } else if (view.page === 'outcomes') {
    await renderOutcomes(main, program, go);
  } else {
    await renderDashboard(main, app, program, go);
  }
}
