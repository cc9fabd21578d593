import { connectDb } from '../../db/connect.ts';
import { migrate } from '../../db/migrate.ts';
import { loadConfig } from '../../runtime/config.ts';
import { readState } from '../../runtime/state.ts';
import type { Parsed } from '../args.ts';
import { locate } from '../context.ts';
import { printJson, say, usage } from '../output.ts';
import type { Io } from '../output.ts';

/** `cdf db migrate`: the production layout's one-shot migration job runs this. */
export async function dbCommand(io: Io, args: Parsed): Promise<number> {
  if (args.positionals[0] !== 'migrate') throw usage('用法：cdf db migrate', 'usage: cdf db migrate');
  const config = loadConfig();
  // A running `cdf start` records the owner's URL: the one it gives its processes may not change the schema.
  const db = connectDb(config.databaseUrl ?? readState(config.dataDir)?.ownerUrl ?? locate(config).databaseUrl, 2);
  const applied = await migrate(db).finally(() => db.destroy());
  if (io.json) printJson(io, { applied });
  else
    io.out(
      say(io, {
        zh: applied.length ? `已执行迁移：${applied.join(', ')}` : '数据库结构已是最新',
        en: applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date',
      }),
    );
  return 0;
}
