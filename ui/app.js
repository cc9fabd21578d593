// A first, small UI: agencies upload an extract for a catalogue entry and read their batches;
// rejected rows download as CSV ready to fix. Every request carries the chosen identity.
import { CHANNELS, DATASETS, STATUSES, STRINGS } from './i18n.js';

let lang = localStorage.getItem('cdf.lang') || 'zh-CN';
const $ = (sel) => document.querySelector(sel);
const t = (key) => STRINGS[lang][key] ?? key;
const named = (table, code) => table[code]?.[lang] ?? code;
let agencyNames = {};
const identityInput = $('#identity');
identityInput.value = localStorage.getItem('cdf.identity') || identityInput.value;

async function api(path, init = {}) {
  const headers = { 'x-cdf-identity': identityInput.value, 'accept-language': lang, ...(init.headers || {}) };
  const res = await fetch(path, { ...init, headers });
  const body = res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text();
  if (!res.ok) throw new Error(typeof body === 'object' ? `[${body.code}] ${body.message}` : body);
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
  agencyNames = Object.fromEntries(catalog.agencies.map((a) => [a.code, { 'zh-CN': a.name.zh, en: a.name.en }]));
  $('#entry').innerHTML = catalog.entries.map((e) =>
    `<option value="${e.agency}|${e.dataset}|${e.channel}">${named(agencyNames, e.agency)} · ${named(DATASETS, e.dataset)} · ${named(CHANNELS, e.channel)}</option>`).join('');
}

const cell = (v, cls = '') => `<td class="${cls}">${v ?? ''}</td>`;

async function loadBatches() {
  const { batches } = await api('/api/batches');
  $('#batches tbody').innerHTML = batches.map((b) => `<tr>${cell(`<code>${b.id}</code>`)}${cell(named(agencyNames, b.agency))}${cell(named(DATASETS, b.dataset))}${cell(named(CHANNELS, b.channel))}${cell(named(STATUSES, b.status))}` +
    ['received', 'accepted', 'rejected', 'duplicates', 'conflicts', 'goldenCreated'].map((k) => cell(b.counts[k], 'num')).join('') +
    cell(b.counts.rejected ? `<a href="#" data-rejects="${b.id}">${t('rejects')}</a>` : '') + '</tr>').join('');
}

async function downloadRejects(id) {
  const res = await fetch(`/api/batches/${id}/rejects?format=csv`, { headers: { 'x-cdf-identity': identityInput.value } });
  const url = URL.createObjectURL(await res.blob());
  Object.assign(document.createElement('a'), { href: url, download: `${id}-rejects.csv` }).click();
  URL.revokeObjectURL(url);
}

async function refresh() {
  try {
    await loadEntries();
    await loadBatches();
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
  } catch (e) {
    out.innerHTML = `<span class="error">${e.message}</span>`;
  }
  await loadBatches();
});
$('#batches').addEventListener('click', (ev) => {
  const id = ev.target.dataset?.rejects;
  if (id) { ev.preventDefault(); void downloadRejects(id); }
});
$('#lang').addEventListener('click', () => {
  lang = lang === 'en' ? 'zh-CN' : 'en';
  localStorage.setItem('cdf.lang', lang);
  translate();
  void refresh();
});
identityInput.addEventListener('change', () => { localStorage.setItem('cdf.identity', identityInput.value); void refresh(); });
translate();
void refresh();
