// The auditor journey's pages (web/README.md): search golden records, a record's lineage (graph,
// as of a moment, per-field trace, merges both ways), forward lineage from a batch, the audit chain.
// The record page draws with ECharts, so it is loaded only when opened.
import { lazy, Suspense } from 'react';
import type { ReactNode } from 'react';
import { Spin } from 'antd';
import type { PageRoute } from '../../app/route-types.ts';

const SearchPage = lazy(() => import('./SearchPage.tsx'));
const RecordPage = lazy(() => import('./RecordPage.tsx'));
const ForwardPage = lazy(() => import('./ForwardPage.tsx'));
const AuditPage = lazy(() => import('./AuditPage.tsx'));

const later = (page: ReactNode) => <Suspense fallback={<Spin />}>{page}</Suspense>;
const readers: PageRoute['roles'] = ['auditor', 'steward', 'admin'];

export const routes: PageRoute[] = [
  { path: '/auditor/search', roles: readers, menu: { zh: '查询', en: 'Search' }, element: later(<SearchPage />) },
  { path: '/auditor/records/:id', roles: readers, element: later(<RecordPage />) },
  { path: '/auditor/forward', roles: readers, menu: { zh: '批次溯源', en: 'Forward lineage' }, element: later(<ForwardPage />) },
  { path: '/auditor/audit', roles: ['auditor', 'admin'], menu: { zh: '审计链', en: 'Audit chain' }, element: later(<AuditPage />) },
];
