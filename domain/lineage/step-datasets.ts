// What each pipeline step reads and writes, as OpenLineage datasets with their schemas and, on
// outputs, the column lineage. The datasets are the catalogue's: `<dataset>.raw` (cells as
// received), `<dataset>.clean` (the standard's fields plus the columns link and compare add) and
// `<dataset>` (the golden records); the uploaded file is an input in the agency's namespace, and
// each subscription an output.
import type { DatasetDefinition } from '../dataset.ts';
import type { PipelineStep } from '../pipeline.ts';
import { ColumnLineage } from './column-lineage.ts';
import { direct, IDENTITY, indirect, schemaFacet } from './openlineage-facets.ts';
import type { DatasetRef, OlDataset, SchemaField } from './openlineage-facets.ts';

/** Catalogue datasets (raw, clean, golden) and the subscriptions that receive them. */
export const CATALOGUE_NAMESPACE = 'credit-data-factory';
export const SUBSCRIPTION_NAMESPACE = 'credit-data-factory.subscriptions';

/** The part of a dataset definition lineage needs (catalog/dataset-definition.ts gives all of it). */
export type LineageDataset = Pick<DatasetDefinition, 'code' | 'fields' | 'naturalKey' | 'material' | 'subject' | 'responsibleBy' | 'registry'>;

export interface StepContext {
  agency: string;
  channel: string;
  fileName: string;
  headers: string[];
  /** For each header, the dataset field it was mapped to (null: not taken). */
  columnMap: (string | null)[];
  dataset: LineageDataset;
  /** The legal-person registry that link resolves subjects against. */
  registry?: LineageDataset;
  subscriptions: string[];
}

// Columns of clean rows and golden records that are not fields of the standard: `$` keeps them
// apart from field names, as LINKED_SUBJECT does in dataset definitions.
const SUBJECT = '$subject_uscc';
const LINK_COLUMNS: SchemaField[] = [
  { name: SUBJECT, type: 'string', description: '关联到的主体统一社会信用代码 / USCC of the linked subject' },
  { name: '$link_method', type: 'string', description: '关联方法 / how the subject was linked' },
  { name: '$link_confidence', type: 'real', description: '关联置信度 / link confidence' },
];
const CLASS: SchemaField = {
  name: '$class',
  type: 'string',
  description: '比对结果：新增、重复、更新、冲突、非本单位职责 / compare class: new, duplicate, update, conflict, out of responsibility',
};
const TYPE_OF_KIND: Record<string, string> = { date: 'date', amount: 'decimal' };

const fieldSchema = (d: LineageDataset): SchemaField[] =>
  d.fields.map((f) => ({ name: f.name, type: TYPE_OF_KIND[f.kind] ?? 'string', description: `${f.zh} / ${f.en} (${f.column})` }));

const dataset = (ref: DatasetRef, fields: SchemaField[], lineage?: ColumnLineage): OlDataset => ({
  ...ref, facets: { schema: schemaFacet(fields), ...(lineage && !lineage.empty ? { columnLineage: lineage.facet() } : {}) },
});

