// 处罚内容 is free text, and each agency restates the fine in it its own way: 罚款0.2万元,
// 罚款0.20万元, 罚款2000元, 罚款2,000.00元, 处以罚款人民币2000元整. Every form states the same amount;
// copies of one disclosure sent by different agencies then differ in text only.
import type { Disclosure } from '../disclosure.ts';
import { wanText } from '../formats.ts';

export const CONTENT_FORMS = ['canonical', 'wan2', 'yuan', 'yuanGrouped', 'renminbi', 'wanRenminbi'] as const;
export type ContentForm = (typeof CONTENT_FORMS)[number];

const group3 = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** An amount in yuan as this form writes it; canonical is the generator's default (万元 from 1万). */
export function moneyText(yuan: number, form: ContentForm): string {
  const wan = wanText(yuan);
  switch (form) {
    case 'canonical': return yuan >= 10_000 ? `${wan}万元` : `${yuan}元`;
    case 'wan2': {
      const [w, f = ''] = wan.split('.');
      return `${w}.${f.padEnd(2, '0')}万元`;
    }
    case 'yuan': return `${yuan}元`;
    case 'yuanGrouped': return `${group3(yuan)}.00元`;
    case 'renminbi': return `人民币${yuan}元整`;
    case 'wanRenminbi': return `人民币${wan}万元`;
  }
}

/** The disclosure's 处罚内容 with its fine (this copy's, which a conflicting copy changes) and
 *  confiscation written in the given form. */
export function contentText(d: Disclosure, fineYuan: number | null, form: ContentForm): string {
  return d.penaltyTypes.map((t) => {
    if (t === '罚款') return `${form === 'renminbi' ? '处以罚款' : '罚款'}${moneyText(fineYuan!, form)}`;
    if (t.startsWith('没收')) return `${t}${moneyText(d.confiscatedYuan!, form)}`;
    if (t.endsWith('许可证件')) return `${t.slice(0, 2)}${d.licence!.split(' ')[0]}`;
    return t;
  }).join('，');
}
