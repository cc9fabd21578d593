// Row rejects: stored in `rejects` with the row, field and value (domain/clean/*.ts, the link
// step's held rejects), grouped by code in a batch's validation report.
import type { CodeFamily } from '../text.ts';

const fixAndResend = (zh: string, en: string) => ({ zh: `${zh}，改正后重新上传这些行`, en: `${en}, correct it and upload the rows again` });

export const ROW_CODES = {
  CDF_ROW_REQUIRED: {
    kind: 'data',
    title: { zh: '缺少必填字段', en: 'required field missing' },
    next: { zh: '填写该字段后重新上传这些行', en: 'fill in the field and upload the rows again' },
  },
  CDF_ROW_SCHEMA: {
    kind: 'data',
    title: { zh: '格式不符合标准（日期、金额、代码等）', en: 'value not in the standard\'s format (date, amount, code…)' },
    next: {
      zh: '按标准的格式填写该值（如日期 YYYY-MM-DD、金额为数字）后重新上传这些行',
      en: 'write the value in the standard\'s format (a date as YYYY-MM-DD, an amount as a number) and upload the rows again',
    },
  },
  CDF_ROW_CODELIST: {
    kind: 'data',
    title: { zh: '不在代码表中', en: 'not in the code list' },
    next: { zh: '改为代码表中的值后重新上传这些行', en: 'use a value from the code list and upload the rows again' },
  },
  CDF_CODE_INVALID: {
    kind: 'data',
    title: { zh: '统一社会信用代码校验不通过', en: 'USCC fails its check' },
    next: fixAndResend('对照营业执照或登记信息核对代码', 'check the code against the licence or the registry'),
  },
  // No longer stored (a nonconforming USCC is now a code conflict for review), but batches
  // validated before still carry it.
  CDF_CODE_NONCONFORMING: {
    kind: 'data',
    title: { zh: '代码不合规，需人工复核', en: 'nonconforming code, to review' },
    next: { zh: '向登记机关核实该代码；确为已发放的代码则无需改动', en: 'confirm the code with the registration authority; a code really issued needs no change' },
  },
  CDF_ROW_RAGGED: {
    kind: 'data',
    title: { zh: '单元格多于表头', en: 'more cells than headers' },
    next: {
      zh: '删除多余的单元格或补上表头（单元格内的逗号须加引号）后重新上传这些行',
      en: 'remove the extra cells or add their headers (a comma inside a cell needs quotes) and upload the rows again',
    },
  },
  CDF_ROW_DATE_FUTURE: {
    kind: 'data',
    title: { zh: '决定日期晚于接收日期', en: 'decision dated after receipt' },
    next: fixAndResend('核对决定书上的日期', 'check the date on the decision'),
  },
  CDF_ROW_DATE_IMPLAUSIBLE: {
    kind: 'data',
    title: { zh: '决定日期不可能', en: 'implausible decision date' },
    next: fixAndResend('核对决定书上的日期（不早于 1949-10-01）', 'check the date on the decision (not before 1949-10-01)'),
  },
  CDF_ID_INVALID: {
    kind: 'data',
    title: { zh: '公民身份号码校验不通过', en: 'resident ID number fails its check' },
    next: fixAndResend('对照身份证件核对号码', 'check the number against the identity card'),
  },
} as const satisfies CodeFamily;
