// What a clerk is told when a JSON file cannot be read as it is: where (line and column, or the
// record and the line it starts on), what was found and what was expected, in plain words. As for
// CSV, the connector does not know the name the file was uploaded under: the caller adds it.
import { dataError } from '../../domain/errors.ts';
import type { Bilingual, CdfError } from '../../domain/errors.ts';
import type { JsonProblem, ValueKind, Wanted } from './problems.ts';

const WANTED: Record<Wanted, Bilingual> = {
  'value': {
    zh: '一个值（双引号中的文字、数字、true、false、null、对象 {…} 或列表 […]）',
    en: 'a value (text in double quotes, a number, true, false, null, an object {…} or a list […])',
  },
  'key-or-close': { zh: '双引号中的键名或右花括号 }', en: 'a key in double quotes or a closing }' },
  'key': { zh: '双引号中的键名', en: 'a key in double quotes' },
  'colon': { zh: '键名后的冒号 :', en: 'a colon (:) after the key' },
  'comma-or-close-object': { zh: '逗号 , 或右花括号 }', en: 'a comma (,) or a closing }' },
  'comma-or-close-array': { zh: '逗号 , 或右方括号 ]', en: 'a comma (,) or a closing ]' },
  'end': { zh: '文件结束（JSON 文件只有一个最外层的值）', en: 'the end of the file (a JSON file holds one outermost value)' },
  'next-line': { zh: '另起一行的下一个对象 {…}（JSON Lines 文件每行一个对象）', en: 'the next object {…} on a new line (a JSON Lines file holds one object a line)' },
};

const KIND: Record<ValueKind, Bilingual> = {
  text: { zh: '文字', en: 'a text' },
  number: { zh: '数字', en: 'a number' },
  boolean: { zh: 'true/false', en: 'true or false' },
  null: { zh: 'null', en: 'null' },
  object: { zh: '对象 {…}', en: 'an object {…}' },
  list: { zh: '列表 […]', en: 'a list […]' },
};

const at = (line: number, col: number): Bilingual => ({ zh: `第 ${line} 行第 ${col} 列`, en: `line ${line}, column ${col}` });
const record = (n: number, line: number): Bilingual => ({ zh: `第 ${n} 条记录（从第 ${line} 行开始）`, en: `record ${n} (starting on line ${line})` });
const pathOf = (path: string[]): Bilingual =>
  path.length ? { zh: `「${path.join('.')}」`, en: `"${path.join('.')}"` } : { zh: '最外层的列表', en: 'the outermost list' };

function found(char: string | null): Bilingual {
  if (char === null) return { zh: '文件结尾', en: 'the end of the file' };
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) {
    const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    return code === 0 ? { zh: '空字节（NUL，0x00）', en: 'a NUL byte (0x00)' } : { zh: `控制字符 ${hex}`, en: `the control character ${hex}` };
  }
  return { zh: `「${char}」`, en: `"${char}"` };
}

/** Why a character often stands where it should not: the clerk's likely slip. */
function hint(p: Extract<JsonProblem, { kind: 'syntax' }>): Bilingual {
  if (p.found === "'") return { zh: '。JSON 的文字和键名须用双引号 " 括起，不能用单引号', en: '. JSON writes texts and keys in double quotes ("), never single ones' };
  if (p.found && p.found.codePointAt(0)! > 0x7f && (p.wanted === 'value' || p.wanted.startsWith('key'))) {
    return { zh: '。文字须用双引号 " 括起', en: '. A text is written in double quotes (")' };
  }
  if (p.found === '/' || p.found === '#') return { zh: '。JSON 中不能写注释', en: '. JSON has no comments' };
  return { zh: '', en: '' };
}

const json = (m: Bilingual, row?: number, value?: string): CdfError => dataError('CDF_FILE_JSON', m, row === undefined ? {} : { row, value });
const limit = (m: Bilingual, row: number, max: number): CdfError => dataError('CDF_FILE_LIMIT', m, { row, value: String(max) });

