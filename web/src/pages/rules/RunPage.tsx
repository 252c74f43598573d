import { Alert, Breadcrumb, Button, Card, Col, Descriptions, Progress, Result, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { errorText } from '../../api/errors';
import { isRunActive, useRun, type RuleRunResult, type RunCounts } from '../../api/rules';
import { PageHeader } from '../../components/PageHeader';
import { useLang, useT, type MessageKey } from '../../i18n';
import { formatDateTime, formatNumber } from '../../utils/format';
import { rowTestId } from '../../utils/testId';
import { RunStatusTag } from './RuleTags';

const COUNTS: { key: keyof RunCounts; label: MessageKey; colour?: string }[] = [
  { key: 'new', label: 'ruleRun.count.new', colour: '#cf1322' },
  { key: 'stillOpen', label: 'ruleRun.count.stillOpen', colour: '#d46b08' },
  { key: 'reopened', label: 'ruleRun.count.reopened', colour: '#d46b08' },
  { key: 'closed', label: 'ruleRun.count.closed', colour: '#389e0d' },
  { key: 'falseRectified', label: 'ruleRun.count.falseRectified', colour: '#cf1322' },
  { key: 'exempted', label: 'ruleRun.count.exempted' },
  { key: 'violations', label: 'ruleRun.count.violations' },
];

/** One run: a progress bar polled while it works, then its counts and how long each rule took. */
export default function RunPage() {
  const t = useT();
  const [lang] = useLang();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const { data: run, error, isPending } = useRun(Number.isInteger(id) && id > 0 ? id : undefined);
  const back = <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/rule-runs')}>{t('common.back')}</Button>;

  if (isApiError(error) && error.status === 404) return <Result status="404" title="404" subTitle={errorText(error)} extra={back} />;
  if (isPending) return <Card><Skeleton active /></Card>;
  if (!run) return <Result status="error" title={errorText(error)} extra={back} />;

  const { rulesDone, rulesTotal } = run.progress;
  const percent = run.status === 'done' ? 100 : rulesTotal > 0 ? Math.floor((rulesDone / rulesTotal) * 100) : 0;
  const findingsOf = (ruleCode?: string) => `/findings?areaId=${run.area.id}${ruleCode ? `&ruleCode=${encodeURIComponent(ruleCode)}` : ''}`;

  const columns: TableColumnsType<RuleRunResult> = [
    { title: t('rules.code'), dataIndex: 'code', width: 100, render: (c: string) => <Link to={`/rules/${c}`}>{c}</Link> },
    { title: t('rules.version'), dataIndex: 'version', width: 70, render: (v: number) => `v${v}` },
    ...COUNTS.map((c) => ({ title: t(c.label), dataIndex: c.key, width: 90, align: 'right' as const, render: (n: number) => formatNumber(n) })),
    { title: t('ruleRun.ms'), dataIndex: 'ms', width: 100, align: 'right', sorter: (a, b) => a.ms - b.ms, render: (ms: number) => `${formatNumber(ms)} ms` },
    {
      title: t('ruleRun.findings'),
      key: 'findings',
      width: 100,
      render: (_, r) => (r.violations + r.closed > 0 ? <Link to={findingsOf(r.code)}>{t('ruleRun.viewFindings')}</Link> : null),
    },
    { title: t('ruleRun.ruleError'), dataIndex: 'error', render: (e: string | null) => (e ? <Typography.Text type="danger">{e}</Typography.Text> : null) },
  ];

  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/rule-runs">{t('menu.ruleRuns')}</Link> }, { title: `#${run.id}` }]} />
      <PageHeader
        title={t('ruleRun.title', { id: run.id })}
        tags={<RunStatusTag status={run.status} testId="run-status" />}
        extra={
          <>
            {back}
            {!isRunActive(run.status) && (
              <Button type="primary" onClick={() => navigate(findingsOf(run.ruleCode ?? undefined))} data-testid="run-findings">
                {t('ruleRun.viewFindings')}
              </Button>
            )}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'rule', label: t('ruleRun.which'), children: run.ruleCode ? <Link to={`/rules/${run.ruleCode}`}>{run.ruleCode}</Link> : t('ruleRun.whichAll') },
            { key: 'area', label: t('ruleRun.area'), children: run.area.name },
            { key: 'date', label: t('ruleRun.referenceDate'), children: run.referenceDate },
            { key: 'by', label: t('ruleRun.createdBy'), children: run.createdBy },
            { key: 'started', label: t('ruleRun.startedAt'), children: formatDateTime(run.startedAt ?? run.createdAt) },
            { key: 'finished', label: t('ruleRun.finishedAt'), children: formatDateTime(run.finishedAt) },
          ]}
        />
        <Progress
          percent={percent}
          status={run.status === 'failed' ? 'exception' : isRunActive(run.status) ? 'active' : 'success'}
          format={() => t('ruleRun.progress', { done: rulesDone, total: rulesTotal })}
          data-testid="run-progress"
        />
        {run.status === 'queued' && <Typography.Text type="secondary">{t('ruleRun.queued')}</Typography.Text>}
        {run.status === 'running' && run.progress.phase && (
          <Typography.Text type="secondary" data-testid="run-phase">
            {t(`ruleRun.phase.${run.progress.phase}`)}
          </Typography.Text>
        )}
        {run.evaluateMs !== null && (
          <Typography.Text type="secondary" style={{ display: 'block' }}>
            {t('ruleRun.evaluateMs', { ms: formatNumber(run.evaluateMs) })}
          </Typography.Text>
        )}
        {run.error && <Alert type="error" showIcon style={{ marginTop: 8 }} title={lang === 'zh' ? run.error.message : run.error.messageEn} />}
        {run.failedRules > 0 && <Alert type="warning" showIcon style={{ marginTop: 8 }} title={t('ruleRun.failedRules', { n: run.failedRules })} />}
      </Card>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {COUNTS.map((c) => (
          <Col key={c.key} xs={12} md={8} xl={4}>
            <Card size="small">
              <Statistic title={t(c.label)} value={run.counts[c.key]} styles={{ content: { color: c.colour } }} formatter={(v) => <span data-testid={`run-count-${c.key}`}>{formatNumber(Number(v))}</span>} />
            </Card>
          </Col>
        ))}
        {run.counts.monitoringWarnings !== undefined && (
          <Col xs={12} md={8} xl={4}>
            <Card size="small">
              <Statistic title={t('ruleRun.count.monitoringWarnings')} value={run.counts.monitoringWarnings} formatter={(v) => <span data-testid="run-count-monitoringWarnings">{formatNumber(Number(v))}</span>} />
            </Card>
          </Col>
        )}
      </Row>
      <Card size="small" title={t('ruleRun.perRule')}>
        <Table<RuleRunResult>
          rowKey="code"
          size="small"
          columns={columns}
          dataSource={run.perRule ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 1100 }}
          onRow={(r) => rowTestId(`run-rule-${r.code}`)}
        />
      </Card>
    </>
  );
}
