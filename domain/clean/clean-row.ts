// Cleans one row of an extract: maps its cells to fields, applies the field kind's rules, checks
// identifiers and validates the result against the dataset's JSON Schema. Pure: the activity
// feeds it rows and stores what it returns.
import { hash } from 'node:crypto';
import { LINKED_SUBJECT } from '../dataset.ts';
import type { DatasetDefinition } from '../dataset.ts';
import { describeErrors } from '../validation.ts';
import { checkUscc, USCC_PLACEHOLDER } from '../codes/index.ts';
import { checkPersonId } from './identifiers.ts';
import { optionalKey, simplifiedFold } from '../link/name-key.ts';
import { MEANING_FOLDS } from '../compare/meaning.ts';
import { docnoKey } from './docno.ts';
import { remembered } from '../memo.ts';
import { amountForm, amountInYuan, RULES_BY_KIND } from './rules.ts';
import type { CleanRule } from './rules.ts';
import type { RejectCode } from '../errors.ts';

export interface RowReject {
  field: string | null;
  /** One of the row codes of the error table (domain/errors/table/row.ts): the report's titles. */
  code: RejectCode;
  path: string;
  value: string | null;
  zh: string;
  en: string;
}

export interface RuleChange {
  field: string;
  ruleId: string;
  ruleVersion: number;
  before: string;
  after: string;
}

export interface CleanedRow {
  fields: Record<string, string>;
  rejects: RowReject[];
  changes: RuleChange[];
  naturalKey: string;
  contentHash: string;
  /** Matching keys of the subject's name and legal representative (null when absent). */
  nameKey: string | null;
  repKey: string | null;
  /** Accepted for now, refused unless the link step finds the subject this code meant (a subject
   * USCC whose only fault is its check character, in a row that names its subject). */
  heldReject: RowReject | null;
  /** USCC fields whose code breaks GB 32100 the way genuinely issued codes do (status nonconforming):
   * accepted, and listed by the link step as code conflicts for a person to confirm. */
  nonconforming: string[];
}

/** A subject USCC with a wrong check character, in a row that also gives the subject's name, is a
 * typo the registry can settle: the link step repairs it when the name matches a registered subject
 * whose code differs only there, and refuses the row otherwise. Not when the USCC is part of the
 * natural key: repairing it would change the row's identity after compare. */
function holdable(def: DatasetDefinition, fields: Record<string, string>, r: RowReject): boolean {
  const s = def.subject;
  return !!s && r.field === s.uscc && r.code === 'CDF_CODE_INVALID' && !def.naturalKey.includes(s.uscc)
    && !!fields[s.name] && usccCheck(fields[s.uscc]!).reasons.every((x) => x.code === 'check');
}

/** USCC fields, and a natural person's resident ID (identifiers.ts, which may rewrite a 15-digit
 * ID to 18 digits and record it in `changes`). A USCC that is nonconforming but plausibly issued
 * (its own check holds while the embedded organisation code fails; a 2015 Fujian pilot code) is
 * not refused: the link step lists it as a code conflict for review (activities/link/code-conflicts.ts). */
// A batch names a few authorities' codes on every row: each checked once (the checks are pure).
const usccCheck = remembered(checkUscc);

function checkIdentifiers(def: DatasetDefinition, fields: Record<string, string>, changes: RuleChange[] = [], nonconforming: string[] = []): RowReject[] {
  const rejects: RowReject[] = [];
  for (const f of def.fields) {
    const value = fields[f.name];
    if (f.kind !== 'uscc' || value === undefined || (value === USCC_PLACEHOLDER && def.subjectCodeFields.includes(f.name))) continue;
    const check = usccCheck(value);
    if (check.status === 'nonconforming') nonconforming.push(f.name);
    if (!check.valid && check.status !== 'nonconforming') {
      rejects.push({
        field: f.name, code: 'CDF_CODE_INVALID', path: `/${f.name}`, value,
        zh: `${f.zh}「${value}」不是有效的统一社会信用代码：${check.reasons.map((r) => r.zh).join('；')}`,
        en: `${f.en} "${value}" is not a valid USCC: ${check.reasons.map((r) => r.en).join('; ')}`,
      });
    }
  }
  rejects.push(...checkPersonId(def, fields, changes));
  return rejects;
}

