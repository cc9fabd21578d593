// Names of the delivery outcomes forward lineage shows: delivered and failing in this module's words,
// withheld with its reason from /api/labels. Roles and statuses come named by the API itself.
import { useCallback } from 'react';
import type { Labeller } from '../../components/labels.tsx';
import { useT } from '../../i18n/index.tsx';

const messages = {
  zh: { delivered: '已送达', failing: '投递失败，重试中', withheld: '未下发：{why}', pending: '处理中', withheldPlain: '未下发' },
  en: { delivered: 'delivered', failing: 'failing, being retried', withheld: 'withheld: {why}', pending: 'in progress', withheldPlain: 'withheld' },
};

export function useDeliveryName(): (status: string, labels: Labeller) => string {
  const t = useT(messages);
  return useCallback((status: string, labels: Labeller) => {
    const [code, why] = status.split(':');
    if (code === 'delivered' || code === 'failing') return t(code);
    if (code === 'withheld') return why ? t('withheld', { why: labels.label('withheld', why) }) : t('withheldPlain');
    return t('pending');
  }, [t]);
}
