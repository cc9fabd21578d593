// The UI keeps only its own words (headings, buttons): the names of data come from GET /api/labels.
// A copy here drifts from the catalogue (black_list was once 黑名单 in the UI and 严重失信主体名单 in
// its definition), so no UI file may spell a dataset's, channel's or error's name itself.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../catalog/catalog-file.ts';
import { datasetCodes, datasetDefinition } from '../catalog/dataset-definition.ts';
import { ERROR_CODES } from '../domain/errors.ts';

const dir = path.dirname(fileURLToPath(import.meta.url));
const ui = readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => ({ f, text: readFileSync(path.join(dir, f), 'utf8') }));

describe('the UI\'s labels', () => {
  it('i18n.js holds the page\'s own words only', () => {
    const i18n = ui.find((u) => u.f === 'i18n.js')!.text;
    expect([...i18n.matchAll(/^export const (\w+)/gm)].map((m) => m[1])).toEqual(['STRINGS']);
  });

  it('spells no dataset, channel or error name of its own', () => {
    const names = [
      ...datasetCodes().map((c) => datasetDefinition(c).name.zh), '黑名单', '红名单',
      ...Object.values(CHANNEL_NAMES).map((n) => n.zh),
      ...Object.values(ERROR_CODES).map((t) => t.title.zh),
    ];
    for (const { f, text } of ui) for (const name of names) expect(text.includes(`'${name}'`), `${f} spells '${name}'`).toBe(false);
  });

  it('loads the labels from the API', () => {
    expect(ui.find((u) => u.f === 'app.js')!.text).toContain('/api/labels');
  });
});