/** A required field left empty because its cell held a placeholder says so, with what was typed. */
function placeholderNote(changes: readonly RuleChange[], field: string | null): { zh: string; en: string } {
  const c = changes.find((x) => x.field === field && ['code_placeholder', 'value_placeholder', 'excel_number'].includes(x.ruleId));
  if (!c) return { zh: '', en: '' };
  if (c.ruleId === 'excel_number') {
    return {
      zh: `（单元格中的「${c.before}」是被表格软件转成科学计数法的代码，数字已丢失：请把该列设为文本格式后重新导出）`,
      en: ` (the cell held "${c.before}", a code a spreadsheet turned into scientific notation, its digits lost: format the column as text and export again)`,
    };
  }
  return { zh: `（单元格中的「${c.before}」是表示“无”的占位符，按空值处理）`, en: ` (the cell held "${c.before}", a placeholder for "none", read as empty)` };
}

/** The category of an individual business, which the standard lets write a placeholder USCC. */
const INDIVIDUAL_BUSINESS = '个体工商户';

/** The standard: an individual business that writes the placeholder for its USCC gives its
 * registration number. Every placeholder form counts (无, /, all zeros…), since all are read as
 * the placeholder; an individual business that leaves the cell empty is named another way (its
 * name, another code) and the link step resolves it, as for any subject without a USCC. */
function placeholderNeedsRegno(def: DatasetDefinition, fields: Record<string, string>, changes: readonly RuleChange[]): RowReject[] {
  const s = def.subject;
  if (!s?.uscc || !s.regno || !s.category || fields[s.category] !== INDIVIDUAL_BUSINESS || fields[s.regno]) return [];
  const written = changes.find((c) => c.field === s.uscc && c.ruleId === 'code_placeholder');
  if (!written) return [];
  const f = def.fields.find((x) => x.name === s.regno)!;
  return [{
    field: s.regno, code: 'CDF_ROW_REQUIRED', path: `/${s.regno}`, value: null,
    zh: `缺少必填字段「${f.zh}」：统一社会信用代码栏填写的「${written.before}」是占位符，个体工商户此时须填写工商注册号`,
    en:
      `required field "${f.en}" is empty: the USCC cell holds "${written.before}", a placeholder, ` +
      'and an individual business must then give its registration number',
  }];
}

function schemaRejects(def: DatasetDefinition, fields: Record<string, string>, changes: readonly RuleChange[]): RowReject[] {
  if (def.validate(fields)) return [];
  // An `if` error only says a `then` failed; the `then`'s own error names the field.
  return describeErrors(def.validate.errors).filter((p) => p.keyword !== 'if').map((p) => {
    const name = typeof p.params.missingProperty === 'string' ? p.params.missingProperty : p.path.split('/')[1] ?? null;
    const field = def.fields.find((f) => f.name === name);
    const label = field ? { zh: field.zh, en: field.en } : { zh: name ?? '行', en: name ?? 'row' };
    if (p.keyword === 'required') {
      const note = placeholderNote(changes, name);
      return {
        field: name, code: 'CDF_ROW_REQUIRED', path: `/${name}`, value: null,
        zh: `缺少必填字段「${label.zh}」${note.zh}`, en: `required field "${label.en}" is empty${note.en}`,
      };
    }
    const value = name ? fields[name] ?? null : null;
    return {
      field: name, code: p.keyword === 'enum' ? 'CDF_ROW_CODELIST' : 'CDF_ROW_SCHEMA', path: p.path, value,
      zh: `「${label.zh}」的值「${value ?? ''}」${p.zh}${'allowedValues' in p.params ? `：${(p.params.allowedValues as string[]).join('、')}` : ''}`,
      en: `"${label.en}" value "${value ?? ''}" ${p.en}${'allowedValues' in p.params ? `: ${(p.params.allowedValues as string[]).join(', ')}` : ''}`,
    };
  });
}


