import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectEncoding } from './encoding.ts';

const text = '行政相对人名称,行政相对人类别,罚款金额（万元）\r\n天津市和平区海河食品有限公司,法人及非法人组织,0.5\r\n';

describe('detectEncoding', () => {
  it('says utf-8 for UTF-8, with or without a BOM', () => {
    expect(detectEncoding(Buffer.from(text, 'utf8'))).toBe('utf-8');
    expect(detectEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]))).toBe('utf-8');
  });

  it('says gb18030 for GBK and GB18030', () => {
    expect(detectEncoding(iconv.encode(text, 'gbk'))).toBe('gb18030');
    expect(detectEncoding(iconv.encode(`${text}𠮷`, 'gb18030'))).toBe('gb18030');
  });

  it('says utf-8 for pure ASCII and for nothing', () => {
    expect(detectEncoding(Buffer.from('a,b,c\r\n1,2,3\r\n'))).toBe('utf-8');
    expect(detectEncoding(Buffer.alloc(0))).toBe('utf-8');
  });

  it('still says utf-8 for a sample cut inside a multi-byte character', () => {
    const utf8 = Buffer.from(text, 'utf8');
    // "行" is 3 bytes: cut after 1 and after 2 of them, and after a whole character.
    for (const cut of [1, 2, 3, 4, 5, 6, 7]) {
      expect(detectEncoding(utf8.subarray(0, cut)), `cut at ${cut}`).toBe('utf-8');
    }
    // Cut at every byte of the whole text: never mistaken for GB18030.
    for (let cut = 1; cut <= utf8.length; cut++) {
      expect(detectEncoding(utf8.subarray(0, cut)), `cut at ${cut}`).toBe('utf-8');
    }
  });

  it('still says utf-8 for a sample cut inside a four-byte character', () => {
    const utf8 = Buffer.from('名称𠮷', 'utf8'); // 3 + 3 + 4 bytes
    for (const cut of [7, 8, 9]) expect(detectEncoding(utf8.subarray(0, cut)), `cut at ${cut}`).toBe('utf-8');
  });

  it('says gb18030 for GBK however the sample is cut', () => {
    const gbk = iconv.encode(text, 'gbk');
    for (const cut of [8, 9, 20, 21, gbk.length - 1]) {
      expect(detectEncoding(gbk.subarray(0, cut)), `cut at ${cut}`).toBe('gb18030');
    }
  });
});

describe('a whole small file', () => {
  it('is GBK when its last bytes would only look like a cut UTF-8 character', () => {
    const gbk = iconv.encode('code,name\r\n1,啊', 'gbk');
    expect(gbk.subarray(-2)).toEqual(Buffer.from([0xb0, 0xa1]));
    expect(detectEncoding(gbk, false)).toBe('gb18030');
  });
});
