// The API process: `cdf start` launches it with DATABASE_URL and TEMPORAL_ADDRESS set; in
// production it is the `api` service.
import { loadConfig } from '../runtime/config.ts';
import { openContext } from '../services/context.ts';
import { buildApp } from './app.ts';

const config = loadConfig();
if (!config.databaseUrl || !config.temporalAddress) {
  console.error('api: DATABASE_URL 和 TEMPORAL_ADDRESS 必须设置 / DATABASE_URL and TEMPORAL_ADDRESS must be set (cdf start sets them)');
  process.exit(2);
}
const ctx = await openContext(config, config.databaseUrl, config.temporalAddress);
const app = await buildApp(ctx, { logger: true });
const address = await app.listen({ host: config.apiHost, port: config.apiPort });
console.log(`api ready: ${address}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => ctx.close()).then(() => process.exit(0));
  });
}
