// The HTTP target: each event POSTed as JSON to a lineage server's OpenLineage endpoint — Marquez's
// `<base>/api/v1/lineage` — one at a time and in order, since a server expects a run's START before
// its COMPLETE. Anything but 2xx throws a transient error naming the status, so the emitOpenLineage
// activity fails and Temporal retries it; the run ids are the same on the retry, and the server updates the
// runs it already has instead of adding new ones.
import { transientError } from '../../domain/errors.ts';
import type { RunEvent } from '../../domain/lineage/openlineage.ts';
import { redactUrl } from '../../domain/redact.ts';

export const LINEAGE_PATH = '/api/v1/lineage';

/** The endpoint for a server's base URL; user:password in the URL becomes a Basic header (fetch refuses URLs with credentials). */
export function lineageEndpoint(base: string): { url: string; headers: Record<string, string> } {
  const u = new URL(base);
  const auth = u.username ? `Basic ${Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString('base64')}` : undefined;
  u.username = '';
  u.password = '';
  u.pathname = `${u.pathname.replace(/\/+$/, '')}${LINEAGE_PATH}`;
  return { url: u.toString(), headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) } };
}

export async function postEvents(base: string, events: RunEvent[], timeoutMs = 30_000): Promise<void> {
  const { url, headers } = lineageEndpoint(base);
  const shown = redactUrl(url);
  for (const e of events) {
    const what = `${e.job.name} ${e.eventType}`;
    let res: Response;
    try {
      res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(e), signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw transientError('CDF_OPENLINEAGE_UNREACHABLE', {
        zh: `无法连接 OpenLineage 服务 ${shown}（发送 ${what} 时）：${why}`,
        en: `cannot reach the OpenLineage server ${shown} (sending ${what}): ${why}`,
      }, { url: shown, runId: e.run.runId }, err);
    }
    if (!res.ok) {
      const body = (await res.text().catch(() => '')).slice(0, 300);
      throw transientError('CDF_OPENLINEAGE_REFUSED', {
        zh: `OpenLineage 服务 ${shown} 拒收事件 ${what}：HTTP ${res.status}${body ? `，${body}` : ''}`,
        en: `the OpenLineage server ${shown} refused ${what}: HTTP ${res.status}${body ? `, ${body}` : ''}`,
      }, { url: shown, status: res.status, runId: e.run.runId });
    }
    await res.body?.cancel(); // free the connection for the next event
  }
}