export function jsonFault(p: JsonProblem): CdfError {
  switch (p.kind) {
    case 'syntax': {
      const w = at(p.line, p.col);
      const f = found(p.found);
      const h = hint(p);
      return json({
        zh: `${w.zh}应为${WANTED[p.wanted].zh}，却是${f.zh}${h.zh}`,
        en: `${w.en}: expected ${WANTED[p.wanted].en}, found ${f.en}${h.en}`,
      }, p.line, p.found ?? undefined);
    }
    case 'trailing-comma': {
      const w = at(p.line, p.col);
      return json({
        zh: `${w.zh}的 ${p.close} 前多了一个逗号：JSON 中最后一项的后面不能有逗号，请删去这个逗号`,
        en: `${w.en}: a comma stands before the closing ${p.close}; JSON allows no comma after the last item, so remove it`,
      }, p.line);
    }
    case 'unclosed': {
      const w = at(p.line, p.col);
      const what = p.what === 'object' ? { zh: '对象 {', en: 'object {' } : { zh: '列表 [', en: 'list [' };
      const outer = p.outer && { ...at(p.outer.line, p.outer.col), what: p.outer.what === 'object' ? '{' : '[' };
      return json({
        zh: `文件在${w.zh}开始的${what.zh} 中结束，缺少与之配对的 ${p.what === 'object' ? '}' : ']'}` +
          `${outer ? `（${outer.zh}的 ${outer.what} 也未闭合）` : ''}：文件可能不完整（导出或传输被中断），请重新导出完整的文件`,
        en: `the file ends inside the ${what.en} opened at ${w.en}, which has no matching ${p.what === 'object' ? '}' : ']'}` +
          `${outer ? ` (nor has the ${outer.what} at ${outer.en})` : ''}: the file may be cut short (an interrupted export or transfer); export it whole again`,
      }, p.line);
    }
    case 'unterminated-string': {
      const w = at(p.line, p.col);
      return json({
        zh: `${w.zh}的双引号开始了一段文字，但直到文件末尾都没有闭合的双引号：文件可能不完整，或这段文字中的双引号没有写成 \\"`,
        en: `the double quote at ${w.en} opens a text that never closes before the end of the file: the file may be cut short, ` +
          'or a double quote inside the text is not written as \\"',
      }, p.line);
    }
    case 'string-control': {
      const w = at(p.line, p.col);
      const f = found(String.fromCharCode(p.char));
      const written = p.char === 0x0a ? '\\n' : p.char === 0x09 ? '\\t' : p.char === 0x0d ? '\\r' : undefined;
      return json({
        zh: `${w.zh}的文字中直接含有${p.char === 0x0a ? '换行' : f.zh}：JSON 文字中的换行、制表符等须写成转义形式${written ? `（${written}）` : ''}，` +
          '或者这段文字的右双引号缺失',
        en: `the text at ${w.en} holds ${p.char === 0x0a ? 'a line break' : f.en} as it is: in JSON a line break, tab or other control ` +
          `character inside a text is written escaped${written ? ` (${written})` : ''}, or the text is missing its closing double quote`,
      }, p.line);
    }
    case 'bad-escape': {
      const w = at(p.line, p.col);
      return json({
        zh: `${w.zh}的「${p.text}」不是 JSON 的转义写法：反斜杠 \\ 后只能跟 " \\ / b f n r t，或 u 加四位十六进制数；文字中的反斜杠本身须写成 \\\\`,
        en: `"${p.text}" at ${w.en} is no JSON escape: a backslash is followed only by " \\ / b f n r t, or by u and four hex digits; ` +
          'a backslash itself is written \\\\',
      }, p.line, p.text);
    }
    case 'bad-number': {
      const w = at(p.line, p.col);
      return json({
        zh: `${w.zh}的「${p.text}」不是 JSON 数字（如 12、-0.5、1.2e3；不能以 0 开头、不能以小数点开头或结尾）。若要原样保留，请用双引号把它写成文字`,
        en: `"${p.text}" at ${w.en} is no JSON number (such as 12, -0.5, 1.2e3; no leading zero, no leading or trailing decimal point). ` +
          'To keep it as written, put it in double quotes as a text',
      }, p.line, p.text);
    }
    case 'bad-word': {
      const w = at(p.line, p.col);
      return json({
        zh: `${w.zh}的「${p.text}」不是 JSON 的值：没有引号的词只能是 true、false 或 null（全小写）；文字须用双引号括起`,
        en: `"${p.text}" at ${w.en} is no JSON value: a word without quotes is only true, false or null (in lower case); a text is written in double quotes`,
      }, p.line, p.text);
    }
    case 'same-line': {
      const w = at(p.line, p.col);
      return json({
        zh: `${w.zh}在上一个对象的同一行又开始了一个对象：JSON Lines 文件每行只写一个对象`,
        en: `${w.en}: another object starts on the line of the one before; a JSON Lines file holds one object a line`,
      }, p.line);
    }
    case 'top-scalar': {
      const w = at(p.line, p.col);
      return json({
        zh: `文件在${w.zh}只是一个${KIND[p.what].zh}：应为记录的列表 [{…}, {…}]、每行一个对象 {…}，或包着记录列表的对象（如 {"data": [{…}]}）`,
        en: `the file holds only ${KIND[p.what].en} at ${w.en}: expected a list of records [{…}, {…}], one object {…} a line, ` +
          'or an object wrapping the list of records (such as {"data": [{…}]})',
      }, p.line);
    }
    case 'key-too-long': {
      const w = at(p.line, p.col);
      return limit({
        zh: `${w.zh}开始的键名超过最多 ${p.max} 字节的上限`,
        en: `the key starting at ${w.en} is over the limit of ${p.max} bytes`,
      }, p.line, p.max);
    }
    default:
      return recordFault(p);
  }
}

