// An API pull's request without a server: the signature it sends, what Retry-After means, and how
// lineage names a request (never a secret).
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { at, httpPullConfig, requestName, sourceName } from './config.ts';
import { retryAfterMs, signature } from './request.ts';

describe('the HMAC signature', () => {
  it('is hex HMAC-SHA256 over method, path with query, and timestamp, one a line', () => {
    const want = createHmac('sha256', 'k3y').update('GET\n/v1/penalties?page=2&size=100\n1767225600').digest('hex');
    expect(signature('k3y', 'GET', '/v1/penalties?page=2&size=100', '1767225600')).toBe(want);
    expect(want).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('Retry-After', () => {
  it('reads seconds or an HTTP date, and nothing else', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:10 GMT', Date.UTC(2026, 0, 1, 0, 0, 0))).toBe(10_000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });
});

describe('the config', () => {
  const config = {
    url: 'https://api.example.gov.cn/v1/penalties?region=120101&access_token=leaked', records: 'data.list',
    pagination: { kind: 'page', pageParam: 'page', sizeParam: 'size', size: 100 }, since: { param: 'updatedAfter', field: 'updatedAt' },
  };

  it('names the API without its query, and the request with placeholders and no secret-looking value', () => {
    const c = httpPullConfig(config);
    expect(sourceName(c)).toBe('https://api.example.gov.cn/v1/penalties');
    expect(requestName(c)).toBe('GET /v1/penalties?region=120101&access_token=***&size=100&page={page}&updatedAfter={cursor}');
  });

  it('refuses a URL with a password in it and an Authorization header, in words', () => {
    expect(() => httpPullConfig({ ...config, url: 'https://u:pw@api.example/v1' })).toThrow(expect.objectContaining({ code: 'CDF_PULL_CONFIG' }) as Error);
    expect(() => httpPullConfig({ ...config, headers: { AUTHORIZATION: 'Bearer x' } }))
      .toThrow(expect.objectContaining({ messages: expect.objectContaining({ en: expect.stringContaining('may not be AUTHORIZATION') }) }) as Error);
  });

  it('finds a value by its dotted path', () => {
    expect(at({ data: { list: [1] } }, 'data.list')).toEqual([1]);
    expect(at([1], '')).toEqual([1]);
    expect(at({ data: null }, 'data.list')).toBeUndefined();
  });
});
