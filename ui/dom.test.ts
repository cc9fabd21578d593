// The page never builds HTML from strings: an agency named <img src=x onerror=…> or a file named
// so once ran script in the batch table and in the upload message. Every ui/*.js builds nodes with
// dom.js and sets text with textContent; this scan fails on any API that parses a string as HTML,
// and on any string that starts with a tag.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dir = path.dirname(fileURLToPath(import.meta.url));
const ui = readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => ({ f, text: readFileSync(path.join(dir, f), 'utf8') }));

const FORBIDDEN: Array<[string, RegExp]> = [
  ['innerHTML', /\binnerHTML\b/],
  ['outerHTML', /\bouterHTML\b/],
  ['insertAdjacentHTML', /\binsertAdjacentHTML\b/],
  ['document.write', /\bdocument\s*\.\s*write(ln)?\b/],
  ['createContextualFragment', /\bcreateContextualFragment\b/],
  ['DOMParser', /\bDOMParser\b/],
  ['srcdoc', /\bsrcdoc\b/],
  ['a string that starts with a tag', /[`'"]\s*<\/?[a-z][\w-]*[\s>/]/i],
];

/** Each forbidden use in a file's text, as "file:line: what". */
function scan(f: string, text: string): string[] {
  return text.split('\n').flatMap((line, i) => FORBIDDEN.filter(([, re]) => re.test(line)).map(([what]) => `${f}:${i + 1}: ${what}`));
}

describe('the UI builds no HTML from strings', () => {
  it('has files to scan', () => {
    expect(ui.map((u) => u.f)).toEqual(expect.arrayContaining(['app.js', 'dom.js', 'steward.js', 'lineage.js', 'deliveries.js']));
  });

  it('uses no API that parses a string as HTML, and writes no markup in strings', () => {
    expect(ui.flatMap(({ f, text }) => scan(f, text))).toEqual([]);
  });

  it('the scan finds what it looks for', () => {
    const bad = [
      "el.innerHTML = '<b>x</b>';", 'row.outerHTML = x;', "el.insertAdjacentHTML('beforeend', s);", 'document.write(s);',
      'const c = `<td class="${cls}">${v}</td>`;', "out.append('</span>');",
    ];
    expect(bad.map((line) => scan('x.js', line).length > 0)).toEqual(bad.map(() => true));
    expect(scan('x.js', "h('td', {}, name); a < b; `${x} <- ${y}`")).toEqual([]);
  });

  it('sends no identity header: who is asking is the session cookie\'s to say', () => {
    for (const { f, text } of ui) expect(text.toLowerCase().includes('x-cdf-identity'), f).toBe(false);
  });

  it('sends the session\'s CSRF token with every change', () => {
    expect(ui.find((u) => u.f === 'app.js')!.text).toMatch(/method !== 'GET' && session\?\.csrfToken\) headers\['x-csrf-token'\] = session\.csrfToken/);
  });
});
