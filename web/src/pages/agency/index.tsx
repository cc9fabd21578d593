// The agency journey's pages (web/README.md): its datasets, the upload with live progress and the
// report in plain words, the batch history and one batch's report, and the joint measures' feedback.
import { lazy, Suspense } from 'react';
import type { ReactNode } from 'react';
import { Spin } from 'antd';
import type { PageRoute } from '../../app/route-types.ts';

const DatasetsPage = lazy(() => import('./DatasetsPage.tsx'));
const UploadPage = lazy(() => import('./UploadPage.tsx'));
const HistoryPage = lazy(() => import('./HistoryPage.tsx'));
const BatchPage = lazy(() => import('./BatchPage.tsx'));
const FeedbackPage = lazy(() => import('./FeedbackPage.tsx'));

const later = (page: ReactNode) => <Suspense fallback={<Spin />}>{page}</Suspense>;

export const routes: PageRoute[] = [
  { path: '/agency/datasets', roles: ['agency'], menu: { zh: '我的数据集', en: 'My datasets' }, element: later(<DatasetsPage />) },
  { path: '/agency/upload', roles: ['agency'], menu: { zh: '上传', en: 'Upload' }, element: later(<UploadPage />) },
  { path: '/agency/batches', roles: ['agency'], menu: { zh: '批次历史', en: 'Batch history' }, element: later(<HistoryPage />) },
  { path: '/agency/batches/:id', roles: ['agency'], element: later(<BatchPage />) },
  { path: '/agency/cases', roles: ['agency'], menu: { zh: '联合奖惩反馈', en: 'Measure feedback' }, element: later(<FeedbackPage />) },
];
