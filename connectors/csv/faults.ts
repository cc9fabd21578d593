// What a clerk is told when a text file cannot be read as it is: the line (and for bad bytes the
// byte), what was found and what was expected, in plain words. The connector does not know the
// name the file was uploaded under: the caller adds it (check.ts namingFile).
import { dataError } from '../../domain/errors.ts';
import type { CdfError } from '../../domain/errors.ts';
import type { CsvProblem } from './parse.ts';
import type { TextEncoding } from './encoding.ts';

export function encodingFault(encoding: TextEncoding, line: number, byte: number | undefined): CdfError {
  const at = byte === undefined ? { zh: '', en: '' } : { zh: `（第 ${byte + 1} 个字节）`, en: ` (byte ${byte + 1})` };
  const name = encoding === 'utf-8' ? 'UTF-8' : 'GBK/GB18030';
  return dataError('CDF_FILE_ENCODING', {
    zh: `第 ${line} 行${at.zh}有不是 ${name} 字符的字节：文件开头按 ${name} 编码，这一行却不是（可能混入了另一种编码的行，或文件已损坏）。` +
      '整个文件须使用同一种编码，不会用替换字符“�”代替读不出的文字',
    en: `line ${line}${at.en} has bytes that are no ${name} character: the file starts in ${name} but this line is not ` +
      '(rows in another encoding pasted in, or a damaged file). The whole file must be in one encoding; unreadable text is never replaced by "�"',
  }, { row: line, value: byte === undefined ? undefined : String(byte + 1) });
}

export function controlFault(line: number, char: number): CdfError {
  const hex = `U+${char.toString(16).toUpperCase().padStart(4, '0')}`;
  const what = char === 0 ? { zh: '空字节（NUL，0x00）', en: 'a NUL byte (0x00)' } : { zh: `控制字符 ${hex}`, en: `the control character ${hex}` };
  return dataError('CDF_FILE_CONTROL_CHAR', {
    zh: `第 ${line} 行含有${what.zh}：CSV 文本中除制表符、回车和换行外不应有控制字符，文件可能已损坏，或是改了扩展名的二进制文件`,
    en: `line ${line} holds ${what.en}: CSV text has no control characters other than tab, CR and LF; the file may be damaged or a binary file renamed`,
  }, { row: line, value: hex });
}

export function csvFault(p: CsvProblem, limits: { maxColumns: number; maxCellBytes: number }): CdfError {
  switch (p.kind) {
    case 'unclosed-quote':
      return dataError('CDF_FILE_QUOTE', {
        zh: `第 ${p.line} 行的单元格以双引号开始，但直到文件末尾都没有闭合的双引号，其后各行都会被读成这一个单元格。请在该单元格末尾补上双引号`,
        en: `a cell on line ${p.line} opens with a double quote that never closes before the end of the file, so every line after it ` +
          'would be read as that one cell. Add the closing quote at the end of the cell',
      }, { row: p.line });
    case 'text-after-quote':
      return dataError('CDF_FILE_QUOTE', {
        zh: `第 ${p.openedOn} 行开始的带引号单元格在第 ${p.line} 行闭合后又跟着文字「${p.text}」：单元格内的双引号须写成两个（""），或整个单元格不加引号`,
        en: `the quoted cell opened on line ${p.openedOn} closes on line ${p.line} but text follows ("${p.text}"): a quote inside a ` +
          'cell is written twice ("") or the cell is not quoted at all',
      }, { row: p.openedOn });
    case 'swallowed-lines':
      return dataError('CDF_FILE_QUOTE', {
        zh: `第 ${p.openedOn} 行的双引号没有在本行闭合，把后面的行（如第 ${p.line} 行「${p.text}」）也读进了同一个单元格。请检查第 ${p.openedOn} 行的引号`,
        en: `the double quote on line ${p.openedOn} does not close on its line and swallows the lines after it (such as line ${p.line} ` +
          `"${p.text}") into one cell. Check the quotes on line ${p.openedOn}`,
      }, { row: p.openedOn });
    case 'too-many-columns':
      return dataError('CDF_FILE_LIMIT', {
        zh: `第 ${p.line} 行有 ${p.columns} 列以上，超过每行最多 ${limits.maxColumns} 列的上限`,
        en: `line ${p.line} has ${p.columns} or more columns, over the limit of ${limits.maxColumns} columns a line`,
      }, { row: p.line, value: String(limits.maxColumns) });
    case 'cell-too-large': {
      // A cell that grows past the limit across lines is most often a quote that never closes.
      const quote = p.quoteOpenedOn === undefined ? { zh: '', en: '' } : {
        zh: `；它从第 ${p.quoteOpenedOn} 行的双引号开始跨越多行，多半是该双引号没有闭合`,
        en: `; it runs over many lines from a double quote on line ${p.quoteOpenedOn}, most likely a quote that never closes`,
      };
      return dataError('CDF_FILE_LIMIT', {
        zh: `第 ${p.line} 行第 ${p.column} 列的单元格超过每个单元格最多 ${limits.maxCellBytes} 字节的上限（按 UTF-8 计）${quote.zh}`,
        en: `the cell in column ${p.column} of line ${p.line} is over the limit of ${limits.maxCellBytes} bytes a cell (in UTF-8)${quote.en}`,
      }, { row: p.line, value: String(limits.maxCellBytes) });
    }
  }
}
