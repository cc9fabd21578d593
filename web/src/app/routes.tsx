// Every page of the application, by journey. A person sees the menu entries of their role only; an
// address outside their role shows "not found", as the API answers for what is out of scope.
import type { PageRoute } from './route-types.ts';
import type { Role } from './session.tsx';
import { routes as agency } from '../pages/agency/index.tsx';
import { routes as steward } from '../pages/steward/index.tsx';
import { routes as auditor } from '../pages/auditor/index.tsx';
import { routes as operator } from '../pages/operator/index.tsx';
import { accountRoutes } from './account.tsx';

export const allRoutes: PageRoute[] = [...agency, ...steward, ...auditor, ...operator, ...accountRoutes];

/** Each role's own journey: its pages come first in the menu, and its first page is home. */
const journeyOf: Record<Role, string> = { agency: '/agency', steward: '/steward', auditor: '/auditor', admin: '/operator' };

export const routesFor = (role: Role): PageRoute[] => {
  const own = (r: PageRoute) => (r.path.startsWith(journeyOf[role]) ? 0 : 1);
  return allRoutes.filter((r) => r.roles.includes(role)).sort((a, b) => own(a) - own(b));
};

/** Where a person lands after signing in: their role's first menu entry. */
export function homeFor(role: Role): string {
  return routesFor(role).find((r) => r.menu)?.path ?? '/account';
}
