// A field-by-field decision on a conflict (issue 14): which value each field of the record takes,
// and whether what the steward typed fits the dataset's standard, said in plain words with the
// field's name, what was expected and an example. Pure: the service checks a decision with it
// before sending it (a quick 422), and the activity applies it with it.
import type { DatasetDefinition } from '../dataset.ts';
import { describeErrors } from '../validation.ts';
import type { FieldChoice } from './decision.ts';

/** The linked subject, chosen like a field. */
export const SUBJECT_FIELD = '$subject';

/** The record's fields after the choices: a keeps the held value, b takes the incoming row's, value the one entered. */
export function chooseFields(
  held: Record<string, string>,
  incoming: Record<string, string>,
  choices: Record<string, FieldChoice>,
): Record<string, string> {
  const out = { ...held };
  for (const [k, c] of Object.entries(choices)) {
    if (k === SUBJECT_FIELD) continue;
    const v = c.take === 'a' ? held[k] : c.take === 'b' ? incoming[k] : c.value;
    if (v === undefined || v === '') delete out[k];
    else out[k] = v;
  }
  return out;
}

/** Differing fields the decision leaves unchosen. */
export const unchosen = (differs: readonly string[], choices: Record<string, FieldChoice>): string[] => differs.filter((k) => !(k in choices));

export interface ValueProblem { field: string; value: string; zh: string; en: string }

/** The first problem with the record the choices make, naming a field the steward chose or entered
 * where the schema names one; null when it fits the standard. Unknown fields are problems too. */
export function valueProblem(def: DatasetDefinition, next: Record<string, string>, choices: Record<string, FieldChoice>): ValueProblem | null {
  for (const k of Object.keys(choices)) {
    if (k !== SUBJECT_FIELD && !def.fields.some((f) => f.name === k)) {
      return {
        field: k, value: choices[k]?.value ?? '',
        zh: `数据集「${def.name.zh}」没有字段 ${k}`, en: `dataset "${def.name.en}" has no field ${k}`,
      };
    }
  }
  if (def.validate(next)) return null;
  const problems = describeErrors(def.validate.errors).filter((p) => p.keyword !== 'if');
  const nameOf = (p: (typeof problems)[number]) =>
    (typeof p.params['missingProperty'] === 'string' ? String(p.params['missingProperty']) : p.path.split('/')[1] ?? '');
  const named = problems.map((p) => ({ p, name: nameOf(p) }));
  // The steward's own entries first: those are what the answer must point at.
  const entered = Object.entries(choices).filter(([, c]) => c.take === 'value').map(([k]) => k);
  const hit = named.find((x) => entered.includes(x.name)) ?? named.find((x) => x.name in choices) ?? named[0];
  if (!hit) return null;
  const f = def.fields.find((x) => x.name === hit.name);
  const label = f ? { zh: f.zh, en: f.en } : { zh: hit.name || '记录', en: hit.name || 'the record' };
  const value = next[hit.name] ?? '';
  const allowed = 'allowedValues' in hit.p.params ? (hit.p.params['allowedValues'] as unknown[]).map(String) : null;
  if (hit.p.keyword === 'required') {
    return { field: hit.name, value: '', zh: `「${label.zh}」不能为空`, en: `"${label.en}" must not be empty` };
  }
  return {
    field: hit.name, value,
    zh: `「${label.zh}」的值「${value}」${hit.p.zh}${allowed ? `：${allowed.join('、')}，例如 ${allowed[0]}` : ''}`,
    en: `"${label.en}" value "${value}" ${hit.p.en}${allowed ? `: ${allowed.join(', ')}, e.g. ${allowed[0]}` : ''}`,
  };
}
