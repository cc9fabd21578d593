// Request and response schemas of the catalogue routes (server/routes/catalog.ts).
import { guarded, int, openObject, ref, text, zhEn } from './common.ts';

const tags = ['catalog'];
const versionNo = (zh: string, en: string) => int(zh, en, { minimum: 1 });

export const getCatalogSchema = {
  operationId: 'getCatalog', tags, summary: zhEn('目录（生效的或指定版本）', 'the catalogue (in force, or a version)'),
  description: zhEn('region：再给出该区划生效的条目（含继承的）', 'region: also the entries in force there, inherited ones included'),
  querystring: {
    type: 'object',
    properties: { version: versionNo('目录版本号', 'catalogue version'), region: text('区划代码', 'region code') },
  },
  response: {
    200: {
      type: 'object', required: ['version', 'importedBy', 'importedAt', 'catalog'],
      properties: {
        version: { type: 'integer' }, importedBy: { type: 'string' }, importedAt: { type: 'string', format: 'date-time' },
        catalog: openObject('目录内容（区划、单位、数据集、条目、订阅）', 'the catalogue (regions, agencies, datasets, entries, subscriptions)'),
        entries: { type: 'array', items: openObject('生效的条目', 'an entry in force') },
      },
    },
    ...guarded(404),
  },
} as const;

export const catalogVersionsSchema = {
  operationId: 'listCatalogVersions', tags, summary: zhEn('目录的全部版本', 'every catalogue version'),
  description: zhEn('每次导入内容变化即成为新版本', 'every import that changes the content is a new version'),
  response: {
    200: { type: 'object', required: ['versions'], properties: { versions: { type: 'array', items: ref('CatalogVersionInfo') } } },
    ...guarded(),
  },
} as const;

// The diff's schema is the operator's (server/schemas/operator.ts): before and after per item.

export const importCatalogSchema = {
  operationId: 'importCatalog', tags, summary: zhEn('导入目录（仅管理员）', 'import the catalogue (admin only)'),
  description: zhEn('YAML（text/yaml、application/yaml、text/plain）或 JSON；内容不变时不生成新版本',
    'YAML (text/yaml, application/yaml, text/plain) or JSON; the same content makes no new version'),
  querystring: { type: 'object', properties: { name: text('来源文件名（出错时用于定位）', 'source file name (named in errors)') } },
  body: {
    content: {
      'text/yaml': { schema: { type: 'string' } },
      'application/yaml': { schema: { type: 'string' } },
      'text/plain': { schema: { type: 'string' } },
      'application/json': { schema: openObject('目录内容', 'the catalogue') },
    },
  },
  response: {
    200: {
      type: 'object', required: ['version', 'created'],
      properties: {
        version: { type: 'integer' }, created: text('是否生成了新版本', 'whether a new version was made', { type: 'boolean' }),
        restores: int('恢复了哪个早先版本的内容', 'the earlier version whose content this one restores'),
      },
    },
    ...guarded(422),
  },
} as const;