const ZERO = /^0+(\.0+)?$/;
const kinds = new WeakMap<DatasetDefinition, Map<string, string>>();
function kindOf(def: DatasetDefinition, name: string): string | undefined {
  let m = kinds.get(def);
  if (!m) kinds.set(def, (m = new Map(def.fields.map((f) => [f.name, f.kind]))));
  return m.get(name);
}

// An authority's code is part of the key of every row it decided: folded once per code.
const foldKeyPart = remembered(simplifiedFold);

/** A document number by its key (第, leading zeros and 字 folded); other parts by script and width.
 * `formed`: the fields are cleaned already (document numbers in their docno_form). */
export function naturalKey(def: DatasetDefinition, fields: Record<string, string>, formed = false): string {
  return def.naturalKey.map((k) => {
    const v = fields[k] ?? '';
    return kindOf(def, k) === 'docno' ? simplifiedFold(docnoKey(v, formed)) : foldKeyPart(v);
  }).join('|');
}

/** The field kinds whose values are compared other than as stored. */
const KIND_FOLDS = new Map<string, (value: string, formed: boolean) => string | null>([
  // An amount of 0 says what an empty cell says: nothing was fined or confiscated.
  ['amount', (v) => (ZERO.test(v) ? null : v)],
  ['docno', (v, formed) => docnoKey(v, formed)],
]);
const kindFold = (def: DatasetDefinition, name: string) => KIND_FOLDS.get(kindOf(def, name) ?? '');

type Fold = (value: string, formed: boolean) => string | null;

/** How a material field's value is compared: a field the dataset compares by meaning through its
 * fold, a document number by its key, an amount of 0 as none; any other as it is (no fold). */
function foldOf(def: DatasetDefinition, name: string): Fold | undefined {
  const meaning = def.compare?.[name];
  if (meaning) return (v) => MEANING_FOLDS[meaning](v);
  return kindFold(def, name);
}

/** A material value as it is compared. */
function compared(def: DatasetDefinition, name: string, value: string | undefined, formed: boolean): string | null {
  if (value === undefined) return null;
  const fold = foldOf(def, name);
  return fold ? fold(value, formed) : value;
}

// The hashed fields and their folds, worked out once per definition: the hash runs on every row.
const hashPlans = new WeakMap<DatasetDefinition, Array<{ name: string; fold: Fold | undefined }>>();
function hashPlan(def: DatasetDefinition): Array<{ name: string; fold: Fold | undefined }> {
  let plan = hashPlans.get(def);
  if (!plan) hashPlans.set(def, (plan = def.material.filter((k) => k !== LINKED_SUBJECT).map((name) => ({ name, fold: foldOf(def, name) }))));
  return plan;
}

/** Hash of the material fields, as compared. The linked subject (`$subject`) is not known yet:
 * the link step folds it in. The text hashed, [[field, value], …] as JSON, is what every stored
 * hash was made from: a test pins it. */
export function contentHash(def: DatasetDefinition, fields: Record<string, string>, formed = false): string {
  const material = hashPlan(def).map(({ name, fold }) => {
    const v = fields[name];
    return [name, v === undefined ? null : fold ? fold(v, formed) : v];
  });
  // The one-shot hash: a hasher object a row cost more than the hashing (measured 3 µs a row).
  return hash('sha256', JSON.stringify(material)).slice(0, 32);
}

/** The material fields besides the natural key and the linked subject, split by how they are
 * compared: `plain` ones as stored (SQL may test them), `folded` ones only through `compared`
 * (by meaning, an amount of 0 as none, a document number by its key). */
export function restFields(def: DatasetDefinition): { plain: string[]; folded: string[] } {
  const rest = def.material.filter((k) => k !== LINKED_SUBJECT && !def.naturalKey.includes(k));
  const folds = (k: string): boolean => Boolean(def.compare?.[k] || kindFold(def, k));
  return { plain: rest.filter((k) => !folds(k)), folded: rest.filter(folds) };
}

/** Whether two cleaned records say the same in `fields` as the content hash compares them:
 * 罚款1400元 and 罚款0.14万元 do, 罚款2000元 and 罚款3000元 do not. */
export function sameAsCompared(def: DatasetDefinition, a: Record<string, string>, b: Record<string, string>, fields: readonly string[]): boolean {
  return fields.every((k) => compared(def, k, a[k], true) === compared(def, k, b[k], true));
}

