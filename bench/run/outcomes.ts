// What the factory did with every row of every generated file, read back from PostgreSQL in row
// order and merged with the ground truth as both stream, so a 10M-row run never holds either
// side in memory.
import { AccuracyAccumulator } from '../accuracy/accumulator.ts';
import type { Accuracy, Outcome, RaisedConflict } from '../accuracy/score.ts';
import { readSummary, readTruth } from '../accuracy/truth-files.ts';
import type { Db } from '../../db/connect.ts';

interface OutcomeRow { row_no: number; rejected: boolean; golden_id: number | null; subject_uscc: string | null }

async function* outcomesOf(db: Db, batchId: string, file: string, page = 20_000): AsyncGenerator<Outcome> {
  let after = 0;
  for (;;) {
    const { rows } = (await db.raw(`
      select w.row_no, exists (select 1 from rejects r where r.batch_id = w.batch_id and r.row_no = w.row_no) as rejected,
             c.golden_id, c.subject_uscc
        from raw_rows w left join clean_rows c on c.batch_id = w.batch_id and c.row_no = w.row_no
       where w.batch_id = ? and w.row_no > ? order by w.row_no limit ?`, [batchId, after, page])) as { rows: OutcomeRow[] };
    for (const r of rows) yield { file, row: r.row_no, rejected: r.rejected, goldenId: r.golden_id, linkedUscc: r.subject_uscc };
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

export async function measureAccuracy(db: Db, genDir: string, batchOfFile: Map<string, string>): Promise<Accuracy> {
  const acc = new AccuracyAccumulator(await raisedConflicts(db));
  const summary = await readSummary(genDir);
  const truth = readTruth(genDir)[Symbol.asyncIterator]();
  let extra = 0;
  for (const f of summary.files) {
    const batchId = batchOfFile.get(f.file);
    const outcomes = batchId ? outcomesOf(db, batchId, f.file)[Symbol.asyncIterator]() : undefined;
    let next = outcomes ? await outcomes.next() : undefined;
    for (let i = 0; i < f.rows; i++) {
      const t = (await truth.next()).value as Parameters<AccuracyAccumulator['add']>[0];
      while (next && !next.done && next.value.row < t.row) {
        extra++;
        next = await outcomes!.next();
      }
      if (next && !next.done && next.value.row === t.row) {
        acc.add(t, next.value);
        next = await outcomes!.next();
      } else {
        acc.add(t, null);
      }
    }
    while (next && !next.done) {
      extra++;
      next = await outcomes!.next();
    }
  }
  return acc.result(extra);
}
