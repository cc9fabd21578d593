// How late, in words: the two largest units that matter, Chinese and English.
import { expect, it } from 'vitest';
import { durationWords, lateText } from './timeliness.ts';

it('says a duration in its two largest units', () => {
  expect(durationWords((3 * 24 + 4) * 3600 + 59)).toEqual({ zh: '3 天 4 小时', en: '3 d 4 h' });
  expect(durationWords(2 * 86_400)).toEqual({ zh: '2 天', en: '2 d' });
  expect(durationWords(5 * 3600 + 7 * 60)).toEqual({ zh: '5 小时 7 分钟', en: '5 h 7 min' });
  expect(durationWords(3600)).toEqual({ zh: '1 小时', en: '1 h' });
  expect(durationWords(61)).toEqual({ zh: '1 分钟', en: '1 min' });
  expect(durationWords(30)).toEqual({ zh: '不到 1 分钟', en: 'under 1 min' });
});

it('words each status', () => {
  expect(lateText({ status: 'overdue', lateSeconds: (3 * 24 + 4) * 3600 })).toEqual({ zh: '逾期 3 天 4 小时', en: '3 d 4 h overdue' });
  expect(lateText({ status: 'never_seen', lateSeconds: 0 })).toEqual({ zh: '从未报送，尚未到期', en: 'never sent, not yet due' });
  expect(lateText({ status: 'never_seen', lateSeconds: 7200 })).toEqual({ zh: '从未报送，逾期 2 小时', en: 'never sent, 2 h overdue' });
  expect(lateText({ status: 'on_time', lateSeconds: 0 })).toEqual({ zh: '按时', en: 'on time' });
});
