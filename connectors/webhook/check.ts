// The webhook can deliver when its URL is a whole http(s) URL and the secret it signs with is set
// in the environment. No request is made: a subscriber's endpoint takes POSTs, and what a HEAD or
// GET answers says little about that; a subscriber that is down is Temporal's to retry anyway.
import { refuse, SINK_CONFIG } from '../check.ts';
import type { CheckResult } from '../types.ts';

export const DEFAULT_SECRET_ENV = 'CDF_WEBHOOK_SECRET';

export function checkWebhook(config: Record<string, unknown>): Promise<CheckResult> {
  const raw = typeof config.url === 'string' ? config.url : '';
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    return Promise.resolve(refuse(SINK_CONFIG,
      `Webhook 地址应为以 http:// 或 https:// 开头的完整网址，实为 ${JSON.stringify(raw)}`,
      `the webhook URL should be a whole URL starting with http:// or https://; got ${JSON.stringify(raw)}`));
  }
  const env = String(config.secretEnv ?? DEFAULT_SECRET_ENV);
  if (!process.env[env]) {
    return Promise.resolve(refuse(SINK_CONFIG,
      `签名密钥未设置：请设置环境变量 ${env}`, `the signing secret is not set: set the environment variable ${env}`));
  }
  return Promise.resolve({ ok: true });
}
