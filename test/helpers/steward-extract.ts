// An extract for the steward journey's tests: the demo city's market regulator sends pairs of rows
// for one decision that disagree, so each pair is one conflict in the queue. Four pairs differ in
// the fine only (one pattern, for "apply to similar"); one pair differs in four fields (penalty
// types, penalty content, fine, validity), for a field-by-field decision.
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const HEADER = '行政相对人名称,行政相对人类别,行政相对人代码_1（统一社会信用代码）,法定代表人,行政处罚决定书文号,违法行为类型,违法事实,处罚依据,处罚类别,'
  + '处罚内容,罚款金额（万元）,处罚决定日期,处罚有效期,处罚机关,处罚机关统一社会信用代码,数据来源单位,数据来源单位统一社会信用代码';
const AUTHORITY = '市市场监督管理委员会,111200000000100140,市市场监督管理委员会,111200000000100140';

/** Subjects of the hand-written fixture, each registered in the district its code names. */
export const SUBJECTS = [
  { name: '天津市和平区海河食品有限公司', uscc: '91120101300010016K', rep: '张建国', district: '120101' },
  { name: '天津南开区鸿运商贸有限公司', uscc: '91120104300010024R', rep: '李明', district: '120104' },
  { name: '天津河西区明德教育咨询有限公司', uscc: '91120103300010059X', rep: '赵敏', district: '120103' },
  { name: '东丽区恒通机械制造有限公司', uscc: '91120110300010075P', rep: '孙强', district: '120110' },
  { name: '滨海新区远航物流有限公司', uscc: '911201163000100321', rep: '王海', district: '120116' },
] as const;

export interface PairRow { subject: (typeof SUBJECTS)[number]; docNo: string; types: string; content: string; fine: string; date: string; until: string }

const line = (r: PairRow) =>
  [r.subject.name, '法人及非法人组织', r.subject.uscc, r.subject.rep, r.docNo, '产品质量', '销售不合格产品', '《中华人民共和国产品质量法》第四十九条',
    r.types, r.content, r.fine, r.date, r.until, AUTHORITY].join(',');

/**
 * Held (first) and incoming (second) rows of each pair: the simple pairs, then the four-field pair.
 * `series` (a digit) keeps two extracts' decisions apart (document numbers and dates differ, so
 * neither is a near-duplicate of the other); `untilToo` makes the simple pairs differ in the
 * validity as well, a pattern of their own.
 */
export function stewardPairs(series = 9, untilToo = false): { held: PairRow[]; incoming: PairRow[] } {
  const held: PairRow[] = [];
  const incoming: PairRow[] = [];
  const month = String(series - 2).padStart(2, '0');
  SUBJECTS.slice(0, 4).forEach((subject, i) => {
    const base = {
      subject, docNo: `津市场监管罚〔2025〕${series}${i}1号`, types: '罚款', content: '罚款', date: `2025-${month}-0${i + 1}`, until: `2026-${month}-0${i + 1}`,
    };
    held.push({ ...base, fine: `1.${i + 1}` });
    incoming.push({ ...base, fine: `2.${i + 1}`, ...(untilToo ? { until: `2026-${month}-1${i + 1}` } : {}) });
  });
  const subject = SUBJECTS[4];
  const docNo = `津市场监管罚〔2025〕${series}81号`;
  held.push({ subject, docNo, types: '罚款', content: '罚款2000元', fine: '0.2', date: `2025-${month}-21`, until: `2026-${month}-20` });
  incoming.push({ subject, docNo, types: '警告;罚款', content: '警告并处罚款3000元', fine: '0.3', date: `2025-${month}-21`, until: `2026-${month}-28` });
  return { held, incoming };
}

/** Writes the extract (held rows first, so the incoming ones are the later copies) into `dir`. */
export function writeStewardExtract(dir: string, series = 9, untilToo = false): string {
  const { held, incoming } = stewardPairs(series, untilToo);
  const file = path.join(dir, `steward-pairs-${series}.csv`);
  writeFileSync(file, `${[HEADER, ...held.map(line), ...incoming.map(line)].join('\n')}\n`);
  return file;
}
