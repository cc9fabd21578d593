// `codes map`: the USCC a code resolves to through the registry, with the method and confidence
// the link step would use. The same lookups as activities/link/by-code.ts, for one code at a time.
import { datasetCodes, datasetDefinition } from '../catalog/dataset-definition.ts';
import { activeCatalog } from '../db/catalog.ts';
import type { Db } from '../db/connect.ts';
import { registrySubjectsBy } from '../db/queries/registry.ts';
import type { CatalogFile } from '../domain/catalog.ts';
import { chinaToday } from '../domain/china-day.ts';
import { checkCode, checkRegno, checkTaxno } from '../domain/codes/index.ts';
import type { CodeCheck } from '../domain/codes/index.ts';
import { sharePermit } from '../domain/distribute/policy.ts';
import { forbiddenError } from '../domain/errors.ts';
import { Role, requireRole } from './identity.ts';
import type { Identity } from './identity.ts';
import { visibilityIn } from './visibility.ts';

export interface RegisteredSubject {
  uscc: string;
  name: string;
}

export interface CodeMapping {
  input: string;
  normalized: string;
  kind: CodeCheck['kind'];
  valid: boolean;
  /** The subject's USCC, when exactly one registered subject answers (or a valid USCC not registered). */
  uscc: string | null;
  method: 'uscc' | 'orgcode' | 'taxno' | 'regno' | null;
  confidence: number | null;
  /** The registry's name for it, when registered. */
  name: string | null;
  /** Several registered subjects carry this code: none is chosen. */
  candidates: RegisteredSubject[];
  zh: string;
  en: string;
}

type Lookup = { method: NonNullable<CodeMapping['method']>; column: 'uscc' | 'orgcode' | 'regno'; value: string };

function lookupFor(c: CodeCheck): Lookup | null {
  // A nonconforming USCC (embedded organisation code fails, pilot code) may really have been issued: look it up.
  if (!c.valid && !(c.kind === 'uscc' && c.status === 'nonconforming')) return null;
  switch (c.kind) {
    case 'uscc': return c.placeholder ? null : { method: 'uscc', column: 'uscc', value: c.normalized };
    case 'orgcode': return { method: 'orgcode', column: 'orgcode', value: c.normalized };
    case 'regno': return { method: 'regno', column: 'regno', value: c.normalized };
    case 'taxno':
      if (c.parts['uscc']) return { method: 'taxno', column: 'uscc', value: c.parts['uscc'] };
      if (c.parts['orgcode']) return { method: 'taxno', column: 'orgcode', value: c.parts['orgcode'] };
      return null;
    default: return null;
  }
}

/** Whether the catalogue shares the registry (the dataset marked `registry`) with an agency today:
 * by the same rule as any delivery to it (domain/distribute/policy.ts): its own entry, an
 * unconditional entry, or a conditional one with a grant in force. */
export function registrySharedWith(catalog: CatalogFile, agency: string, today: string): boolean {
  const registries = new Set(datasetCodes().filter((c) => datasetDefinition(c).registry));
  return catalog.entries.filter((e) => registries.has(e.dataset)).some((e) => sharePermit(
    catalog,
    { id: 'codes_map', name: { zh: '代码映射', en: 'code mapping' }, dataset: e.dataset, sink: 'file', subscriber: agency },
    { agency: e.agency, channel: e.channel },
    today,
  ).ok);
}

/** The registering divisions whose subjects the caller may look up, or null for all: a district
 * its own; a street its district's (streets register nobody); the city, admins and agencies all. */
function divisionsFor(catalog: CatalogFile, who: Identity): string[] | null {
  if (who.role === Role.agency) return null;
  const v = visibilityIn(catalog, who);
  if (v.level === 'city') return null;
  if (v.level === 'district') return [v.district];
  let region = catalog.regions.find((r) => r.code === v.street);
  while (region && region.level === 'street') region = catalog.regions.find((r) => r.code === region!.parent);
  return region?.level === 'district' ? [region.code] : [];
}

/** Who may map codes through the registry, and over which divisions. An agency only when the
 * catalogue shares the registry with it; stewards, auditors and admins within their scope. */
