// The dev server we start keeps its store in write-ahead mode (a -wal file beside the database),
// so a workflow transition does not wait for fsyncs of its own: under a saturated disk those
// timed out for minutes in the default mode. Its history survives a restart (the faults test
// restarts it mid-batch; here a workflow started before is found after).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, expect, it } from 'vitest';
import { freePort } from './ports.ts';
import { provideTemporal } from './temporal-server.ts';

const root = mkdtempSync(path.join(os.tmpdir(), 'cdf-temporal-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

it('keeps its store in write-ahead mode, and keeps history across a restart', { timeout: 180_000 }, async () => {
  const opts = {
    address: undefined, namespace: 'default', port: await freePort(), uiPort: 0, dbFile: path.join(root, 'temporal.db'),
    logFile: path.join(root, 'temporal.log'), headless: true, log: () => undefined,
  };
  let server = await provideTemporal(opts);
  expect(server.origin).toBe('started');
  const workflowId = `kept-${Date.now()}`;
  try {
    const connection = await Connection.connect({ address: server.address });
    try {
      await new Client({ connection }).workflow.start('nothing', { taskQueue: 'nobody', workflowId });
    } finally {
      await connection.close();
    }
    expect(existsSync(`${opts.dbFile}-wal`)).toBe(true);
    await server.stop();
    server = await provideTemporal(opts);
    const again = await Connection.connect({ address: server.address });
    try {
      expect((await new Client({ connection: again }).workflow.getHandle(workflowId).describe()).status.name).toBe('RUNNING');
    } finally {
      await again.close();
    }
  } finally {
    await server.stop();
  }
});
