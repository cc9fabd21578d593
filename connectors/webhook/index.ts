// Webhook sink: the change set as NDJSON in pages of `pageSize` records, each an HTTP POST signed
// with HMAC-SHA256 over its body and carrying the idempotency key of the delivery and its page
// (`key#page`), so a subscriber that saw a page before can ignore it. Any answer but 2xx throws:
// the distribute activity fails and Temporal retries it with back-off; pages the subscriber
// acknowledged are sent again under the same keys, never under new ones.
// Where it may POST is the operator's to say (catalog/sink-policy.ts): the host must be in
// CDF_WEBHOOK_HOSTS, and every address the host resolves to is checked as the connection is made
// (node:http's lookup, not a look-up beforehand that DNS could answer differently the second time),
// so a name that resolves to a private or loopback address is refused unless the list names that
// address itself. Redirects are not followed: a 3xx is a failed delivery like any other non-2xx.
import { createHmac } from 'node:crypto';
import { lookup } from 'node:dns';
import type { LookupAddress, LookupAllOptions, LookupOneOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { LookupFunction } from 'node:net';
import { addressAllowed, addressRefusal, sinkRefusal } from '../../catalog/sink-policy.ts';
import type { SinkPlaces } from '../../catalog/sink-policy.ts';
import type { DeliveryRecord, DeliveryResult, SinkConnector } from '../types.ts';
import { checkWebhook } from './check.ts';

export const SIGNATURE_HEADER = 'x-cdf-signature';
export const KEY_HEADER = 'x-cdf-idempotency-key';

export const sign = (secret: string, body: string): string => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** A DNS look-up that refuses, as the socket connects, any address the policy does not allow. */
function guardedLookup(places: SinkPlaces, url: string): LookupFunction {
  return ((host: string, options: LookupOneOptions | LookupAllOptions,
    done: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
    lookup(host, { ...options, all: true }, (err, addresses) => {
      if (err) return done(err, []);
      const refused = addresses.find((a) => !addressAllowed(places, a.address));
      if (refused) return done(addressRefusal(places, url, refused.address) as unknown as NodeJS.ErrnoException, []);
      if (options.all) return done(null, addresses);
      done(null, addresses[0]!.address, addresses[0]!.family);
    });
  }) as LookupFunction;
}

function post(places: SinkPlaces, url: string, secret: string, key: string, lines: string[]): Promise<void> {
  const body = `${lines.join('\n')}\n`;
  const target = new URL(url);
  // An address written in the URL is never looked up: judged here instead.
  const literal = target.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(literal) && !addressAllowed(places, literal)) return Promise.reject(addressRefusal(places, url, literal));
  const headers = {
    'content-type': 'application/x-ndjson; charset=utf-8', 'content-length': Buffer.byteLength(body),
    [KEY_HEADER]: key, [SIGNATURE_HEADER]: sign(secret, body),
  };
  return new Promise((resolve, reject) => {
    const req = (target.protocol === 'https:' ? https : http).request(target, {
      method: 'POST', headers, lookup: guardedLookup(places, url), timeout: 30_000,
    }, (res) => {
      res.resume();
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve();
        else if (status >= 300 && status < 400) reject(new Error(`webhook ${url} answered ${status} to ${key}: redirects are not followed`));
        else reject(new Error(`webhook ${url} answered ${status} to ${key}`));
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`webhook ${url} did not answer ${key} within 30 s`)));
    req.on('error', reject);
    req.end(body);
  });
}

export const webhookSink: SinkConnector = {
  kind: 'sink',
  id: 'webhook',
  check: checkWebhook,
  async deliver(config, key, records, places): Promise<DeliveryResult> {
    const url = String(config.url ?? '');
    if (!/^https?:\/\//.test(url)) throw new Error(`webhook subscription has no http(s) url: "${url}"`);
    // The host in the allow-list, the secret's variable an allowed one: as at the catalogue import.
    const refused = sinkRefusal(places, { id: key.split(':')[0]!, sink: 'webhook' }, config);
    if (refused) throw refused;
    const secret = process.env[String(config.secretEnv ?? 'CDF_WEBHOOK_SECRET')] ?? '';
    if (!secret) throw new Error(`webhook secret missing: set ${String(config.secretEnv ?? 'CDF_WEBHOOK_SECRET')}`);
    const pageSize = Number(config.pageSize ?? 1000);
    let page: string[] = [];
    let n = 0;
    let count = 0;
    let tombstones = 0;
    for await (const r of records as AsyncIterable<DeliveryRecord>) {
      if (r.op === 'tombstone') tombstones++;
      else count++;
      page.push(JSON.stringify(r));
      if (page.length === pageSize) {
        await post(places, url, secret, `${key}#${++n}`, page);
        page = [];
      }
    }
    if (page.length) await post(places, url, secret, `${key}#${++n}`, page);
    return { location: url, records: count, tombstones };
  },
};

export default webhookSink;
