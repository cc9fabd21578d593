// The stewards' workload, judged against the ground truth: of the items the factory queued for a
// person, how many had something real to decide. Pure and streaming like AccuracyAccumulator: the
// items come first (they are few), then every truth row passes once and only the rows an item
// names are kept. Definitions (bench/README.md, "Steward workload"):
// - conflict: false when both rows are copies of one disclosure and neither carries the planted
//   conflictField (the only differences between them are formatting noise); real otherwise.
// - suspected duplicate: false when the two golden records share no disclosure, or share one whose
//   rows carry no planted docno typo (a rule should have merged them); real when the shared
//   disclosure has a row with a docno:typo.
// - uncertain link: resolvableByRule when the row's subject is in the registry and the truth says
//   a linker can be expected to find it (resolvable).
import { rowKey } from './score.ts';

export interface RowRef { file: string; row: number }
export interface ConflictItem {
  incoming: RowRef;
  held: RowRef | null;
  /** The fields the item says differ (detail.differs; $subject for the linked subject). */
  differs?: readonly string[];
}
export interface SuspectItem { recordGolden: string | number; candidateGolden: string | number }
export interface StewardInput {
  conflicts: ConflictItem[];
  suspects: SuspectItem[];
  uncertainLinks: RowRef[];
  /** The source rows of every golden record a suspected duplicate names. */
  sourcesOf: Map<string, RowRef[]>;
}
export interface TruthFacts {
  file: string;
  row: number;
  disclosureId: number;
  resolvable: boolean;
  trueSubjectUscc: string | null;
  conflictField?: string;
  noise: readonly string[];
}
interface Kept { disclosureId: number; conflict: boolean; typo: boolean; resolvable: boolean; nameNoise: string[] }

export interface StewardFigures {
  conflicts: {
    raised: number; false: number; real: number; acrossDisclosures: number; unjudged: number;
    /** False items by each field they name as differing: what a rule should have read through. */
    falseByField: Record<string, number>;
  };
  suspectedDuplicates: {
    raised: number; false: number; real: number; falseDifferentDisclosures: number; falseFormattingOnly: number;
    falsePerDisclosure: number;
  };
  uncertainLinks: { raised: number; resolvableByRule: number; byNameNoise: Record<string, number> };
}

export class StewardAccumulator {
  private readonly kept = new Map<string, Kept | null>();
  constructor(private readonly input: StewardInput) {
    const want = (r: RowRef | null): void => { if (r) this.kept.set(rowKey(r.file, r.row), null); };
    for (const c of input.conflicts) { want(c.incoming); want(c.held); }
    for (const r of input.uncertainLinks) want(r);
    for (const rows of input.sourcesOf.values()) rows.forEach(want);
  }

  add(t: TruthFacts): void {
    const key = rowKey(t.file, t.row);
    if (!this.kept.has(key)) return;
    this.kept.set(key, {
      disclosureId: t.disclosureId, conflict: t.conflictField !== undefined, typo: t.noise.includes('docno:typo'),
      resolvable: t.resolvable && t.trueSubjectUscc !== null, nameNoise: t.noise.filter((n) => n.startsWith('name:')),
    });
  }

  private get(r: RowRef | null): Kept | null {
    return r ? this.kept.get(rowKey(r.file, r.row)) ?? null : null;
  }

  result(disclosures: number): StewardFigures {
    const conflicts = {
      raised: this.input.conflicts.length, false: 0, real: 0, acrossDisclosures: 0, unjudged: 0, falseByField: {} as Record<string, number>,
    };
    for (const c of this.input.conflicts) {
      const [a, b] = [this.get(c.incoming), this.get(c.held)];
      if (!a || !b) conflicts.unjudged++;
      else if (a.disclosureId !== b.disclosureId) { conflicts.acrossDisclosures++; conflicts.real++; }
      else if (a.conflict || b.conflict) conflicts.real++;
      else {
        conflicts.false++;
        for (const f of c.differs ?? []) conflicts.falseByField[f] = (conflicts.falseByField[f] ?? 0) + 1;
      }
    }
    const s = {
      raised: this.input.suspects.length, false: 0, real: 0, falseDifferentDisclosures: 0, falseFormattingOnly: 0, falsePerDisclosure: 0,
    };
    for (const item of this.input.suspects) {
      const side = (g: string | number): Kept[] =>
        (this.input.sourcesOf.get(String(g)) ?? []).map((r) => this.get(r)).filter((k): k is Kept => k !== null);
      const [a, b] = [side(item.recordGolden), side(item.candidateGolden)];
      const shared = new Set(a.map((k) => k.disclosureId).filter((id) => b.some((k) => k.disclosureId === id)));
      if (shared.size === 0) { s.false++; s.falseDifferentDisclosures++; continue; }
      if ([...a, ...b].some((k) => shared.has(k.disclosureId) && k.typo)) s.real++;
      else { s.false++; s.falseFormattingOnly++; }
    }
    s.falsePerDisclosure = disclosures === 0 ? 0 : s.false / disclosures;
    const links = { raised: this.input.uncertainLinks.length, resolvableByRule: 0, byNameNoise: {} as Record<string, number> };
    for (const r of this.input.uncertainLinks) {
      const k = this.get(r);
      if (!k) continue;
      if (k.resolvable) links.resolvableByRule++;
      for (const n of k.nameNoise.length ? k.nameNoise : ['none']) links.byNameNoise[n] = (links.byNameNoise[n] ?? 0) + 1;
    }
    return { conflicts, suspectedDuplicates: s, uncertainLinks: links };
  }
}
