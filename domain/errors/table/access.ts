// Who may do what: identities, roles and the catalogue's assignments of datasets to agencies.
import type { CodeFamily } from '../text.ts';

export const ACCESS_CODES = {
  CDF_UNAUTHENTICATED: {
    kind: 'forbidden',
    title: { zh: '请求未带身份', en: 'no identity given' },
    next: { zh: '在 X-CDF-Identity 请求头中给出身份', en: 'send your identity in the X-CDF-Identity header' },
  },
  CDF_IDENTITY_INVALID: {
    kind: 'usage',
    title: { zh: '身份格式不正确', en: 'malformed identity' },
    next: {
      zh: '按 角色[:范围][@用户] 填写，例如 agency:city_market_regulation@zhang',
      en: 'write it as role[:scope][@user], e.g. agency:city_market_regulation@zhang',
    },
  },
  CDF_FORBIDDEN: {
    kind: 'forbidden',
    title: { zh: '无权执行此操作', en: 'not allowed for your role' },
    next: { zh: '以有此权限的角色操作，或请管理员授权', en: 'act in a role that may, or ask an administrator' },
  },
  CDF_FORBIDDEN_AGENCY: {
    kind: 'forbidden',
    title: { zh: '不能代其他单位操作', en: 'cannot act for another agency' },
    next: { zh: '以该单位自己的身份操作', en: 'act under that agency\'s own identity' },
  },
  CDF_AGENCY_UNKNOWN: {
    kind: 'forbidden',
    title: { zh: '目录中没有该单位', en: 'agency not in the catalogue' },
    next: { zh: '核对单位代码，或请管理员把该单位加入目录', en: 'check the agency code, or ask an administrator to add the agency to the catalogue' },
  },
  CDF_NOT_ASSIGNED: {
    kind: 'forbidden',
    title: { zh: '该数据集未分配给本单位', en: 'dataset not assigned to the agency' },
    next: { zh: '核对所选数据集，或请管理员在目录中分配', en: 'check the dataset chosen, or ask an administrator to assign it in the catalogue' },
  },
  CDF_CHANNEL_NOT_ASSIGNED: {
    kind: 'forbidden',
    title: { zh: '报送通道与目录不符', en: 'channel not the catalogue\'s' },
    next: { zh: '改用目录规定的通道报送', en: 'send it through the channel the catalogue names' },
  },
} as const satisfies CodeFamily;
