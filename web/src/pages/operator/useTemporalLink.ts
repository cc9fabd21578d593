// Where a batch's run is in the Temporal web UI (GET /api/system/links): a function from a batch id
// to the run's address, or undefined until the links are known.
import { useCallback } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { useLoad } from '../../components/useLoad.ts';

export function useTemporalLink(): (batchId: string) => string | undefined {
  const links = useLoad(() => unwrap(api.GET('/api/system/links')), []);
  const l = links.data;
  return useCallback((batchId: string) => (l
    ? `${l.temporalUi}/namespaces/${encodeURIComponent(l.namespace)}/workflows/${encodeURIComponent(`${l.workflowIdPrefix}${batchId}`)}`
    : undefined), [l]);
}
