// The three levels — city (市), district (区), street or township (街/乡镇) — and what a level may
// do with its parent's entries: inherit them, add its own, narrow a rule, never contradict one.
// An entry's "parent" is the nearest entry for the same dataset and channel at an ancestor region.
import type { CatalogFile, CatalogProblem } from '../domain/catalog.ts';

type Entry = CatalogFile['entries'][number];
type Region = CatalogFile['regions'][number];

/** Update frequency, most frequent first: a child may promise more often, never less. */
export const FREQUENCY_ORDER = ['realtime', 'daily', 'weekly', 'monthly', 'quarterly'] as const;
/** Share type, most restrictive first: a child may share less, never more. */
export const SHARE_ORDER = ['none', 'conditional', 'unconditional'] as const;

const FREQ_ZH: Record<string, string> = { realtime: '实时', daily: '每日', weekly: '每周', monthly: '每月', quarterly: '每季度' };
const SHARE_ZH: Record<string, string> = { none: '不予共享', conditional: '有条件共享', unconditional: '无条件共享' };
const LEVEL_OF_PARENT: Record<Region['level'], Region['level'] | null> = { city: null, district: 'city', street: 'district' };

export function ancestors(regions: Map<string, Region>, code: string): Region[] {
  const out: Region[] = [];
  for (let r = regions.get(regions.get(code)?.parent ?? ''); r; r = regions.get(r.parent ?? '')) out.push(r);
  return out;
}

/** The region tree must be city → district → street, with codes that say so. */
export function regionProblems(c: CatalogFile): CatalogProblem[] {
  const regions = new Map(c.regions.map((r) => [r.code, r]));
  const problems: CatalogProblem[] = [];
  c.regions.forEach((r, i) => {
    const p = `/regions/${i}`;
    if (r.level === 'street' && r.code.length !== 9)
      problems.push({
        path: `${p}/code`,
        zh: `街乡镇区划代码应为 9 位统计用区划代码，实为 ${r.code}`,
        en: `a street or township code has 9 digits, got ${r.code}`,
      });
    if (r.level !== 'street' && r.code.length !== 6)
      problems.push({
        path: `${p}/code`,
        zh: `市、区级区划代码应为 6 位（GB/T 2260），实为 ${r.code}`,
        en: `a city or district code has 6 digits (GB/T 2260), got ${r.code}`,
      });
    const parent = regions.get(r.parent ?? '');
    if (!parent) return;
    if (parent.level !== LEVEL_OF_PARENT[r.level]) {
      problems.push({
        path: `${p}/parent`,
        zh: `${r.name.zh} 的上级 ${parent.name.zh} 层级不对：街乡镇属于区，区属于市`,
        en: `${r.name.en}'s parent ${parent.name.en} is at the wrong level: a street belongs to a district, a district to a city`,
      });
    } else if (r.level === 'street' && !r.code.startsWith(parent.code)) {
      problems.push({
        path: `${p}/code`,
        zh: `街乡镇代码 ${r.code} 应以所属区代码 ${parent.code} 开头`,
        en: `street code ${r.code} should start with its district's code ${parent.code}`,
      });
    }
  });
  return problems;
}

