// The UI: agencies upload an extract for a catalogue entry and read their batches (rejected rows
// download as CSV ready to fix); stewards work their queue (steward.js). Every request carries the
// chosen identity. The names of data (datasets, channels, statuses, error titles) come from the API
// (GET /api/labels), so the UI shows what the catalogue says; i18n.js holds only the page's own words.
import { STRINGS } from './i18n.js';
import { loadQueue, wireQueue } from './steward.js';
import { wireLineage } from './lineage.js';
import { loadDeliveries, wireDeliveries } from './deliveries.js';

let lang = localStorage.getItem('cdf.lang') || 'zh-CN';
const $ = (sel) => document.querySelector(sel);
const t = (key) => STRINGS[lang][key] ?? key;
const local = (x) => (lang === 'en' ? x.en : x.zh);
/** A code's name in a table of { zh, en }; the code itself when the table has none. */
const named = (table, code) => (table?.[code] ? local(table[code]) : code);
let agencyNames = {};
/** GET /api/labels: datasets, channels, batchStatuses, steps, withheld, stewardKinds, stewardReasons, errors. */
let labels = {};
const identityInput = $('#identity');
identityInput.value = localStorage.getItem('cdf.identity') || identityInput.value;

async function api(path, init = {}) {
  const headers = { 'x-cdf-identity': identityInput.value, 'accept-language': lang, ...(init.headers || {}) };
  const res = await fetch(path, { ...init, headers });
  const body = res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text();
  // An error answer names what to do next (the error table's next step): shown after the message.
  const next = body?.next ? ` · ${local(body.next)}` : '';
  if (!res.ok) throw new Error(typeof body === 'object' ? `[${body.code}] ${body.message}${next}` : body);
  return body;
}

function translate() {
  document.documentElement.lang = lang;
  document.title = t('title');
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  $('#lang').textContent = t('switch');
}

async function loadEntries() {
  const { catalog } = await api('/api/catalog');
  agencyNames = Object.fromEntries(catalog.agencies.map((a) => [a.code, a.name]));
  $('#entry').innerHTML = catalog.entries.map((e) =>
    `<option value="${e.agency}|${e.dataset}|${e.channel}">` +
    `${named(agencyNames, e.agency)} · ${named(labels.datasets, e.dataset)} · ${named(labels.channels, e.channel)}</option>`).join('');
}

const cell = (v, cls = '') => `<td class="${cls}">${v ?? ''}</td>`;

async function loadBatches() {
  const { batches } = await api('/api/batches');
  $('#batches tbody').innerHTML = batches.map((b) => `<tr>${cell(`<a href="#" data-report="${b.id}"><code>${b.id}</code></a>`)}` +
    `${cell(named(agencyNames, b.agency))}${cell(named(labels.datasets, b.dataset))}${cell(named(labels.channels, b.channel))}` +
    `${cell(named(labels.batchStatuses, b.status))}` +
    ['received', 'accepted', 'rejected', 'duplicates', 'conflicts', 'goldenCreated'].map((k) => cell(b.counts[k], 'num')).join('') +
    cell(b.counts.rejected ? `<a href="#" data-rejects="${b.id}">${t('rejects')}</a>` : '') + '</tr>').join('');
}

