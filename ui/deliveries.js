// Deliveries for operators and auditors: the newest first, what each subscriber received, what the
// catalogue's rules held back and why, and what is failing (a subscriber that is down: attempts and
// the last error). Hidden from those who may not read deliveries (agencies).
const cell = (v, cls = '') => `<td class="${cls}">${v ?? ''}</td>`;

function what(d, t, escape, named) {
  if (d.status === 'delivered')
    return `${d.records} ${t('recordsShort')} · ${d.tombstones} ${t('tombstones')}${d.withheld ? ` · ${d.withheld} ${t('heldBack')}` : ''}`;
  if (d.status === 'failing') return `<span class="error">${t('failing')} ×${d.attempts}: ${escape(d.lastError ?? '')}</span>`;
  return `${t('withheld')}: ${escape(named('withheld', d.status.replace('withheld:', '')))}`;
}

/** `named(table, code)`: a label from GET /api/labels (here the reasons a delivery is withheld). */
export async function loadDeliveries({ api, t, escape, named }) {
  const section = document.querySelector('#deliveries');
  const status = document.querySelector('#deliveries-status').value;
  let rows;
  try {
    rows = await api(`/api/deliveries?limit=50${status ? `&status=${status}` : ''}`);
  } catch {
    section.hidden = true;
    return;
  }
  section.hidden = false;
  section.querySelector('tbody').innerHTML = rows.length
    ? rows.map((d) => `<tr class="${d.status === 'failing' ? 'failing' : ''}">${cell(escape(d.subscription))}${cell(`<code>${escape(d.key)}</code>`)}` +
      `${cell(what(d, t, escape, named))}${cell(escape(new Date(d.createdAt).toLocaleString()))}</tr>`).join('')
    : `<tr><td colspan="4">${t('noDeliveries')}</td></tr>`;
}

export function wireDeliveries(ctx) {
  document.querySelector('#deliveries-status').addEventListener('change', () => { void loadDeliveries(ctx); });
}
