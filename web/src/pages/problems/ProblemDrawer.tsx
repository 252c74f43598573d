import { useState } from 'react';
import { Button, Descriptions, Drawer, Empty, Flex, Grid, List, Result, Skeleton, Space, Timeline, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useCodeLabel } from '../../api/codes';
import { errorText, showError, showSuccess } from '../../api/errors';
import { problemsApi, useProblem, useProblemAction, type ProblemAction, type ProblemDetail } from '../../api/problems';
import { useLang, useT } from '../../i18n';
import { formatDateTime } from '../../utils/format';
import { Evidence } from '../findings/Evidence';
import { FindingStatusTag } from '../findings/FindingStatusTag';
import { ActionModal } from './ActionModal';
import { ProblemStateTag } from './ProblemStateTag';

interface Props {
  id: number | undefined;
  onClose: () => void;
}

const RED_ACTIONS = new Set(['redetected', 'recheck_reopen', 'return', 'return_rejection']);

/** 整改记录: every step, newest first — who, when, why, the deadline, evidence and attachments given. */
function History({ problem }: { problem: ProblemDetail }) {
  const t = useT();
  const files = (eventId: number) => problem.attachments.filter((a) => a.eventId === eventId);
  return (
    <Timeline
      data-testid="problem-history"
      items={problem.history.map((h) => ({
        color: RED_ACTIONS.has(h.action) ? 'red' : h.to === 'closed_off' ? 'green' : 'blue',
        content: (
          <Flex vertical gap={0} data-testid={`problem-history-${h.action}`}>
            <span>
              <Typography.Text strong>{t(`problems.history.${h.action}`)}</Typography.Text>
              <Typography.Text type="secondary">
                {' '}
                · {t(`problems.state.${h.from}`)} → {t(`problems.state.${h.to}`)} · {formatDateTime(h.at)}
              </Typography.Text>
            </span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[h.username ?? t('problems.system'), h.runId ? t('findings.byRun', { id: h.runId }) : null, h.bulk ? t('problems.bulkMark') : null].filter(Boolean).join(' · ')}
            </Typography.Text>
            {h.reason && <Typography.Text style={{ fontSize: 12 }}>{t('problems.reason')}：{h.reason}</Typography.Text>}
            {h.deadline && <Typography.Text style={{ fontSize: 12 }}>{t('problems.deadline')}：{h.deadline}</Typography.Text>}
            {h.evidence && <Typography.Text style={{ fontSize: 12 }}>{t('problems.evidence')}：{h.evidence}</Typography.Text>}
            {files(h.id).map((a) => (
              <a key={a.id} href={problemsApi.attachmentUrl(problem.id, a.id)} style={{ fontSize: 12 }}>
                <PaperClipOutlined /> {a.fileName}
              </a>
            ))}
          </Flex>
        ),
      }))}
    />
  );
}

/** One problem: what the data says, the workflow state and its marks, evidence, history, and the steps open to the user. */
export function ProblemDrawer({ id, onClose }: Props) {
  const t = useT();
  const [lang] = useLang();
  const codeLabel = useCodeLabel();
  const wide = Grid.useBreakpoint().md;
  const { data: p, error, isPending } = useProblem(id);
  const act = useProblemAction();
  const [action, setAction] = useState<ProblemAction>();

  let body;
  if (id === undefined) body = null;
  else if (isPending) body = <Skeleton active paragraph={{ rows: 10 }} />;
  else if (!p) body = <Result status="warning" title={errorText(error)} />;
  else {
    body = (
      <Flex vertical gap={16}>
        <Descriptions
          size="small"
          column={1}
          bordered
          items={[
            { key: 'state', label: t('problems.stateCol'), children: <ProblemStateTag problem={p} testId="problem-state" /> },
            { key: 'status', label: t('problems.dataStatus'), children: <FindingStatusTag status={p.status} /> },
            { key: 'dept', label: t('rules.department'), children: codeLabel('department', p.department) },
            { key: 'place', label: t('household.village'), children: [p.countyName, p.townshipName, p.villageName].filter(Boolean).join(' / ') },
            { key: 'hh', label: t('f.householdNo'), children: <Link to={`/households/${p.householdId}`}>{p.householdNo}</Link> },
            { key: 'member', label: t('findings.member'), children: p.memberName ?? t('findings.wholeHousehold') },
            ...(p.idNumber ? [{ key: 'id', label: t('findings.idNumber'), children: p.idNumber }] : []),
            { key: 'deadline', label: t('problems.deadline'), children: p.deadline ?? '—' },
            { key: 'first', label: t('findings.firstSeen'), children: formatDateTime(p.firstSeenAt) },
          ]}
        />
        <div>
          <Typography.Title level={5}>{t('findings.evidence')}</Typography.Title>
          <Typography.Paragraph type="secondary">{p.rule.explanationZh}</Typography.Paragraph>
          <Evidence evidence={p.evidence} />
        </div>
        {p.attachments.length > 0 && (
          <div>
            <Typography.Title level={5}>{t('problems.attachments')}</Typography.Title>
            <List
              size="small"
              dataSource={p.attachments}
              renderItem={(a) => (
                <List.Item>
                  <a href={problemsApi.attachmentUrl(p.id, a.id)} data-testid={`problem-attachment-${a.id}`}>
                    <PaperClipOutlined /> {a.fileName}
                  </a>
                  <Typography.Text type="secondary">
                    {a.username} · {formatDateTime(a.createdAt)}
                  </Typography.Text>
                </List.Item>
              )}
            />
          </div>
        )}
        <div>
          <Typography.Title level={5}>{t('problems.historyTitle')}</Typography.Title>
          {p.history.length ? <History problem={p} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('problems.noHistory')} />}
        </div>
      </Flex>
    );
  }

  return (
    <Drawer
      open={id !== undefined}
      onClose={onClose}
      size={wide ? 680 : '100%'}
      title={p ? `${p.ruleCode} ${lang === 'zh' ? p.ruleTitleZh : p.ruleTitleEn}` : t('problems.detail')}
      data-testid="problem-drawer"
      extra={
        p ? (
          <Space wrap>
            {p.actions.map((a) => (
              <Button key={a} type={a === 'close_off' || a === 'confirm' || a === 'rectify' ? 'primary' : 'default'} onClick={() => setAction(a)} data-testid={`problem-do-${a}`}>
                {t(`problems.action.${a}`)}
              </Button>
            ))}
          </Space>
        ) : null
      }
    >
      {body}
      <ActionModal
        action={action}
        busy={act.isPending}
        onClose={() => setAction(undefined)}
        onSubmit={(b) =>
          act.mutate(
            { id: id!, body: b },
            {
              onSuccess: () => {
                setAction(undefined);
                showSuccess(t('problems.done'));
              },
              onError: showError,
            },
          )
        }
      />
    </Drawer>
  );
}