function contradiction(child: Entry, parent: Entry): { zh: string; en: string } | null {
  const rank = <T extends string>(order: readonly T[], v: string) => order.indexOf(v as T);
  if (child.authoritative !== parent.authoritative) {
    return parent.authoritative
      ? {
          zh: `上级目录把 ${parent.dataset} 的 ${parent.channel} 通道定为权威来源，下级不能改为非权威`,
          en: `the parent level makes channel ${parent.channel} the authoritative source of ${parent.dataset}; a lower level cannot make it non-authoritative`,
        }
      : {
          zh: `上级目录规定 ${parent.dataset} 的 ${parent.channel} 通道不是权威来源，下级不能另立权威来源（一数一源）`,
          en:
            `the parent level says channel ${parent.channel} is not the authoritative source of ${parent.dataset}; ` +
            'a lower level cannot make it one (one datum, one source)',
        };
  }
  if (rank(FREQUENCY_ORDER, child.frequency) > rank(FREQUENCY_ORDER, parent.frequency)) {
    return {
      zh: `更新频率「${FREQ_ZH[child.frequency]}」低于上级要求的「${FREQ_ZH[parent.frequency]}」`,
      en: `update frequency ${child.frequency} is less frequent than the parent's ${parent.frequency}`,
    };
  }
  if (rank(SHARE_ORDER, child.share) > rank(SHARE_ORDER, parent.share)) {
    return {
      zh: `共享类型「${SHARE_ZH[child.share]}」比上级的「${SHARE_ZH[parent.share]}」更宽`,
      en: `share type ${child.share} is looser than the parent's ${parent.share}`,
    };
  }
  if (child.publish && parent.publish === false) {
    return { zh: '上级规定不公示，下级不能公示', en: 'the parent level does not publish this; a lower level cannot' };
  }
  return null;
}

/** The nearest entry for the same dataset and channel above the entry's region. */
export function parentEntry(c: CatalogFile, regions: Map<string, Region>, e: Entry): { entry: Entry; index: number } | undefined {
  for (const r of ancestors(regions, e.region)) {
    const index = c.entries.findIndex((p) => p.region === r.code && p.dataset === e.dataset && p.channel === e.channel);
    if (index >= 0) return { entry: c.entries[index]!, index };
  }
  return undefined;
}

export function inheritanceProblems(c: CatalogFile): CatalogProblem[] {
  const regions = new Map(c.regions.map((r) => [r.code, r]));
  const agencies = new Map(c.agencies.map((a) => [a.code, a]));
  const problems: CatalogProblem[] = [];
  c.entries.forEach((e, i) => {
    const agency = agencies.get(e.agency);
    if (agency && e.region !== agency.region && !ancestors(regions, e.region).some((r) => r.code === agency.region)) {
      problems.push({
        path: `/entries/${i}/region`,
        zh: `数源单位 ${agency.name.zh} 属于 ${agency.region}，不能为其辖区外的 ${e.region} 报送`,
        en: `agency ${agency.name.en} belongs to ${agency.region} and cannot supply for ${e.region}, outside its area`,
      });
    }
    const twin = c.entries.findIndex(
      (o, j) => j < i && o.agency === e.agency && o.dataset === e.dataset && o.authoritative && e.authoritative && o.channel !== e.channel,
    );
    if (twin >= 0) {
      problems.push({
        path: `/entries/${i}/authoritative`,
        zh: `${e.agency} 的 ${e.dataset} 已有权威通道 ${c.entries[twin]!.channel}（/entries/${twin}），一数一源不允许第二个`,
        en: `${e.agency}'s ${e.dataset} already has an authoritative channel ${c.entries[twin]!.channel} (/entries/${twin}); one datum has one source`,
      });
    }
    const parent = parentEntry(c, regions, e);
    const why = parent && contradiction(e, parent.entry);
    if (why)
      problems.push({
        path: `/entries/${i}`,
        zh: `与上级目录条目 /entries/${parent.index} 矛盾：${why.zh}`,
        en: `contradicts the parent entry /entries/${parent.index}: ${why.en}`,
      });
  });
  return problems;
}

/** The entries in force for a region: its own and those inherited from every level above. */
export function effectiveEntries(c: CatalogFile, regionCode: string): Array<Entry & { inheritedFrom?: string }> {
  const regions = new Map(c.regions.map((r) => [r.code, r]));
  const own = c.entries.filter((e) => e.region === regionCode);
  const inherited = ancestors(regions, regionCode).flatMap((r) => c.entries.filter((e) => e.region === r.code).map((e) => ({ ...e, inheritedFrom: r.code })));
  return [...own, ...inherited];
}
