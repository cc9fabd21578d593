// A department's dispute over a joint measure's subject (kind case_dispute): what each department
// claims, and the two decisions: uphold the listing, or name the subject it really is (its USCC).
// The decision closes every case the item carries.
import { Button, Card, Flex, Input, List, Typography } from 'antd';
import { useState } from 'react';
import { useBilingual, useT } from '../../i18n/index.tsx';
import type { Bilingual } from '../../i18n/index.tsx';
import type { Decision, TaskView } from './types.ts';

const messages = {
  zh: {
    title: '部门的异议', department: '部门', measure: '措施', claim: '说法', cases: '涉及案件：{ids}', uphold: '维持列入（名单无误）',
    correct: '更正主体', usccPh: '正确主体的 18 位统一社会信用代码', none: '—',
  },
  en: {
    title: 'The departments\' claims', department: 'Department', measure: 'Measure', claim: 'Claim', cases: 'Cases: {ids}', uphold: 'Uphold the listing',
    correct: 'Correct the subject', usccPh: 'the right subject\'s 18-character USCC', none: '—',
  },
};

export function DisputeCard(props: { view: TaskView; open: boolean; busy: boolean; onDecide(d: Decision): void }) {
  const t = useT(messages);
  const b = useBilingual();
  const [uscc, setUscc] = useState('');
  const d = props.view.dispute;
  const claims = (d?.claims ?? []) as Array<{ departmentName?: Bilingual | null; measureName?: Bilingual | null; claim?: string }>;
  return (
    <Card size="small" title={t('title')} style={{ marginTop: 8 }} data-testid="dispute">
      <Typography.Text type="secondary">{t('cases', { ids: (d?.cases ?? []).join('、') || t('none') })}</Typography.Text>
      <List size="small" dataSource={claims} renderItem={(c) => (
        <List.Item>
          <Typography.Text>
            {t('department')}：{b(c.departmentName) || t('none')} · {t('measure')}：{b(c.measureName) || t('none')} · {t('claim')}：{c.claim ?? t('none')}
          </Typography.Text>
        </List.Item>
      )} />
      {props.open ? (
        <Flex wrap gap={8} style={{ marginTop: 8 }}>
          <Button type="primary" loading={props.busy} data-testid="uphold" onClick={() => props.onDecide({ action: 'take_held' })}>{t('uphold')}</Button>
          <Input style={{ width: 260 }} value={uscc} maxLength={18} placeholder={t('usccPh')} onChange={(e) => setUscc(e.target.value.trim().toUpperCase())}
            data-testid="correct-uscc" />
          <Button disabled={uscc.length !== 18} loading={props.busy} data-testid="correct" onClick={() => props.onDecide({ action: 'link', uscc })}>
            {t('correct')}
          </Button>
        </Flex>
      ) : null}
    </Card>
  );
}
