// Webhook sink: the change set as NDJSON in pages of `pageSize` records, each an HTTP POST signed
// with HMAC-SHA256 over its body and carrying the idempotency key of the delivery and its page
// (`key#page`), so a subscriber that saw a page before can ignore it. Any answer but 2xx throws:
// the distribute activity fails and Temporal retries it with back-off; pages the subscriber
// acknowledged are sent again under the same keys, never under new ones.
import { createHmac } from 'node:crypto';
import type { DeliveryRecord, DeliveryResult, SinkConnector } from '../types.ts';
import { checkWebhook } from './check.ts';

export const SIGNATURE_HEADER = 'x-cdf-signature';
export const KEY_HEADER = 'x-cdf-idempotency-key';

export const sign = (secret: string, body: string): string => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

async function post(url: string, secret: string, key: string, lines: string[]): Promise<void> {
  const body = `${lines.join('\n')}\n`;
  const res = await fetch(url, {
    method: 'POST', body,
    headers: { 'content-type': 'application/x-ndjson; charset=utf-8', [KEY_HEADER]: key, [SIGNATURE_HEADER]: sign(secret, body) },
    signal: AbortSignal.timeout(30_000),
  });
  if (!res.ok) throw new Error(`webhook ${url} answered ${res.status} to ${key}`);
}

export const webhookSink: SinkConnector = {
  kind: 'sink',
  id: 'webhook',
  check: checkWebhook,
  async deliver(config, key, records): Promise<DeliveryResult> {
    const url = String(config.url ?? '');
    if (!/^https?:\/\//.test(url)) throw new Error(`webhook subscription has no http(s) url: "${url}"`);
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
        await post(url, secret, `${key}#${++n}`, page);
        page = [];
      }
    }
    if (page.length) await post(url, secret, `${key}#${++n}`, page);
    return { location: url, records: count, tombstones };
  },
};

export default webhookSink;
