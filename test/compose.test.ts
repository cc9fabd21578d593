// The production layout (docker-compose.yml, Dockerfile, .env.example) checked as files: no
// container engine is needed. These checks catch the mistakes that otherwise show up only on a
// server: a dependency on a service that does not exist, an undeclared volume, a floating image
// tag, an alpine base that cannot load Temporal's core bridge, a variable missing from .env.example.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { parse } from 'yaml';
import { TUNING } from '../runtime/postgres-embedded.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');

type Environment = Record<string, string | number | boolean | null> | string[];
type VolumeMount = string | { type?: string; source?: string; target?: string };
interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  entrypoint?: string | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  environment?: Environment;
  volumes?: VolumeMount[];
  ports?: (string | number | { target?: number; published?: string | number })[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  // A number, or `${VAR:-default}` (Compose casts what it interpolates here to an integer).
  deploy?: { replicas?: number | string };
  container_name?: string;
  hostname?: string;
  stop_grace_period?: string;
}
interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const composeText = read('docker-compose.yml');
// Compose honours YAML merge keys (`<<: *anchor`); the yaml package needs them switched on.
const compose = parse(composeText, { merge: true }) as ComposeFile;
const services = compose.services;
const serviceNames = Object.keys(services);
const service = (name: string): Service => {
  const s = services[name];
  if (!s) throw new Error(`docker-compose.yml has no service "${name}"`);
  return s;
};

const dependencies = (s: Service): Record<string, string> => {
  const deps = s.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d) => [d, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([d, spec]) => [d, spec?.condition ?? 'service_started']));
};

const environment = (s: Service): Record<string, string> => {
  const env = s.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((line) => {
      const i = line.indexOf('=');
      return i < 0 ? [line, ''] : [line.slice(0, i), line.slice(i + 1)];
    }));
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]));
};

const words = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : value.split(/\s+/).filter(Boolean);

/** Named volumes a service mounts (bind mounts of paths are not named volumes). */
const namedVolumes = (s: Service): string[] =>
  (s.volumes ?? []).flatMap((v) => {
    if (typeof v === 'string') {
      const source = v.split(':')[0] ?? '';
      return v.includes(':') && !/^[./~$]/.test(source) ? [source] : [];
    }
    return (v.type ?? 'volume') === 'volume' && v.source ? [v.source] : [];
  });

const mountTarget = (s: Service, volume: string): string | undefined =>
  (s.volumes ?? []).flatMap((v) => {
    if (typeof v === 'string') {
      const [source, target] = v.split(':');
      return source === volume && target ? [target] : [];
    }
    return v.source === volume && v.target ? [v.target] : [];
  })[0];

/** The tag of an image reference, or undefined when it has none (`name`, `name@sha256:…`). */
const imageTag = (image: string): string | undefined => {
  const ref = image.split('@')[0] ?? '';
  const last = ref.slice(ref.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  return colon < 0 ? undefined : last.slice(colon + 1);
};

/** A value as Compose reads it when no variable is set: each `${NAME:-default}` or `${NAME-default}`
 * becomes its default; any other `${…}` is left, so a number cannot be read from it. */
const withVariablesUnset = (value: string | number | undefined): string | undefined =>
  value === undefined ? undefined : String(value).replace(/\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}/g, '$1');

/** Seconds of a Compose duration such as `60s` or `1m30s` (NaN for anything else, or none). */
const composeSeconds = (duration: string | undefined): number => {
  const m = /^(?:(\d+)m)?(?:(\d+)s)?$/.exec(duration ?? '');
  return m && (m[1] ?? m[2]) !== undefined ? Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0) : NaN;
};

const BUILT = ['api', 'worker', 'migrate'];

