import { checkCode, verdictNotes } from '../../domain/codes/index.ts';
import type { CodeCheck } from '../../domain/codes/index.ts';
import { mapCodes } from '../../services/codes.ts';
import type { Parsed } from '../args.ts';
import { cliIdentity, withContext } from '../context.ts';
import { printJson, usage } from '../output.ts';
import type { Io } from '../output.ts';

export async function codesCommand(io: Io, args: Parsed): Promise<number> {
  const [sub, ...codes] = args.positionals;
  if ((sub !== 'check' && sub !== 'map') || !codes.length) {
    throw usage('用法：cdf codes check CODE… [--json] | cdf codes map CODE… [--json]', 'usage: cdf codes check CODE… [--json] | cdf codes map CODE… [--json]');
  }
  if (sub === 'map') return mapCommand(io, codes, args.as);
  const results = codes.map((c) => checkCode(c));
  if (io.json) {
    printJson(io, results.map((r) => ({
      input: r.input, kind: r.kind, valid: r.valid, status: r.status, normalized: r.normalized,
      reasons: r.reasons, parts: r.parts, notes: verdictNotes(r),
    })));
    return 0;
  }
  const en = io.lang === 'en';
  for (const r of results) {
    const said = [...r.reasons, ...verdictNotes(r)].map((x) => (en ? x.en : x.zh)).join(en ? '; ' : '；');
    io.out(`${r.input}\t${r.kind}\t${statusLabel(r, en)}\t${r.normalized}${said ? `\t${said}` : ''}`);
  }
  return 0;
}

function statusLabel(r: CodeCheck, en: boolean): string {
  if (r.valid) return en ? 'valid' : '有效';
  if (r.status === 'nonconforming') return en ? 'nonconforming, review' : '不合规，需复核';
  return en ? 'invalid' : '无效';
}

/** Through the registry of the running factory: needs its database, unlike `check`. */
async function mapCommand(io: Io, codes: string[], as: string | undefined): Promise<number> {
  const results = await withContext((ctx) => mapCodes(ctx.db, cliIdentity(as), codes));
  if (io.json) {
    printJson(io, results);
    return 0;
  }
  const en = io.lang === 'en';
  for (const r of results) {
    const target = r.uscc ? `${r.uscc}\t${r.method}\t${r.confidence}` : en ? 'not resolved' : '未能转换';
    io.out(`${r.input}\t${r.kind}\t${target}\t${en ? r.en : r.zh}`);
  }
  return 0;
}
