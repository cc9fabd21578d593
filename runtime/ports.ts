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

const canListen = (port: number): Promise<boolean> => new Promise((resolve) => {
  const srv = net.createServer();
  srv.once('error', () => resolve(false));
  srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
});

const osPort = (): Promise<number> => new Promise((resolve, reject) => {
  const srv = net.createServer();
  srv.once('error', reject);
  srv.listen(0, '127.0.0.1', () => {
    const { port } = srv.address() as net.AddressInfo;
    srv.close(() => resolve(port));
  });
});

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
  if (low - from >= 1_000) {
    for (let tries = 0; tries < 50; tries++) {
      const port = from + Math.floor(Math.random() * (low - from));
      if (await canListen(port)) return port;
    }
  }
  return osPort();
}
