// Name-based UUIDs (RFC 4122 §4.3, version 5: SHA-1 over a namespace UUID and a name). The same
// name always gives the same UUID, so a run exported twice keeps its ids and a lineage server
// sees one run, not two. Version 5 rather than a truncated SHA-256: it is the RFC's own
// deterministic form, and every UUID library can reproduce it.
import { createHash } from 'node:crypto';

/** The RFC's namespace for names that are URLs (Appendix C). */
export const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function uuidV5(namespace: string, name: string): string {
  if (!UUID_PATTERN.test(namespace)) throw new Error(`not a UUID: ${namespace}`);
  const hash = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest();
  const b = hash.subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x50; // version 5
  b[8] = (b[8]! & 0x3f) | 0x80; // the RFC 4122 variant (10xx)
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
