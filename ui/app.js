// The UI: agencies upload an extract for a catalogue entry and read their batches (rejected rows
// download as CSV ready to fix); stewards work their queue (steward.js). Until the user signs in
// (POST /api/auth/signin: an HttpOnly session cookie, and a CSRF token every change must echo in
// X-CSRF-Token) the page shows only the sign-in form. The names of data (datasets, channels,
// statuses, error titles) come from the API (GET /api/labels), so the UI shows what the catalogue
// says; i18n.js holds only the page's own words. Everything is built with DOM nodes (dom.js).
import { STRINGS } from './i18n.js';
import { fill, h, message, td } from './dom.js';
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
/** The signed-in user: { user, role, agency?, region?, csrfToken }; null until signed in. */
let session = null;

class ApiError extends Error {
  constructor(status, text) {
    super(text);
    this.status = status;
  }
}

async function api(path, init = {}) {
  const method = (init.method ?? 'GET').toUpperCase();
  const headers = { 'accept-language': lang, ...(init.headers || {}) };
  // The session cookie goes by itself; a change must also carry the session's CSRF token.
  if (method !== 'GET' && session?.csrfToken) headers['x-csrf-token'] = session.csrfToken;
  const res = await fetch(path, { ...init, method, headers, credentials: 'same-origin' });
  const body = res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    // An error answer names what to do next (the error table's next step): shown after the message.
    const next = body?.next ? ` · ${local(body.next)}` : '';
    const text = typeof body === 'object' ? `[${body.code}] ${lang === 'en' ? (body.messageEn ?? body.message) : body.message}${next}` : body;
    if (res.status === 401 && session && !path.startsWith('/api/auth/')) signedOut();
    throw new ApiError(res.status, text);
  }
  return body;
}

function translate() {
  document.documentElement.lang = lang;
  document.title = t('title');
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
  $('#lang').textContent = t('switch');
  showWho();
}

/** Who is signed in, in the header; the sign-out button beside it. */
function showWho() {
  $('#who').hidden = !session;
  $('#signout').hidden = !session;
  if (!session) return fill($('#who'));
  const scope = session.agency ? ` · ${named(agencyNames, session.agency)}` : session.region ? ` · ${session.region}` : '';
  fill($('#who'), `${session.user} (${t(`role_${session.role}`)}${scope})`);
}

/** The page for a session: the panels, or only the sign-in form. */
function showSession() {
  $('#signin-section').hidden = Boolean(session);
  $('#app').hidden = !session;
  showWho();
}

function signedOut() {
  session = null;
  labels = {};
  agencyNames = {};
  showSession();
  fill($('#signin-result'), h('span', { class: 'error' }, t('signedOutNote')));
}

async function loadEntries() {
  const { catalog } = await api('/api/catalog');
  agencyNames = Object.fromEntries(catalog.agencies.map((a) => [a.code, a.name]));
  fill($('#entry'), catalog.entries.map((e) => h('option', { value: `${e.agency}|${e.dataset}|${e.channel}` },
    `${named(agencyNames, e.agency)} · ${named(labels.datasets, e.dataset)} · ${named(labels.channels, e.channel)}`)));
  showWho();
}

async function loadBatches() {
  const { batches } = await api('/api/batches');
  fill($('#batches tbody'), batches.map((b) => h('tr', {},
    td(h('a', { href: '#', dataset: { report: b.id } }, h('code', {}, b.id))),
    td(named(agencyNames, b.agency)), td(named(labels.datasets, b.dataset)), td(named(labels.channels, b.channel)),
    td(named(labels.batchStatuses, b.status)),
    ['received', 'accepted', 'rejected', 'duplicates', 'conflicts', 'goldenCreated'].map((k) => td(b.counts[k], 'num')),
    td(b.counts.rejected ? h('a', { href: '#', dataset: { rejects: b.id } }, t('rejects')) : ''))));
}

/** The lines skipped around the data and the normalisations the batch needed, as plain lists
 * (the texts are the agency's own cells). */
function showLayout(r) {
  let box = $('#report-layout');
  if (!box) {
    box = h('div', { id: 'report-layout' });
    $('#report-sample').before(box);
  }
  box.replaceChildren();
  const en = lang === 'en';
  const list = (title, items) => box.append(h('h3', {}, title), h('ul', {}, items.map((text) => h('li', {}, text))));
  const where = (line) => (en ? `line ${line}` : `第 ${line} 行`);
  list(en ? `Lines skipped (header on line ${r.layout.headerLine})` : `跳过的行（表头在第 ${r.layout.headerLine} 行）`,
    r.layout.skipped.map((s) => `${where(s.line)} · ${local(s)}${s.text ? ` · ${s.text}` : ''}`));
  list(en ? 'Normalisations needed' : '需要的规范化', r.variation.rules.map((x) => (en
    ? `${x.en} (${x.rule}): ${x.cells} cells in ${x.rows} rows`
    : `${x.zh}（${x.rule}）：${x.cells} 个单元格，${x.rows} 行`)));
  list(en ? 'Rejected rows: row → line of the file' : '拒收行：行号 → 文件中的行', [...new Set(r.sample.map((x) => `${x.row} → ${where(x.line)}`))]);
}

