// Reads the steward queue the penalty batches left (table steward_tasks) as rows of generated
// files, for the steward scorer (../accuracy/stewards.ts) to judge against the ground truth.
import type { Db } from '../../db/connect.ts';
import type { RowRef, StewardInput } from '../accuracy/stewards.ts';

type Task = {
  kind: string; file: string; row: number; held_file: string | null; held_row: number | null; record: string | null; candidate: string | null;
  differs: string[] | null;
};

export async function stewardInput(db: Db, batchIds: string[]): Promise<StewardInput> {
  const { rows } = (await db.raw(`
    select t.kind, b.file_name as file, t.row_no as row, hb.file_name as held_file, (t.detail->'held'->>'rowNo')::int as held_row,
           t.detail->'differs' as differs, t.detail->'record'->>'goldenId' as record, t.detail->'candidate'->>'goldenId' as candidate
      from steward_tasks t join batches b on b.id = t.batch_id
      left join batches hb on hb.id = t.detail->'held'->>'batchId'
     where t.batch_id = any(?) order by t.id`, [batchIds])) as { rows: Task[] };
  const input: StewardInput = { conflicts: [], suspects: [], uncertainLinks: [], sourcesOf: new Map() };
  for (const t of rows) {
    const here: RowRef = { file: t.file, row: t.row };
    if (t.kind === 'conflict') {
      const held = t.held_file ? { file: t.held_file, row: t.held_row! } : null;
      input.conflicts.push({ incoming: here, held, differs: t.differs ?? [] });
    } else if (t.kind === 'suspected_duplicate' && t.record && t.candidate) {
      input.suspects.push({ recordGolden: t.record, candidateGolden: t.candidate });
    } else if (t.kind === 'uncertain_link') {
      input.uncertainLinks.push(here);
    }
  }
  const goldens = [...new Set(input.suspects.flatMap((s) => [String(s.recordGolden), String(s.candidateGolden)]))];
  if (goldens.length) {
    const { rows: sources } = (await db.raw(`
      select s.golden_id::text as golden, b.file_name as file, s.row_no as row
        from record_sources s join batches b on b.id = s.batch_id
       where s.golden_id = any(?::bigint[])`, [goldens])) as { rows: Array<{ golden: string; file: string; row: number }> };
    for (const s of sources) {
      const list = input.sourcesOf.get(s.golden);
      if (list) list.push({ file: s.file, row: s.row });
      else input.sourcesOf.set(s.golden, [{ file: s.file, row: s.row }]);
    }
  }
  return input;
}