/** What the linked subject contributes to a record's content hash: its USCC; for a natural person
 * "person"; for a subject not linked, the codes and name the row carries. The link step computes
 * the same in SQL (db/queries/pipeline/link.ts, setSubject and the unlinked fold); a test holds them
 * together, so a record rewritten by a decision compares equal to the rows it came from. */
export function subjectFold(def: DatasetDefinition, fields: Record<string, string>, subjectUscc: string | null): string {
  if (subjectUscc) return subjectUscc;
  const s = def.subject;
  if (s?.category && s.person && fields[s.category] === s.person) return 'person';
  const parts = [s?.uscc, s?.orgcode, s?.regno, s?.taxno].map((f) => (f ? fields[f] : undefined));
  parts.push(s ? optionalKey(fields[s.name]) ?? undefined : undefined);
  return `unlinked:${parts.filter((p) => p !== undefined).join('|')}`;
}

/** The content hash of a record: its material fields, and the linked subject when the dataset's
 * material names it (`$subject`). */
export function recordHash(def: DatasetDefinition, fields: Record<string, string>, subjectUscc: string | null): string {
  const base = contentHash(def, fields);
  return def.material.includes(LINKED_SUBJECT) ? hash('md5', `${base}|${subjectFold(def, fields, subjectUscc)}`) : base;
}

export interface CleanContext {
  /** The batch's receipt date (YYYY-MM-DD, Asia/Shanghai): decision dates may not be later. */
  receivedOn?: string;
  /** Amount fields whose column header says 元 instead of 万元 (domain/layout/headers.ts). */
  yuanColumns?: readonly string[];
}

/** The rules a field's cells go through: its kind's, with a yuan column marked first for amount_form. */
function rulesFor(f: DatasetDefinition['fields'][number], ctx: CleanContext): readonly CleanRule[] {
  const rules = RULES_BY_KIND[f.kind] ?? RULES_BY_KIND.text!;
  if (!ctx.yuanColumns?.includes(f.name)) return rules;
  const at = rules.indexOf(amountForm);
  return [...rules.slice(0, at), amountInYuan, ...rules.slice(at)];
}

/** A field's rules run in turn on one cell: its cleaned value, with a change record appended to
 * `changes` for each rule that changed it. */
type Chain = (value: string, changes: RuleChange[]) => string;

function chainOf(field: string, rules: readonly CleanRule[]): Chain {
  return (value, changes) => {
    for (const r of rules) {
      const after = r.apply(value);
      if (after !== value) {
        changes.push({ field, ruleId: r.id, ruleVersion: r.version, before: value, after });
        value = after;
      }
    }
    return value;
  };
}

/** How a remembered chain decides whether remembering pays: after `trial` cells, fewer than
 * `minHits` of them seen before and it stops remembering (a column of distinct values, such as
 * the subjects' own codes); `size` bounds what it holds. */
export interface ChainMemo { trial: number; minHits: number; size: number }
const CHAIN_MEMO: ChainMemo = { trial: 4_000, minHits: 0.3, size: 5_000 };

/** The chain, remembered by cell. A column of codes, dates, amounts or categories repeats a few
 * thousand values over a batch (the deciding authority's code on every row, the same dates): each
 * goes through its rules once, and a repeat costs one lookup. Rules are pure functions of the
 * value, so the remembered value and change records are what the rules would give again; the
 * records are shared between rows, and nothing changes a change record once made. */
export function rememberedChain(chain: Chain, memo: ChainMemo = CHAIN_MEMO): Chain {
  const known = remembered((value: string) => {
    const changes: RuleChange[] = [];
    return { value: chain(value, changes), changes };
  }, memo.size, { after: memo.trial, minHits: memo.minHits });
  return (value, changes) => {
    const r = known(value);
    for (const c of r.changes) changes.push(c);
    return r.value;
  };
}

