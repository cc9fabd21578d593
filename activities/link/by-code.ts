// Link by code, in the order of how much a code can be trusted: the row's own USCC, a held USCC
// whose check character was mistyped, then the legacy codes through the registry. The statements
// are db/queries/pipeline/link.ts.
import type { Knex } from 'knex';
import {
  linkByLegacyCode, linkByRegisteredUscc, linkByUnregisteredUscc, linkRegistryRowsByUscc, recordUsccNameMismatches, refuseHeldRows, repairHeldUscc,
} from '../../db/queries/pipeline/link.ts';
import type { LegacyCode, LinkScope } from '../../db/queries/pipeline/link.ts';

/** A valid USCC carried by the row (the clean step has refused or held one that fails its check). */
export async function linkByUscc(trx: Knex.Transaction, s: LinkScope, confirmAgainstRegistry: boolean): Promise<void> {
  if (!s.subject.uscc) return;
  if (!confirmAgainstRegistry) {
    await linkRegistryRowsByUscc(trx, s);
    return;
  }
  // Confirmed by the registry's name: 1; a different name there: 0.7; not in the registry: 0.9.
  await linkByRegisteredUscc(trx, s);
  await linkByUnregisteredUscc(trx, s);
  await recordUsccNameMismatches(trx, s);
}

/**
 * A held USCC (wrong check character) is repaired when the row's name is exactly a registered
 * subject's and that subject's USCC differs from the written one in at most two places (a typo,
 * not another code). The rest are refused now, with the reason the clean step gave.
 * Returns the number of rows refused.
 */
export async function settleHeldUscc(trx: Knex.Transaction, s: LinkScope): Promise<number> {
  await repairHeldUscc(trx, s);
  return refuseHeldRows(trx, s.batchId);
}

/**
 * Legacy codes through the registry: an organisation code (characters 9–17 of the USCC), a
 * 15-character tax number (division + organisation code) or an 18-character one that is a USCC,
 * and an old registration number (the registry lists both), each for the rows the one before left.
 */
export async function linkByLegacyCodes(trx: Knex.Transaction, s: LinkScope): Promise<void> {
  const methods: LegacyCode[] = ['orgcode', 'taxno', 'regno'];
  for (const m of methods) {
    if (s.subject[m]) await linkByLegacyCode(trx, s, m);
  }
}
