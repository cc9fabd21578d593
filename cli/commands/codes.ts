import { checkCode } from '../../domain/codes/index.ts';
import type { Parsed } from '../args.ts';
import { printJson, usage } from '../output.ts';
import type { Io } from '../output.ts';

export async function codesCommand(io: Io, args: Parsed): Promise<number> {
  const [sub, ...codes] = args.positionals;
  if (sub !== 'check' || !codes.length) throw usage('用法：cdf codes check CODE… [--json]', 'usage: cdf codes check CODE… [--json]');
  const results = codes.map((c) => checkCode(c));
  if (io.json) {
    printJson(io, results.map((r) => ({ input: r.input, kind: r.kind, valid: r.valid, status: r.status, normalized: r.normalized, reasons: r.reasons, parts: r.parts })));
    return 0;
  }
  for (const r of results) {
    const why = r.reasons.map((x) => (io.lang === 'en' ? x.en : x.zh)).join(io.lang === 'en' ? '; ' : '；');
    io.out(`${r.input}\t${r.kind}\t${r.valid ? (io.lang === 'en' ? 'valid' : '有效') : r.status === 'nonconforming' ? (io.lang === 'en' ? 'nonconforming, review' : '不合规，需复核') : io.lang === 'en' ? 'invalid' : '无效'}\t${r.normalized}${why ? `\t${why}` : ''}`);
  }
  return 0;
}
