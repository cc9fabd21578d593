import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { makeRegistry } from '../../bench/generate/registry.ts';
import { nameKey, optionalKey } from './name-key.ts';

describe('nameKey', () => {
  it('folds traditional characters, bracket widths and spaces to one key', () => {
    const k = nameKey('福源科技（天津）有限公司');
    expect(nameKey('福源科技(天津)有限公司')).toBe(k);
    expect(nameKey('福源科技(天津）有限公司')).toBe(k);
    expect(nameKey('福源科技 （天津）有限公司　')).toBe(k);
    expect(nameKey('天津市濱海新區華興科技發展有限公司')).toBe('滨海新区华兴科技发展有限公司');
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

describe('nameKey v2: names as people write them', () => {
  it('folds the 天津 prefix in every form and the district before or after the trade name', () => {
    const k = nameKey('天津市河西区瑞华医药有限公司');
    for (const n of ['（天津）河西区瑞华医药有限公司', '(天津)河西区瑞华医药有限公司', '天津河西区瑞华医药有限公司', '河西区瑞华医药有限公司',
      '瑞华医药（天津市河西区）有限公司', '瑞华医药(河西区)有限公司', '天津市\u3000河西区 瑞华医药有限公司', '天津市河西区瑞\u200b华医药\u00a0有限公司']) {
      expect(nameKey(n), n).toBe(k);
    }
    expect(nameKey('瑞华医药（天津）有限公司')).toBe(nameKey('天津瑞华医药有限公司'));
  });
  it('keeps a district apart from the city, another district and a province of the same name', () => {
    const keys = ['天津市河西区瑞华医药有限公司', '天津市南开区瑞华医药有限公司', '天津瑞华医药有限公司', '河北瑞华医药有限公司',
      '天津市河北区瑞华医药有限公司', '瑞华医药有限公司河西分公司', '天津市塘沽区瑞华医药有限公司', '天津市滨海新区瑞华医药有限公司'].map(nameKey);
    expect(new Set(keys).size).toBe(keys.length);
  });
  it('never folds two registered subjects into one key (demo registry and 200,000 generated subjects)', () => {
    const names = readFileSync(new URL('../../catalog/demo/extracts/registry.csv', import.meta.url), 'utf8').trim().split('\n').slice(1)
      .map((line) => line.split(',')[1]!);
    const registry = makeRegistry(7, 200_000);
    for (let i = 0; i < registry.size; i++) names.push(registry.subject(i).name);
    const byKey = new Map<string, string>();
    const clashes: string[] = [];
    for (const n of new Set(names)) {
      const k = nameKey(n);
      const other = byKey.get(k);
      if (other !== undefined && other !== n) clashes.push(`${other} / ${n}`);
      byKey.set(k, n);
    }
    expect(clashes).toEqual([]);
  });
});
