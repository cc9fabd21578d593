// The page's own words (headings, buttons), Simplified Chinese first, English available. Names of
// data (datasets, channels, statuses, reasons) are not here: they come from GET /api/labels.
export const STRINGS = {
  'zh-CN': {
    title: '信用数据工厂', subtitle: '清洗 · 比对 · 关联 · 同步 · 分发', upload: '上传数据', entry: '目录条目',
    signin: '登录', username: '用户名', password: '密码', signinButton: '登录', signinWith: '统一身份认证登录：', signout: '退出登录', signinFailed: '登录失败：',
    signedOutNote: '登录已失效，请重新登录', role_agency: '数源单位', role_steward: '数据管理员', role_auditor: '审计', role_admin: '管理员',
    file: '文件', send: '上传并处理', batches: '批次', batch: '批次', agency: '数源单位', dataset: '数据集', channel: '通道',
    status: '状态', received: '接收', accepted: '通过', rejected: '拒收', duplicates: '重复', conflicts: '冲突', golden: '标准记录',
    rejects: '下载拒收行', uploading: '正在上传和处理…', uploaded: '已接收，批次', duplicate: '该文件已接收过，未重复处理：批次',
    switch: 'English', loadFailed: '载入失败',
    queue: '待处理队列', kind: '类型', source: '来源行', subject: '主体', sides: '对比', decide: '处理', suggested: '建议',
    takeA: '保留现值 A', takeB: '采用新值 B', rejectRow: '驳回该行', merge: '合并', keepApart: '分开保留', linkTo: '关联到', noSubject: '不关联',
    similarTo: '疑似重复于', queueEmpty: '没有待处理的事项', decided: '已处理',
    deliveries: '分发记录', all: '全部', failing: '投递失败', withheld: '未下发', deliveredStatus: '已送达', subscription: '订阅', deliveryKey: '幂等键', outcome: '结果', when: '时间',
    recordsShort: '条', tombstones: '撤回', heldBack: '条不在订阅范围或公示期内', noDeliveries: '没有分发记录',
    lineage: '数据血缘', record: '标准记录', trace: '追溯', version: '版本', validFrom: '生效时间', role: '作用', rules: '清洗规则', linkMethod: '关联方式',
    report: '校验报告', reason: '原因', rows: '行数', field: '字段', row: '行号', value: '值', asOf: '截至', valueFrom: '取值来源',
    enteredBy: (id) => `决定 #${id} 录入`, asOfNote: (at) => `记录在 ${at} 时的样子`,
    linkFigures: (q, pending) => `主体关联：换码率 ${(q.conversionRate * 100).toFixed(1)}%（未带有效统一社会信用代码的 ${q.withoutUscc} 行中转换 ${q.converted} 行），` +
      `重错码率 ${q.wrongCodePerMille}‰，待数据管理员确认 ${pending} 行。`,
    figures: (f) => `接收 ${f.received} 行，通过 ${f.accepted} 行（${(f.acceptedShare * 100).toFixed(1)}%），拒收 ${f.rejected} 行。` +
      '下载拒收行，改正后可重新上传。',
  },
  en: {
    title: 'Credit data factory', subtitle: 'clean · compare · link · sync · distribute', upload: 'Upload an extract',
    signin: 'Sign in', username: 'User name', password: 'Password', signinButton: 'Sign in', signinWith: 'Sign in with', signout: 'Sign out', signinFailed: 'Sign-in failed:',
    signedOutNote: 'Your session has ended: please sign in again', role_agency: 'agency', role_steward: 'steward', role_auditor: 'auditor',
    role_admin: 'administrator',
    entry: 'Catalogue entry', file: 'File', send: 'Upload and process', batches: 'Batches', batch: 'Batch', agency: 'Agency',
    dataset: 'Dataset', channel: 'Channel', status: 'Status', received: 'Received', accepted: 'Accepted', rejected: 'Rejected',
    duplicates: 'Duplicates', conflicts: 'Conflicts', golden: 'Golden', rejects: 'Download rejects', uploading: 'Uploading and processing…',
    uploaded: 'Received as batch', duplicate: 'Already received, not processed again: batch', switch: '中文', loadFailed: 'Loading failed',
    queue: 'Steward queue', kind: 'Kind', source: 'Source row', subject: 'Subject', sides: 'Side by side', decide: 'Decide', suggested: 'suggested',
    takeA: 'Keep A', takeB: 'Take B', rejectRow: 'Reject the row', merge: 'Merge', keepApart: 'Keep apart', linkTo: 'Link to', noSubject: 'No subject',
    similarTo: 'similar to record', queueEmpty: 'Nothing waits for a steward', decided: 'Decided',
    deliveries: 'Deliveries', all: 'All', failing: 'Failing', withheld: 'Withheld', deliveredStatus: 'Delivered', subscription: 'Subscription',
    deliveryKey: 'Idempotency key', outcome: 'Outcome', when: 'When',
    recordsShort: 'records', tombstones: 'tombstones', heldBack: 'outside its scope or publicity', noDeliveries: 'No deliveries',
    lineage: 'Lineage', record: 'Record', trace: 'Trace', version: 'Version', validFrom: 'Valid from', role: 'Role', rules: 'Clean rules', linkMethod: 'Link',
    report: 'Validation report', reason: 'Reason', rows: 'Rows', field: 'Field', row: 'Row', value: 'Value', asOf: 'As of', valueFrom: 'Value from',
    enteredBy: (id) => `entered by decision #${id}`, asOfNote: (at) => `the record as it stood at ${at}`,
    linkFigures: (q, pending) => `Subject links: USCC conversion ${(q.conversionRate * 100).toFixed(1)}% ` +
      `(${q.converted} of ${q.withoutUscc} rows without a valid USCC converted), wrong-or-duplicate codes ${q.wrongCodePerMille}‰, ` +
      `${pending} rows for a steward to confirm.`,
    figures: (f) => `Received ${f.received} rows, accepted ${f.accepted} (${(f.acceptedShare * 100).toFixed(1)}%), rejected ${f.rejected}. ` +
      'Download the rejected rows, fix them and upload again.',
  },
};
