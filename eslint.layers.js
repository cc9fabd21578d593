// The layers, bottom to top, and what each may not import. A folder imports only folders below it:
//   domain → schemas → catalog → db, connectors → intake → activities → workflows (activity types only)
//   → services → server, cli → runtime, worker;  bench is a tool on top of everything.
// Exceptions are named where they are allowed and why.
const ALL = ['domain', 'schemas', 'catalog', 'db', 'connectors', 'intake', 'activities', 'workflows', 'services', 'server', 'cli', 'runtime', 'worker', 'bench'];

/** Folders `folder` may not import: everything above it. */
const above = (folder) => ALL.slice(ALL.indexOf(folder) + 1);

const zone = (target, from, except) => ({
  target: `./${target}`, from: from.map((f) => `./${f}`), ...(except ? { except } : {}),
  message: `${target}/ is below ${from.join(', ')}/ (docs/architecture.md): move the shared piece down, or inject it.`,
});

export const layerZones = [
  zone('domain', above('domain')),
  zone('schemas', above('schemas')),
  zone('catalog', above('catalog')),
  // db and connectors sit side by side: neither needs the other.
  zone('db', above('db').filter((f) => f !== 'connectors').concat('connectors')),
  zone('connectors', above('connectors').concat('db')),
  // Intake decides whether a landed file can become a batch (format, header, dataset): the upload
  // service and the pull activity both land and inspect, so it sits below both, and reads no table.
  zone('intake', above('intake').concat('db')),
  // Migrations are history: what an old one does must not change when live code does.
  { target: './db/migrations', from: ['./domain', './catalog', './schemas', './connectors'], message: 'a migration imports nothing live.' },
  // Activities receive their configuration typed from runtime/config.ts (injected, not read).
  zone('activities', ['services', 'server', 'cli', 'worker', 'bench']),
  { target: './activities', from: './runtime', except: ['./config.ts'], message: 'activities get configuration injected (runtime/config.ts types only).' },
  { target: './activities', from: './workflows', except: ['./contract.ts'], message: 'activities know the pipeline contract, not the workflows.' },
  zone('services', ['server', 'cli', 'worker', 'bench', 'activities']),
  zone('server', ['cli', 'worker', 'bench']),
  zone('cli', ['server', 'worker', 'bench']),
];

/** The browser application talks to the factory through the API only: it imports none of its code. */
export const webZone = {
  target: './web/src', from: ALL.map((f) => `./${f}`),
  message: 'web/src reads only the API (web/src/api/client.ts): it imports no server-side folder.',
};
