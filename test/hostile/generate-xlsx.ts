// Hostile workbooks too large to commit, written at test time (the harness, test/hostile.test.ts,
// calls generateXlsx with a folder and pairs each file with its committed <name>.expected.json), and
// the small zip writer the connector's own tests build hostile workbooks with. Parts are deflated as
// they stream: a 600 MB part never sits in memory. A part's declared size can be made to lie, as an
// attacker's would.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import zlib from 'node:zlib';

export type PartData = string | Buffer | (() => Iterable<string | Buffer> | AsyncIterable<string | Buffer>);

export interface Part {
  name: string;
  data: PartData;
  /** Stored (method 0) rather than deflated. */
  store?: boolean;
  /** zlib level: 1 is fast, 9 packs runs of one byte about 1000 to 1. */
  level?: number;
  /** The uncompressed size the directory declares instead of the true one. */
  declaredSize?: number;
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The standard's headers for admin_penalty (as in test/fixtures/admin_penalty_hand_written.csv). */
export const PENALTY_HEADERS = [
  '行政相对人名称', '行政相对人类别', '行政相对人代码_1（统一社会信用代码）', '行政相对人代码_2（工商注册号）', '法定代表人',
  '行政处罚决定书文号', '违法行为类型', '违法事实', '处罚依据', '处罚类别', '处罚内容', '罚款金额（万元）', '处罚决定日期', '处罚有效期',
  '处罚机关', '处罚机关统一社会信用代码', '数据来源单位', '数据来源单位统一社会信用代码',
];

export const PENALTY_ROWS = [
  ['天津市和平区海河食品有限公司', '法人及非法人组织', '91120101300010016K', '', '张建国', '津市场监管罚〔2025〕101号', '食品安全', '销售超过保质期的食品',
    '《中华人民共和国食品安全法》第一百二十四条', '警告;罚款', '警告并处罚款5000元', '0.5', '2025-03-12', '2026-03-11', '市市场监督管理委员会',
    '111200000000100140', '市市场监督管理委员会', '111200000000100140'],
  ['天津南开区鸿运商贸有限公司', '法人及非法人组织', '91120104300010024R', '', '李明', '津市场监管罚〔2025〕102号', '价格违法', '未明码标价',
    '《中华人民共和国价格法》第四十二条', '罚款', '罚款2000元', '0.2', '2025-03-15', '2026-03-14', '市市场监督管理委员会',
    '111200000000100140', '市市场监督管理委员会', '111200000000100140'],
];

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function columnLetters(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/** One sheet row of inline strings. */
export function rowXml(r: number, cells: string[]): string {
  const cs = cells.map((v, i) => (v === '' ? '' : `<c r="${columnLetters(i + 1)}${r}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`));
  return `<row r="${r}">${cs.join('')}</row>`;
}

export const sheetStart = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}><sheetData>`;
export const sheetEnd = '</sheetData></worksheet>';

/** The parts every workbook has besides its sheet (and shared strings, when given). */
export function workbookParts(sheet: Part['data'], extra: Partial<Part> = {}, sharedStrings?: Part): Part[] {
  const ct = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>';
  return [
    { name: '[Content_Types].xml', data: ct },
    {
      name: '_rels/.rels',
      data: '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    { name: 'xl/workbook.xml', data: `<workbook ${NS} xmlns:r="${REL_NS}"><sheets><sheet name="行政处罚" sheetId="1" r:id="rId1"/></sheets></workbook>` },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        `<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>` +
        (sharedStrings ? `<Relationship Id="rId2" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>` : '') + '</Relationships>',
    },
    ...(sharedStrings ? [sharedStrings] : []),
    { name: 'xl/worksheets/sheet1.xml', data: sheet, ...extra },
  ];
}

async function* chunksOf(data: PartData): AsyncGenerator<Buffer> {
  if (typeof data === 'string' || Buffer.isBuffer(data)) {
    yield Buffer.from(data);
    return;
  }
  let pending: Buffer[] = [];
  let size = 0;
  for await (const piece of data()) {
    const b = Buffer.from(piece);
    pending.push(b);
    size += b.length;
    if (size >= 1 << 20) { yield Buffer.concat(pending); pending = []; size = 0; }
  }
  if (size) yield Buffer.concat(pending);
}

/** Writes a zip of the parts, each deflated (or stored) as it streams, with data descriptors. */
export async function writeXlsx(file: string, parts: Part[]): Promise<string> {
  const out = createWriteStream(file);
  let offset = 0;
  const write = async (b: Buffer): Promise<void> => {
    offset += b.length;
    if (!out.write(b)) await once(out, 'drain');
  };
  const central: Buffer[] = [];
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const method = p.store ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0x808, 6); local.writeUInt16LE(method, 8);
    local.writeUInt16LE(name.length, 26);
    const start = offset;
    await write(local); await write(name);
    let crc = 0;
    let size = 0;
    let csize = 0;
    if (p.store) {
      for await (const c of chunksOf(p.data)) { crc = zlib.crc32(c, crc); size += c.length; csize += c.length; await write(c); }
    } else {
      const deflate = zlib.createDeflateRaw({ level: p.level ?? 6 });
      const pump = (async () => {
        for await (const c of deflate as AsyncIterable<Buffer>) { csize += c.length; await write(c); }
      })();
      for await (const c of chunksOf(p.data)) {
        crc = zlib.crc32(c, crc);
        size += c.length;
        if (!deflate.write(c)) await once(deflate, 'drain');
      }
      deflate.end();
      await pump;
    }
    const desc = Buffer.alloc(16);
    desc.writeUInt32LE(0x08074b50, 0); desc.writeUInt32LE(crc >>> 0, 4); desc.writeUInt32LE(csize, 8); desc.writeUInt32LE(size, 12);
    await write(desc);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0); entry.writeUInt16LE(20, 4); entry.writeUInt16LE(20, 6); entry.writeUInt16LE(0x808, 8);
    entry.writeUInt16LE(method, 10); entry.writeUInt32LE(crc >>> 0, 16); entry.writeUInt32LE(csize, 20);
    entry.writeUInt32LE(p.declaredSize ?? size, 24); entry.writeUInt16LE(name.length, 28); entry.writeUInt32LE(start, 42);
    central.push(entry, name);
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(parts.length, 8); end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12); end.writeUInt32LE(offset, 16);
  await write(dir); await write(end);
  out.end();
  await once(out, 'finish');
  return file;
}

/** A valid header and two rows, the sheet's rows then `body` (XML text, streamed). */
function* penaltySheet(body: () => Iterable<string> = () => []): Generator<string> {
  yield sheetStart;
  yield rowXml(1, PENALTY_HEADERS);
  yield rowXml(2, PENALTY_ROWS[0]!);
  yield* body();
  yield sheetEnd;
}

/** The generated cases: each name matches a committed <name>.expected.json beside this file. */
export async function generateXlsx(dir: string): Promise<string[]> {
  const MB = 1024 * 1024;
  const written: string[] = [];
  const add = async (name: string, parts: Part[]) => written.push(await writeXlsx(path.join(dir, `${name}.xlsx`), parts));

  // 2 MB inflating past 2 GB, as in the review: runs of one byte pack about 1000 to 1. Refused at
  // 100× its compressed size; the directory declares 4 KB.
  await add('xlsx-ratio-bomb', workbookParts(() => penaltySheet(function* () {
    const spaces = ' '.repeat(MB);
    for (let i = 0; i < 2100; i++) yield spaces;
  }), { level: 9, declaredSize: 4096 }));

  // Inflates to 600 MB at about 65 to 1 (under the ratio limit): refused at the 512 MB bound; the
  // directory declares 1 MB.
  await add('xlsx-total-bomb', workbookParts(() => penaltySheet(function* () {
    const pad = '依据《中华人民共和国食品安全法》第一百二十四条'.repeat(40);
    let seed = 7;
    const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    for (let r = 3; r < 3 + 200_000; r++) {
      yield `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>天津市和平区海河食品有限公司第${rnd(100)}分公司</t></is></c>` +
        `<c r="B${r}"><v>${rnd(10000)}</v></c><c r="C${r}" t="inlineStr"><is><t>${pad}</t></is></c></row>`;
    }
  }), { level: 1, declaredSize: MB }));

  // 2.5 million shared strings (the cap is 2 million): refused as the table is read, never held.
  await add('xlsx-shared-strings', workbookParts(() => penaltySheet(), {}, {
    name: 'xl/sharedStrings.xml',
    level: 1,
    data: function* () {
      yield `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst ${NS} count="2500000" uniqueCount="2500000">`;
      for (let i = 0; i < 2_500_000; i += 1000) {
        let s = '';
        for (let k = i; k < i + 1000; k++) s += `<si><t>津市场监管罚〔2025〕${k}号</t></si>`;
        yield s;
      }
      yield '</sst>';
    },
  }));
  return written;
}

/** The small cases, committed (run `node --import tsx test/hostile/generate-xlsx.ts` to write them again). */
export async function writeCommitted(dir: string): Promise<string[]> {
  const written: string[] = [];
  const add = async (name: string, parts: Part[]) => written.push(await writeXlsx(path.join(dir, `${name}.xlsx`), parts));
  await add('xlsx-valid', workbookParts(() => [sheetStart, rowXml(1, PENALTY_HEADERS), ...PENALTY_ROWS.map((r, i) => rowXml(i + 2, r)), sheetEnd]));
  // One cell of 1.5 MB (the limit is 32 KB): a few KB compressed, under the ratio floor.
  const huge = PENALTY_ROWS[1]!.map((c, i) => (i === 7 ? '销售超过保质期的食品'.repeat(50_000) : c));
  await add('xlsx-huge-cell', workbookParts(() => [sheetStart, rowXml(1, PENALTY_HEADERS), rowXml(2, huge), sheetEnd]));
  const wide = [...PENALTY_HEADERS, ...Array.from({ length: 300 - PENALTY_HEADERS.length }, (_, i) => `备注${i + 1}`)];
  await add('xlsx-300-columns', workbookParts(() => [sheetStart, rowXml(1, wide), rowXml(2, PENALTY_ROWS[0]!), sheetEnd]));
  // An external entity: a parser that resolves it reads the server's files.
  await add('xlsx-xxe', workbookParts(() => [
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    `<worksheet ${NS}><sheetData>`, rowXml(1, PENALTY_HEADERS), '<row r="2"><c r="A2" t="inlineStr"><is><t>&xxe;</t></is></c></row>', sheetEnd,
  ]));
  // Ten levels of ten: a parser that expands them makes 10^9 "lol"s.
  const lols = ['<!ENTITY lol0 "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`)].join('');
  await add('xlsx-billion-laughs', workbookParts(() => penaltySheet(), {}, {
    name: 'xl/sharedStrings.xml',
    data: `<?xml version="1.0"?>\n<!DOCTYPE sst [${lols}]><sst ${NS}><si><t>&lol9;</t></si></sst>`,
  }));
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const here = path.dirname(new URL(import.meta.url).pathname);
  const { readFile, writeFile } = await import('node:fs/promises');
  await writeCommitted(here);
  // Cut short, as an interrupted copy leaves a file: half of the valid workbook.
  const valid = await readFile(path.join(here, 'xlsx-valid.xlsx'));
  await writeFile(path.join(here, 'xlsx-truncated.xlsx'), valid.subarray(0, valid.length >> 1));
  // An encrypted workbook is an OLE2 compound file (as Excel 97-2003 workbooks are), not a zip.
  const ole = Buffer.alloc(4096);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
  Buffer.from('EncryptedPackage', 'utf16le').copy(ole, 1024);
  await writeFile(path.join(here, 'xlsx-encrypted.xlsx'), ole);
  // A CSV renamed .xlsx.
  await writeFile(path.join(here, 'xlsx-renamed-csv.xlsx'), [PENALTY_HEADERS, ...PENALTY_ROWS].map((r) => r.join(',')).join('\r\n'));
}
