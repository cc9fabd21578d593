import { describe, expect, it } from 'vitest';
import { checkDecision } from './decision.ts';

describe('checkDecision', () => {
  it('accepts each well-formed decision', () => {
    for (const decision of [{ action: 'take_held' }, { action: 'take_incoming' }, { action: 'keep_apart' }, { action: 'reject' }, { action: 'no_subject' },
      { action: 'set_values', values: { fine_amount: '1.5' } }, { action: 'link', uscc: '91120101MA05T8PX0R' }]) {
      expect(checkDecision({ taskId: 1, decision }), decision.action).toBeNull();
    }
  });
  it('refuses a malformed one with a reason in both languages', () => {
    expect(checkDecision({ decision: { action: 'take_held' } })?.en).toMatch(/taskId/);
    expect(checkDecision({ taskId: 1, decision: { action: 'merge_all' } })).toEqual({ zh: '未知的处理方式：merge_all', en: 'unknown decision: merge_all' });
    expect(checkDecision({ taskId: 1, decision: { action: 'set_values', values: {} } })?.zh).toContain('至少一个字段');
    expect(checkDecision({ taskId: 1, decision: { action: 'link', uscc: 'abc' } })?.en).toContain('18-character');
    expect(checkDecision(null)).not.toBeNull();
  });
});
