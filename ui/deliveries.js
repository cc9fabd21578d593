// Deliveries for operators and auditors: the newest first, what each subscriber received, what the
// catalogue's rules held back and why, and what is failing (a subscriber that is down: attempts and
// the last error). Hidden from those who may not read deliveries (agencies).
import { fill, h, td } from './dom.js';

function what(d, t, named) {
  if (d.status === 'delivered')
    return `${d.records} ${t('recordsShort')} · ${d.tombstones} ${t('tombstones')}${d.withheld ? ` · ${d.withheld} ${t('heldBack')}` : ''}`;
  if (d.status === 'failing') return h('span', { class: 'error' }, `${t('failing')} ×${d.attempts}: ${d.lastError ?? ''}`);
  return `${t('withheld')}: ${named('withheld', d.status.replace('withheld:', ''))}`;
}

/** `named(table, code)`: a label from GET /api/labels (here the reasons a delivery is withheld). */
export async function loadDeliveries({ api, t, named }) {
  const section = document.querySelector('#deliveries');
  const status = document.querySelector('#deliveries-status').value;
  let rows;
  try {
    rows = await api(`/api/deliveries?limit=50${status ? `&status=${encodeURIComponent(status)}` : ''}`);
  } catch {
    section.hidden = true;
    return;
  }
  section.hidden = false;
  fill(section.querySelector('tbody'), rows.length
    ? rows.map((d) => h('tr', { class: d.status === 'failing' ? 'failing' : '' },
      td(d.subscription), td(h('code', {}, d.key)), td(what(d, t, named)), td(new Date(d.createdAt).toLocaleString())))
    : h('tr', {}, h('td', { colSpan: 4 }, t('noDeliveries'))));
}

export function wireDeliveries(ctx) {
  document.querySelector('#deliveries-status').addEventListener('change', () => { void loadDeliveries(ctx); });
}