async function showReport(id) {
  const r = await api(`/api/batches/${encodeURIComponent(id)}/report`);
  $('#report').hidden = false;
  $('#report-batch').textContent = id;
  $('#report-figures').textContent = STRINGS[lang].figures(r.figures);
  const link = r.batch.counts.link;
  $('#report-link').textContent = link ? STRINGS[lang].linkFigures(link, r.batch.counts.linkPending ?? 0) : '';
  // Each reason with what to do about it (the error table's next step, sent with the report).
  fill($('#report-reasons tbody'), r.byReason.map((x) => h('tr', {},
    td([local(x), x.next?.zh ? [h('br'), h('small', {}, local(x.next))] : null]), td(x.rows, 'num'))));
  fill($('#report-fields tbody'), r.byField.map((x) => h('tr', {}, td(local(x)), td(x.rows, 'num'))));
  fill($('#report-sample tbody'), r.sample.map((x) => h('tr', {},
    td(x.row, 'num'), td(lang === 'en' ? x.fieldEn : x.fieldZh), td(x.value), td(local(x)))));
  showLayout(r);
  $('#report').scrollIntoView();
}

async function downloadRejects(id) {
  const res = await fetch(`/api/batches/${encodeURIComponent(id)}/rejects?format=csv`, { credentials: 'same-origin' });
  if (!res.ok) return message($('#upload-result'), 'error', `${t('loadFailed')}: ${res.status}`);
  const url = URL.createObjectURL(await res.blob());
  h('a', { href: url, download: `${id}-rejects.csv` }).click();
  URL.revokeObjectURL(url);
}

// A source is "agency|channel": shown by the agency's name and the channel's.
const sourceName = (src = '') => src.split('|').map((code, i) => named(i === 0 ? agencyNames : labels.channels, code)).join(' · ');
const queue = () => loadQueue({ api, t, local, sourceName, canDecide: session?.role === 'steward' || session?.role === 'admin' });

// Labels do not change while the page is open; loaded once (again after a failed load).
async function loadLabels() {
  if (!labels.datasets) labels = await api('/api/labels');
}

async function refresh() {
  if (!session) return;
  try {
    await loadLabels();
    await loadEntries();
    await loadBatches();
    await queue();
    await loadDeliveries({ api, t, named: (table, code) => named(labels[table], code) });
  } catch (e) {
    if (session) message($('#upload-result'), 'error', `${t('loadFailed')}: ${e.message}`);
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
    const query = new URLSearchParams({ agency, dataset, channel, wait: 'true' });
    const r = await api(`/api/uploads?${query}`, { method: 'POST', body: form });
    message(out, 'ok', `${r.duplicate ? t('duplicate') : t('uploaded')} `, h('code', {}, r.batchId), ` (${named(labels.batchStatuses, r.batch.status)})`);
    location.hash = `batch=${r.batchId}`;
  } catch (e) {
    // The message may quote the uploaded file's name: text, never markup.
    message(out, 'error', e.message);
  }
  await loadBatches().catch(() => undefined);
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

$('#signin').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const out = $('#signin-result');
  out.replaceChildren();
  try {
    session = await api('/api/auth/signin', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: $('#username').value.trim(), password: $('#password').value }),
    });
    $('#password').value = '';
    showSession();
    await refresh();
    await showFromHash();
  } catch (e) {
    message(out, 'error', e.status === 401 ? `${t('signinFailed')} ${e.message}` : e.message);
  }
});
$('#signout').addEventListener('click', async () => {
  try {
    await api('/api/auth/signout', { method: 'POST' });
  } catch {
    // Signed out on the server already (an expired session): the page signs out all the same.
  }
  session = null;
  labels = {};
  showSession();
});

// A report has its own address (#batch=ID), so an agency can bookmark or share it.
async function showFromHash() {
  const id = /^#batch=(\w+)$/.exec(location.hash)?.[1];
  if (id && session) await showReport(id).catch((e) => message($('#upload-result'), 'error', e.message));
}
window.addEventListener('hashchange', () => void showFromHash());
wireQueue({ api, t, reload: async () => { await queue(); await loadBatches(); } });
wireLineage({ api, t });
wireDeliveries({ api, t, named: (table, code) => named(labels[table], code) });
translate();

// The city's identity provider, when configured: a plain link (the provider's answer is a
// redirect, which the CSP's form-action would refuse from a form).
api('/api/auth/providers')
  .then(({ oidc }) => {
    if (!oidc) return;
    fill($('#oidc-link'), `${t('signinWith')} ${oidc.label ?? 'OIDC'}`);
    $('#oidc').hidden = false;
  })
  .catch(() => undefined);

// A session still open (the cookie is sent by itself) skips the form.
api('/api/auth/me')
  .then((me) => { session = me; })
  .catch(() => { session = null; })
  .then(() => { showSession(); return refresh(); })
  .then(showFromHash);
