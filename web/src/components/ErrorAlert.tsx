// An error as people should read it: what went wrong, where (file, row, field) and what to do next,
// in the page's language; the request id lets an operator find it in the API log.
import { Alert } from 'antd';
import { ApiError } from '../api/client.ts';
import { useLang, useT } from '../i18n/index.tsx';
import { useLabels } from './labels.tsx';

const messages = {
  zh: { failed: '操作未成功', where: '位置', next: '下一步', requestId: '请求编号', file: '文件', row: '行', field: '字段', line: '行号' },
  en: { failed: 'That did not work', where: 'Where', next: 'Next step', requestId: 'Request id', file: 'file', row: 'row', field: 'field', line: 'line' },
};

const WHERE_KEYS = ['file', 'row', 'line', 'field'] as const;

export function ErrorAlert({ error, onClose }: { error: unknown; onClose?: () => void }) {
  const { lang } = useLang();
  const t = useT(messages);
  const { tables, field } = useLabels();
  if (!error) return null;
  if (!(error instanceof ApiError)) {
    return <Alert type="error" showIcon title={t('failed')} description={String((error as Error)?.message ?? error)} />;
  }
  const body = error.body;
  const text = (lang === 'zh' ? body.messageZh : body.messageEn) ?? body.message;
  const next = body.next?.[lang] ?? tables.errors[body.code]?.next?.[lang];
  const ctx = body.context ?? {};
  // A field is named as the dataset's standard names it, not by its code.
  const shown = (k: (typeof WHERE_KEYS)[number]) => (k === 'field' && typeof ctx.dataset === 'string' ? field(ctx.dataset, String(ctx[k])) : String(ctx[k]));
  const where = WHERE_KEYS.filter((k) => ctx[k] !== undefined).map((k) => `${t(k)} ${shown(k)}`).join('，');
  const requestId = body.requestId ?? (typeof ctx.requestId === 'string' ? ctx.requestId : undefined);
  return (
    <Alert
      type="error" showIcon data-testid="error-alert" closable={Boolean(onClose)} {...(onClose ? { onClose } : {})}
      title={text}
      description={(where || next || requestId) ? (
        <>
          {where && <div>{t('where')}：{where}</div>}
          {next && <div>{t('next')}：{next}</div>}
          {requestId && <div>{t('requestId')}：{requestId}</div>}
        </>
      ) : undefined}
    />
  );
}
