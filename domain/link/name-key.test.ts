import { describe, expect, it } from 'vitest';
import { nameKey, optionalKey } from './name-key.ts';

describe('nameKey', () => {
  it('folds traditional characters, bracket widths and spaces to one key', () => {
    const k = nameKey('福源科技（天津）有限公司');
    expect(nameKey('福源科技(天津)有限公司')).toBe(k);
    expect(nameKey('福源科技(天津）有限公司')).toBe(k);
    expect(nameKey('福源科技 （天津）有限公司　')).toBe(k);
    expect(nameKey('天津市濱海新區華興科技發展有限公司')).toBe('天津市滨海新区华兴科技发展有限公司');
  });
  it('keeps different names apart', () => {
    expect(nameKey('天津市和平区福源科技有限公司')).not.toBe(nameKey('天津市和平区福原科技有限公司'));
  });
  it('upper-cases Latin letters and treats empty values as missing', () => {
    expect(nameKey('abc商贸')).toBe('ABC商贸');
    expect(optionalKey('  ')).toBeNull();
    expect(optionalKey(undefined)).toBeNull();
  });
});
