import { readFileSync } from 'node:fs';
import net from 'node:net';

/** The kernel's ephemeral range: ports it hands to bind(0) and to outgoing connections. */
export function ephemeralRange(file = '/proc/sys/net/ipv4/ip_local_port_range'): [number, number] {
  try {
    const [low, high] = readFileSync(file, 'utf8').trim().split(/\s+/).map(Number);
    if (low && high && low <= high) return [low, high];
  } catch {
    // not Linux, or no /proc: the usual default
  }
  return [32768, 60999];
}

/** Listens on `port` (0: the kernel's choice) and closes again: the port it got, null if taken. */
const listenOnce = (port: number): Promise<number | null> => new Promise((resolve) => {
  const srv = net.createServer();
  srv.once('error', () => resolve(null));
  srv.listen(port, '127.0.0.1', () => {
    const got = (srv.address() as net.AddressInfo).port;
    srv.close(() => resolve(got));
  });
});

// Ports this process has handed out: a caller asks for several before any is bound (a factory's
// PostgreSQL, Temporal and API), and a random pick could otherwise repeat one of them.
const given = new Set<number>();

/**
 * A TCP port free right now on 127.0.0.1, chosen below the ephemeral range. A port the kernel
 * hands out is free only until it hands it out again: the Temporal dev server binds its inner
 * services to such ports as it starts, and once took the API's port chosen a moment before
 * (EADDRINUSE). Ports below the range are never handed out that way, so only another process
 * that names the port itself can take it. Falls back to the kernel's choice when the range
 * leaves no room below it.
 */
export async function freePort(): Promise<number> {
  const [low] = ephemeralRange();
  const from = 10_000;
  for (let tries = 0; low - from >= 1_000 && tries < 50; tries++) {
    const port = from + Math.floor(Math.random() * (low - from));
    if (!given.has(port) && (await listenOnce(port)) !== null) return give(port);
  }
  const port = await listenOnce(0);
  if (port === null) throw new Error('no free TCP port on 127.0.0.1');
  return give(port);
}

function give(port: number): number {
  given.add(port);
  return port;
}
