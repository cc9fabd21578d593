// The first link method, run by each clean part on its own chunk instead of by the link step on the
// whole batch: a row that carries a valid USCC is linked as it is written, the same way the link
// step would (activities/link/by-code.ts, linkByUscc). Most rows of a batch link this way, so the
// link step's largest statement, an update of nearly every row of the batch, becomes part of the
// clean parts' first write, and runs in parallel on every worker. The link step still runs the
// same method for any row left open (a batch cleaned before this, or a subject registered since):
// the rule is the same; only the moment the registry is read moves, which was never fixed.
import { hash } from 'node:crypto';
import type { PoolClient } from 'pg';
import { LINKED_SUBJECT } from '../../catalog/dataset-definition.ts';
import type { DatasetDefinition } from '../../catalog/dataset-definition.ts';
import { registeredUsccs } from '../../db/queries/pipeline/clean.ts';
import { USCC_PLACEHOLDER } from '../../domain/codes/index.ts';
import type { CleanedRow } from '../../domain/clean/clean-row.ts';

/** A cleaned row's link, when the chunk settled it. */
export interface RowLink { uscc: string; method: 'uscc'; confidence: number; contentHash: string }

/** The link of each row that carries a USCC (index into `rows`), as linkByUscc would set it:
 * the registry's own rows by their USCC at 1; other rows at 1 when the registry holds the USCC under
 * an agreeing name, 0.7 under another name (a code conflict the link step records), 0.9 when the
 * registry does not hold it. With the linked subject material, the USCC is folded into the hash. */
export async function linkChunkByUscc(client: PoolClient, def: DatasetDefinition, rows: CleanedRow[]): Promise<Map<number, RowLink>> {
  const s = def.subject;
  const links = new Map<number, RowLink>();
  if (!s?.uscc) return links;
  const fold = def.material.includes(LINKED_SUBJECT);
  const link = (i: number, uscc: string, confidence: number) => {
    const base = rows[i]!.contentHash;
    links.set(i, { uscc, method: 'uscc', confidence, contentHash: fold ? md5(`${base}|${uscc}`) : base });
  };
  // The link step's open rows (db/queries/pipeline/link.ts, openRows): not held, not a natural person.
  const person = s.person ?? '(no natural persons)';
  const open: Array<{ i: number; uscc: string }> = [];
  rows.forEach((r, i) => {
    const uscc = r.fields[s.uscc!];
    if (r.heldReject || (r.fields[s.category ?? ''] ?? '') === person || uscc === undefined || uscc === USCC_PLACEHOLDER) return;
    open.push({ i, uscc });
  });
  if (!def.registry) {
    const found = await registeredUsccs(client, open.map((o) => o.uscc), open.map((o) => rows[o.i]!.nameKey));
    for (const f of found) link(open[f.i]!.i, f.uscc, f.sameName ? 1 : 0.7);
  }
  // The registry's own rows, and rows whose USCC the registry does not hold, as written.
  for (const o of open) if (!links.has(o.i)) link(o.i, o.uscc, def.registry ? 1 : 0.9);
  return links;
}

// The one-shot hash, as clean-row.ts hashes: no hasher object for each row.
const md5 = (text: string): string => hash('md5', text);
