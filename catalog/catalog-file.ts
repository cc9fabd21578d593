// Reads and checks a catalogue file (YAML or JSON). Structural errors come from the JSON Schema
// with the path they occur at; referential errors (an entry naming an unknown agency) follow.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { dataError } from '../domain/errors.ts';
import { describeErrors, schemaValidator } from '../schemas/ajv.ts';
import { datasetDefinition, datasetExists } from './dataset-definition.ts';
import { inheritanceProblems, regionProblems } from './inheritance.ts';
import { pullConfigProblems, sinkConfigProblems } from '../schemas/connector-config.ts';

export { CHANNEL_NAMES } from '../domain/catalog.ts';
export type { Channel, CatalogFile, Subscription, ShareGrant, Measure, CatalogProblem } from '../domain/catalog.ts';
import type { CatalogFile, CatalogProblem } from '../domain/catalog.ts';

export function parseCatalogText(text: string, sourceName: string): unknown {
  try {
    return sourceName.endsWith('.json') ? JSON.parse(text) : parse(text);
  } catch (e) {
    throw dataError('CDF_CATALOG_SYNTAX', {
      zh: `目录文件 ${sourceName} 无法解析：${(e as Error).message}`,
      en: `catalogue file ${sourceName} cannot be parsed: ${(e as Error).message}`,
    }, { file: sourceName });
  }
}

/** A pull's column map names the dataset's fields (its keys) and never one field twice. */
function pullColumnProblems(e: CatalogFile['entries'][number], i: number): CatalogProblem[] {
  if (!e.pull?.columns || !datasetExists(e.dataset)) return [];
  const def = datasetDefinition(e.dataset);
  const fields = new Set(def.fields.map((f) => f.name));
  return Object.keys(e.pull.columns).filter((f) => !fields.has(f)).map((f) => ({
    path: `/entries/${i}/pull/columns/${f}`,
    zh: `抽取的列映射中 ${f} 不是数据集「${def.name.zh}」的字段；字段有：${[...fields].join('、')}`,
    en: `${f} in the pull's columns map is not a field of dataset "${def.name.en}"; the fields are ${[...fields].join(', ')}`,
  }));
}

