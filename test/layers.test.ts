// The layer rules in lint catch what they are for: an import upward, a migration importing live
// code, a cycle. Each probe is a file written for a moment into the real tree (the type-aware
// parser lints only files on disk), linted, and removed.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/cli.ts';

const eslint = new ESLint({ cwd: repoRoot });
let n = 0;
const problems = async (filePath: string, text: string): Promise<string[]> => {
  // A probe standing in for an existing file keeps that file's name in the message only.
  const probe = path.join(repoRoot, path.dirname(filePath), `zz-layer-probe-${process.pid}-${n++}.ts`);
  writeFileSync(probe, text);
  try {
    const [result] = await eslint.lintFiles([probe]);
    return result!.messages.map((m) => m.ruleId ?? m.message);
  } finally {
    rmSync(probe, { force: true });
  }
};

describe('the layer rules', () => {
  it('refuse an import upward', async () => {
    expect(await problems('domain/upward.ts', "import { upload } from '../services/upload.ts';\nexport const u = upload;\n"))
      .toContain('import-x/no-restricted-paths');
    expect(await problems('activities/upward.ts', "import { upload } from '../services/upload.ts';\nexport const u = upload;\n"))
      .toContain('import-x/no-restricted-paths');
    expect(await problems('services/upward.ts', "import { deliverRecord } from '../activities/deliver.ts';\nexport const d = deliverRecord;\n"))
      .toContain('import-x/no-restricted-paths');
  });
  it('refuse live code in a migration', async () => {
    expect(await problems('db/migrations/20990101000000_x.ts', "import { nameKey } from '../../domain/link/name-key.ts';\nexport const k = nameKey;\n"))
      .toContain('import-x/no-restricted-paths');
  });
  it('allow an import downward', async () => {
    expect(await problems('services/downward.ts', "import { nameKey } from '../domain/link/name-key.ts';\nexport const k = nameKey;\n"))
      .not.toContain('import-x/no-restricted-paths');
  });
  it('refuse a cycle', async () => {
    // Two modules importing each other: the second is on disk while the first is linted.
    const other = path.join(repoRoot, 'catalog', `zz-layer-cycle-${process.pid}.ts`);
    const first = `zz-layer-probe-${process.pid}-${n}.ts`;
    writeFileSync(other, `import { a } from './${first}';\nexport const b = () => a;\n`);
    try {
      expect(await problems('catalog/x.ts', `import { b } from './zz-layer-cycle-${process.pid}.ts';\nexport const a = () => b;\n`))
        .toContain('import-x/no-cycle');
    } finally {
      rmSync(other, { force: true });
    }
  });
});