function recordFault(p: JsonProblem): CdfError {
  switch (p.kind) {
    case 'not-object': {
      const r = record(p.record, p.line);
      const where = pathOf(p.path);
      return json({
        zh: `${r.zh}是${KIND[p.what].zh}而不是对象：${p.path.length ? `${where.zh}中` : ''}每一项都应是一个对象 {…}，写一条记录的键和值`,
        en: `${r.en} is ${KIND[p.what].en}, not an object: every item${p.path.length ? ` of ${where.en}` : ''} must be an object {…} ` +
          'holding one record\'s keys and values',
      }, p.line);
    }
    case 'nested': {
      const r = record(p.record, p.line);
      const what = {
        'object': { zh: '一个对象 {…}', en: 'an object {…}' },
        'list-of-objects': { zh: '一个含有对象的列表', en: 'a list holding objects' },
        'list-of-lists': { zh: '一个含有列表的列表', en: 'a list holding lists' },
      }[p.what];
      return json({
        zh: `${r.zh}的「${p.key}」是${what.zh}：每个键的值应为文字或数字（多个处罚类别等可写成文字或数字的列表），嵌套的数据不能对应到一列`,
        en: `in ${r.en} the key "${p.key}" holds ${what.en}: each key's value must be a text or a number (several penalty types and the like ` +
          'may be a list of texts or numbers); nested data cannot become one column',
      }, p.line, p.key);
    }
    case 'duplicate-key': {
      const r = record(p.record, p.line);
      return json({
        zh: `${r.zh}中键「${p.key}」出现了两次：无法判断该用哪个值，请删去多余的一个`,
        en: `${r.en} has the key "${p.key}" twice: which value is meant cannot be told; remove one of them`,
      }, p.line, p.key);
    }
    case 'several-lists': {
      const names = p.paths.map((x) => pathOf(x));
      return json({
        zh: `文件中有多个记录列表：${names.map((n) => n.zh).join('、')}。应只有一个对象列表，否则无法判断哪一个是要上传的数据；请只保留要上传的那个列表`,
        en: `the file holds several lists of records: ${names.map((n) => n.en).join(', ')}. Expected exactly one list of objects, ` +
          'or which one is the data cannot be told; keep only the list to upload',
      });
    }
    case 'no-records': {
      const why = p.noKeys ? { zh: '其中的记录都是空对象 {}，没有任何键', en: 'its records are all empty objects {} with no keys' }
        : p.emptyPath ? { zh: `${pathOf(p.emptyPath).zh}是空列表 []`, en: `${pathOf(p.emptyPath).en} is an empty list []` }
          : { zh: '其中没有任何 JSON 内容', en: 'it holds no JSON at all' };
      return dataError('CDF_FILE_EMPTY', {
        zh: `文件中没有记录：${why.zh}。请确认导出的是有数据的结果后重新上传`,
        en: `the file holds no records: ${why.en}. Make sure the export holds the data, then upload again`,
      });
    }
    case 'too-many-rows':
      return limit({
        zh: `${record(p.record, p.line).zh}超过了每个文件最多 ${p.max} 条记录的上限`,
        en: `${record(p.record, p.line).en} is over the limit of ${p.max} records a file`,
      }, p.line, p.max);
    case 'too-many-columns':
      return limit({
        zh: `${record(p.record, p.line).zh}的键「${p.key}」使各记录的不同键名超过了最多 ${p.max} 列的上限`,
        en: `in ${record(p.record, p.line).en} the key "${p.key}" takes the records' different keys over the limit of ${p.max} columns`,
      }, p.line, p.max);
    case 'cell-too-large':
      return limit({
        zh: `${record(p.record, p.line).zh}中「${p.key}」的值超过每个单元格最多 ${p.max} 字节的上限（按文件中的写法计）`,
        en: `in ${record(p.record, p.line).en} the value of "${p.key}" is over the limit of ${p.max} bytes a cell (as written in the file)`,
      }, p.line, p.max);
    case 'record-too-large':
      return limit({
        zh: `${record(p.record, p.line).zh}超过每条记录最多 ${p.max} 字节的上限`,
        en: `${record(p.record, p.line).en} is over the limit of ${p.max} bytes a record`,
      }, p.line, p.max);
    default:
      throw new Error(`unhandled JSON problem ${p.kind}`);
  }
}

