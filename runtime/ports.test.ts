import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ephemeralRange, freePort } from './ports.ts';

const listenOn = (port: number): Promise<net.Server> => new Promise((resolve, reject) => {
  const srv = net.createServer();
  srv.once('error', reject);
  srv.listen(port, '127.0.0.1', () => resolve(srv));
});

describe('freePort', () => {
  it('gives ports below the range the kernel hands out, so a server starting meanwhile cannot take them', async () => {
    const [low] = ephemeralRange();
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
    for (const p of ports) expect(p).toBeLessThan(low);
    // and each one can really be listened on
    const srv = await listenOn(ports[0]!);
    await new Promise((r) => srv.close(r));
  });

  it('never gives the same port twice, though none of them is bound yet', async () => {
    // 2,000 random picks from about 22,000 ports would repeat one almost surely if not remembered.
    const ports: number[] = [];
    for (let i = 0; i < 2_000; i++) ports.push(await freePort());
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('reads the range from the kernel file, and falls back to the usual default without it', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ports-'));
    const file = path.join(dir, 'range');
    writeFileSync(file, '40000\t50000\n');
    expect(ephemeralRange(file)).toEqual([40000, 50000]);
    expect(ephemeralRange(path.join(dir, 'missing'))).toEqual([32768, 60999]);
    writeFileSync(file, 'garbage');
    expect(ephemeralRange(file)).toEqual([32768, 60999]);
  });
});