describe('docker-compose.yml', () => {
  it('parses and has every service of the production layout', () => {
    expect(compose).toBeTypeOf('object');
    for (const name of ['postgres', 'temporal-postgres', 'temporal-admin-tools', 'temporal', 'temporal-ui', 'migrate', 'worker', 'api']) {
      expect(serviceNames, name).toContain(name);
    }
  });

  it('depends only on services that exist, with valid conditions', () => {
    for (const [name, s] of Object.entries(services)) {
      for (const [dep, condition] of Object.entries(dependencies(s))) {
        expect(serviceNames, `${name} depends on ${dep}`).toContain(dep);
        expect(['service_started', 'service_healthy', 'service_completed_successfully'], `${name} → ${dep}`).toContain(condition);
        if (condition === 'service_healthy') {
          expect(service(dep).healthcheck?.test, `${dep} needs a healthcheck for ${name}`).toBeDefined();
        }
      }
    }
  });

  it('has no dependency cycle', () => {
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (name: string, trail: string[]): void => {
      if (state.get(name) === 'done') return;
      if (state.get(name) === 'visiting') throw new Error(`dependency cycle: ${[...trail, name].join(' → ')}`);
      state.set(name, 'visiting');
      for (const dep of Object.keys(dependencies(service(name)))) visit(dep, [...trail, name]);
      state.set(name, 'done');
    };
    for (const name of serviceNames) expect(() => visit(name, [])).not.toThrow();
  });

  it('declares every named volume it mounts', () => {
    const declared = Object.keys(compose.volumes ?? {});
    for (const [name, s] of Object.entries(services)) {
      for (const volume of namedVolumes(s)) expect(declared, `${name} mounts ${volume}`).toContain(volume);
    }
  });

  it('pins every image to an explicit tag that is not latest', () => {
    for (const [name, s] of Object.entries(services)) {
      if (s.image === undefined) continue;
      expect(s.image, `${name} image`).not.toContain('${');
      const tag = imageTag(s.image);
      expect(tag, `${name}: ${s.image} has no tag`).toBeTruthy();
      expect(tag, `${name}: ${s.image}`).not.toBe('latest');
    }
  });

  it('builds api, worker and migrate from the Dockerfile and runs entry files that exist', () => {
    for (const name of BUILT) {
      const s = service(name);
      const build = typeof s.build === 'string' ? { context: s.build } : s.build;
      expect(build, `${name} build`).toBeDefined();
      expect(path.resolve(root, build?.context ?? '.'), `${name} build context`).toBe(root);
      expect(build?.dockerfile ?? 'Dockerfile', `${name} dockerfile`).toBe('Dockerfile');
      const files = [...words(s.entrypoint), ...words(s.command)].filter((w) => /\.(ts|mjs|js)$/.test(w));
      expect(files.length, `${name} command names an entry file`).toBeGreaterThan(0);
      for (const file of files) expect(existsSync(path.join(root, file)), `${name} runs ${file}`).toBe(true);
    }
    expect(words(service('worker').command)).toEqual(['node', '--import', 'tsx', 'worker/main.ts']);
    expect(words(service('api').command)).toEqual(['node', '--import', 'tsx', 'server/main.ts']);
    expect(words(service('migrate').command)).toEqual(['node', 'bin/cdf.mjs', 'db', 'migrate']);
    // The migrate job first makes the application role, then runs its command.
    expect(words(service('migrate').entrypoint)).toEqual(['node', '--import', 'tsx', 'scripts/ensure-app-role.ts']);
    expect(read('scripts/ensure-app-role.ts')).toMatch(/spawn\(command, args/);
  });

  it('starts the API and workers only after migrations, Temporal and its schema are ready', () => {
    for (const name of ['api', 'worker']) {
      const deps = dependencies(service(name));
      expect(deps.migrate, name).toBe('service_completed_successfully');
      expect(deps.temporal, name).toBe('service_healthy');
    }
    expect(dependencies(service('migrate')).postgres).toBe('service_healthy');
    expect(dependencies(service('temporal'))['temporal-admin-tools']).toBe('service_completed_successfully');
    expect(dependencies(service('temporal-admin-tools'))['temporal-postgres']).toBe('service_healthy');
    const job = [...words(service('temporal-admin-tools').entrypoint), ...words(service('temporal-admin-tools').command)].join(' ');
    for (const part of ['temporal-sql-tool', 'setup-schema', 'update-schema', 'temporal_visibility']) expect(job).toContain(part);
  });

  it('wires the app environment, ports and the shared landing volume consistently', () => {
    for (const name of BUILT) {
      const env = environment(service(name));
      // Only the migrate job is the owner; the API and the workers are the application role.
      const user = name === 'migrate' ? 'cdf' : 'cdf_app';
      expect(env.DATABASE_URL, name).toMatch(new RegExp(`^postgres://${user}:\\$\\{[A-Z_]+:\\?[^}]+\\}@postgres:5432/cdf$`));
      expect(env.TEMPORAL_ADDRESS, name).toBe('temporal:7233');
      expect(env.TEMPORAL_NAMESPACE, name).toBe('default');
      expect(env.CDF_DATA_DIR, name).toBe('/var/lib/cdf');
    }
    for (const name of ['api', 'worker']) expect(mountTarget(service(name), 'landing'), name).toBe('/var/lib/cdf');
    const api = environment(service('api'));
    expect(api.CDF_HOST).toBe('0.0.0.0');
    expect(api.CDF_PORT).toBe('8600');
    expect(service('api').ports?.map(String)).toContain('${CDF_BIND:-127.0.0.1}:8600:8600');
    expect(service('temporal-ui').ports?.map(String)).toContain('${CDF_BIND:-127.0.0.1}:8233:8080');
    expect(service('postgres').ports?.map(String)).toContain('${CDF_BIND:-127.0.0.1}:${CDF_DB_HOST_PORT:-5432}:5432');
    expect(environment(service('temporal-ui')).TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(environment(service('temporal')).DB).toBe('postgres12');
  });

  it('publishes every port on loopback unless CDF_BIND says otherwise; Temporal\'s gRPC on loopback always', () => {
    const published = Object.entries(services).flatMap(([name, s]) => (s.ports ?? []).map((p) => [name, p] as const));
    expect(published.length).toBeGreaterThan(3);
    for (const [name, port] of published) {
      expect(typeof port, `${name}: the long form cannot be checked here`).toBe('string');
      expect(port, name).toMatch(/^(\$\{CDF_BIND:-127\.0\.0\.1\}|127\.0\.0\.1):/);
    }
    expect(service('temporal').ports).toEqual(['127.0.0.1:7233:7233']);
    expect(read('.env.example')).toMatch(/^CDF_BIND=127\.0\.0\.1$/m);
  });

  it('writes no password: each comes from .env, required, and .env.example gives none', () => {
    const secretKey = /PASSWORD|PWD|SECRET/;
    let seen = 0;
    for (const [name, s] of Object.entries(services)) {
      for (const [key, value] of Object.entries(environment(s))) {
        if (secretKey.test(key)) {
          seen++;
          expect(value, `${name} ${key}`).toMatch(/^\$\{[A-Z_]+:\?[^}]+\}$/);
        }
        if (value.startsWith('postgres://')) expect(value, `${name} ${key}`).toMatch(/^postgres:\/\/\w+:\$\{[A-Z_]+:\?[^}]+\}@/);
      }
    }
    expect(seen).toBeGreaterThanOrEqual(5);
    for (const line of read('.env.example').split('\n')) {
      const m = /^\s*([A-Z_]*(PASSWORD|PWD|SECRET)[A-Z_]*)=(.*)$/.exec(line);
      if (m) expect(m[3], `${m[1]} in .env.example`).toBe('');
    }
  });

  it('runs more than one worker, and nothing stops the worker from scaling', () => {
    const worker = service('worker');
    // CDF_WORKERS sets the count; unset, the default must still be more than one worker.
    expect(String(worker.deploy?.replicas)).toMatch(/^\$\{CDF_WORKERS:-\d+\}$/);
    expect(Number(withVariablesUnset(worker.deploy?.replicas ?? 1))).toBeGreaterThanOrEqual(2);
    // Anything fixed per container would clash between replicas (and make `--scale worker=N` fail).
    expect(worker.container_name).toBeUndefined();
    expect(worker.hostname).toBeUndefined();
    expect(worker.ports ?? []).toEqual([]);
  });

  it('gives every worker replica the API\'s landing volume, and time to hand back its activities', () => {
    const worker = service('worker');
    // An anonymous volume is made afresh for each container: mounted over the landing folder, it would
    // hide from every replica the files the API landed.
    for (const v of worker.volumes ?? []) {
      const anonymous = typeof v === 'string' ? !v.includes(':') : (v.type ?? 'volume') === 'volume' && !v.source;
      expect(anonymous, `worker mounts ${JSON.stringify(v)}`).toBe(false);
    }
    expect(namedVolumes(worker)).toContain('landing');
    expect(mountTarget(worker, 'landing')).toBe(mountTarget(service('api'), 'landing'));
    // Docker kills a container stop_grace_period after SIGTERM: the worker's own grace must fit inside it.
    const grace = /shutdownGraceTime:\s*'(\d+) seconds?'/.exec(read('worker/create-worker.ts'));
    expect(grace, 'worker/create-worker.ts sets shutdownGraceTime in seconds').not.toBeNull();
    expect(composeSeconds(worker.stop_grace_period), `stop_grace_period ${worker.stop_grace_period}`).toBeGreaterThan(Number(grace?.[1]));
  });

  it('runs the factory database with the embedded server\'s tuning, setting for setting', () => {
    const command = service('postgres').command;
    expect(Array.isArray(command), 'postgres command is a list').toBe(true);
    const args = command as string[];
    expect(args[0]).toBe('postgres');
    const settings = Object.fromEntries(args.slice(1).filter((_, i) => i % 2 === 1).map((kv) => kv.split('=') as [string, string]));
    expect(args.slice(1).filter((_, i) => i % 2 === 0).every((flag) => flag === '-c')).toBe(true);
    expect(settings).toEqual(TUNING);
  });

  it('initialises the factory database with a UTF-8 locale (pg_trgm must see Chinese)', () => {
    expect(environment(service('postgres')).POSTGRES_INITDB_ARGS).toMatch(/--locale=C\.UTF-8/);
  });

  it('takes every ${VAR} it uses from .env.example', () => {
    const example = read('.env.example');
    const defined = new Set(
      example.split('\n').map((l) => /^\s*([A-Za-z_][A-Za-z0-9_]*)=/.exec(l)?.[1]).filter((v): v is string => v !== undefined),
    );
    // `$$` is Compose's escape for a literal `$` (a variable of the container's shell).
    const used = [...composeText.replace(/\$\$/g, '').matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(0);
    for (const name of used) expect(defined, `${name} is used in docker-compose.yml`).toContain(name);
    expect(composeText.replace(/\$\$/g, '')).not.toMatch(/\$[A-Za-z_]/); // only the ${VAR} form
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const lines = dockerfile.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const froms = lines
    .filter((l) => /^FROM\s/i.test(l))
    .map((l) => {
      const parts = l.split(/\s+/).slice(1).filter((p) => !p.startsWith('--'));
      return { image: parts[0] ?? '', alias: parts[1]?.toLowerCase() === 'as' ? parts[2] : undefined };
    });

  it('uses pinned Debian Node 20 base images, never alpine', () => {
    expect(froms.length).toBeGreaterThan(0);
    const stages = new Set<string>();
    for (const { image, alias } of froms) {
      if (!stages.has(image)) {
        expect(image, 'base image').not.toContain('${');
        expect(image).not.toMatch(/alpine/i);
        expect(imageTag(image), image).toBeTruthy();
        expect(imageTag(image), image).not.toBe('latest');
        expect(image).toMatch(/^node:20\.\d+\.\d+-(bookworm|bullseye|trixie)(-slim)?$/);
      }
      if (alias) stages.add(alias);
    }
  });

  it('installs production packages only, runs as a non-root user and serves the API by default', () => {
    // `npm install` with the committed lock, not `npm ci`: see scripts/ensure-deps.sh.
    expect(dockerfile).toMatch(/npm install\b[^\n]*--omit=dev/);
    const users = lines.filter((l) => /^USER\s/i.test(l)).map((l) => l.split(/\s+/)[1]);
    expect(users.length).toBeGreaterThan(0);
    expect(['root', '0']).not.toContain(users.at(-1));
    const cmd = lines.filter((l) => /^CMD\s/i.test(l)).at(-1) ?? '';
    expect(cmd).toContain('server/main.ts');
  });

  it('keeps local state and secrets out of the build context', () => {
    const ignored = read('.dockerignore').split('\n').map((l) => l.trim());
    for (const entry of ['node_modules', 'var', '.git', '.env', 'bench/out', 'bench/results']) expect(ignored, entry).toContain(entry);
  });
});
