// What the factory did with every row of every generated file, read back from PostgreSQL in row
// order and merged with the ground truth as both stream, so a 10M-row run never holds either
// side in memory. The same pass feeds the steward scorer (../accuracy/stewards.ts).
import { AccuracyAccumulator } from '../accuracy/accumulator.ts';
import type { Accuracy, Outcome, RaisedConflict } from '../accuracy/score.ts';
import type { StewardAccumulator } from '../accuracy/stewards.ts';
import { readSummary, readTruth } from '../accuracy/truth-files.ts';
import type { Db } from '../../db/connect.ts';

interface OutcomeRow { row_no: number; codes: string[] | null; fields: string[] | null; golden_id: number | null; subject_uscc: string | null }

async function* outcomesOf(db: Db, batchId: string, file: string, page = 20_000): AsyncGenerator<Outcome> {
  let after = 0;
  for (;;) {
    const { rows } = (await db.raw(`
      select w.row_no,
             (select array_agg(distinct r.code order by r.code) from rejects r where r.batch_id = w.batch_id and r.row_no = w.row_no) as codes,
             (select array_agg(distinct r.field order by r.field) from rejects r
               where r.batch_id = w.batch_id and r.row_no = w.row_no and r.field is not null) as fields,
             c.golden_id, c.subject_uscc
        from raw_rows w left join clean_rows c on c.batch_id = w.batch_id and c.row_no = w.row_no
       where w.batch_id = ? and w.row_no > ? order by w.row_no limit ?`, [batchId, after, page])) as { rows: OutcomeRow[] };
    for (const r of rows) {
      yield {
        file, row: r.row_no, rejected: r.codes !== null, rejectCodes: r.codes ?? [], rejectFields: r.fields ?? [],
        goldenId: r.golden_id, linkedUscc: r.subject_uscc,
      };
    }
    if (rows.length < page) return;
    after = rows[rows.length - 1]!.row_no;
  }
}

/** Each conflict row with the row that was chosen for the golden record it disagrees with. */
async function raisedConflicts(db: Db): Promise<RaisedConflict[]> {
  const { rows } = (await db.raw(`
    select b.file_name as file, c.row_no as row, sb.file_name as chosen_file, s.row_no as chosen_row
      from clean_rows c join batches b on b.id = c.batch_id
      left join record_sources s on s.golden_id = c.golden_id and s.role = 'chosen'
      left join batches sb on sb.id = s.batch_id
     where c.class = 'conflict'`)) as { rows: Array<{ file: string; row: number; chosen_file: string | null; chosen_row: number | null }> };
  return rows.map((r) => [{ file: r.file, row: r.row }, ...(r.chosen_file ? [{ file: r.chosen_file, row: r.chosen_row! }] : [])]);
}

/** A file the factory refused whole at upload: its rows count as rejected under this code. */
export interface Refusal { file: string; code: string; message: string; rows: number }

export async function measureAccuracy(
  db: Db, genDir: string, batchOfFile: Map<string, string>, more: { refused?: Map<string, Refusal>; stewards?: StewardAccumulator } = {},
): Promise<Accuracy> {
  const acc = new AccuracyAccumulator(await raisedConflicts(db));
  const summary = await readSummary(genDir);
  const truth = readTruth(genDir)[Symbol.asyncIterator]();
  let extra = 0;
  for (const f of summary.files) {
    const batchId = batchOfFile.get(f.file);
    const refusal = more.refused?.get(f.file);
    const outcomes = batchId ? outcomesOf(db, batchId, f.file)[Symbol.asyncIterator]() : undefined;
    let next = outcomes ? await outcomes.next() : undefined;
    for (let i = 0; i < f.rows; i++) {
      const t = (await truth.next()).value as Parameters<AccuracyAccumulator['add']>[0] & Parameters<StewardAccumulator['add']>[0];
      more.stewards?.add(t);
      while (next && !next.done && next.value.row < t.row) {
        extra++;
        next = await outcomes!.next();
      }
      if (next && !next.done && next.value.row === t.row) {
        acc.add(t, next.value);
        next = await outcomes!.next();
      } else if (refusal) {
        const o = { file: f.file, row: t.row, rejected: true, refused: true, rejectCodes: [refusal.code], goldenId: null, linkedUscc: null };
        acc.add(t, o);
      } else {
        acc.add(t, null);
      }
    }
    // Lines after the data: a footer's lines when the file has one (agencies mode), else unexpected.
    const footer = f.layout?.below ?? 0;
    acc.footer.written += footer - (footer > 0 ? 1 : 0); // the blank line above the footer is no row
    while (next && !next.done) {
      if (footer > 0) {
        if (next.value.rejected) acc.footer.rejected++;
        else if (next.value.goldenId !== null) acc.footer.accepted++;
      } else {
        extra++;
      }
      next = await outcomes!.next();
    }
  }
  return acc.result(extra);
}
