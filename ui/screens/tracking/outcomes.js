// The program outcomes report: what the end-of-program evaluations say
// (responses, satisfaction, Net Promoter Score, the statements with the
// promised benefits first, goals reached, comments) beside what Matchbook
// recorded. Saved as PDF or CSV for the association.
import { api } from '../../api.js';
import { h, plural } from '../../dom.js';
import { pageHeader, button } from '../../layout.js';
import { toast } from '../../toast.js';
import { stat, backToPairs } from './shared.js';
import { emailButton } from './dashboard.js';

const percent = (share) => (share === null || share === undefined ? '—' : `${Math.round(share * 100)} %`);

export async function renderOutcomes(main, program, go) {
  const o = await api.outcomesReport(program.id);
  const save = (format) => async () => {
    try {
      const path = await api.saveOutcomes(program.id, format);
      if (path) toast(`Saved the outcomes report to ${path}.`);
    } catch (error) {
      toast(String(error), 'error');
    }
  };
  main.append(backToPairs(go));
  const answered = o.responses.participant + o.responses.mentor;
  // Closing emails go to those who have not sent their evaluation, unless asked.
  const everyone = h('input', { type: 'checkbox', id: 'closing-include-answered' });
  const alsoAnswered = answered ? h('label', { class: 'check-field' }, everyone, 'Also send to those who answered') : null;
  main.append(pageHeader('Program outcomes', {
    subtitle: `${o.program} · from ${plural(answered, 'evaluation')} and the records kept in Matchbook`,
    primary: button('Save as PDF…', save('pdf'), { kind: 'primary', id: 'save-outcomes-pdf' }),
    secondary: [
      alsoAnswered,
      emailButton(program, 'closing', answered ? 'Write closing emails to those who have not answered…' : 'Write closing emails…', 'email-closing', () => everyone.checked),
      button('Save as CSV…', save('csv'), { id: 'save-outcomes-csv' }),
    ],
  }));
  if (!answered) {
    main.append(h('section', { class: 'notice', id: 'outcomes-empty' },
      h('p', { text: 'No evaluations yet. At the end of the term, send your evaluation form, then drop its responses spreadsheet on this window and choose \u201cEvaluation responses\u201d. The figures below fill in from it.' })));
  }
  const nps = o.nps === null ? '—' : `${o.nps > 0 ? '+' : ''}${Math.round(o.nps)}`;
  main.append(h('div', { class: 'stats', id: 'outcomes-stats' },
    stat(`${o.responses.participant} / ${o.invited.participant}`, `participants answered (${percent(o.response_rate.participant)})`),
    stat(`${o.responses.mentor} / ${o.invited.mentor}`, `mentors answered (${percent(o.response_rate.mentor)})`),
    stat(o.satisfaction_mean === null ? '—' : o.satisfaction_mean.toFixed(1), 'mean satisfaction (of 5), mentors and participants'),
    stat(nps, `Net Promoter Score, mentors and participants (${plural(o.promoters, 'promoter')}, ${plural(o.passives, 'passive')}, ${plural(o.detractors, 'detractor')})`, { id: 'stat-nps' })));
  main.append(h('p', { class: 'outcomes-relationships', id: 'outcomes-relationships', text: `Relationships: ${o.relationships_text}.` }));

  const rows = o.statements.map((s) => {
    const fill = h('span', { class: 'progress-fill' });
    fill.style.width = `${Math.round(s.agree_share * 100)}%`;
    return h('tr', { class: s.promised ? 'promised' : null },
      h('td', { text: s.text }),
      h('td', {}, h('span', { class: 'share' }, h('span', { class: 'progress', role: 'img', 'aria-label': `${percent(s.agree_share)} agree` }, fill), h('span', { class: 'num', text: percent(s.agree_share) }))),
      h('td', { class: 'num', text: String(s.responses) }),
      h('td', { class: 'num', text: s.baseline_share === null ? '—' : `${percent(s.baseline_share)} (${s.baseline_responses})` }));
  });
  main.append(h('section', { class: 'match-section' },
    h('h2', { text: 'What the pairs say' }),
    h('p', { class: 'muted', text: 'The share who agree or strongly agree with each statement. The benefits the program promises come first; \u201cAt application\u201d is the same statement on the participants\u2019 application, when it was asked.' }),
    o.statements.length
      ? h('div', { class: 'table-wrap' }, h('table', { class: 'data', id: 'statements-table' },
        h('thead', {}, h('tr', {}, ['Statement', 'Agree', 'Answers', 'At application'].map((x) => h('th', {}, h('span', { class: 'th', text: x }))))),
        h('tbody', {}, rows)))
      : h('p', { class: 'muted', text: 'No agreement statements in the evaluations yet.' })));
  main.append(h('section', { class: 'match-section', id: 'outcomes-goals' },
    h('h2', { text: 'Goals' }),
    // One sentence says both: what was recorded, and what the evaluations report.
    h('p', { id: 'outcomes-goals-text', text: o.goals_text || 'No goals recorded in Matchbook, and no evaluation reports any yet.' })));
  if (o.ended_early_pairs.length) {
    main.append(h('section', { class: 'match-section' },
      h('h2', { text: `Ended early (${o.ended_early_pairs.length})` }),
      h('ul', { class: 'plain-list' }, o.ended_early_pairs.map((e) => h('li', {},
        h('span', { class: 'person-name', text: `${e.participant} & ${e.mentor}` }), h('span', { class: 'muted', text: e.reason }))))));
  }
  if (o.comments.length) {
    main.append(h('section', { class: 'match-section', id: 'outcomes-comments' },
      h('h2', { text: `Comments (${o.comments.length})` }),
      h('ul', { class: 'plain-list comments' }, o.comments.map((c) => h('li', {},
        h('blockquote', { text: c.text }), h('span', { class: 'muted small', text: `\u2014 a ${c.role}` }))))));
  }
}
