// One queue item, side by side and decided from the keyboard: j/k move between fields, a/b choose
// the held or the incoming value of the focused field, e types a value (checked by the server as
// typed: a wrong one is answered with the field, what was expected and an example), n writes a
// note, Enter or ctrl+Enter decides; m merges, s keeps apart, r rejects; u undoes a decision; p
// applies the same decision to similar items after a preview. The keys are always on screen.
import { Alert, Button, Card, Col, Descriptions, Flex, Input, Row as Grid, Space, Tag, Typography, message } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, ApiError, unwrap } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatTime } from '../../components/format.ts';
import { useLabels } from '../../components/labels.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { useBilingual, useT } from '../../i18n/index.tsx';
import { BulkModal } from './BulkModal.tsx';
import { DisputeCard } from './DisputeCard.tsx';
import { FieldTable, SourceLine } from './FieldTable.tsx';
import type { Row } from './FieldTable.tsx';
import { History } from './History.tsx';
import { KeyLegend } from './KeyLegend.tsx';
import type { Choice, Decision } from './types.ts';
import { SUBJECT } from './types.ts';
import { useKeys } from './useKeys.ts';

const messages = {
  zh: {
    back: '返回待办', rule: '为什么需要您判断', suggestion: '建议', applied: '权威来源的值已先行生效；您的选择会据此改回或保留。', note: '说明（随决定保存）',
    notePh: '为什么这样决定，例如：以复核后的决定书为准', submit: '提交决定', merge: '合并', keepApart: '分开保留', reject: '驳回新收到的行', undo: '撤销决定',
    bulk: '批量应用到同类', decided: '已由 {who} 于 {when} 处理', saved: '已保存决定', undone: '已撤销，事项重新待处理', unchosen: '还有 {n} 个不一致的字段未选择',
    subjectLink: '关联主体', candidates: '候选主体', link: '关联此主体', noSubject: '都不是', kA: '保留 A', kB: '采用 B', kE: '录入值', kN: '写说明',
    kSubmit: '提交', kMove: '上下移动字段', kMerge: '合并', kApart: '分开保留', kReject: '驳回', kUndo: '撤销', kBulk: '批量应用', kBack: '返回待办', score: '分数',
    status: '状态', open: '待处理', decidedState: '已处理', reopened: '来源变化重开', dataset: '数据集', agency: '上报单位', received: '收到时间',
  },
  en: {
    back: 'Back to the queue', rule: 'Why this needs you', suggestion: 'Suggestion',
    applied: 'The authoritative values already took effect; your choice keeps or reverts them.',
    note: 'Note (kept with the decision)', notePh: 'Why you decide so, e.g. the reviewed decision document prevails', submit: 'Decide', merge: 'Merge',
    keepApart: 'Keep apart', reject: 'Reject the incoming row', undo: 'Undo the decision', bulk: 'Apply to similar', decided: 'Decided by {who} at {when}',
    saved: 'Decision saved', undone: 'Undone: the item is open again', unchosen: '{n} differing fields not chosen yet', subjectLink: 'Linked subject',
    candidates: 'Candidate subjects', link: 'Link this subject', noSubject: 'None of them', kA: 'keep A', kB: 'take B', kE: 'enter a value', kN: 'write a note',
    kSubmit: 'decide', kMove: 'move between fields', kMerge: 'merge', kApart: 'keep apart', kReject: 'reject', kUndo: 'undo', kBulk: 'apply to similar',
    kBack: 'back to the queue', score: 'Score', status: 'Status', open: 'Open', decidedState: 'Decided', reopened: 'Reopened by a changed source',
    dataset: 'Dataset', agency: 'Sent by', received: 'Received',
  },
};

