// Lineage for auditors: a golden record (and a field) traced back to its versions, the cells as
// received, the clean rules that changed them, the link and the steward decisions.
const cell = (v, cls = '') => `<td class="${cls}">${v ?? ''}</td>`;

export function wireLineage({ api, t, escape }) {
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
      const val = (v) => (field ? `<b>${escape(JSON.stringify(v ?? null))}</b>` : '');
      // Where a version's value did not come from the row it stands on: a copy's value kept, or one a steward entered.
      const from = (fs) => (!fs ? '' : fs.task ? t('enteredBy')(fs.task) : fs.batchId ? `<code>${escape(fs.batchId)}</code>:${fs.rowNo}` : t('enteredBy')('?'));
      out.innerHTML = `<p>${t('record')} #${l.record.id} · ${escape(l.record.naturalKey)} · v${l.record.version} · ${escape(l.record.status)} ` +
        `${val(l.record.value)}${l.asOf ? ` · ${escape(t('asOfNote')(l.asOf))}` : ''}</p>` +
        `<table><thead><tr><th>${t('version')}</th><th>${t('source')}</th><th>${t('value')}</th>` +
        `${field ? `<th>${t('valueFrom')}</th>` : ''}<th>${t('validFrom')}</th></tr></thead><tbody>` +
        l.versions.map((v) => `<tr>${cell(`v${v.version}`)}${cell(`<code>${v.batchId}</code>:${v.rowNo}`)}${cell(val(v.value))}` +
          `${field ? cell(from(v.fieldSource)) : ''}${cell(escape(v.validFrom))}</tr>`).join('') + '</tbody></table>' +
        `<table><thead><tr><th>${t('source')}</th><th>${t('role')}</th><th>${t('agency')} · ${t('channel')}</th>` +
        `<th>${t('received')}</th><th>${t('rules')}</th><th>${t('linkMethod')}</th></tr></thead><tbody>` +
        l.sources.map((s) => `<tr>${cell(`<code>${s.batchId}</code>:${s.rowNo}<br>` +
          `<small>${escape(s.fileName)} · sha256 ${s.fileSha256.slice(0, 12)}…</small>`)}` +
          `${cell(escape(s.role))}` +
          `${cell(`${escape(s.agency)} · ${escape(s.channel)}`)}${cell(field ? `${escape(JSON.stringify(s.received ?? null))} → ${val(s.value)}` : '')}` +
          `${cell(s.cleanChanges.map((c) => `<div><code>${escape(c.ruleId)}@${c.ruleVersion}</code> ` +
            `${escape(JSON.stringify(c.before))} → ${escape(JSON.stringify(c.after))}</div>`).join(''))}` +
          `${cell(`${escape(s.link.method ?? '-')} ${s.link.confidence ?? ''}`)}</tr>`).join('') + '</tbody></table>' +
        (l.decisions.length
          ? `<ul>${l.decisions.map((d) => `<li>#${d.id} ${escape(d.kind)} · ${escape(d.status)} · ${escape(d.decidedBy ?? '')} · ` +
            `${escape(JSON.stringify(d.decision?.decision ?? null))}${d.note ? ` · ${escape(d.note)}` : ''}</li>`).join('')}</ul>`
          : '');
    } catch (e) {
      out.innerHTML = `<span class="error">${escape(e.message)}</span>`;
    }
  });
}
