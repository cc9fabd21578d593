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
      zh: '另存为 CSV UTF-8（逗号分隔）、Excel 工作簿（.xlsx）或 UTF-8 编码的 JSON Lines（.ndjson）后重新上传',
      en: 'save it as CSV UTF-8 (comma-delimited), an Excel workbook (.xlsx) or JSON Lines in UTF-8 (.ndjson) and upload again',
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
  CDF_HEADER_DUPLICATE: {
    kind: 'data',
    title: { zh: '两列表头指向同一字段', en: 'two columns name one field' },
    next: { zh: '删除或改名重复的列，使每个字段只有一列后重新上传', en: 'delete or rename the repeated column so each field has one column, and upload again' },
  },
  CDF_FILE_ENCODING: {
    kind: 'data',
    title: { zh: '文件中有无法识别的字符编码', en: 'unreadable character encoding in the file' },
    next: {
      zh: '用 Excel 或 WPS 打开后“另存为”CSV UTF-8（逗号分隔），确保整个文件只用一种编码，再重新上传',
      en: 'open it in Excel or WPS and "Save as" CSV UTF-8 (comma-delimited) so the whole file has one encoding, then upload again',
    },
  },
  CDF_FILE_QUOTE: {
    kind: 'data',
    title: { zh: '引号未闭合或位置不对', en: 'unclosed or misplaced quote' },
    next: {
      zh: '在所指行补上缺少的双引号（单元格内的双引号须写成两个 ""），或另存为 CSV UTF-8 后重新上传',
      en: 'add the missing double quote on the line named (a quote inside a cell is written twice: ""), or save as CSV UTF-8, and upload again',
    },
  },
  CDF_FILE_JSON: {
    kind: 'data',
    title: { zh: 'JSON 文件格式错误', en: 'malformed JSON file' },
    next: {
      zh: '按提示改正所指的行和列（或从系统重新导出完整的 JSON），每条记录为一个对象、每个值为文字或数字，再重新上传',
      en: 'correct the line and column named (or export the JSON whole again from the system), one object a record and a text or number a value, ' +
        'then upload again',
    },
  },
  CDF_FILE_CONTROL_CHAR: {
    kind: 'data',
    title: { zh: '文件含空字节或控制字符', en: 'NUL byte or control character in the file' },
    next: {
      zh: '删除所指行中的不可见控制字符（或重新从系统导出为 CSV UTF-8）后重新上传',
      en: 'remove the invisible control characters on the line named (or export again as CSV UTF-8) and upload again',
    },
  },
  CDF_FILE_LIMIT: {
    kind: 'data',
    title: { zh: '文件超过行数、列数或单元格大小上限', en: 'file over the row, column or cell size limit' },
    next: {
      zh: '把文件拆成几个较小的文件，或删去多余的列与过长的内容后重新上传',
      en: 'split the file into smaller ones, or remove extra columns and overlong text, and upload again',
    },
  },
  CDF_COLUMN_MISSING: {
    kind: 'data',
    title: { zh: '缺少必填列', en: 'required column missing' },
    next: { zh: '补上缺少的列后重新上传', en: 'add the missing columns and upload again' },
  },
} as const satisfies CodeFamily;
