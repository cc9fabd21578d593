// The operator journey's pages (web/README.md): the catalogue (tree and version diff), its
// subscriptions, grants and measures, deliveries and the measures' feedback figures, batch runs linked to Temporal, and the quality
// dashboard (ECharts, so loaded only when opened, like every page here).
import { Spin } from 'antd';
import { lazy, Suspense } from 'react';
import type { ReactNode } from 'react';
import type { PageRoute } from '../../app/route-types.ts';

const CatalogPage = lazy(() => import('./CatalogPage.tsx'));
const SubscriptionsPage = lazy(() => import('./SubscriptionsPage.tsx'));
const DeliveriesPage = lazy(() => import('./DeliveriesPage.tsx'));
const BatchesPage = lazy(() => import('./BatchesPage.tsx'));
const DashboardPage = lazy(() => import('./DashboardPage.tsx'));
const CaseFiguresPage = lazy(() => import('./CaseFiguresPage.tsx'));
const PullsPage = lazy(() => import('./PullsPage.tsx'));

const later = (page: ReactNode) => <Suspense fallback={<Spin />}>{page}</Suspense>;

export const routes: PageRoute[] = [
  { path: '/operator/catalog', roles: ['admin'], menu: { zh: '目录', en: 'Catalogue' }, element: later(<CatalogPage />) },
  { path: '/operator/subscriptions', roles: ['admin'], menu: { zh: '订阅与授权', en: 'Subscriptions & grants' }, element: later(<SubscriptionsPage />) },
  { path: '/operator/deliveries', roles: ['admin', 'auditor'], menu: { zh: '分发', en: 'Deliveries' }, element: later(<DeliveriesPage />) },
  { path: '/operator/batches', roles: ['admin'], menu: { zh: '批次运行', en: 'Batch runs' }, element: later(<BatchesPage />) },
  { path: '/operator/pulls', roles: ['admin', 'steward', 'auditor'], menu: { zh: '数据抽取', en: 'Pulls' }, element: later(<PullsPage />) },
  { path: '/operator/cases', roles: ['admin', 'auditor'], menu: { zh: '联合奖惩反馈', en: 'Measure feedback' }, element: later(<CaseFiguresPage />) },
  { path: '/operator/quality', roles: ['admin', 'auditor', 'steward'], menu: { zh: '质量看板', en: 'Quality dashboard' }, element: later(<DashboardPage />) },
];
