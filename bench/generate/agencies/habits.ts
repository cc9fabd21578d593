// Each file's sender has habits, as real offices do: one always writes 第 and a title row, another
// pads sequence numbers and writes （2024）, the tax bureau writes amounts in 元. A habit profile is
// drawn once per file from (seed, file index), so it is the same for every row of that file and
// the same on every run with the seed; rows then follow it, with a clerk's occasional deviation.
import { FILE_SPECS } from '../channels.ts';
import type { FileSpec } from '../channels.ts';
import { chance, int, pick, rngFor } from '../random.ts';
import { CONTENT_FORMS } from './content-forms.ts';
import type { ContentForm } from './content-forms.ts';
import { YEAR_BRACKETS } from './docno-forms.ts';
import type { DocnoForm } from './docno-forms.ts';
import { CITY_PREFIXES } from './name-forms.ts';
import type { CityPrefix } from './name-forms.ts';
import { PLACEHOLDERS } from './placeholders.ts';
import type { Placeholder } from './placeholders.ts';

/** Stream id of habit profiles (random.ts's Stream ends at 4; the agency row stream is 6). */
export const HABIT_STREAM = 5;

export type LayoutStyle = 'none' | 'title' | 'full';

export interface Habits {
  layout: LayoutStyle;
  /** Title cells padded with commas to the header's width, as Excel saves merged cells. */
  titleAsRow: boolean;
  footers: boolean;
  docno: DocnoForm;
  content: ContentForm;
  /** What fills absent code cells. */
  placeholder: Placeholder;
  prefix: CityPrefix;
  dropDistrict: boolean;
  asciiBrackets: boolean;
  /** Excel's text marker before long codes (' or a tab), or none. */
  textPrefix: '' | "'" | '\t';
  /** Dates exported from a datetime column: 2024-08-23 00:00:00. */
  dateTime: boolean;
  /** 法人及非法人组织 written in the 2016 template's words, 法人及其他组织. */
  oldCategory: boolean;
  /** 0 written in the amount columns of a penalty without a fine or confiscation, not left empty. */
  zeroForNone: boolean;
  /** A 序号 column first, numbering the data rows, as nearly every government table has. */
  serial: boolean;
  /** Per row: share of rows typed other than the habit (another clerk, a pasted row). */
  deviate: number;
}

// Layout styles dealt round the files in a seeded rotation: every style occurs whatever the seed.
const LAYOUTS: readonly LayoutStyle[] = ['full', 'title', 'none', 'full', 'title', 'full', 'none', 'full'];

export function habitsFor(seed: number, spec: FileSpec): Habits {
  const k = FILE_SPECS.indexOf(spec);
  const r = rngFor(seed, HABIT_STREAM, k);
  const turn = int(rngFor(seed, HABIT_STREAM, 1000), LAYOUTS.length);
  const layout = LAYOUTS[(k + turn) % LAYOUTS.length]!;
  // Every office types its document numbers differently: rotate the brackets too, then draw the rest.
  const brackets = YEAR_BRACKETS[(k + turn) % YEAR_BRACKETS.length]!;
  return {
    layout, titleAsRow: chance(r, 0.5), footers: layout !== 'none' && chance(r, 0.8),
    docno: {
      brackets, di: chance(r, 0.5), pad: pick(r, [0, 0, 3, 4] as const),
      fullWidth: chance(r, 0.1), spaces: chance(r, 0.15), noHao: chance(r, 0.1),
    },
    content: CONTENT_FORMS[(k + turn) % CONTENT_FORMS.length]!,
    placeholder: PLACEHOLDERS[(k + turn) % PLACEHOLDERS.length]!,
    prefix: pick(r, CITY_PREFIXES.slice(0, 4)), dropDistrict: chance(r, 0.3), asciiBrackets: chance(r, 0.4),
    deviate: 0.05 + 0.1 * r(),
    // Drawn last, so adding them left the other habits of a seed as they were.
    textPrefix: pick(r, ['', '', '', '\t', '\t', "'"] as const), dateTime: chance(r, 0.3),
    oldCategory: chance(r, 0.25), zeroForNone: chance(r, 0.3), serial: chance(r, 0.4),
  };
}