export function stepDatasets(step: PipelineStep, c: StepContext): { inputs: OlDataset[]; outputs: OlDataset[] } {
  const d = c.dataset;
  const file = { namespace: `file://${c.agency}`, name: `${c.channel}/${c.fileName}` };
  const raw = { namespace: CATALOGUE_NAMESPACE, name: `${d.code}.raw` };
  const clean = { namespace: CATALOGUE_NAMESPACE, name: `${d.code}.clean` };
  const golden = { namespace: CATALOGUE_NAMESPACE, name: d.code };
  const headers = [...new Set(c.headers)].map((name) => ({ name, type: 'string' }));
  const cleanSchema = [...fieldSchema(d), ...LINK_COLUMNS, CLASS];
  const goldenSchema = [...fieldSchema(d), LINK_COLUMNS[0]!];
  const material = (f: string) => (f === '$subject' ? SUBJECT : f);
  switch (step) {
    case 'receive': {
      const l = new ColumnLineage();
      for (const h of headers) l.add(h.name, file, h.name, IDENTITY);
      return { inputs: [dataset(file, headers)], outputs: [dataset(raw, headers, l)] };
    }
    case 'clean': {
      const l = new ColumnLineage();
      const how = direct('TRANSFORMATION', '清洗规则：规范化并校验 / clean rules: normalised and validated');
      c.headers.forEach((h, i) => {
        const field = c.columnMap[i];
        if (!field) return;
        l.add(field, raw, h, how);
        l.affectsAllRows(raw, h, indirect('FILTER', '未通过校验的行被拒收 / rows that fail validation are rejected'));
      });
      return { inputs: [dataset(raw, headers)], outputs: [dataset(clean, cleanSchema, l)] };
    }
    case 'link': {
      const reg = c.registry && !d.registry ? c.registry : undefined;
      const regRef = reg && { namespace: CATALOGUE_NAMESPACE, name: reg.code };
      const inputs = [dataset(clean, cleanSchema), ...(reg && regRef ? [dataset(regRef, [...fieldSchema(reg), LINK_COLUMNS[0]!])] : [])];
      const s = d.subject;
      if (!s) return { inputs, outputs: [] };
      const l = new ColumnLineage();
      for (const out of LINK_COLUMNS.map((x) => x.name)) {
        // The registry's own rows carry the USCC that identifies them.
        if (d.registry) {
          if (s.uscc) l.add(out, clean, s.uscc, IDENTITY);
          continue;
        }
        if (s.uscc) l.add(out, clean, s.uscc, direct('TRANSFORMATION', '有效代码经登记信息核对后采用 / a valid code, checked against the registry'));
        for (const f of [s.name, s.orgcode, s.regno, s.taxno, s.legalRep])
          if (f) l.add(out, clean, f, indirect('JOIN', '与登记信息匹配 / matched against the registry'));
        if (s.category) l.add(out, clean, s.category, indirect('CONDITIONAL', '自然人不关联 / natural persons are not linked'));
        const rs = reg?.subject;
        if (rs && regRef) {
          if (rs.uscc) l.add(out, regRef, rs.uscc, direct('IDENTITY', '登记信息中的代码 / the registry\'s code'));
          for (const f of [rs.name, rs.orgcode, rs.regno, rs.legalRep])
            if (f) l.add(out, regRef, f, indirect('JOIN', '与登记信息匹配 / matched against the registry'));
        }
      }
      return { inputs, outputs: [dataset(clean, cleanSchema, l)] };
    }
    case 'compare': {
      const l = new ColumnLineage();
      for (const ref of [clean, golden]) {
        for (const f of d.naturalKey) l.add(CLASS.name, ref, f, indirect('JOIN', '按自然键比对 / matched on the natural key'));
        for (const f of d.material) l.add(CLASS.name, ref, material(f), direct('TRANSFORMATION', '比较实质字段 / material fields compared'));
      }
      if (d.responsibleBy)
        l.add(
          CLASS.name,
          clean,
          d.responsibleBy,
          indirect('CONDITIONAL', "一数一源：目录规定的责任单位 / one source per datum: the catalogue's responsible authority"),
        );
      return { inputs: [dataset(clean, cleanSchema), dataset(golden, goldenSchema)], outputs: [dataset(clean, cleanSchema, l)] };
    }
    case 'sync': {
      const l = new ColumnLineage();
      for (const f of goldenSchema) l.add(f.name, clean, f.name, IDENTITY);
      l.affectsAllRows(clean, CLASS.name, indirect('FILTER', '按比对结果与择优规则入库 / kept by compare class and survivorship'));
      return { inputs: [dataset(clean, cleanSchema)], outputs: [dataset(golden, goldenSchema, l)] };
    }
    case 'distribute': {
      const outputs = c.subscriptions.map((id) => {
        const sub = { namespace: SUBSCRIPTION_NAMESPACE, name: id };
        const l = new ColumnLineage();
        for (const f of goldenSchema) l.add(f.name, golden, f.name, IDENTITY);
        return dataset(sub, goldenSchema, l);
      });
      return { inputs: [dataset(golden, goldenSchema)], outputs };
    }
  }
}
