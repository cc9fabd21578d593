// The golden hostile fixtures: small files kept as they are (fixtures/.gitattributes keeps git
// from touching their bytes), each with a sibling <name>.expected.json saying what its source
// does with it today. Changing a connector's behaviour means changing the expected file too,
// where a reviewer sees it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Bilingual } from '../../domain/errors.ts';
import type { SourceLine } from '../types.ts';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

export interface SourceFixture {
  name: string;
  file: string;
  expected: {
    /** The source connector (by id) the file is meant for; no other may accept it. */
    source: string;
    about: Bilingual;
    /** Whether that source's accepts() takes it; a refused file is still opened, to pin what it would read. */
    accepts: boolean;
    encoding?: string;
    lines?: SourceLine[];
    /** open(), or reading its lines, rejects with an error matching this. */
    refused?: { code: string; kind: string };
  };
}

export function fixtures(): SourceFixture[] {
  return fs.readdirSync(FIXTURES)
    .filter((n) => !n.startsWith('.') && !n.endsWith('.json'))
    .sort()
    .map((name) => {
      const sibling = path.join(FIXTURES, name.replace(/\.[^.]+$/, '.expected.json'));
      if (!fs.existsSync(sibling)) throw new Error(`fixture ${name} has no ${path.basename(sibling)}`);
      const expected = JSON.parse(fs.readFileSync(sibling, 'utf8')) as SourceFixture['expected'];
      return { name, file: path.join(FIXTURES, name), expected };
    });
}
