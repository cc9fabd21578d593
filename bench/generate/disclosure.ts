// A disclosure is one real penalty decision, with its true values. Channels then emit copies of it
// (rows.ts), each written differently. Which copies exist is decided here, from the catalogue's
// routing: the national vertical feed relays city-level authorities, the Binhai platform relays
// penalties on Binhai subjects.
import { makeRic } from '../../domain/codes/index.ts';
import { addMonthsMinusDay, dayOf, wanText } from './formats.ts';
import type { Rates } from './rates.ts';
import { chance, int, pick, rngFor, Stream, weighted } from './random.ts';
import type { Rand } from './random.ts';
import type { Registry, Subject } from './registry.ts';
import { personName } from './registry.ts';
import { BINHAI } from './vocab-names.ts';
import { AUTHORITIES, LICENCES, PENALTY_COMBOS, VIOLATIONS } from './vocab-penalty.ts';
import type { Authority, Violation } from './vocab-penalty.ts';

export type Category = '法人及非法人组织' | '个体工商户' | '自然人';

export interface Disclosure {
  id: number;
  authority: Authority;
  year: number;
  seq: number;
  subject: Subject | null;
  person: { name: string; ric: string } | null;
  category: Category;
  violation: Violation;
  facts: string;
  penaltyTypes: readonly string[];
  fineYuan: number | null;
  confiscatedYuan: number | null;
  licence: string | null;
  content: string;
  decisionDay: number;
  validUntilDay: number;
  /** Copies per channel (0 or 1; a resend is decided per copy in rows.ts). */
  agency: boolean;
  vertical: boolean;
  platform: boolean;
}

const FIRST_DAY = dayOf(2023, 1, 1);
const LAST_DAY = dayOf(2025, 12, 31);
const AUTH_WEIGHTS = Object.fromEntries(AUTHORITIES.map((a, k) => [String(k), a.weight]));
const COMBO_WEIGHTS = Object.fromEntries(PENALTY_COMBOS.map(([, w], k) => [String(k), w]));

/** Log-uniform between lo and hi, rounded to `unit`: small fines are far more common than big ones. */
const logUniform = (r: Rand, [lo, hi, unit]: readonly [number, number, number]): number =>
  Math.max(unit, Math.round(Math.exp(Math.log(lo) + r() * (Math.log(hi) - Math.log(lo))) / unit) * unit);

const money = (yuan: number): string => (yuan >= 10_000 ? `${wanText(yuan)}万元` : `${yuan}元`);

/** A subject for the authority: any subject for the city (a few repeat offenders more often),
 *  one registered in its own district for a district authority. */
function draw(r: Rand, size: number): number {
  return r() < 0.3 ? int(r, Math.max(1, Math.floor(size / 20))) : int(r, size);
}

function pickSubject(r: Rand, registry: Registry, region: string): Subject {
  if (region === '120000') return registry.subject(draw(r, registry.size));
  for (let tries = 0; tries < 2000; tries++) {
    const i = draw(r, registry.size);
    if (registry.districtOf(i) === region) return registry.subject(i);
  }
  for (let i = 0; i < registry.size; i++) if (registry.districtOf(i) === region) return registry.subject(i);
  throw new RangeError(`the registry has no subject in district ${region}`);
}

export function makeDisclosure(
  seed: number, id: number, registry: Registry, rates: Rates, nextSeq: (authority: string, year: number) => number,
): Disclosure {
  const r = rngFor(seed, Stream.disclosure, id);
  const authority = AUTHORITIES[Number(weighted(r, AUTH_WEIGHTS))]!;
  let subject: Subject | null = null;
  let person: Disclosure['person'] = null;
  if (chance(r, rates.naturalPerson)) {
    person = { name: personName(r), ric: makeRic(r, authority.region === '120000' ? {} : { division: authority.region }) };
  } else {
    subject = pickSubject(r, registry, authority.region);
  }
  const category: Category = person ? '自然人' : subject!.kind === 'individual' ? '个体工商户' : '法人及非法人组织';
  const violation = pick(r, VIOLATIONS[authority.group]);
  const penaltyTypes = PENALTY_COMBOS[Number(weighted(r, COMBO_WEIGHTS))]![0];
  const fineYuan = penaltyTypes.includes('罚款') ? logUniform(r, violation.fine) : null;
  const confiscatedYuan = penaltyTypes.includes('没收违法所得') || penaltyTypes.includes('没收非法财物') ? logUniform(r, [1000, 500_000, 100]) : null;
  const licence = penaltyTypes.includes('吊销许可证件') || penaltyTypes.includes('暂扣许可证件')
    ? `${pick(r, LICENCES)} JY${(subject?.district ?? '120000')}${String(int(r, 1e8)).padStart(8, '0')}` : null;
  const content = penaltyTypes.map((t) => (t === '罚款' ? `罚款${money(fineYuan!)}`
    : t.startsWith('没收') ? `${t}${money(confiscatedYuan!)}`
      : t.endsWith('许可证件') ? `${t.slice(0, 2)}${licence!.split(' ')[0]}` : t)).join('，');
  const decisionDay = FIRST_DAY + int(r, LAST_DAY - FIRST_DAY + 1);
  const validUntilDay = addMonthsMinusDay(decisionDay, pick(r, [6, 12, 12, 12, 24, 36]));
  const year = new Date(decisionDay * 86_400_000).getUTCFullYear();

  const vertical = authority.region === '120000' && chance(r, rates.vertical);
  const platform = subject?.district === BINHAI && chance(r, rates.platform);
  const agency = !((vertical || platform) && chance(r, rates.agencyMissing));
  return {
    id, authority, year, seq: nextSeq(authority.code, year), subject, person, category, violation,
    facts: pick(r, violation.facts), penaltyTypes, fineYuan, confiscatedYuan, licence, content,
    decisionDay, validUntilDay, agency, vertical, platform,
  };
}

/** The canonical decision number: 津市场监管罚〔2025〕123号. */
export const decisionNo = (d: Disclosure): string => `${d.authority.docPrefix}〔${d.year}〕${d.seq}号`;