interface FieldStep { name: string; col: number; run: Chain }
// A batch's rows share its header and context: which column feeds which field through which rules
// is worked out once per batch, not per row. A field with a single rule (free text's trim) is run
// as it is: its one test costs less than a lookup.
const plans = new WeakMap<readonly (string | null)[], { def: DatasetDefinition; yuan: CleanContext['yuanColumns']; steps: FieldStep[] }>();
function planOf(def: DatasetDefinition, columns: readonly (string | null)[], ctx: CleanContext): FieldStep[] {
  const known = plans.get(columns);
  if (known && known.def === def && known.yuan === ctx.yuanColumns) return known.steps;
  const steps = def.fields.map((f) => ({ f, col: columns.indexOf(f.name), rules: rulesFor(f, ctx) })).filter((x) => x.col >= 0)
    .map(({ f, col, rules }) => ({ name: f.name, col, run: rules.length > 1 ? rememberedChain(chainOf(f.name, rules)) : chainOf(f.name, rules) }));
  plans.set(columns, { def, yuan: ctx.yuanColumns, steps });
  return steps;
}

/** No decision of the People's Republic is dated before its founding: an earlier date (0001-01-01,
 * 1900-01-01, an Excel zero) is a placeholder or a slip, not a decision date. */
export const EARLIEST_DECISION = '1949-10-01';

function dateRejects(def: DatasetDefinition, fields: Record<string, string>, ctx: CleanContext): RowReject[] {
  return (def.notAfterReceipt ?? []).flatMap((name): RowReject[] => {
    const value = fields[name];
    // Only well-formed dates are compared; a malformed one is already refused by the schema.
    if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return [];
    const f = def.fields.find((x) => x.name === name)!;
    if (value < EARLIEST_DECISION) {
      return [{
        field: name, code: 'CDF_ROW_DATE_IMPLAUSIBLE', path: `/${name}`, value,
        zh: `「${f.zh}」${value} 早于 ${EARLIEST_DECISION}，不可能是决定日期（常见于占位值或录入错误）`,
        en: `"${f.en}" ${value} is before ${EARLIEST_DECISION}: it cannot be a decision date (often a placeholder or a typing slip)`,
      }];
    }
    if (!ctx.receivedOn || value <= ctx.receivedOn) return [];
    return [{
      field: name, code: 'CDF_ROW_DATE_FUTURE', path: `/${name}`, value,
      zh: `「${f.zh}」${value} 晚于文件接收日期 ${ctx.receivedOn}，决定日期不能在将来`,
      en: `"${f.en}" ${value} is after the file's receipt date ${ctx.receivedOn}: a decision cannot be dated in the future`,
    }];
  });
}

export function cleanRow(def: DatasetDefinition, columns: readonly (string | null)[], cells: readonly string[], ctx: CleanContext = {}): CleanedRow {
  const fields: Record<string, string> = {};
  const changes: RuleChange[] = [];
  const rejects: RowReject[] = [];
  const nonconforming: string[] = [];
  const extra = cells.slice(columns.length).filter((c) => c.trim() !== '');
  if (extra.length) {
    rejects.push({
      field: null,
      code: 'CDF_ROW_RAGGED',
      path: '/',
      value: extra.join(','),
      zh: `本行比表头多出 ${extra.length} 个非空单元格`,
      en: `the row has ${extra.length} more non-empty cell(s) than the header`,
    });
  }
  for (const { name, col, run } of planOf(def, columns, ctx)) {
    const value = run(cells[col] ?? '', changes);
    if (value !== '') fields[name] = value;
  }
  rejects.push(
    ...schemaRejects(def, fields, changes),
    ...placeholderNeedsRegno(def, fields, changes),
    ...checkIdentifiers(def, fields, changes, nonconforming),
    ...dateRejects(def, fields, ctx),
  );
  let heldReject: RowReject | null = null;
  if (rejects.length === 1 && holdable(def, fields, rejects[0]!)) heldReject = rejects.pop()!;
  const s = def.subject;
  return {
    fields, rejects, changes, naturalKey: naturalKey(def, fields, true), contentHash: contentHash(def, fields, true),
    nameKey: s ? optionalKey(fields[s.name]) : null,
    repKey: s?.legalRep ? optionalKey(fields[s.legalRep]) : null,
    heldReject,
    nonconforming,
  };
}
