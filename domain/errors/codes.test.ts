import { describe, expect, it } from 'vitest';
import { CdfError, ErrorKind, dataError, isErrorCode } from '../errors.ts';
import { ERROR_CODES } from './codes.ts';
import { ACCESS_CODES } from './table/access.ts';
import { CONNECTOR_CODES } from './table/connector.ts';
import { DELIVERY_CODES } from './table/delivery.ts';
import { FILE_CODES } from './table/file.ts';
import { PULL_CODES } from './table/pull.ts';
import { REQUEST_CODES } from './table/request.ts';
import { ROW_CODES } from './table/row.ts';
import { SETUP_CODES } from './table/setup.ts';
import { STEWARD_CODES } from './table/steward.ts';

const FAMILIES = [FILE_CODES, ROW_CODES, ACCESS_CODES, SETUP_CODES, REQUEST_CODES, STEWARD_CODES, DELIVERY_CODES, CONNECTOR_CODES, PULL_CODES];
const entries = Object.entries(ERROR_CODES);

/** Codes that may share a title because they mean the same to the user (none today). */
const SAME_MEANING: string[][] = [];

describe('the error table', () => {
  it('lists each code once, in one family', () => {
    expect(FAMILIES.reduce((n, f) => n + Object.keys(f).length, 0)).toBe(entries.length);
  });

  it('gives every code a kind, a title and a next step in both languages', () => {
    const kinds = new Set<string>(Object.values(ErrorKind));
    for (const [code, t] of entries) {
      expect(code).toMatch(/^CDF_[A-Z0-9_]+$/);
      expect(kinds.has(t.kind), code).toBe(true);
      for (const text of [t.title.zh, t.title.en, t.next.zh, t.next.en]) expect(text.trim(), code).not.toBe('');
      // Chinese first: the zh texts are Chinese, the en texts are not.
      expect(t.title.zh, code).toMatch(/[\u4e00-\u9fff]/);
      expect(t.next.zh, code).toMatch(/[\u4e00-\u9fff]/);
      expect(`${t.title.en} ${t.next.en}`, code).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('gives no two codes the same title in one language unless they mean the same', () => {
    const same = (a: string, b: string) => SAME_MEANING.some((g) => g.includes(a) && g.includes(b));
    for (const lang of ['zh', 'en'] as const) {
      const seen = new Map<string, string>();
      for (const [code, t] of entries) {
        const title = t.title[lang].toLowerCase();
        const other = seen.get(title);
        if (other) expect(same(other, code), `${other} and ${code} share the ${lang} title "${title}"`).toBe(true);
        seen.set(title, code);
      }
    }
  });

  it('knows its own codes and no others', () => {
    expect(isErrorCode('CDF_ROW_REQUIRED')).toBe(true);
    expect(isErrorCode('CDF_NO_SUCH_CODE')).toBe(false);
    expect(isErrorCode('toString')).toBe(false);
  });

  it('puts the title and next step beside the per-instance message', () => {
    const e = dataError('CDF_FILE_EMPTY', { zh: '文件 a.csv 是空的', en: 'file a.csv is empty' }, { file: 'a.csv' });
    expect(e).toBeInstanceOf(CdfError);
    expect(e.toJSON()).toMatchObject({
      code: 'CDF_FILE_EMPTY', kind: 'data', message: '文件 a.csv 是空的', messageEn: 'file a.csv is empty',
      title: ERROR_CODES.CDF_FILE_EMPTY.title, next: ERROR_CODES.CDF_FILE_EMPTY.next,
    });
  });

  it('refuses, at compile time, a code outside the table or of another kind', () => {
    // @ts-expect-error: not a code of the table
    expect(() => dataError('CDF_NOT_A_CODE', { zh: '', en: '' })).not.toThrow();
    // @ts-expect-error: a not-found code is not raised as a data error
    expect(() => dataError('CDF_BATCH_UNKNOWN', { zh: '', en: '' })).not.toThrow();
  });
});