export function utf16Fault(): CdfError {
  return dataError('CDF_FILE_ENCODING', {
    zh: '文件是 UTF-16 编码（如 Windows 记事本的“Unicode”），不能读取：JSON 文件须为 UTF-8 编码（RFC 8259）。请在编辑器中“另存为”UTF-8 后重新上传',
    en: 'the file is in UTF-16 (such as Notepad\'s "Unicode"), which cannot be read: a JSON file must be in UTF-8 (RFC 8259). ' +
      '"Save as" UTF-8 in an editor and upload again',
  });
}

export function utf8Fault(line: number, byte: number): CdfError {
  return dataError('CDF_FILE_ENCODING', {
    zh: `第 ${line} 行（第 ${byte + 1} 个字节）有不是 UTF-8 字符的字节：JSON 文件须为 UTF-8 编码（RFC 8259）。` +
      '若文件是 GBK/GB18030 编码（如用记事本或旧系统导出的），请“另存为”UTF-8 后重新上传；读不出的文字不会用替换字符“�”代替',
    en: `line ${line} (byte ${byte + 1}) has bytes that are no UTF-8 character: a JSON file must be in UTF-8 (RFC 8259). ` +
      'If the file is in GBK/GB18030 (Notepad or an older system\'s export), "Save as" UTF-8 and upload again; unreadable text is never replaced by "�"',
  }, { row: line, value: String(byte + 1) });
}
