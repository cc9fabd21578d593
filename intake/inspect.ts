// Whether a landed file can become a batch of a dataset, read from its head only: which connector
// reads it, its encoding, which line is the header (below any title, unit or note lines), and the
// refusals a clerk can act on (an old workbook, UTF-16, another dataset's headers). The upload
// service and the pull activity both call it, so a pulled batch is refused for the same reasons.
import { readHeadLines } from '../domain/layout/layout-rows.ts';
import { readHead } from '../connectors/read-head.ts';
import { namingFile } from '../connectors/check.ts';
import { DEFAULT_DELIMITER, DELIMITERS } from '../connectors/csv/index.ts';
import type { BatchLayout } from '../domain/layout/layout.ts';
import { sources } from '../connectors/registry.ts';
import type { SourceLimits } from '../connectors/types.ts';
import { dataError, isCdfError } from '../domain/errors.ts';
import { chooseHeader } from './header-choice.ts';

/** Reads the first lines only; refuses a file that cannot become this dataset. */
export async function inspect(filePath: string, fileName: string, dataset: string, limits: SourceLimits) {
  const head = await readHead(filePath);
  if (head.length === 0) throw dataError('CDF_FILE_EMPTY', { zh: `文件 ${fileName} 是空的`, en: `file ${fileName} is empty` }, { file: fileName });
  const source = (await sources()).find((s) => s.accepts(fileName, head));
  if (!source) {
    // D0 CF 11 E0 starts an OLE2 file: an Excel 97–2003 workbook, or an encrypted .xlsx.
    if (/\.(xls|et)$/i.test(fileName) || head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
      throw dataError('CDF_FILE_OLD_EXCEL', {
        zh: `文件 ${fileName} 是旧版 Excel 97-2003 工作簿或带密码的工作簿，不能直接读取。请在 Excel 或 WPS 中去掉密码并“另存为”Excel 工作簿（.xlsx）或 CSV UTF-8（逗号分隔）后重新上传`,
        en:
          `${fileName} is an Excel 97-2003 workbook or a password-protected one, which cannot be read. ` +
          'In Excel or WPS remove the password and "Save as" an Excel workbook (.xlsx) or CSV UTF-8 (comma-delimited), then upload again',
      }, { file: fileName });
    }
    // After the OLE2 check: its header is padded with NUL bytes too.
    if (isUtf16(head)) {
      throw dataError('CDF_FILE_ENCODING', {
        zh: `文件 ${fileName} 是 UTF-16 编码（Excel“Unicode 文本”），不能读取：应为 UTF-8、GBK 或 GB18030 编码的 CSV。请另存为 CSV UTF-8（逗号分隔）后重新上传`,
        en: `${fileName} is in UTF-16 (Excel's "Unicode text"), which cannot be read: expected a CSV in UTF-8, GBK or GB18030. ` +
          'Save it as CSV UTF-8 (comma-delimited) and upload again',
      }, { file: fileName });
    }
    throw dataError('CDF_FILE_FORMAT', {
      zh: `无法读取文件 ${fileName}：应为 CSV（UTF-8、GBK 或 GB18030 编码，逗号分隔）、Excel 工作簿（.xlsx）或 UTF-8 编码的 JSON / JSON Lines` +
        '（.json、.ndjson、.jsonl），表头在前 30 个非空行之内，且内容须与扩展名相符',
      en: `cannot read ${fileName}: expected a CSV file (UTF-8, GBK or GB18030, comma-separated), an Excel workbook (.xlsx) ` +
        'or JSON / JSON Lines in UTF-8 (.json, .ndjson, .jsonl), ' +
        'with the header within the first 30 non-empty lines, whose content matches its extension',
    }, { file: fileName });
  }
  // A workbook may open with an instructions sheet (填报说明): the data is on the first of its first
  // few visible sheets with a header; the refusal, when none has one, is the first sheet's.
  let refusal: unknown;
  // A text file is read with the standard's comma; only when no line of its head is a header so may
  // a header line split on tab, ; or | choose that delimiter. The data never votes: a 处罚类别 cell
  // 警告;罚款;没收违法所得 is one cell of a comma file.
  const text = source.id === 'csv';
  for (let sheet = 0; sheet < (source.id === 'xlsx' ? MAX_SHEETS_TRIED : 1); sheet++) {
    for (const delimiter of text ? DELIMITERS : [undefined]) {
      const opened = await source.open(filePath, { sheet, fileName, limits, delimiter });
      try {
        if (opened.sheet && !opened.sheet.found) throw refusal;
        const lines = await readHeadLines(opened.lines());
        const choice = chooseHeader(fileName, dataset, lines);
        let layout: BatchLayout = opened.sheet && sheet > 0 ? { ...choice.layout, sheet } : choice.layout;
        if (delimiter && delimiter !== DEFAULT_DELIMITER) layout = { ...layout, delimiter };
        return { format: source.id, encoding: opened.encoding, ...choice, layout };
      } catch (e) {
        // Another refusal (missing columns, another dataset's headers, an unreadable file) is final;
        // but a comma file read with another delimiter may only seem to have bad quotes or too many cells.
        const tried = delimiter !== undefined && delimiter !== DEFAULT_DELIMITER && isCdfError(e) && ['CDF_FILE_QUOTE', 'CDF_FILE_LIMIT'].includes(e.code);
        if (e === refusal || !isCdfError(e) || (e.code !== 'CDF_HEADERS_UNKNOWN' && !tried)) throw namingFile(e, fileName);
        if (!tried) refusal ??= e;
      } finally {
        await opened.close();
      }
    }
  }
  throw refusal;
}

/** A UTF-16 text file starts with its byte order mark, or (without one) has NUL bytes on one side
 * of its byte pairs only: the high bytes of ASCII letters, digits and commas. */
function isUtf16(head: Buffer): boolean {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return true;
  const sample = head.subarray(0, 512);
  const zeros = [0, 0];
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) zeros[i % 2]!++;
  const [even, odd] = zeros as [number, number];
  const half = sample.length / 2;
  return sample.length >= 16 && ((odd >= half / 2 && even <= half / 25) || (even >= half / 2 && odd <= half / 25));
}

/** How many visible sheets of a workbook are looked at for the data. */
const MAX_SHEETS_TRIED = 5;
