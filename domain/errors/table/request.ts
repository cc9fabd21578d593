// A request or command that cannot be answered as asked, and what it asked for that is not there.
import type { CodeFamily } from '../text.ts';

export const REQUEST_CODES = {
  CDF_USAGE: {
    kind: 'usage',
    title: { zh: '命令用法不正确', en: 'wrong command usage' },
    next: { zh: '运行 cdf --help 查看用法', en: 'see cdf --help' },
  },
  CDF_REQUEST_INVALID: {
    kind: 'usage',
    title: { zh: '请求不符合接口定义', en: 'request does not match the API' },
    next: { zh: '按 /api/openapi.json 改正请求', en: 'correct the request after /api/openapi.json' },
  },
  CDF_ROUTE_UNKNOWN: {
    kind: 'not_found',
    title: { zh: '没有这个接口', en: 'no such route' },
    next: { zh: '接口清单见 /api/openapi.json', en: 'the routes are listed in /api/openapi.json' },
  },
  CDF_NETWORK: {
    kind: 'transient',
    title: { zh: '无法连接到工厂服务', en: 'the factory could not be reached' },
    next: { zh: '检查网络后重试（浏览器中的界面给出此代码）', en: 'check the network and try again (the web application gives this code)' },
  },
  CDF_CODES_MISSING: {
    kind: 'usage',
    title: { zh: '未给出代码', en: 'no code given' },
    next: { zh: '至少给出一个 code 参数', en: 'give at least one code parameter' },
  },
  CDF_CODES_TOO_MANY: {
    kind: 'usage',
    title: { zh: '代码过多', en: 'too many codes' },
    next: { zh: '分批查询，每次不超过 1000 个', en: 'ask in parts of at most 1,000 codes' },
  },
  CDF_EXPORT_ARGS: {
    kind: 'usage',
    title: { zh: '导出参数不正确', en: 'invalid export parameters' },
    next: { zh: '给出 dataset 参数；asOf 为日期或时间', en: 'give the dataset parameter; asOf is a date or a time' },
  },
  CDF_DATE_INVALID: {
    kind: 'usage',
    title: { zh: '日期格式不正确', en: 'malformed date' },
    next: { zh: '写作 YYYY-MM-DD，或带时区的时间', en: 'write it as YYYY-MM-DD, or a time with its offset' },
  },
  CDF_STATUS_UNKNOWN: {
    kind: 'usage',
    title: { zh: '未知的状态', en: 'unknown status' },
    next: { zh: '从列出的状态中选择', en: 'choose one of the statuses listed' },
  },
  CDF_NOT_PUBLISHED: {
    kind: 'usage',
    title: { zh: '数据集不对外公示', en: 'dataset not published' },
    next: { zh: '只有公示的数据集有公示视图', en: 'only a published dataset has a public view' },
  },
  CDF_BATCH_UNKNOWN: {
    kind: 'not_found',
    title: { zh: '批次不存在', en: 'no such batch' },
    next: { zh: '核对批次号', en: 'check the batch id' },
  },
  CDF_AGENCY_DATASET_UNKNOWN: {
    kind: 'not_found',
    title: { zh: '本单位的数据集中没有该数据集', en: 'not one of the agency\'s datasets' },
    next: { zh: '从“我的数据集”中选择，或请管理员在目录中分配', en: 'choose one of "My datasets", or ask an administrator to assign it in the catalogue' },
  },
  CDF_AGENCY_REQUIRED: {
    kind: 'usage',
    title: { zh: '未指明单位', en: 'no agency named' },
    next: { zh: '以管理员身份查看时用 agency 参数指明单位，例如 agency=city_market_regulation', en: 'as an admin, name the agency, e.g. agency=city_market_regulation' },
  },
  CDF_RECORD_UNKNOWN: {
    kind: 'not_found',
    title: { zh: '标准记录不存在或不可见', en: 'no such record, or not visible to you' },
    next: { zh: '核对记录编号，或以有权查看的身份查询', en: 'check the record id, or ask under an identity that may see it' },
  },
  CDF_RECORD_ID_INVALID: {
    kind: 'usage',
    title: { zh: '不是记录编号', en: 'not a record id' },
    next: {
      zh: '记录编号是数字，如 1024；按统一社会信用代码、名称或文号查找请用“查询”（GET /api/records/search?q=）',
      en: 'a record id is a number such as 1024; to find one by USCC, name or document number use Search (GET /api/records/search?q=)',
    },
  },
  CDF_RECORD_NOT_YET: {
    kind: 'not_found',
    title: { zh: '该时刻记录尚不存在', en: 'record did not exist then' },
    next: { zh: '选择记录生成之后的时刻', en: 'choose a time after the record was created' },
  },
  CDF_INTERNAL: {
    kind: 'bug',
    title: { zh: '内部错误', en: 'internal error' },
    next: { zh: '错误已记入日志：请把发生的时间和所做的操作告诉运维人员', en: 'it has been logged: tell the operators when it happened and what you did' },
  },
} as const satisfies CodeFamily;
