// The page is built from DOM nodes, never from HTML strings: every text (a file's name, an
// agency's, a cell an agency uploaded, an error message) is a text node, so nothing a user or the
// catalogue typed can become markup or script. ui/dom.test.ts fails on any HTML-string API.

/**
 * h('td', { class: 'num', dataset: { report: id } }, 'text', node, [more], null): an element.
 * Props: `class`, `dataset` (an object), `on` ({ click: fn }), anything else as a property when the
 * element has one (type, value, hidden, colSpan…), else as an attribute. Children: strings and
 * numbers as text, nodes as they are, arrays flattened, null, undefined and false skipped.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'on') for (const [event, fn] of Object.entries(v)) el.addEventListener(event, fn);
    else if (k in el) el[k] = v;
    else el.setAttribute(k, String(v));
  }
  el.append(...nodes(children));
  return el;
}

/** Children as nodes: text for strings and numbers. */
export function nodes(children) {
  const out = [];
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    out.push(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return out;
}

/** A table cell; `cls` for its class (num: right-aligned figures). */
export const td = (content, cls) => h('td', cls ? { class: cls } : {}, content ?? '');

/** Replaces what `el` holds with these children. */
export const fill = (el, ...children) => el.replaceChildren(...nodes(children));

/** A status line: an ok or an error message, as text. */
export const message = (el, kind, ...children) => fill(el, h('span', { class: kind }, ...children));
