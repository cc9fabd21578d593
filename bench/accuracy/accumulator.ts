// Streaming scorer: feed (truth, outcome) pairs one at a time; result() gives the Accuracy.
import { pairsFromCounts, ratio, rowKey, share } from './score.ts';
import type { Accuracy, Outcome, RaisedConflict, TruthRef } from './score.ts';

const bump = <K>(m: Map<K, number>, k: K): void => { m.set(k, (m.get(k) ?? 0) + 1); };

export class AccuracyAccumulator {
  private rows = 0;
  private readonly byDisclosure = new Map<number, number>();
  private readonly byGolden = new Map<string | number, number>();
  private readonly byBoth = new Map<string, number>();
  private resolvable = 0;
  private correct = 0;
  private wrong = 0;
  private wrongOnUnresolvable = 0;
  private invalid = 0;
  private invalidRejected = 0;
  private valid = 0;
  private validRejected = 0;
  private unaccounted = 0;
  private refused = 0;
  private readonly validRejectedByReason = new Map<string, number>();
  private readonly samples: Accuracy['validRejectedSamples'] = {};
  /** Footer lines: set by the caller, which alone knows the files' layout. */
  readonly footer = { written: 0, rejected: 0, accepted: 0 };
  /** Each raised conflict as row keys; row key → the conflicts naming it; those rows' disclosures. */
  private readonly members: string[][] = [];
  private readonly conflictOf = new Map<string, number[]>();
  private readonly conflictRowDisclosure = new Map<string, number>();
  private readonly planted: { key: string; disclosureId: number }[] = [];

  /** Conflicts come first: a row's disclosure is only kept when a raised conflict names it. */
  constructor(conflicts: Iterable<RaisedConflict> = []) {
    for (const c of conflicts) {
      const k = this.members.length;
      const keys = c.map((r) => rowKey(r.file, r.row));
      this.members.push(keys);
      for (const key of keys) {
        const list = this.conflictOf.get(key);
        if (list) list.push(k);
        else this.conflictOf.set(key, [k]);
      }
    }
  }

  add(t: TruthRef, o: Outcome | null): void {
    this.rows++;
    const key = rowKey(t.file, t.row);
    if (this.conflictOf.has(key)) this.conflictRowDisclosure.set(key, t.disclosureId);
    const accepted = o !== null && !o.rejected && o.goldenId !== null;
    if (o === null || (!o.rejected && o.goldenId === null)) this.unaccounted++;
    if (o?.refused) this.refused++;
    if (!t.valid) {
      this.invalid++;
      if (o?.rejected) this.invalidRejected++;
      return;
    }
    this.valid++;
    if (o?.rejected) {
      this.validRejected++;
      for (const c of o.rejectCodes?.length ? o.rejectCodes : ['(none)']) {
        bump(this.validRejectedByReason, c);
        const list = (this.samples[c] ??= []);
        if (list.length < 5) list.push({ file: t.file, row: t.row, fields: o.rejectFields ?? [], noise: t.noise ?? [] });
      }
    }
    if (t.conflictField) this.planted.push({ key, disclosureId: t.disclosureId });
    bump(this.byDisclosure, t.disclosureId);
    if (accepted) {
      bump(this.byGolden, o.goldenId!);
      bump(this.byBoth, `${t.disclosureId}|${String(o.goldenId)}`);
    }
    const linked = accepted ? o.linkedUscc : null;
    if (t.resolvable && t.trueSubjectUscc !== null) {
      this.resolvable++;
      if (linked === t.trueSubjectUscc) this.correct++;
      else if (linked !== null) this.wrong++;
    } else if (linked !== null && linked !== t.trueSubjectUscc) {
      this.wrongOnUnresolvable++;
    }
  }

  private surfaced(): number {
    let n = 0;
    for (const p of this.planted) {
      const hit = (this.conflictOf.get(p.key) ?? []).some((k) => this.members[k]!
        .some((other) => other !== p.key && this.conflictRowDisclosure.get(other) === p.disclosureId));
      if (hit) n++;
    }
    return n;
  }

  result(unexpected = 0): Accuracy {
    const expected = pairsFromCounts(this.byDisclosure.values());
    const predicted = pairsFromCounts(this.byGolden.values());
    const truePositive = pairsFromCounts(this.byBoth.values());
    const surfaced = this.surfaced();
    return {
      rows: this.rows,
      duplicatePairs: { ...ratio(truePositive, predicted, expected), expected, predicted, truePositive },
      link: {
        accuracy: share(this.correct, this.resolvable),
        wrongPerMille: this.resolvable === 0 ? 0 : (this.wrong / this.resolvable) * 1000,
        resolvable: this.resolvable, correct: this.correct, wrong: this.wrong,
        unlinked: this.resolvable - this.correct - this.wrong, wrongOnUnresolvable: this.wrongOnUnresolvable,
      },
      invalidRejected: share(this.invalidRejected, this.invalid),
      invalidRows: this.invalid,
      validRejected: this.valid === 0 ? 0 : this.validRejected / this.valid,
      conflictsSurfaced: share(surfaced, this.planted.length),
      conflicts: { planted: this.planted.length, surfaced },
      unaccounted: this.unaccounted,
      unexpected,
      validRejectedByReason: Object.fromEntries([...this.validRejectedByReason].sort(([a], [b]) => (a < b ? -1 : 1))),
      validRejectedSamples: this.samples,
      refusedRows: this.refused,
      footerRows: { ...this.footer },
    };
  }
}
