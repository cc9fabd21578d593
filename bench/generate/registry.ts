// The legal-person registry: subject i is a pure function of (seed, i), so a 10M-row run never
// holds the registry in memory; rows recompute their subject from its index. Codes and names are
// unique by construction: the index goes through an affine permutation and is then spelled out as
// an organisation-code body, a registration-number sequence and a (district, industry, 字号)
// triple. Random bodies from makeUscc/makeOrgcode would collide at this scale (8-digit bodies:
// thousands of clashes per million subjects), which would corrupt the ground truth; the check
// characters still come from domain/codes.
import { orgcodeCheckChar, regnoCheckDigit, USCC_ALPHABET, usccCheckChar } from '../../domain/codes/index.ts';
import { affine, hashInts, int, pick, rngFor, Stream, weighted } from './random.ts';
import {
  BINHAI, BRAND_CHARS, BRAND_SIZE, DISTRICTS, ENTERPRISE_FORMS, GIVEN_CHARS, INDUSTRIES, SHOPS, SOCIAL_FORMS, SURNAMES,
} from './vocab-names.ts';

export type SubjectKind = 'enterprise' | 'individual' | 'social';

export interface Subject {
  index: number;
  kind: SubjectKind;
  uscc: string;
  orgcode: string;
  /** 15-digit old registration number; '' for social organisations (registered by 民政, not 工商). */
  regno: string;
  name: string;
  legalRep: string;
  district: string;
}

export interface Registry {
  seed: number;
  size: number;
  subject(i: number): Subject;
  /** The subject's district without building the whole subject (for picking by district). */
  districtOf(i: number): string;
}

export const MAX_SUBJECTS = 10_000_000;
const NAME_SPACE = DISTRICTS.length * INDUSTRIES.length * BRAND_SIZE * BRAND_SIZE; // 11.52M
const MA_SPACE = 31 ** 6;
const KIND_WEIGHTS: Readonly<Record<SubjectKind, number>> = { enterprise: 85, individual: 12, social: 3 };

/** A registry a few times smaller than the row count (most subjects have one penalty, some many),
 *  never so small that a district authority finds no subject in its district. */
export function registrySize(rows: number): number {
  return Math.min(MAX_SUBJECTS, Math.max(200, Math.round(rows / 3)));
}

export const personName = (r: () => number): string =>
  pick(r, SURNAMES) + pick(r, GIVEN_CHARS) + (r() < 0.7 ? pick(r, GIVEN_CHARS) : '');

export function makeRegistry(seed: number, size: number): Registry {
  if (!Number.isInteger(size) || size < 1 || size > MAX_SUBJECTS) throw new RangeError(`registry size must be 1…${MAX_SUBJECTS}`);
  const namePerm = affine(NAME_SPACE, 7_368_787, hashInts(seed, 11));
  const digitPerm = affine(100_000_000, 48_271_013, hashInts(seed, 12));
  const maPerm = affine(MA_SPACE, 16_807, hashInts(seed, 13));
  const seqPerm = affine(10_000_000, 3_141_593, hashInts(seed, 14));
  const districtOf = (i: number): string => DISTRICTS[namePerm(i) % DISTRICTS.length]![0];

  function subject(i: number): Subject {
    if (!(i >= 0 && i < size)) throw new RangeError(`subject index ${i} outside 0…${size - 1}`);
    const r = rngFor(seed, Stream.subject, i);
    const kind = weighted(r, KIND_WEIGHTS);
    // Spell the name index out as district, industry and two 字号 characters.
    let p = namePerm(i);
    const [district, dname] = DISTRICTS[p % DISTRICTS.length]!;
    p = Math.floor(p / DISTRICTS.length);
    const industry = p % INDUSTRIES.length;
    p = Math.floor(p / INDUSTRIES.length);
    const brand = BRAND_CHARS[p % BRAND_SIZE]! + BRAND_CHARS[Math.floor(p / BRAND_SIZE)]!;
    let name: string;
    if (kind === 'individual') {
      name = (r() < 0.5 ? '天津市' + dname : dname) + brand + SHOPS[industry]!;
    } else if (kind === 'social') {
      name = '天津市' + dname + brand + INDUSTRIES[industry]! + pick(r, SOCIAL_FORMS);
    } else if (district === BINHAI && r() < 0.3) {
      // Foreign-invested style, common in Binhai: 福源科技（天津）有限公司. Unprefixed names are
      // only made in one district, so (字号, industry) alone still identifies them.
      name = brand + INDUSTRIES[industry]! + '（天津）' + pick(r, ENTERPRISE_FORMS);
    } else {
      name = (r() < 0.5 ? '天津市' + dname : '天津' + dname) + brand + INDUSTRIES[industry]! + pick(r, ENTERPRISE_FORMS);
    }
    // Organisation-code body: 8 digits (codes issued before 2015) or MA + 6 symbols (since).
    let body: string;
    if (r() < 0.6) {
      body = String(digitPerm(i)).padStart(8, '0');
    } else {
      let q = maPerm(i);
      body = 'MA';
      for (let k = 0; k < 6; k++, q = Math.floor(q / 31)) body += USCC_ALPHABET.charAt(q % 31);
    }
    const orgcode = body + orgcodeCheckChar(body)!;
    const head = kind === 'enterprise' ? '91' : kind === 'individual' ? '92' : '5' + pick(r, ['1', '2', '3']);
    const first17 = head + district + orgcode;
    const uscc = first17 + usccCheckChar(first17)!;
    // The 7th digit of a registration number hints at the kind: 0–3 domestic, 6–9 individual.
    let regno = '';
    if (kind !== 'social') {
      const hint = kind === 'individual' ? 6 + int(r, 4) : int(r, 4);
      const first14 = district + hint + String(seqPerm(i)).padStart(7, '0');
      regno = first14 + regnoCheckDigit(first14)!;
    }
    return { index: i, kind, uscc, orgcode, regno, name, legalRep: personName(r), district };
  }

  return { seed, size, subject, districtOf };
}

export const REGISTRY_HEADER = ['uscc', 'name', 'regno', 'orgcode', 'legal_rep', 'district'] as const;

export const registryCells = (s: Subject): string[] => [s.uscc, s.name, s.regno, s.orgcode, s.legalRep, s.district];
