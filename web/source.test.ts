// Rules the browser application's source keeps, read from the files themselves:
// - every module's messages have the same keys in Chinese and English, none empty;
// - data is text, never HTML (no dangerouslySetInnerHTML or innerHTML);
// - the names of data come from GET /api/labels: no file spells a dataset's, channel's or error's
//   name itself (a copy drifts: black_list was once 黑名单 in the page and 严重失信主体名单 in its definition).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../catalog/catalog-file.ts';
import { datasetCodes, datasetDefinition } from '../catalog/dataset-definition.ts';

const src = path.join(path.dirname(fileURLToPath(import.meta.url)), 'src');
const walk = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
  const p = path.join(dir, f);
  return statSync(p).isDirectory() ? walk(p) : /\.tsx?$/.test(f) && !f.endsWith('.d.ts') ? [p] : [];
});
const files = walk(src).map((p) => ({ name: path.relative(src, p), text: readFileSync(p, 'utf8') }));

/** The object literal after `const messages = ` (or `const <x>Messages = `), evaluated: plain data only. */
function messageBlocks(text: string): Array<{ name: string; value: { zh: Record<string, string>; en: Record<string, string> } }> {
  const out = [];
  for (const m of text.matchAll(/const (\w*[mM]essages) = \{\n/g)) {
    const start = m.index + m[0].length - 2;
    const end = text.indexOf('\n};', start);
    const literal = text.slice(start, end + 2);
    out.push({ name: m[1]!, value: new Function(`return (${literal});`)() as { zh: Record<string, string>; en: Record<string, string> } });
  }
  return out;
}

describe('the web application\'s source', () => {
  it('has files to check', () => expect(files.length).toBeGreaterThan(10));

  it('gives every message in both languages', () => {
    const problems: string[] = [];
    let blocks = 0;
    for (const f of files) {
      for (const b of messageBlocks(f.text)) {
        blocks++;
        const zh = Object.keys(b.value.zh ?? {}).sort();
        const en = Object.keys(b.value.en ?? {}).sort();
        const onlyZh = zh.filter((k) => !en.includes(k));
        const onlyEn = en.filter((k) => !zh.includes(k));
        if (onlyZh.length || onlyEn.length) problems.push(`${f.name} ${b.name}: only zh [${onlyZh}], only en [${onlyEn}]`);
        for (const [lang, table] of Object.entries(b.value)) {
          for (const [k, v] of Object.entries(table)) if (!String(v).trim()) problems.push(`${f.name} ${b.name}.${lang}.${k} is empty`);
        }
      }
    }
    expect(blocks).toBeGreaterThan(5);
    expect(problems).toEqual([]);
  });

  it('never writes HTML from strings', () => {
    expect(files.filter((f) => /dangerouslySetInnerHTML|\.innerHTML\s*=|insertAdjacentHTML/.test(f.text)).map((f) => f.name)).toEqual([]);
  });

  it('spells no dataset or channel name itself', () => {
    const names = [
      ...datasetCodes().flatMap((c) => [datasetDefinition(c).name.zh]),
      ...Object.values(CHANNEL_NAMES).map((n) => n.zh),
    ].filter((n) => n.length >= 4);
    const spelled = files.flatMap((f) => names.filter((n) => f.text.includes(n)).map((n) => `${f.name}: ${n}`));
    expect(spelled).toEqual([]);
  });
});
