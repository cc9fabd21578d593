// The steward queue: conflicts side by side (A = the value held, B = the incoming row's), uncertain
// links with their candidates, suspected duplicates with their score; each decided with one click,
// sent to the batch's workflow through the API. Shown to stewards, auditors (read only: no buttons) and admins.
import { fill, h, message, td } from './dom.js';

const json = (v) => JSON.stringify(v ?? null);

function sides(task, t, sourceName) {
  const d = task.detail;
  if (d.held && d.incoming) {
    return [
      (d.differs || []).filter((f) => f !== '$subject').map((f) => h('div', {},
        h('code', {}, f), ' A=', h('b', {}, json(d.held.values?.[f])), ' ', h('small', {}, sourceName(d.held.source)),
        ' · B=', h('b', {}, json(d.incoming.values?.[f])), ' ', h('small', {}, sourceName(d.incoming.source)))),
      h('div', {}, h('small', {}, `${t('suggested')}: ${d.suggested === 'take_held' ? 'A' : 'B'}`)),
    ];
  }
  if (d.candidates) {
    return d.candidates.map((c) => h('div', {}, h('code', {}, c.uscc), ` ${c.name}${c.confidence !== undefined ? ` (${c.confidence})` : ''}`));
  }
  if (d.candidate) return h('div', {}, `${t('similarTo')} #${d.candidate.goldenId} `, h('code', {}, d.candidate.naturalKey), ` (${d.score})`);
  return '';
}

function actions(task, t) {
  const b = (decision, label) => h('button', { type: 'button', dataset: { task: String(task.id), decision: JSON.stringify(decision) } }, label);
  if (task.kind === 'conflict') return [b({ action: 'take_held' }, t('takeA')), b({ action: 'take_incoming' }, t('takeB')), b({ action: 'reject' }, t('rejectRow'))];
  if (task.kind === 'suspected_duplicate') return [b({ action: 'merge' }, t('merge')), b({ action: 'keep_apart' }, t('keepApart'))];
  return [
    (task.detail.candidates || []).map((c) => b({ action: 'link', uscc: c.uscc }, `${t('linkTo')} ${c.uscc.slice(-6)}`)),
    b({ action: 'no_subject' }, t('noSubject')),
  ];
}

export async function loadQueue({ api, t, local, sourceName, canDecide }) {
  const section = document.querySelector('#steward');
  let tasks;
  try {
    ({ tasks } = await api('/api/steward/tasks'));
  } catch {
    section.hidden = true; // not a steward: nothing to show
    return;
  }
  section.hidden = false;
  fill(section.querySelector('tbody'), tasks.length
    ? tasks.map((task) => h('tr', {},
      td(`#${task.id}`), td(local(task.kindName)), td([h('code', {}, task.batchId), `:${task.rowNo}`]),
      td(task.subjectName), td(local(task.reasonName)), td(sides(task, t, sourceName)), td(canDecide ? actions(task, t) : '')))
    : h('tr', {}, h('td', { colSpan: 7 }, t('queueEmpty'))));
}

export function wireQueue({ api, t, reload }) {
  document.querySelector('#steward').addEventListener('click', async (ev) => {
    const button = ev.target.closest('button[data-task]');
    if (!button) return;
    const status = document.querySelector('#steward-result');
    try {
      const r = await api(`/api/steward/tasks/${encodeURIComponent(button.dataset.task)}/decision`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ decision: JSON.parse(button.dataset.decision) }),
      });
      message(status, 'ok', `${t('decided')} #${r.taskId}${r.version ? ` → v${r.version}` : ''}`);
    } catch (e) {
      message(status, 'error', e.message);
    }
    await reload();
  });
}
