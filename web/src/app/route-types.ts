import type { ReactNode } from 'react';
import type { Role } from './session.tsx';

/** A page a journey contributes: its path, who may open it, and its menu entry (none: reached by link). */
export interface PageRoute {
  path: string;
  roles: Role[];
  menu?: { zh: string; en: string; icon?: ReactNode };
  element: ReactNode;
}
