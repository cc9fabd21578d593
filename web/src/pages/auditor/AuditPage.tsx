// 审计链 / Audit chain: recompute the hash chain on demand and show the server's answer as it is —
// intact or broken, how many entries, the period they span, and the first broken link.
import { Alert, Button, Descriptions, Space } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatNumber, formatTime } from '../../components/format.ts';
import { useBilingual, useLang, useT } from '../../i18n/index.tsx';

type Answer = paths['/api/audit/verify']['get']['responses'][200]['content']['application/json'];

const messages = {
  zh: {
    title: '审计链', sub: '重新计算审计日志的哈希链，任何被改动或删除的条目都会被指出', verify: '校验审计链', entries: '校验通过的条目',
    firstAt: '最早一条', lastAt: '最后一条校验通过的', checkedAt: '校验时间', brokenAt: '断开位置：{n}', brokenWhat: '该处条目', entryNo: '第 {n} 条',
  },
  en: {
    title: 'Audit chain', sub: 'Recomputes the audit log\'s hash chain; any entry altered or removed is named', verify: 'Verify the audit chain',
    entries: 'Entries verified', firstAt: 'First entry', lastAt: 'Last verified entry', checkedAt: 'Checked at', brokenAt: 'Broken at: {n}',
    brokenWhat: 'Entry found there', entryNo: 'entry {n}',
  },
};

export default function AuditPage() {
  const t = useT(messages);
  const b = useBilingual();
  const { lang } = useLang();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [answer, setAnswer] = useState<{ at: Date; a: Answer } | undefined>();
  const verify = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setAnswer({ at: new Date(), a: await unwrap(api.GET('/api/audit/verify')) });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const a = answer?.a;
  return (
    <>
      <PageHeader
        title={t('title')}
        sub={t('sub')}
        extra={<Button type="primary" loading={busy} onClick={verify} data-testid="audit-verify">{t('verify')}</Button>}
      />
      <Space direction="vertical" style={{ width: '100%' }}>
        <ErrorAlert error={error} />
        {a ? (
          <>
            <Alert
              data-testid="audit-result"
              type={a.result === 'intact' ? 'success' : 'error'}
              showIcon
              message={b(a.resultName)}
              description={a.broken ? `${t('brokenAt', { n: t('entryNo', { n: a.broken.seq }) })} — ${lang === 'en' ? a.broken.en : a.broken.zh}` : undefined}
            />
            <Descriptions bordered size="small" column={1}>
              <Descriptions.Item label={t('entries')}>{formatNumber(a.entries)}</Descriptions.Item>
              <Descriptions.Item label={t('firstAt')}>{formatTime(a.firstAt)}</Descriptions.Item>
              <Descriptions.Item label={t('lastAt')}>{formatTime(a.lastAt)}</Descriptions.Item>
              {a.broken ? (
                <Descriptions.Item label={t('brokenWhat')}>{[formatTime(a.broken.at), a.broken.actor].filter(Boolean).join(' · ') || '—'}</Descriptions.Item>
              ) : null}
              <Descriptions.Item label={t('checkedAt')}>{formatTime(answer.at)}</Descriptions.Item>
            </Descriptions>
          </>
        ) : null}
      </Space>
    </>
  );
}
