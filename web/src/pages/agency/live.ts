// The two live parts of an upload: the file's bytes going up (XHR, for its upload progress; fetch
// has none) and the batch's progress coming down (EventSource on GET /api/batches/:id/events).
import { useEffect, useState } from 'react';
import { ApiError, rawHeaders } from '../../api/client.ts';
import type { ErrorBody } from '../../api/client.ts';
import type { ProgressEvent } from './types.ts';

export interface Uploaded { batchId: string; duplicate: boolean }

/** Sends the file; `onBytes(sent, total)` as it goes. Rejects with an ApiError when refused. */
export function uploadWithProgress(file: File, query: { agency?: string; dataset: string }, onBytes: (sent: number, total: number) => void): Promise<Uploaded> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const params = new URLSearchParams({ dataset: query.dataset, ...(query.agency ? { agency: query.agency } : {}) });
    xhr.open('POST', `/api/uploads?${params.toString()}`);
    for (const [k, v] of Object.entries(rawHeaders('POST'))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onBytes(e.loaded, e.total); };
    xhr.onerror = () => reject(new ApiError(0, { code: 'CDF_NETWORK', message: 'network' }));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = { code: `HTTP_${xhr.status}`, message: xhr.statusText };
      }
      if (xhr.status === 200 || xhr.status === 202) resolve(body as Uploaded);
      else reject(new ApiError(xhr.status, body as ErrorBody));
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** The batch's progress events, newest last; null batch id: none. */
export function useBatchEvents(batchId: string | null): { events: ProgressEvent[]; failed: boolean } {
  const [events, setEvents] = useState<ProgressEvent[]>([]);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    setEvents([]);
    setFailed(false);
    if (!batchId) return undefined;
    const source = new EventSource(`/api/batches/${encodeURIComponent(batchId)}/events`);
    const take = (e: MessageEvent<string>) => setEvents((all) => [...all, JSON.parse(e.data) as ProgressEvent]);
    source.addEventListener('progress', take);
    source.addEventListener('final', (e) => {
      take(e);
      source.close();
    });
    // The stream ends after the final event; an error before it is a lost connection.
    source.onerror = () => {
      source.close();
      setEvents((all) => {
        if (!all.at(-1)?.final) setFailed(true);
        return all;
      });
    };
    return () => source.close();
  }, [batchId]);
  return { events, failed };
}
