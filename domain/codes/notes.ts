// What a verdict should say besides its reasons: that the code could be read as another kind too,
// that a first-generation ID has an 18-digit form, that a division is an old one. Used by
// `cdf codes check` so that a reader sees the ambiguity instead of a silent guess.
import { KIND_NAMES } from './reasons.ts';
import type { CodeCheck, CodeKind } from './types.ts';

export interface CodeNote {
  zh: string;
  en: string;
}

const isKind = (k: string): k is CodeKind => Object.hasOwn(KIND_NAMES, k);

export function verdictNotes(c: CodeCheck): CodeNote[] {
  const notes: CodeNote[] = [];
  const others = (c.parts['ambiguousWith'] ?? '').split(',').filter(isKind);
  if (others.length) {
    notes.push({
      zh: `也是有效的${others.map((k) => KIND_NAMES[k].zh).join('、')}，按${KIND_NAMES[c.kind].zh}判断；若所在字段已知代码种类，请按该种类核对`,
      en: `also valid as a ${others.map((k) => KIND_NAMES[k].en).join(' or ')}; read as a ${KIND_NAMES[c.kind].en}: `
        + 'where the column says which kind it holds, check it as that kind',
    });
  }
  if (c.kind === 'ric' && c.parts['generation'] === '1' && c.parts['upgraded']) {
    notes.push({
      zh: `第一代（15 位）身份证号码，对应的 18 位号码为 ${c.parts['upgraded']}`,
      en: `a first-generation (15-digit) ID; its 18-digit form is ${c.parts['upgraded']}`,
    });
  }
  if (c.kind === 'ric' && c.parts['divisionStatus'] === 'plausible') {
    notes.push({
      zh: `地址码 ${c.parts['division']} 不在 2002 年以来公布的行政区划代码中，但所属地市存在，按 2002 年前撤销的旧县级代码接受`,
      en: `address code ${c.parts['division']} is not among the divisions published since 2002, but its prefecture is: `
        + 'accepted as a county code retired before 2002',
    });
  }
  return notes;
}
