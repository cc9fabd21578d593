// The steward queue: conflicts side by side (A = the value held, B = the incoming row's), uncertain
// links with their candidates, suspected duplicates with their score; each decided with one click,
// sent to the batch's workflow through the API. Shown to stewards, auditors (read only: no buttons) and admins.
const cell = (v, cls = '') => `<td class="${cls}">${v ?? ''}</td>`;

function sides(task, t, escape, sourceName) {
  const d = task.detail;
  if (d.held && d.incoming) {
    return (d.differs || []).filter((f) => f !== '$subject').map((f) =>
      `<div><code>${escape(f)}</code> A=<b>${escape(JSON.stringify(d.held.values?.[f] ?? null))}</b> <small>${escape(sourceName(d.held.source))}</small>
       · B=<b>${escape(JSON.stringify(d.incoming.values?.[f] ?? null))}</b> <small>${escape(sourceName(d.incoming.source))}</small></div>`).join('') +
      `<div><small>${t('suggested')}: ${d.suggested === 'take_held' ? 'A' : 'B'}</small></div>`;
  }
  if (d.candidates)
    return d.candidates
      .map((c) => `<div><code>${escape(c.uscc)}</code> ${escape(c.name)}${c.confidence !== undefined ? ` (${c.confidence})` : ''}</div>`)
      .join('');
  if (d.candidate) return `<div>${t('similarTo')} #${d.candidate.goldenId} <code>${escape(d.candidate.naturalKey)}</code> (${d.score})</div>`;
  return '';
}

function actions(task, t, escape) {
  const b = (decision, label) => `<button type="button" data-task="${task.id}" data-decision='${escape(JSON.stringify(decision))}'>${label}</button>`;
  if (task.kind === 'conflict')
    return b({ action: 'take_held' }, t('takeA')) + b({ action: 'take_incoming' }, t('takeB')) + b({ action: 'reject' }, t('rejectRow'));
  if (task.kind === 'suspected_duplicate') return b({ action: 'merge' }, t('merge')) + b({ action: 'keep_apart' }, t('keepApart'));
  return (
    (task.detail.candidates || []).map((c) => b({ action: 'link', uscc: c.uscc }, `${t('linkTo')} ${escape(c.uscc.slice(-6))}`)).join('') +
    b({ action: 'no_subject' }, t('noSubject'))
  );
}

export async function loadQueue({ api, t, escape, local, sourceName, canDecide }) {
  const section = document.querySelector('#steward');
  let tasks;
  try {
    ({ tasks } = await api('/api/steward/tasks'));
  } catch {
    section.hidden = true; // not a steward: nothing to show
    return;
  }
  section.hidden = false;
  const body = section.querySelector('tbody');
  body.innerHTML = tasks.length
    ? tasks
        .map(
          (task) =>
            `<tr>${cell(`#${task.id}`)}${cell(escape(local(task.kindName)))}${cell(`<code>${task.batchId}</code>:${task.rowNo}`)}` +
            `${cell(escape(task.subjectName))}${cell(escape(local(task.reasonName)))}${cell(sides(task, t, escape, sourceName))}` +
            `${cell(canDecide ? actions(task, t, escape) : '')}</tr>`,
        )
        .join('')
    : `<tr><td colspan="7">${t('queueEmpty')}</td></tr>`;
}

export function wireQueue({ api, t, reload }) {
  document.querySelector('#steward').addEventListener('click', async (ev) => {
    const button = ev.target.closest('button[data-task]');
    if (!button) return;
    const status = document.querySelector('#steward-result');
    try {
      const r = await api(`/api/steward/tasks/${button.dataset.task}/decision`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ decision: JSON.parse(button.dataset.decision) }),
      });
      status.innerHTML = `<span class="ok">${t('decided')} #${r.taskId}${r.version ? ` → v${r.version}` : ''}</span>`;
    } catch (e) {
      status.innerHTML = `<span class="error">${e.message}</span>`;
    }
    await reload();
  });
}