function referenceProblems(c: CatalogFile): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const regions = new Set(c.regions.map((r) => r.code));
  const agencies = new Set(c.agencies.map((a) => a.code));
  const datasets = new Set(c.datasets);
  c.regions.forEach((r, i) => {
    if (r.parent && !regions.has(r.parent))
      problems.push({ path: `/regions/${i}/parent`, zh: `上级区划 ${r.parent} 不存在`, en: `parent region ${r.parent} does not exist` });
    if (r.level !== 'city' && !r.parent)
      problems.push({
        path: `/regions/${i}/parent`,
        zh: `${r.level === 'district' ? '区' : '街乡镇'}级区划必须有上级`,
        en: `a ${r.level} region needs a parent`,
      });
  });
  c.agencies.forEach((a, i) => {
    if (!regions.has(a.region)) problems.push({ path: `/agencies/${i}/region`, zh: `区划 ${a.region} 不存在`, en: `region ${a.region} does not exist` });
  });
  c.datasets.forEach((d, i) => {
    if (!datasetExists(d))
      problems.push({
        path: `/datasets/${i}`,
        zh: `数据集 ${d} 没有定义文件 catalog/datasets/${d}.yaml`,
        en: `dataset ${d} has no definition catalog/datasets/${d}.yaml`,
      });
  });
  c.entries.forEach((e, i) => {
    if (!agencies.has(e.agency)) problems.push({ path: `/entries/${i}/agency`, zh: `数源单位 ${e.agency} 不存在`, en: `agency ${e.agency} does not exist` });
    if (!datasets.has(e.dataset))
      problems.push({ path: `/entries/${i}/dataset`, zh: `数据集 ${e.dataset} 未在 datasets 中列出`, en: `dataset ${e.dataset} is not listed under datasets` });
    if (!regions.has(e.region)) problems.push({ path: `/entries/${i}/region`, zh: `区划 ${e.region} 不存在`, en: `region ${e.region} does not exist` });
    problems.push(...pullColumnProblems(e, i));
  });
  const noAgency = (path: string, code: string) => problems.push({ path, zh: `单位 ${code} 不在 agencies 中`, en: `agency ${code} is not listed under agencies` });
  (c.subscriptions ?? []).forEach((s, i) => {
    if (!datasets.has(s.dataset))
      problems.push({
        path: `/subscriptions/${i}/dataset`,
        zh: `数据集 ${s.dataset} 未在 datasets 中列出`,
        en: `dataset ${s.dataset} is not listed under datasets`,
      });
    if (s.subscriber && !agencies.has(s.subscriber)) noAgency(`/subscriptions/${i}/subscriber`, s.subscriber);
    if (!s.subscriber && !s.public)
      problems.push({
        path: `/subscriptions/${i}/subscriber`,
        zh: '共享订阅必须写明订阅单位（subscriber）；面向社会公示的订阅写 public: true',
        en: 'a sharing subscription needs its subscriber; a public-disclosure one says public: true',
      });
    (s.regions ?? []).forEach((r, j) => {
      if (!regions.has(r)) problems.push({ path: `/subscriptions/${i}/regions/${j}`, zh: `区划 ${r} 不存在`, en: `region ${r} does not exist` });
    });
  });
  (c.grants ?? []).forEach((g, i) => {
    if (!agencies.has(g.subscriber)) noAgency(`/grants/${i}/subscriber`, g.subscriber);
    if (g.provider && !agencies.has(g.provider)) noAgency(`/grants/${i}/provider`, g.provider);
    if (!datasets.has(g.dataset))
      problems.push({ path: `/grants/${i}/dataset`, zh: `数据集 ${g.dataset} 未在 datasets 中列出`, en: `dataset ${g.dataset} is not listed under datasets` });
    if (g.until && g.until < g.from)
      problems.push({
        path: `/grants/${i}/until`,
        zh: `授权截止日 ${g.until} 早于起始日 ${g.from}`,
        en: `grant ends (${g.until}) before it starts (${g.from})`,
      });
  });
  (c.measures ?? []).forEach((m, i) => {
    if (!agencies.has(m.department)) noAgency(`/measures/${i}/department`, m.department);
    if (!datasets.has(m.dataset))
      problems.push({
        path: `/measures/${i}/dataset`,
        zh: `数据集 ${m.dataset} 未在 datasets 中列出`,
        en: `dataset ${m.dataset} is not listed under datasets`,
      });
  });
  return problems;
}

/** Validates a parsed catalogue; throws one DataError listing every problem with its path. */
export function checkCatalog(value: unknown, sourceName: string): CatalogFile {
  const validate = schemaValidator('catalog.schema.json');
  let problems: CatalogProblem[];
  if (!validate(value)) {
    problems = describeErrors(validate.errors).map((p) => {
      const allowed = 'allowedValues' in p.params ? `：${JSON.stringify(p.params.allowedValues)}` : '';
      return { path: p.path, zh: `${p.zh}${allowed}`, en: `${p.en}${allowed.replace('：', ': ')}` };
    });
  } else {
    // Each subscription's sink config against the schema its connector's manifest names.
    problems = [...referenceProblems(value as CatalogFile), ...sinkConfigProblems(value as CatalogFile), ...pullConfigProblems(value as CatalogFile)];
    // Inheritance is judged on a catalogue whose references hold.
    if (!problems.length) problems = [...regionProblems(value as CatalogFile), ...inheritanceProblems(value as CatalogFile)];
  }
  if (problems.length) {
    throw dataError('CDF_CATALOG_INVALID', {
      zh: `目录文件 ${sourceName} 有 ${problems.length} 处错误：\n${problems.map((p) => `  ${p.path}：${p.zh}`).join('\n')}`,
      en: `catalogue file ${sourceName} has ${problems.length} problem(s):\n${problems.map((p) => `  ${p.path}: ${p.en}`).join('\n')}`,
    }, { file: sourceName, problems });
  }
  return value as CatalogFile;
}

/** Reads, parses and checks a catalogue file; its name is what error messages show. */
export function readCatalogFile(filePath: string): { catalog: CatalogFile; name: string } {
  const name = path.basename(filePath);
  return { catalog: checkCatalog(parseCatalogText(readFileSync(filePath, 'utf8'), name), name), name };
}
