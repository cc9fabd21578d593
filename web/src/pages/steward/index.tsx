// The steward journey's pages (web/README.md): the queue (paged, filtered and sorted on the server,
// keyboard-first) and one item side by side, decided field by field.
import { lazy, Suspense } from 'react';
import type { ReactNode } from 'react';
import { Spin } from 'antd';
import type { PageRoute } from '../../app/route-types.ts';

const QueuePage = lazy(() => import('./QueuePage.tsx'));
const TaskPage = lazy(() => import('./TaskPage.tsx'));

const later = (page: ReactNode) => <Suspense fallback={<Spin />}>{page}</Suspense>;
// Auditors read the queue through the API; the pages are for those who decide.
const people: PageRoute['roles'] = ['steward', 'admin'];

export const routes: PageRoute[] = [
  { path: '/steward/queue', roles: people, menu: { zh: '待办', en: 'Queue' }, element: later(<QueuePage />) },
  { path: '/steward/tasks/:id', roles: people, element: later(<TaskPage />) },
];
