// A credit repair's delivery, run by the creditRepair workflow: the repaired record's current
// state (a tombstone) to every subscription, once per key, so a retried run sends only what has not
// arrived. The key names the record as well as the version (subscription:batch:record<id>:repair-v<n>):
// two records of one batch repaired to the same version are two deliveries.
import type { CreditRepairInput } from '../workflows/contract.ts';
import { deliverRecord } from './deliver.ts';
import type { ActivityDeps } from './deps.ts';

export const repairReason = (goldenId: number, version: number): string => `record${goldenId}:repair-v${version}`;

export async function deliverRepair(deps: ActivityDeps, { batchId, goldenId, version }: CreditRepairInput): Promise<number> {
  return deliverRecord(deps.db, deps.config, batchId, goldenId, repairReason(goldenId, version), deps.clock.today());
}