export default function TaskPage() {
  const t = useT(messages);
  const b = useBilingual();
  const labels = useLabels();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const loaded = useLoad(() => unwrap(api.GET('/api/steward/tasks/{id}', { params: { path: { id } } })), [id]);
  const view = loaded.data;
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [focus, setFocus] = useState(0);
  const [editing, setEditing] = useState<string | null>(null);
  const [noteText, setNoteText] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [bulk, setBulk] = useState<Decision | null>(null);
  const noteRef = useRef<TextAreaRef>(null);

  const rows: Row[] = useMemo(() => {
    if (!view) return [];
    const fields = view.fields.map((f) => ({ ...f, key: f.name }));
    return view.subject.differs
      ? [...fields, { key: SUBJECT, name: SUBJECT, label: { zh: messages.zh.subjectLink, en: messages.en.subjectLink }, a: view.subject.a, b: view.subject.b,
          differs: true, material: true }]
      : fields;
  }, [view]);
  useEffect(() => {
    setChoices({}); setEditing(null); setError(undefined); setNoteText('');
    setFocus(Math.max(0, rows.findIndex((r) => r.differs)));
  }, [rows]);

  // An error about a field names it as the page does, never by its code.
  const named = (err: unknown): unknown => {
    if (!(err instanceof ApiError) || typeof err.body.context?.field !== 'string') return err;
    const row = rows.find((r) => r.name === err.body.context?.field);
    return row ? new ApiError(err.status, { ...err.body, context: { ...err.body.context, field: b(row.label) } }) : err;
  };
  const open = view?.status === 'open';
  const conflict = view?.kind === 'conflict';
  const errorField = error instanceof ApiError && typeof error.body.context?.field === 'string' ? error.body.context.field : null;
  const choose = (take: 'a' | 'b') => {
    const r = rows[focus];
    if (!r || !open || !conflict) return;
    setChoices((c) => ({ ...c, [r.name]: { take } }));
    // On to the next differing field, as a steward reads down the list.
    const next = rows.findIndex((x, i) => i > focus && x.differs);
    if (next >= 0) setFocus(next);
  };
  const enter = (field: string, value: string) => {
    setChoices((c) => ({ ...c, [field]: { take: 'value', value } }));
    const at = rows.findIndex((r) => r.name === field);
    const next = rows.findIndex((x, i) => i > at && x.differs);
    if (next >= 0) setFocus(next);
  };
  const fieldsDecision = (): Decision => ({ action: 'fields', fields: choices });
  const decide = async (decision: Decision) => {
    setBusy(true); setError(undefined);
    try {
      await unwrap(api.POST('/api/steward/tasks/{id}/decision', { params: { path: { id } }, body: { decision, ...(noteText ? { note: noteText } : {}) } }));
      void message.success(t('saved'));
      loaded.reload();
    } catch (e) {
      setError(e);
      const field = e instanceof ApiError ? e.body.context?.field : undefined;
      const at = rows.findIndex((r) => r.name === field);
      if (at >= 0) setFocus(at);
    } finally {
      setBusy(false);
    }
  };
  const undo = async () => {
    setBusy(true); setError(undefined);
    try {
      await unwrap(api.POST('/api/steward/tasks/{id}/reopen', { params: { path: { id } }, body: noteText ? { note: noteText } : {} }));
      void message.success(t('undone'));
      loaded.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const submit = () => { if (open && conflict && !busy) void decide(fieldsDecision()); };
  const allowed = new Set(view?.actions.map((a) => a.action) ?? []);
  const unchosen = rows.filter((r) => r.differs && !choices[r.name]).length;
  const bulkDecision = (): Decision | null => {
    if (!view || !open) return null;
    if (conflict) return fieldsDecision();
    if (view.kind === 'suspected_duplicate') return { action: 'merge' };
    return { action: 'no_subject' };
  };

  useKeys({
    j: () => setFocus((f) => Math.min(f + 1, rows.length - 1)),
    k: () => setFocus((f) => Math.max(f - 1, 0)),
    ArrowDown: () => setFocus((f) => Math.min(f + 1, rows.length - 1)),
    ArrowUp: () => setFocus((f) => Math.max(f - 1, 0)),
    a: () => choose('a'),
    b: () => choose('b'),
    e: () => { const r = rows[focus]; if (r && open && conflict && r.name !== SUBJECT) setEditing(r.name); },
    n: () => noteRef.current?.focus(),
    Enter: submit,
    'ctrl+Enter': submit,
    Escape: () => { setEditing(null); (document.activeElement as HTMLElement | null)?.blur(); },
    m: () => { if (open && allowed.has('merge')) void decide({ action: 'merge' }); },
    s: () => { if (open && allowed.has('keep_apart')) void decide({ action: 'keep_apart' }); },
    r: () => { if (open && allowed.has('reject')) void decide({ action: 'reject' }); },
    u: () => { if (view?.status === 'decided') void undo(); },
    p: () => setBulk(bulkDecision()),
    q: () => navigate('/steward/queue'),
  }, !bulk);

  if (!view) return loaded.error ? <ErrorAlert error={loaded.error} /> : null;
  const keys: Array<[string, string]> = open
    ? [
        ['j / k', t('kMove')], ...(conflict ? [['a', t('kA')], ['b', t('kB')], ['e', t('kE')]] as Array<[string, string]> : []), ['n', t('kN')],
        ...(conflict ? [['Enter / Ctrl+Enter', t('kSubmit')]] as Array<[string, string]> : []),
        ...(allowed.has('merge') ? [['m', t('kMerge')]] as Array<[string, string]> : []),
        ...(allowed.has('keep_apart') ? [['s', t('kApart')]] as Array<[string, string]> : []),
        ...(allowed.has('reject') ? [['r', t('kReject')]] as Array<[string, string]> : []), ['p', t('kBulk')], ['q', t('kBack')],
      ]
    : [...(view.status === 'decided' ? [['u', t('kUndo')]] as Array<[string, string]> : []), ['q', t('kBack')]];
  const statusName = view.status === 'open' ? t('open') : view.status === 'decided' ? t('decidedState') : t('reopened');
  return (
    <>
      <PageHeader
        title={<Space>{labels.label('stewardKinds', view.kind)}<Typography.Text>{view.subjectName ?? ''}</Typography.Text></Space>}
        sub={<Space wrap>
          <span>{t('dataset')}：{labels.label('datasets', view.dataset)}</span><span>{t('agency')}：{b(view.agencyName ?? null) || view.agency}</span>
          <span>{t('received')}：{formatTime(view.createdAt)}</span><Tag data-testid="task-status">{statusName}</Tag>
          {view.score !== null && view.score !== undefined ? <span>{t('score')}：{view.score.toFixed(2)}</span> : null}
        </Space>}
        extra={<Button onClick={() => navigate('/steward/queue')}>{t('back')}</Button>}
      />
      <KeyLegend testId="task-keys" keys={keys} />
      <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('rule')} description={b(view.rule)} data-testid="rule" />
      {view.suggestion
        ? <Alert type="success" style={{ marginBottom: 8 }} title={b(view.suggestion)} data-testid="suggestion" /> : null}
      {view.applied && open ? <Alert type="warning" style={{ marginBottom: 8 }} title={t('applied')} /> : null}
      {view.status === 'decided' && view.decidedBy ? (
        <Alert type="success" showIcon style={{ marginBottom: 8 }} data-testid="decided"
          title={t('decided', { who: view.decidedBy, when: formatTime(view.decidedAt ?? null) })} description={view.note ?? undefined} />
      ) : null}
      {error ? <div style={{ marginBottom: 8 }}><ErrorAlert error={named(error)} /></div> : null}
      <Grid gutter={16}>
        <Col xs={24} xl={17}>
          <FieldTable rows={rows} sources={view.sides} choices={choices} focus={focus} editing={editing} errorField={errorField} decidable={open && conflict}
            onFocus={setFocus} onEdit={setEditing} onValue={enter} />
          {view.kind === 'uncertain_link' && open ? (
            <Card size="small" title={t('candidates')} style={{ marginTop: 8 }}>
              {(view.candidates ?? []).map((c, i) => {
                const cand = c as { uscc?: string; name?: string; score?: number };
                return (
                  <Flex key={cand.uscc ?? i} justify="space-between" style={{ marginBottom: 4 }}>
                    <span>{cand.name} · {cand.uscc}{cand.score !== undefined ? ` · ${cand.score}` : ''}</span>
                    <Button size="small" onClick={() => cand.uscc && void decide({ action: 'link', uscc: cand.uscc })}>{t('link')}</Button>
                  </Flex>
                );
              })}
              <Button size="small" onClick={() => void decide({ action: 'no_subject' })}>{t('noSubject')}</Button>
            </Card>
          ) : null}
          {view.kind === 'case_dispute' ? <DisputeCard view={view} open={open} busy={busy} onDecide={(d) => void decide(d)} /> : null}
        </Col>
        <Col xs={24} xl={7}>
          <Card size="small">
            <Typography.Text strong>{t('note')}</Typography.Text>
            <Input.TextArea ref={noteRef} rows={3} value={noteText} onChange={(e) => setNoteText(e.target.value)} placeholder={t('notePh')} data-testid="note"
              disabled={!open && view.status !== 'decided'} />
            <Flex wrap gap={8} style={{ marginTop: 8 }}>
              {open && conflict ? <Button type="primary" loading={busy} onClick={submit} data-testid="submit">{t('submit')}</Button> : null}
              {open && allowed.has('merge')
                ? <Button type="primary" onClick={() => void decide({ action: 'merge' })} data-testid="merge">{t('merge')}</Button> : null}
              {open && allowed.has('keep_apart') ? <Button onClick={() => void decide({ action: 'keep_apart' })}>{t('keepApart')}</Button> : null}
              {open && allowed.has('reject') ? <Button danger onClick={() => void decide({ action: 'reject' })}>{t('reject')}</Button> : null}
              {open && view.kind !== 'case_dispute' ? <Button onClick={() => setBulk(bulkDecision())} data-testid="bulk">{t('bulk')}</Button> : null}
              {view.status === 'decided' ? <Button onClick={() => void undo()} loading={busy} data-testid="undo">{t('undo')}</Button> : null}
            </Flex>
            {open && conflict && unchosen ? <Typography.Text type="warning" data-testid="unchosen">{t('unchosen', { n: unchosen })}</Typography.Text> : null}
          </Card>
          <Card size="small" style={{ marginTop: 8 }}>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label="A"><SourceLine s={view.sides.a} /></Descriptions.Item>
              <Descriptions.Item label="B"><SourceLine s={view.sides.b} /></Descriptions.Item>
            </Descriptions>
            <History view={view} />
          </Card>
        </Col>
      </Grid>
      <BulkModal taskId={id} decision={bulk} note={noteText} onClose={(done) => { setBulk(null); if (done) loaded.reload(); }} />
    </>
  );
}
