// Lineage for auditors: a golden record (and a field) traced back to its versions, the cells as
// received, the clean rules that changed them, the link and the steward decisions.
import { fill, h, message, td } from './dom.js';

const json = (v) => JSON.stringify(v ?? null);

export function wireLineage({ api, t }) {
  document.querySelector('#lineage-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const id = document.querySelector('#lineage-id').value.trim();
    const field = document.querySelector('#lineage-field').value.trim();
    // datetime-local is the browser's local time: sent as an instant, so the server reads it right.
    const asOfInput = document.querySelector('#lineage-as-of').value;
    const asOf = asOfInput ? new Date(asOfInput).toISOString() : '';
    const out = document.querySelector('#lineage-result');
    try {
      const query = new URLSearchParams({ ...(field ? { field } : {}), ...(asOf ? { asOf } : {}) }).toString();
      const l = await api(`/api/lineage/records/${encodeURIComponent(id)}${query ? `?${query}` : ''}`);
      const val = (v) => (field ? h('b', {}, json(v)) : '');
      const source = (batchId, rowNo) => [h('code', {}, batchId), `:${rowNo}`];
      // Where a version's value did not come from the row it stands on: a copy's value kept, or one a steward entered.
      const from = (fs) => (!fs ? '' : fs.task ? t('enteredBy')(fs.task) : fs.batchId ? source(fs.batchId, fs.rowNo) : t('enteredBy')('?'));
      const head = (...keys) => h('thead', {}, h('tr', {}, keys.filter(Boolean).map((k) => h('th', {}, k))));
      fill(out,
        h('p', {}, `${t('record')} #${l.record.id} · ${l.record.naturalKey} · v${l.record.version} · ${l.record.status} `,
          val(l.record.value), l.asOf ? ` · ${t('asOfNote')(l.asOf)}` : ''),
        h('table', {},
          head(t('version'), t('source'), t('value'), field && t('valueFrom'), t('validFrom')),
          h('tbody', {}, l.versions.map((v) => h('tr', {},
            td(`v${v.version}`), td(source(v.batchId, v.rowNo)), td(val(v.value)), field ? td(from(v.fieldSource)) : null, td(v.validFrom))))),
        h('table', {},
          head(t('source'), t('role'), `${t('agency')} · ${t('channel')}`, t('received'), t('rules'), t('linkMethod')),
          h('tbody', {}, l.sources.map((s) => h('tr', {},
            td([source(s.batchId, s.rowNo), h('br'), h('small', {}, `${s.fileName} · sha256 ${s.fileSha256.slice(0, 12)}…`)]),
            td(s.role),
            td(`${s.agency} · ${s.channel}`),
            td(field ? [`${json(s.received)} → `, val(s.value)] : ''),
            td(s.cleanChanges.map((c) => h('div', {}, h('code', {}, `${c.ruleId}@${c.ruleVersion}`), ` ${json(c.before)} → ${json(c.after)}`))),
            td(`${s.link.method ?? '-'} ${s.link.confidence ?? ''}`))))),
        l.decisions.length
          ? h('ul', {}, l.decisions.map((d) => h('li', {},
            `#${d.id} ${d.kind} · ${d.status} · ${d.decidedBy ?? ''} · ${json(d.decision?.decision)}${d.note ? ` · ${d.note}` : ''}`)))
          : null);
    } catch (e) {
      message(out, 'error', e.message);
    }
  });
}
