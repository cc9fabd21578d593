// Public API of the identifier algorithms. reasons.ts stays internal: callers get its output
// inside a CodeCheck.
export type { CodeCheck, CodeReason, CodeReasonCode } from './types.ts';
export { CodeKind, CodeStatus } from './types.ts';
export { normalizeCode, toHalfWidth } from './normalize.ts';
export { USCC_ALPHABET, USCC_PLACEHOLDER, checkUscc, usccCheckChar } from './uscc.ts';
export { USCC_AUTHORITIES, isUsccPair } from './uscc-categories.ts';
export type { UsccAuthority } from './uscc-categories.ts';
export { checkOrgcode, orgcodeCheckChar } from './orgcode.ts';
export { RegnoKindHint, checkRegno, regnoCheckDigit, regnoKindHint } from './regno.ts';
export { checkRic, looksLikeRic, maskRic, ricCheckChar, upgradeRic15 } from './ric.ts';
export { DivisionStatus, divisionStatus, isDivision } from './divisions/index.ts';
export { verdictNotes } from './notes.ts';
export type { CodeNote } from './notes.ts';
export { checkTaxno } from './taxno.ts';
export { checkCode } from './detect.ts';
export { makeOrgcode, makeRegno, makeRic, makeUscc, mulberry32 } from './generate.ts';
export type { RicOptions, UsccOptions } from './generate.ts';
export { substitutions, transpositions } from './mutate.ts';
export type { Mutation } from './mutate.ts';
