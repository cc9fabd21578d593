import { describe, expect, it } from 'vitest';
import { chineseNumber } from './chinese-number.ts';
import { restatedText } from './meaning.ts';

describe('chineseNumber', () => {
  it.each([['贰仟', 2000], ['叁万伍仟', 35000], ['一万二千五百', 12500], ['十五', 15], ['贰仟零伍拾', 2050], ['一亿二千万', 120000000], ['两万', 20000], ['拾', 10]])(
    '%s → %d', (s, n) => expect(chineseNumber(s)).toBe(n));
  it('refuses what is not a numeral', () => {
    expect(chineseNumber('罚款')).toBeNull();
    expect(chineseNumber('')).toBeNull();
  });
});

describe('restatedText (处罚内容 compared by meaning)', () => {
  const same = (a: string, b: string) => expect(restatedText(a)).toBe(restatedText(b));
  const differ = (a: string, b: string) => expect(restatedText(a)).not.toBe(restatedText(b));
  it('folds the forms of one fine', () => {
    same('罚款0.2万元', '罚款0.20万元');
    same('罚款40万元', '罚款40.00万元');
    same('罚款0.2万元', '罚款2000元');
    same('罚款2000元', '罚款2,000.00元');
    same('罚款2000元', '处以罚款人民币2000元整');
    same('罚款2000元', '罚款人民币贰仟元整');
    same('罚款2000元', '罚款 ２０００ 元。');
    same('警告，罚款1.5万元', '警告;罚款15000元');
    same('罚款1.5万元', '罚款壹万伍仟元');
    same('没收违法所得3,500元，罚款5万元', '没收违法所得0.35万元、罚款50000元');
    same('罚款0.2万元', '人民币0.2万元');
    same('警告，并处罚款2000元', '警告;罚款2000元');
  });
  it('keeps real differences', () => {
    differ('罚款2000元', '罚款3000元');
    differ('罚款0.2万元', '罚款0.02万元');
    differ('警告', '罚款2000元');
    differ('罚款2000元', '罚款2000元，责令停产停业');
    differ('罚款2000元', '没收违法所得2000元');
    differ('罚款1.5万元', '罚款15万元');
  });
});
