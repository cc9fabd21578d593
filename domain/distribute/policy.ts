// What one subscription may receive of a change, decided from the catalogue alone (pure): whether
// the provider's entry shares the dataset with this subscriber at all (无条件 / 有条件 with a
// recorded grant / 不予共享), or publishes it; which records fall in the subscription's regions
// and filter; and, for a department, which of its joint punishment measures a listed subject
// triggers (Shaoxing: the measure list is matched centrally and arrives with the record).
import type { CatalogFile, Measure, ShareGrant, Subscription } from '../catalog.ts';
import type { Bilingual } from '../errors.ts';
import { publicationOf } from '../publication/public-view.ts';

export interface Origin { agency: string; channel: string }

export type Permit = { ok: true; grant?: ShareGrant } | { ok: false; reason: 'not_shared' | 'no_grant' | 'not_published' | 'no_entry'; why: Bilingual };

/** Whether the provider's catalogue entry lets this subscription receive the dataset today. */
export function sharePermit(catalog: CatalogFile, sub: Subscription, origin: Origin, today: string): Permit {
  const entry = catalog.entries.find((e) => e.agency === origin.agency && e.dataset === sub.dataset && e.channel === origin.channel)
    ?? catalog.entries.find((e) => e.agency === origin.agency && e.dataset === sub.dataset);
  if (!entry)
    return {
      ok: false,
      reason: 'no_entry',
      why: { zh: `目录中没有 ${origin.agency} 提供 ${sub.dataset} 的条目`, en: `the catalogue has no entry for ${origin.agency} supplying ${sub.dataset}` },
    };
  if (sub.public) {
    return entry.publish === false
      ? {
          ok: false,
          reason: 'not_published',
          why: { zh: `${origin.agency} 的 ${sub.dataset} 条目不公示`, en: `${origin.agency}'s ${sub.dataset} entry is not published` },
        }
      : { ok: true };
  }
  // A department always receives what it supplied itself.
  if (sub.subscriber === origin.agency) return { ok: true };
  if (entry.share === 'unconditional') return { ok: true };
  if (entry.share === 'none')
    return {
      ok: false,
      reason: 'not_shared',
      why: { zh: `${origin.agency} 的 ${sub.dataset} 条目不予共享`, en: `${origin.agency}'s ${sub.dataset} entry is not shared` },
    };
  const grant = (catalog.grants ?? []).find((g) => g.subscriber === sub.subscriber && g.dataset === sub.dataset
    && (!g.provider || g.provider === origin.agency) && g.from <= today && (!g.until || today <= g.until));
  return grant
    ? { ok: true, grant }
    : {
        ok: false,
        reason: 'no_grant',
        why: {
          zh: `${origin.agency} 的 ${sub.dataset} 为有条件共享，${sub.subscriber} 没有有效的共享授权`,
          en: `${origin.agency} shares ${sub.dataset} on condition and ${sub.subscriber} holds no grant in force`,
        },
      };
}

/** The region codes a region contains (itself, its districts' streets…), from the catalogue's tree. */
export function regionsWithin(catalog: CatalogFile, codes: string[]): Set<string> {
  const out = new Set(codes);
  for (let grew = true; grew;) {
    grew = false;
    for (const r of catalog.regions) if (r.parent && out.has(r.parent) && !out.has(r.code)) { out.add(r.code); grew = true; }
  }
  return out;
}

export interface RecordView { subjectUscc: string | null; fields: Record<string, unknown> }

/** The registering divisions a subscription's regions admit when they alone decide (the provider
 * sits outside them): a record outside these is withheld whatever its fields say, so the store can
 * leave its fields out. Null when the regions admit every record (none given, or the provider inside). */
export function regionDivisions(catalog: CatalogFile, sub: Subscription, origin: Origin): ReadonlySet<string> | null {
  if (!sub.regions?.length) return null;
  const within = regionsWithin(catalog, sub.regions);
  return within.has(catalog.agencies.find((a) => a.code === origin.agency)?.region ?? '') ? null : within;
}

/** A predicate for the subscription's regions and filter. Regions take a record whose subject is
 * registered there (a USCC's characters 3–8 are its registering division) or whose provider sits
 * there (a street's own records: streets register nobody). The regions are asked first: a record
 * outside them may come without its fields (regionDivisions). */
export function recordFilter(catalog: CatalogFile, sub: Subscription, origin: Origin): (r: RecordView) => boolean {
  const filter = Object.entries(sub.filter ?? {}).map(([k, v]) => [k, new Set(Array.isArray(v) ? v : [v])] as const);
  const within = regionDivisions(catalog, sub, origin);
  return (r) => {
    if (within) {
      const division = r.subjectUscc?.slice(2, 8);
      if (!division || !within.has(division)) return false;
    }
    for (const [k, allowed] of filter) if (!allowed.has(String(r.fields[k] ?? ''))) return false;
    return true;
  };
}

export interface AppliedMeasure { code: string; name: Bilingual; action: Measure['action']; basis: string }

/** The subscriber's measures a listed subject triggers: only while the listing is in force (not
 * removed, not past its validity), and only where the measure's list and conduct types match. */
export function matchMeasures(catalog: CatalogFile, sub: Subscription, fields: Record<string, unknown>, today: string): AppliedMeasure[] | undefined {
  const mine = (catalog.measures ?? []).filter((m) => m.department === sub.subscriber && m.dataset === sub.dataset);
  if (!mine.length) return undefined;
  const text = (k: string) => String(fields[k] ?? '');
  // In force exactly while the listing is published: until removal or the end of its validity.
  if (!publicationOf('list_validity', null, fields as Record<string, string>, today)?.published) return [];
  return mine
    .filter((m) => !m.listTypes || m.listTypes.includes(text('list_type')))
    .filter((m) => !m.dishonestyTypes || m.dishonestyTypes.some((t) => text('dishonesty_type').includes(t)))
    .map((m) => ({ code: m.code, name: m.name, action: m.action, basis: m.basis }));
}
