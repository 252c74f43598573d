import { useState } from 'react';
import { Button, Card, Flex, Progress, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlayCircleOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { RUN_STATUSES, isRunActive, rulesApi, useRuns, type RuleRun, type RunStatus } from '../../api/rules';
import { ExportButtons } from '../../components/ExportButtons';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { formatDateTime, formatNumber } from '../../utils/format';
import { rowTestId } from '../../utils/testId';
import { RunStatusTag } from './RuleTags';
import { RunRulesModal } from './RunRulesModal';
import { oneOf, useSearchState } from './useSearchState';

const KEYS = ['status'] as const;

/** 核查运行记录: runs inside the user's area, newest first, paged on the server. */
export default function RunsPage() {
  const t = useT();
  const navigate = useNavigate();
  const { values, page, pageSize, update } = useSearchState(KEYS);
  const status = oneOf(values.status, RUN_STATUSES);
  const { data, isFetching } = useRuns({ status, page, pageSize });
  const [starting, setStarting] = useState(false);

  const columns: TableColumnsType<RuleRun> = [
    { title: t('ruleRun.id'), dataIndex: 'id', width: 70 },
    { title: t('ruleRun.statusCol'), dataIndex: 'status', width: 100, render: (s: RunStatus, r) => <RunStatusTag status={s} testId={`run-status-${r.id}`} /> },
    { title: t('ruleRun.which'), dataIndex: 'ruleCode', width: 110, render: (c: string | null) => c ?? t('ruleRun.whichAll') },
    { title: t('ruleRun.area'), key: 'area', width: 110, render: (_, r) => r.area.name },
    { title: t('ruleRun.referenceDate'), dataIndex: 'referenceDate', width: 110 },
    {
      title: t('ruleRun.progressCol'),
      key: 'progress',
      width: 160,
      render: (_, r) =>
        isRunActive(r.status) ? (
          <Progress size="small" percent={r.progress.rulesTotal ? Math.floor((r.progress.rulesDone / r.progress.rulesTotal) * 100) : 0} />
        ) : (
          `${r.progress.rulesDone} / ${r.progress.rulesTotal}`
        ),
    },
    {
      title: t('ruleRun.countsCol'),
      key: 'counts',
      width: 300,
      render: (_, r) => (
        <Typography.Text style={{ fontSize: 12 }}>
          {t('ruleRun.countsShort', {
            n: formatNumber(r.counts.new),
            o: formatNumber(r.counts.stillOpen),
            r: formatNumber(r.counts.reopened),
            c: formatNumber(r.counts.closed),
            e: formatNumber(r.counts.exempted),
          })}
          {r.failedRules > 0 && <Typography.Text type="danger">{` · ${t('ruleRun.failedRules', { n: r.failedRules })}`}</Typography.Text>}
        </Typography.Text>
      ),
    },
    { title: t('ruleRun.createdBy'), dataIndex: 'createdBy', width: 100 },
    { title: t('ruleRun.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
  ];

  return (
    <>
      <PageHeader
        title={t('menu.ruleRuns')}
        extra={
          <Button type="primary" icon={<PlayCircleOutlined />} onClick={() => setStarting(true)} data-testid="runs-start">
            {t('ruleRun.start')}
          </Button>
        }
      />
      <Card size="small">
        <Flex wrap gap={8} style={{ marginBottom: 12 }}>
          <Select<RunStatus>
            allowClear
            placeholder={t('ruleRun.allStatuses')}
            value={status}
            onChange={(v) => update({ status: v })}
            options={RUN_STATUSES.map((s) => ({ value: s, label: t(`ruleRun.status.${s}`) }))}
            style={{ minWidth: 160 }}
            data-testid="runs-status-filter"
          />
          <ExportButtons url={(format) => rulesApi.runsExportUrl({ status }, format)} testId="runs-export" />
        </Flex>
        <Table<RuleRun>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isFetching && !data}
          scroll={{ x: 1250 }}
          rowClassName="jz-clickable-row"
          onRow={(r) => rowTestId(`run-row-${r.id}`, { onClick: () => navigate(`/rule-runs/${r.id}`) })}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (n) => t('common.total', { n }),
            onChange: (p, size) => update({ page: size === pageSize ? p : undefined, pageSize: size === 20 ? undefined : size }),
          }}
        />
      </Card>
      <RunRulesModal open={starting} onClose={() => setStarting(false)} />
    </>
  );
}
