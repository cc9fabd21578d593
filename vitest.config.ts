import { defineConfig } from 'vitest/config';

// Two projects: `unit` for pure functions (no services), `integration` for everything that talks
// to the real PostgreSQL and Temporal dev server started once by test/global-setup.ts.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{domain,catalog,connectors,intake,cli,server,runtime,schemas,bench,services,activities,workflows,web,db}/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', 'node_modules/**'],
          env: { TZ: 'Asia/Shanghai' },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts', '**/*.int.test.ts'],
          exclude: ['node_modules/**'],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 600_000,
          fileParallelism: false,
          env: { TZ: 'Asia/Shanghai' },
        },
      },
    ],
  },
});
