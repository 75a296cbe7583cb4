// The program report: totals, meetings per check-in period, goals by area
// and the pairs that ended early, as of any day; saved as PDF or CSV, printed.
import { api } from '../../api.js';
import { h, formatDate, plural } from '../../dom.js';
import { pageHeader, button } from '../../layout.js';
import { toast } from '../../toast.js';
import { dateInput, dateValue } from '../../datefield.js';
import { view, stat, termLine, backToPairs } from './shared.js';
import { periodChart, areaChart } from './charts.js';

/** The report as of `view.asOf`; a refused date falls back to today's report. */
async function loadReport(program) {
  try {
    return await api.trackingReport(program.id, view.asOf || null);
  } catch (error) {
    view.asOf = '';
    toast(String(error), 'error');
    return api.trackingReport(program.id, null);
  }
}

function reportHeader(program, report, go) {
  const asOf = dateInput({ id: 'report-as-of', 'aria-label': 'Report as of', value: view.asOf || report.as_of });
  asOf.addEventListener('change', async () => {
    try {
      view.asOf = await dateValue(asOf);
      go('report');
    } catch {
      // The reason stays at the field.
    }
  });
  const date = () => view.asOf || null;
  const save = (format) => async () => {
    try {
      const path = await api.saveReport(program.id, date(), format);
      if (path) toast(`Saved the report to ${path}.`);
    } catch (error) {
      toast(String(error), 'error');
    }
  };
  const print = async () => {
    try {
      await api.printReport(program.id, date());
      toast('The report opened in your PDF viewer; print it from there.');
    } catch (error) {
      toast(String(error), 'error');
    }
  };
  return pageHeader('Program report', {
    subtitle: termLine(report),
    primary: button('Save as PDF…', save('pdf'), { kind: 'primary', id: 'save-report-pdf' }),
    secondary: [
      h('label', { class: 'inline-field as-of' }, 'As of', asOf),
      button('Save as CSV…', save('csv'), { id: 'save-report-csv' }),
      button('Print…', print, { id: 'print-report' }),
    ],
  });
}

export async function renderReport(main, program, go) {
  const report = await loadReport(program);
  main.append(backToPairs(go));
  main.append(reportHeader(program, report, go));
  const t = report.totals;
  const s = report.summary;
  main.append(h('div', { class: 'stats', id: 'report-stats' },
    stat(t.pairs, 'pairs'),
    stat(t.meetings_logged, t.meetings_logged === 1 ? 'meeting logged' : 'meetings logged'),
    stat(t.meetings_reported, 'more reported in check-ins'),
    // One decimal where it says something; "1 across 56 pairs" where it would read 0.0.
    s.meetings_per_pair >= 0.1 || t.meetings === 0
      ? stat(s.meetings_per_pair.toFixed(1), 'meetings per pair')
      : stat(t.meetings, `${t.meetings === 1 ? 'meeting' : 'meetings'} across ${plural(t.pairs, 'pair')}`),
    stat(s.checkins_met_share === null ? '—' : `${Math.round(s.checkins_met_share * 100)} %`, `periods with a meeting (${s.checkins_met} of ${s.checkins_due})`),
    stat(`${t.goals_achieved} of ${t.goals_total}`, 'goals achieved'),
    stat(t.ended_early, 'ended early')));
  main.append(h('p', { class: 'muted', id: 'report-relationships', text: `Relationships: ${t.relationships_text}.` }));
  main.append(h('section', { class: 'match-section', id: 'report-satisfaction' },
    h('h2', { text: 'Satisfaction' }),
    h('p', { text: s.satisfaction_text })));
  main.append(h('section', { class: 'match-section', id: 'report-at-risk' },
    h('h2', { text: `At risk (${s.at_risk.length})` }),
    s.at_risk.length
      ? h('ul', { class: 'plain-list risk-list' }, s.at_risk.map((p) => h('li', {},
        h('strong', { text: `${p.participant} with ${p.mentor}` }),
        h('ul', { class: 'risk-reasons' }, p.reasons.map((r) => h('li', { text: r }))))))
      : h('p', { class: 'muted', text: 'No pair is at risk.' })));
  if (s.outcomes) {
    const o = s.outcomes;
    main.append(h('section', { class: 'match-section', id: 'report-outcomes' },
      h('h2', { text: 'Outcomes' }),
      // Relationships and satisfaction are said once, above.
      h('p', { text: `Evaluations from ${plural(o.responses.participant, 'participant')} and ${plural(o.responses.mentor, 'mentor')}.` }),
      o.goals_text ? h('p', { class: 'muted', text: o.goals_text }) : null));
  }
  main.append(h('section', { class: 'match-section' },
    h('h2', { text: 'Meetings per period' }),
    h('p', { class: 'muted', text: 'Dark bars: pairs that met in the period; light bars: pairs expected to meet in it so far.' }),
    periodChart(s.periods, t.pairs)));
  main.append(h('section', { class: 'match-section' },
    h('h2', { text: 'Goals by area' }),
    s.goals_by_area.length ? areaChart(s.goals_by_area) : h('p', { class: 'muted', text: 'No goals recorded yet.' })));
  if (s.ended_early.length) {
    main.append(h('section', { class: 'match-section' },
      h('h2', { text: `Ended early (${s.ended_early.length})` }),
      h('div', { class: 'table-wrap short' }, h('table', { class: 'data' },
        h('thead', {}, h('tr', {}, ['Participant', 'Mentor', 'Ended on', 'Why'].map((x) => h('th', {}, h('span', { class: 'th', text: x }))))),
        h('tbody', {}, s.ended_early.map((e) => h('tr', {},
          h('td', { text: e.participant }), h('td', { text: e.mentor }), h('td', { text: formatDate(e.ended_on) }), h('td', { text: e.reason }))))))));
  }
}
