import { useState } from 'react';
import { Button, Descriptions, Drawer, Empty, Flex, Grid, Result, Skeleton, Tag, Timeline, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useMe } from '../../api/auth';
import { useCodeLabel } from '../../api/codes';
import { errorText } from '../../api/errors';
import { useFinding, type FindingDetail, type FindingEventKind } from '../../api/findings';
import { hasPermission } from '../../access';
import { useLang, useT } from '../../i18n';
import { formatDateTime } from '../../utils/format';
import { SeverityTag } from '../rules/RuleTags';
import { Evidence } from './Evidence';
import { ExemptModal } from './ExemptModal';
import { FindingStatusTag } from './FindingStatusTag';

interface Props {
  id: number | undefined;
  canExempt: boolean;
  onClose: () => void;
}

const EVENT_COLOURS: Record<FindingEventKind, string> = { opened: 'red', reopened: 'red', closed: 'green', exempted: 'gold', unexempted: 'blue' };

function History({ finding }: { finding: FindingDetail }) {
  const t = useT();
  return (
    <Timeline
      data-testid="finding-history"
      items={finding.events.map((e) => ({
        color: EVENT_COLOURS[e.kind] ?? 'gray',
        content: (
          <Flex vertical gap={0}>
            <span>
              <Typography.Text strong>{t(`findings.event.${e.kind}`)}</Typography.Text>
              <Typography.Text type="secondary"> · {formatDateTime(e.at)}</Typography.Text>
            </span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[e.runId ? t('findings.byRun', { id: e.runId }) : null, e.username].filter(Boolean).join(' · ')}
            </Typography.Text>
            {e.note && <Typography.Text style={{ fontSize: 12 }}>{e.note}</Typography.Text>}
          </Flex>
        ),
      }))}
    />
  );
}

/** One finding: where, which rule and why, the values that triggered it, its history, and 豁免 for approvers. */
export function FindingDrawer({ id, canExempt, onClose }: Props) {
  const t = useT();
  const [lang] = useLang();
  const codeLabel = useCodeLabel();
  const wide = Grid.useBreakpoint().md;
  const { data: f, error, isPending } = useFinding(id);
  const [exempting, setExempting] = useState(false);
  // Runs are listed to users who may run them; others see the dates only.
  const canSeeRuns = hasPermission(useMe().data, 'rules.run');

  let body;
  if (id === undefined) body = null;
  else if (isPending) body = <Skeleton active paragraph={{ rows: 10 }} />;
  else if (!f) body = <Result status="warning" title={errorText(error)} />;
  else {
    const place = [f.countyName, f.townshipName, f.villageName].filter(Boolean).join(' / ');
    body = (
      <Flex vertical gap={16}>
        <Descriptions
          size="small"
          column={1}
          bordered
          items={[
            { key: 'status', label: t('findings.statusCol'), children: <FindingStatusTag status={f.status} testId="finding-status" /> },
            { key: 'hh', label: t('f.householdNo'), children: <Link to={`/households/${f.householdId}`} data-testid="finding-household-link">{f.householdNo}</Link> },
            { key: 'place', label: t('household.village'), children: place },
            { key: 'member', label: t('findings.member'), children: f.memberName ?? t('findings.wholeHousehold') },
            ...(f.idNumber ? [{ key: 'id', label: t('findings.idNumber'), children: f.idNumber }] : []),
            { key: 'severity', label: t('rules.severityCol'), children: <SeverityTag severity={f.severity} /> },
            { key: 'dept', label: t('rules.department'), children: codeLabel('department', f.department) },
            { key: 'first', label: t('findings.firstSeen'), children: formatDateTime(f.firstSeenAt) },
            { key: 'last', label: t('findings.lastSeen'), children: formatDateTime(f.lastSeenAt) },
            ...(f.closedAt ? [{ key: 'closed', label: t('findings.closedAt'), children: formatDateTime(f.closedAt) }] : []),
            { key: 'reopened', label: t('findings.reopened'), children: f.reopenedCount },
          ]}
        />
        <div>
          <Typography.Title level={5}>{t('findings.evidence')}</Typography.Title>
          <Evidence evidence={f.evidence} />
        </div>
        <div>
          <Typography.Title level={5}>{t('findings.ruleSection')}</Typography.Title>
          <Typography.Paragraph>
            <Link to={`/rules/${f.rule.code}`}>
              {f.rule.code} {lang === 'zh' ? f.rule.titleZh : f.rule.titleEn}
            </Link>{' '}
            <Tag>v{f.ruleVersion}</Tag>
            {!f.rule.enabled && <Tag>{t('rules.disabled')}</Tag>}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">
            {t('rules.population')}：{f.rule.populationZh}
          </Typography.Paragraph>
          <Typography.Paragraph>{f.rule.explanationZh}</Typography.Paragraph>
        </div>
        {f.exemption && (
          <div data-testid="finding-exemption">
            <Typography.Title level={5}>{t('findings.exemption')}</Typography.Title>
            <Descriptions
              size="small"
              column={1}
              bordered
              items={[
                { key: 'reason', label: t('exempt.reason'), children: f.exemption.reason },
                { key: 'by', label: t('exemptions.approvedBy'), children: `${f.exemption.approvedBy} · ${formatDateTime(f.exemption.approvedAt)}` },
                { key: 'until', label: t('exempt.validUntil'), children: f.exemption.validUntil ?? t('exemptions.noEnd') },
              ]}
            />
            <Link to={`/exemptions?ruleCode=${encodeURIComponent(f.ruleCode)}&householdNo=${encodeURIComponent(f.householdNo)}`}>{t('findings.toExemptions')}</Link>
          </div>
        )}
        <div>
          <Typography.Title level={5}>{t('findings.history')}</Typography.Title>
          {f.events.length ? <History finding={f} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          {f.runs.length > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('findings.seenByRuns')}
              {f.runs.slice(0, 10).map((r, i) => (
                <span key={r.id}>
                  {i > 0 && '、'}
                  {canSeeRuns ? <Link to={`/rule-runs/${r.id}`}>#{r.id}</Link> : `#${r.id}`}（{r.referenceDate}）
                </span>
              ))}
            </Typography.Text>
          )}
        </div>
      </Flex>
    );
  }

  return (
    <Drawer
      open={id !== undefined}
      onClose={onClose}
      size={wide ? 640 : '100%'}
      title={f ? `${f.ruleCode} ${lang === 'zh' ? f.ruleTitleZh : f.ruleTitleEn}` : t('findings.detail')}
      data-testid="finding-drawer"
      extra={
        f && canExempt && f.status === 'open' ? (
          <Button type="primary" icon={<SafetyCertificateOutlined />} onClick={() => setExempting(true)} data-testid="finding-exempt">
            {t('exempt.button')}
          </Button>
        ) : null
      }
    >
      {body}
      <ExemptModal finding={exempting ? f : undefined} onClose={() => setExempting(false)} />
    </Drawer>
  );
}
