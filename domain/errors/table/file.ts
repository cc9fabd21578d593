// A file refused whole, before any of its rows is stored: its size, format, header or columns.
import type { CodeFamily } from '../text.ts';

export const FILE_CODES = {
  CDF_FILE_EMPTY: {
    kind: 'data',
    title: { zh: '文件为空或没有表头', en: 'empty file or no header row' },
    next: { zh: '检查导出是否完整，连同表头重新导出后上传', en: 'check the export is complete, export it again with its header row and upload it' },
  },
  CDF_FILE_FORMAT: {
    kind: 'data',
    title: { zh: '无法读取的文件格式', en: 'unreadable file format' },
    next: {
      zh: '另存为 CSV UTF-8（逗号分隔）或 Excel 工作簿（.xlsx）后重新上传',
      en: 'save it as CSV UTF-8 (comma-delimited) or an Excel workbook (.xlsx) and upload again',
    },
  },
  CDF_FILE_OLD_EXCEL: {
    kind: 'data',
    title: { zh: '旧版或带密码的 Excel 工作簿', en: 'old or password-protected Excel workbook' },
    next: { zh: '去掉密码，另存为 .xlsx 或 CSV UTF-8 后重新上传', en: 'remove the password, save it as .xlsx or CSV UTF-8 and upload again' },
  },
  CDF_FILE_NOT_FOUND: {
    kind: 'data',
    title: { zh: '文件不存在', en: 'file not found' },
    next: { zh: '检查文件路径后重试', en: 'check the file\'s path and try again' },
  },
  CDF_UPLOAD_TOO_LARGE: {
    kind: 'data',
    title: { zh: '文件超过大小上限', en: 'file too large' },
    next: { zh: '把文件拆成几个较小的文件分别上传', en: 'split the file into smaller ones and upload each' },
  },
  CDF_UPLOAD_NO_FILE: {
    kind: 'usage',
    title: { zh: '请求中没有文件', en: 'no file in the request' },
    next: { zh: '在 multipart 字段 file 中附上文件后重试', en: 'attach the file as the multipart field "file" and try again' },
  },
  CDF_UPLOAD_ARGS: {
    kind: 'usage',
    title: { zh: '上传未指明单位或数据集', en: 'upload without agency or dataset' },
    next: { zh: '给出 agency 和 dataset 参数后重试', en: 'give the agency and dataset parameters and try again' },
  },
  CDF_WRONG_DATASET: {
    kind: 'data',
    title: { zh: '文件属于另一个数据集', en: 'file belongs to another dataset' },
    next: { zh: '选择与文件相符的数据集后重新上传', en: 'choose the dataset the file is for and upload again' },
  },
  CDF_HEADERS_UNKNOWN: {
    kind: 'data',
    title: { zh: '找不到表头', en: 'header row not found' },
    next: { zh: '用标准字段名或列代码作表头后重新上传', en: 'use the standard\'s field names or column codes as headers and upload again' },
  },
  CDF_COLUMN_MISSING: {
    kind: 'data',
    title: { zh: '缺少必填列', en: 'required column missing' },
    next: { zh: '补上缺少的列后重新上传', en: 'add the missing columns and upload again' },
  },
} as const satisfies CodeFamily;
