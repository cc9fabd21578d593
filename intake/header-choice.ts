// Which line of an upload's head is its header, and the refusals when none can be: the file fits
// another dataset, no line names enough of the dataset's fields (the first lines are shown), or
// the header lacks a required column.
import { datasetCodes, datasetDefinition } from '../catalog/dataset-definition.ts';
import { bestFittingDataset, duplicateColumns, mapHeaders } from '../domain/layout/headers.ts';
import { detectHeader, firstLinesShown, MIN_HEADER_FIELDS } from '../domain/layout/layout.ts';
import type { BatchLayout, LayoutLine } from '../domain/layout/layout.ts';
import { dataError } from '../domain/errors.ts';

/** Finds the header among the first lines and refuses a file that cannot become this dataset. */
export function chooseHeader(fileName: string, dataset: string, lines: LayoutLine[]) {
  const def = datasetDefinition(dataset);
  if (!lines.length) {
    throw dataError('CDF_FILE_EMPTY', { zh: `文件 ${fileName} 没有表头`, en: `file ${fileName} has no header row` }, { file: fileName });
  }
  const others = () => datasetCodes().filter((c) => c !== dataset).map(datasetDefinition);
  const choice = detectHeader(def, lines);
  const otherFit = (headers: string[] | undefined) => {
    const fits = headers ? bestFittingDataset(others(), headers) : others().find((o) => {
      const h = detectHeader(o, lines);
      return h && !mapHeaders(o, h.headers).missingRequired.length;
    });
    if (fits) {
      throw dataError('CDF_WRONG_DATASET', {
        zh: `文件 ${fileName} 的表头符合数据集「${fits.name.zh}」（${fits.code}），而不是所选的「${def.name.zh}」（${def.code}）。请确认选择的数据集`,
        en: `the headers of ${fileName} fit dataset "${fits.name.en}" (${fits.code}), not the chosen "${def.name.en}" (${def.code}). ` +
          'Check the dataset you chose',
      }, { file: fileName, value: fits.code });
    }
  };
  if (!choice) {
    otherFit(undefined);
    const shown = firstLinesShown(lines);
    const names = { zh: def.fields.slice(0, 3).map((f) => f.zh), codes: def.fields.slice(0, 3).map((f) => f.column) };
    throw dataError('CDF_HEADERS_UNKNOWN', {
      zh: `文件 ${fileName} 的前 ${lines.length} 个非空行中找不到表头：表头与数据集「${def.name.zh}」的任何字段都不匹配，或只有一列匹配` +
        `（表头行应至少含 ${MIN_HEADER_FIELDS} 个标准字段名，如 ${names.zh.join('、')}，或列代码，如 ${names.codes.join('、')}）。` +
        `读到的前几行是：${shown.zh}`,
      en: `no header found in the first ${lines.length} non-empty lines of ${fileName}: no line names the fields of dataset ` +
        `"${def.name.en}" (a header line names at least ${MIN_HEADER_FIELDS} standard fields, e.g. ${names.zh.join(', ')}, ` +
        `or column codes, e.g. ${names.codes.join(', ')}). The first lines read: ${shown.en}`,
    }, { file: fileName });
  }
  const [twice] = duplicateColumns(def, choice.headers);
  if (twice) {
    const f = def.fields.find((x) => x.name === twice.field)!;
    const cols = twice.columns;
    throw dataError('CDF_HEADER_DUPLICATE', {
      zh: `文件 ${fileName} 的表头（第 ${choice.line} 行）中 ${cols.map((c) => `第 ${c.at + 1} 列「${c.name}」`).join('和')}都对应字段「${f.zh}」(${f.column})，` +
        '无法确定该读哪一列。请删除或改名其中多余的列后重新上传',
      en: `in the header of ${fileName} (line ${choice.line}) ${cols.map((c) => `column ${c.at + 1} "${c.name}"`).join(' and ')} all name the field ` +
        `"${f.en}" (${f.zh}, ${f.column}): which one to read cannot be told. Delete or rename the extra column and upload again`,
    }, { file: fileName, column: f.column, value: cols.map((c) => c.name).join(',') });
  }
  const mapping = mapHeaders(def, choice.headers);
  if (mapping.missingRequired.length) {
    otherFit(choice.headers);
    const names = mapping.missingRequired;
    throw dataError('CDF_COLUMN_MISSING', {
      zh: `文件 ${fileName} 缺少必填列：${names.map((f) => `「${f.zh}」(${f.column})`).join('、')}（表头在第 ${choice.line} 行）。请补上这些列后重新上传`,
      en: `file ${fileName} lacks required column(s): ${names.map((f) => `"${f.en}" (${f.zh}, ${f.column})`).join(', ')} ` +
        `(header on line ${choice.line}). Add them and upload again`,
    }, { file: fileName, column: names.map((f) => f.column).join(',') });
  }
  const layout: BatchLayout = { header: { index: choice.index, line: choice.line }, above: choice.above };
  return { headers: choice.headers, columns: mapping.columns, layout };
}
