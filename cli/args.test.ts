import { describe, expect, it } from 'vitest';
import { parse } from './args.ts';
import { refusal } from '../test/helpers/refusal.ts';


describe('parse', () => {
  it('reads positionals and the shared flags', () => {
    const p = parse(['upload', 'file.csv', '--json', '--lang', 'en', '--as', 'agency:city_tax@zhang', '--dataset', 'admin_penalty']);
    expect(p.positionals).toEqual(['upload', 'file.csv']);
    expect(p.json).toBe(true);
    expect(p.lang).toBe('en');
    expect(p.as).toBe('agency:city_tax@zhang');
    expect(p.values.dataset).toBe('admin_penalty');
  });

  it('defaults to no JSON, no language and no identity', () => {
    const p = parse(['batch', 'list']);
    expect(p).toMatchObject({ positionals: ['batch', 'list'], json: false, lang: undefined, as: undefined });
  });

  it('reads --flag=value and -h', () => {
    const p = parse(['--lang=zh-CN', '-h', '--wait']);
    expect(p.lang).toBe('zh-CN');
    expect(p.values.help).toBe(true);
    expect(p.values.wait).toBe(true);
  });

  it('refuses an unknown flag as a usage error', () => {
    const e = refusal(() => parse(['upload', '--colour', 'red']));
    expect(e.kind).toBe('usage');
    expect(e.code).toBe('CDF_USAGE');
    expect(e.messages.zh).toMatch(/^参数错误：.*--colour/);
    expect(e.messages.en).toMatch(/^bad arguments: .*--colour/);
  });

  it('refuses a string flag without its value', () => {
    const e = refusal(() => parse(['upload', '--dataset']));
    expect(e.kind).toBe('usage');
    expect(e.messages.en).toMatch(/^bad arguments: .*--dataset/);
  });

  it.each(['fr', 'zh', 'EN', ''])('refuses --lang %j', (lang) => {
    const e = refusal(() => parse(['--lang', lang]));
    expect(e.kind).toBe('usage');
    expect(e.code).toBe('CDF_USAGE');
    expect(e.messages).toEqual({ zh: '--lang 只能是 zh-CN 或 en', en: '--lang must be zh-CN or en' });
  });
});
