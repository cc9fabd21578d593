import type { Role } from './session.tsx';

export const roleNames: Record<Role, { zh: string; en: string }> = {
  agency: { zh: '数源单位', en: 'Agency' },
  steward: { zh: '数据管理员', en: 'Data steward' },
  auditor: { zh: '审计员', en: 'Auditor' },
  admin: { zh: '运维管理员', en: 'Operator' },
};
