// The agency journey's pages (web/README.md): each route with who may open it and its menu entry.
import type { PageRoute } from '../../app/route-types.ts';

export const routes: PageRoute[] = [];
