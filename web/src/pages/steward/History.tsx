// Earlier decisions on the same record or subject: who, when, what, why, and whether it was undone.
import { Empty, Tag, Timeline, Typography } from 'antd';
import { formatTime } from '../../components/format.ts';
import { useBilingual, useT } from '../../i18n/index.tsx';
import type { TaskView } from './types.ts';

const messages = {
  zh: { title: '早先的决定', none: '此前没有对该记录或主体的决定', undone: '已撤销', by: '{who} 于 {when}', thisItem: '本事项', undoneBy: '{who} 于 {when} 撤销', item: '事项 {id}' },
  en: {
    title: 'Earlier decisions', none: 'No earlier decision on this record or subject', undone: 'undone', by: '{who} at {when}', thisItem: 'this item',
    undoneBy: 'undone by {who} at {when}', item: 'item {id}',
  },
};

export function History({ view }: { view: TaskView }) {
  const t = useT(messages);
  const b = useBilingual();
  return (
    <div data-testid="history">
      <Typography.Title level={5}>{t('title')}</Typography.Title>
      {view.history.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('none')} /> : (
        <Timeline
          items={view.history.map((h) => ({
            color: h.undoneAt ? 'gray' : 'blue',
            content: (
              <div>
                <Typography.Text strong>{b(h.actionName)}</Typography.Text>{' '}
                <Tag>{h.taskId === view.id ? t('thisItem') : t('item', { id: h.taskId })}</Tag>
                {h.undoneAt ? <Tag color="default">{t('undone')}</Tag> : null}
                <div><Typography.Text type="secondary">{t('by', { who: h.decidedBy, when: formatTime(h.decidedAt) })}</Typography.Text></div>
                {h.note ? <div>“{h.note}”</div> : null}
                {h.undoneAt ? (
                  <div><Typography.Text type="secondary">{t('undoneBy', { who: h.undoneBy ?? '', when: formatTime(h.undoneAt) })}</Typography.Text>
                    {h.undoNote ? ` “${h.undoNote}”` : ''}</div>
                ) : null}
              </div>
            ),
          }))}
        />
      )}
    </div>
  );
}
