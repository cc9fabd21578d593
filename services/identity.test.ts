import { describe, expect, it } from 'vitest';
import { parseIdentity, requireAgencyScope, requireRole } from './identity.ts';
import type { Identity } from './identity.ts';
import { refusal } from '../test/helpers/refusal.ts';


describe('parseIdentity', () => {
  it('reads a bare role', () => {
    expect(parseIdentity('admin')).toEqual({ role: 'admin', user: 'admin' });
    expect(parseIdentity('  auditor ')).toEqual({ role: 'auditor', user: 'auditor' });
  });

  it('reads an agency with its user', () => {
    expect(parseIdentity('agency:city_tax@zhang')).toEqual({ role: 'agency', user: 'zhang', agency: 'city_tax' });
  });

  it('names an agency identity without user after its scope', () => {
    expect(parseIdentity('agency:city_market_regulation')).toEqual({ role: 'agency', user: 'agency:city_market_regulation', agency: 'city_market_regulation' });
  });

  it('reads a steward scoped to a region', () => {
    expect(parseIdentity('steward:120101')).toEqual({ role: 'steward', user: 'steward:120101', region: '120101' });
    expect(parseIdentity('steward:120101001@li.na')).toEqual({ role: 'steward', user: 'li.na', region: '120101001' });
  });

  it('reads a user that is an e-mail address', () => {
    expect(parseIdentity('admin@wang@example.org')).toEqual({ role: 'admin', user: 'wang@example.org' });
  });

  it.each(['', 'root', 'Admin', 'agency:', 'steward:', 'admin@', 'agency:city tax@zhang', 'agency:城市@zhang', 'admin:x:y'])('refuses %j', (spec) => {
    const e = refusal(() => parseIdentity(spec));
    expect(e.kind).toBe('usage');
    expect(e.code).toBe('CDF_IDENTITY_INVALID');
    expect(e.messages.zh).toBe(`身份格式应为 角色[:范围][@用户]，例如 agency:city_market_regulation@zhang；实为「${spec}」`);
    expect(e.messages.en).toBe(`an identity is role[:scope][@user], e.g. agency:city_market_regulation@zhang; got "${spec}"`);
  });

  it('refuses an agency identity without its agency', () => {
    for (const spec of ['agency', 'agency@zhang']) {
      const e = refusal(() => parseIdentity(spec));
      expect(e.code).toBe('CDF_IDENTITY_INVALID');
      expect(e.messages.zh).toBe('数源单位身份必须指明单位，例如 agency:city_market_regulation');
      expect(e.messages.en).toBe('an agency identity names its agency, e.g. agency:city_market_regulation');
    }
  });
});

describe('requireRole', () => {
  const auditor: Identity = { role: 'auditor', user: 'zhao' };

  it('lets a listed role pass', () => {
    expect(() => requireRole(auditor, ['auditor', 'admin'], { zh: '查看审计日志', en: 'read the audit log' })).not.toThrow();
  });

  it('refuses another role, saying who, what and which roles may', () => {
    const e = refusal(() => requireRole(auditor, ['steward', 'admin'], { zh: '合并主体', en: 'merge subjects' }));
    expect(e.kind).toBe('forbidden');
    expect(e.code).toBe('CDF_FORBIDDEN');
    expect(e.messages.zh).toBe('审计（zhao）无权合并主体，需要：数据管理员、管理员');
    expect(e.messages.en).toBe('auditor (zhao) may not merge subjects; needs one of: steward, admin');
  });
});

describe('requireAgencyScope', () => {
  it('lets an agency act for itself and an admin for any agency', () => {
    expect(() => requireAgencyScope(parseIdentity('agency:city_tax@zhang'), 'city_tax')).not.toThrow();
    expect(() => requireAgencyScope(parseIdentity('admin'), 'city_tax')).not.toThrow();
  });

  it('refuses an agency acting for another agency', () => {
    const e = refusal(() => requireAgencyScope(parseIdentity('agency:city_tax@zhang'), 'city_ecology'));
    expect(e.kind).toBe('forbidden');
    expect(e.code).toBe('CDF_FORBIDDEN_AGENCY');
    expect(e.messages.zh).toBe('身份 zhang 属于 city_tax，不能代 city_ecology 上传或查看');
    expect(e.messages.en).toBe('identity zhang belongs to city_tax and cannot act for city_ecology');
  });

  it('refuses a role that does not upload', () => {
    const e = refusal(() => requireAgencyScope(parseIdentity('steward:120101@li'), 'city_tax'));
    expect(e.code).toBe('CDF_FORBIDDEN');
    expect(e.messages.zh).toBe('数据管理员（li）无权上传数据，需要：数源单位、管理员');
    expect(e.messages.en).toBe('steward (li) may not upload data; needs one of: agency, admin');
  });
});