async function registryScope(db: Db, who: Identity, today: string): Promise<string[] | null> {
  requireRole(who, [Role.agency, Role.steward, Role.auditor, Role.admin], { zh: '经法人登记信息映射代码', en: 'map codes through the registry' });
  if (who.role === Role.admin || (who.role !== Role.agency && !who.region)) return null;
  const { content } = await activeCatalog(db);
  if (who.role === Role.agency && !registrySharedWith(content, who.agency ?? '', today)) {
    throw forbiddenError('CDF_FORBIDDEN', {
      zh: `目录未向 ${who.agency} 共享法人登记信息（有条件共享须有有效授权），不能经其映射代码`,
      en: `the catalogue does not share the legal-person registry with ${who.agency} (a conditional entry needs a grant in force): `
        + 'it cannot map codes through it',
    });
  }
  return divisionsFor(content, who);
}

/** The registered subjects carrying a code, with the reading that found them. A 15-character code
 * may be a registration number or an old tax number (division + organisation code): both readings
 * are tried, the registration number first, and the first that finds a subject wins; each lookup
 * runs once. */
async function resolve(db: Db, input: string, divisions: string[] | null): Promise<{ c: CodeCheck; lookup: Lookup | null; rows: RegisteredSubject[] }> {
  const c = checkCode(input);
  const readings = c.normalized.length === 15 ? [checkRegno(input), checkTaxno(input), c] : [c];
  let first: { c: CodeCheck; lookup: Lookup | null; rows: RegisteredSubject[] } | undefined;
  const seen = new Map<string, RegisteredSubject[]>();
  for (const reading of readings) {
    const lookup = lookupFor(reading);
    let rows: RegisteredSubject[] = [];
    if (lookup) {
      const key = `${lookup.column}=${lookup.value}`;
      rows = seen.get(key) ?? (await registrySubjectsBy(db, lookup.column, lookup.value, divisions));
      seen.set(key, rows);
      if (rows.length) return { c: reading, lookup, rows };
    }
    if (reading === c) first = { c, lookup, rows };
  }
  return first!;
}

/** `who` decides whether the registry may be used at all and over which divisions (registryScope):
 * outside a district's divisions a code finds no subject, as if the registry had none. */
export async function mapCodes(db: Db, who: Identity, codes: readonly string[], today = chinaToday()): Promise<CodeMapping[]> {
  const divisions = await registryScope(db, who, today);
  return Promise.all(codes.map(async (input): Promise<CodeMapping> => {
    const { c, lookup, rows } = await resolve(db, input, divisions);
    const base = { input, normalized: c.normalized, kind: c.kind, valid: c.valid, uscc: null, method: null, confidence: null, name: null, candidates: [] };
    if (!lookup) {
      if (!c.valid) {
        return { ...base, zh: `代码无效：${c.reasons.map((r) => r.zh).join('；')}`, en: `invalid code: ${c.reasons.map((r) => r.en).join('; ')}` };
      }
      return c.kind === 'ric' || c.parts['ric']
        ? { ...base, zh: '公民身份号码属于自然人，不对应统一社会信用代码', en: 'a resident ID belongs to a natural person, who has no USCC' }
        : { ...base, zh: '无法由此代码推出统一社会信用代码', en: 'this code cannot lead to a USCC' };
    }
    if (rows.length === 1) {
      const confidence = lookup.method === 'uscc' ? 1 : 0.98;
      return {
        ...base,
        uscc: rows[0]!.uscc,
        name: rows[0]!.name,
        method: lookup.method,
        confidence,
        zh: `登记主体：${rows[0]!.name}`,
        en: `registered subject: ${rows[0]!.name}`,
      };
    }
    if (rows.length > 1) {
      return {
        ...base,
        candidates: rows,
        zh: `${rows.length} 个登记主体使用此代码，须人工确认`,
        en: `${rows.length} registered subjects carry this code: a steward must decide`,
      };
    }
    if (lookup.method === 'uscc' && !c.valid) {
      return {
        ...base, uscc: lookup.value, method: 'uscc', confidence: 0.9,
        zh: `代码不合规，需复核（${c.reasons.map((r) => r.zh).join('；')}），法人登记信息中也没有此主体`,
        en: `a nonconforming code to review (${c.reasons.map((r) => r.en).join('; ')}), and the legal-person registry has no such subject`,
      };
    }
    if (lookup.method === 'uscc') {
      return {
        ...base,
        uscc: lookup.value,
        method: 'uscc',
        confidence: 0.9,
        zh: '代码有效，但法人登记信息中没有此主体',
        en: 'a valid code, but the legal-person registry has no such subject',
      };
    }
    return { ...base, zh: '法人登记信息中没有使用此代码的主体', en: 'no subject in the legal-person registry carries this code' };
  }));
}