const escape = (v) => String(v ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** The lines skipped around the data and the normalisations the batch needed, as plain lists
 * built with textContent (the texts are the agency's own cells). */
function showLayout(r) {
  let box = $('#report-layout');
  if (!box) {
    box = document.createElement('div');
    box.id = 'report-layout';
    $('#report-sample').before(box);
  }
  box.replaceChildren();
  const en = lang === 'en';
  const list = (title, items) => {
    const h = document.createElement('h3');
    h.textContent = title;
    const ul = document.createElement('ul');
    for (const text of items) ul.append(Object.assign(document.createElement('li'), { textContent: text }));
    box.append(h, ul);
  };
  const where = (line) => (en ? `line ${line}` : `第 ${line} 行`);
  list(en ? `Lines skipped (header on line ${r.layout.headerLine})` : `跳过的行（表头在第 ${r.layout.headerLine} 行）`,
    r.layout.skipped.map((s) => `${where(s.line)} · ${local(s)}${s.text ? ` · ${s.text}` : ''}`));
  list(en ? 'Normalisations needed' : '需要的规范化', r.variation.rules.map((x) => (en
    ? `${x.en} (${x.rule}): ${x.cells} cells in ${x.rows} rows`
    : `${x.zh}（${x.rule}）：${x.cells} 个单元格，${x.rows} 行`)));
  list(en ? 'Rejected rows: row → line of the file' : '拒收行：行号 → 文件中的行', [...new Set(r.sample.map((x) => `${x.row} → ${where(x.line)}`))]);
}

async function showReport(id) {
  const r = await api(`/api/batches/${id}/report`);
  $('#report').hidden = false;
  $('#report-batch').textContent = id;
  $('#report-figures').textContent = STRINGS[lang].figures(r.figures);
  const link = r.batch.counts.link;
  $('#report-link').textContent = link ? STRINGS[lang].linkFigures(link, r.batch.counts.linkPending ?? 0) : '';
  // Each reason with what to do about it (the error table's next step, sent with the report).
  $('#report-reasons tbody').innerHTML = r.byReason.map((x) =>
    `<tr>${cell(escape(local(x)) + (x.next?.zh ? `<br><small>${escape(local(x.next))}</small>` : ''))}${cell(x.rows, 'num')}</tr>`).join('');
  $('#report-fields tbody').innerHTML = r.byField.map((x) => `<tr>${cell(escape(local(x)))}${cell(x.rows, 'num')}</tr>`).join('');
  $('#report-sample tbody').innerHTML = r.sample
    .map((x) => `<tr>${cell(x.row, 'num')}${cell(escape(lang === 'en' ? x.fieldEn : x.fieldZh))}${cell(escape(x.value))}${cell(escape(local(x)))}</tr>`)
    .join('');
  showLayout(r);
  $('#report').scrollIntoView();
}

async function downloadRejects(id) {
  const res = await fetch(`/api/batches/${id}/rejects?format=csv`, { headers: { 'x-cdf-identity': identityInput.value } });
  const url = URL.createObjectURL(await res.blob());
  Object.assign(document.createElement('a'), { href: url, download: `${id}-rejects.csv` }).click();
  URL.revokeObjectURL(url);
}

// A source is "agency|channel": shown by the agency's name and the channel's.
const sourceName = (src = '') => src.split('|').map((code, i) => named(i === 0 ? agencyNames : labels.channels, code)).join(' · ');
const queue = () => loadQueue({ api, t, escape, local, sourceName,
  canDecide: /^(steward|admin)\b/.test(identityInput.value.trim()) });

// Labels do not change while the page is open; loaded once (again after a failed load).
async function loadLabels() {
  if (!labels.datasets) labels = await api('/api/labels');
}

async function refresh() {
  try {
    await loadLabels();
    await loadEntries();
    await loadBatches();
    await queue();
    await loadDeliveries({ api, t, escape, named: (table, code) => named(labels[table], code) });
  } catch (e) {
    $('#upload-result').innerHTML = `<span class="error">${t('loadFailed')}: ${e.message}</span>`;
  }
}

$('#upload').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const [agency, dataset, channel] = $('#entry').value.split('|');
  const form = new FormData();
  form.append('file', $('#file').files[0]);
  const out = $('#upload-result');
  out.textContent = t('uploading');
  try {
    const r = await api(`/api/uploads?agency=${agency}&dataset=${dataset}&channel=${channel}&wait=true`, { method: 'POST', body: form });
    out.innerHTML = `<span class="ok">${r.duplicate ? t('duplicate') : t('uploaded')} <code>${r.batchId}</code> (${r.batch.status})</span>`;
    location.hash = `batch=${r.batchId}`;
  } catch (e) {
    out.innerHTML = `<span class="error">${e.message}</span>`;
  }
  await loadBatches();
});
$('#batches').addEventListener('click', (ev) => {
  const link = ev.target.closest('a');
  if (link?.dataset.rejects) { ev.preventDefault(); void downloadRejects(link.dataset.rejects); }
  if (link?.dataset.report) { ev.preventDefault(); location.hash = `batch=${link.dataset.report}`; }
});
$('#lang').addEventListener('click', () => {
  lang = lang === 'en' ? 'zh-CN' : 'en';
  localStorage.setItem('cdf.lang', lang);
  translate();
  void refresh();
});
identityInput.addEventListener('change', () => { localStorage.setItem('cdf.identity', identityInput.value); void refresh(); });
// A report has its own address (#batch=ID), so an agency can bookmark or share it.
async function showFromHash() {
  const id = /^#batch=(\w+)$/.exec(location.hash)?.[1];
  if (id) await showReport(id).catch((e) => { $('#upload-result').innerHTML = `<span class="error">${escape(e.message)}</span>`; });
}
window.addEventListener('hashchange', () => void showFromHash());
wireQueue({ api, t, reload: async () => { await queue(); await loadBatches(); } });
wireLineage({ api, t, escape });
wireDeliveries({ api, t, escape, named: (table, code) => named(labels[table], code) });
translate();
void refresh().then(showFromHash);
