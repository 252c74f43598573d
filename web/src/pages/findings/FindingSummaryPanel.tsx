import { Card, Col, Empty, Flex, Row, Statistic, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useFindingSummary, type FindingFilters, type FindingSummary } from '../../api/findings';
import { useT } from '../../i18n';
import { formatNumber } from '../../utils/format';
import { rowTestId } from '../../utils/testId';
import { SeverityTag } from '../rules/RuleTags';
import { FindingAreaChart } from './FindingAreaChart';
import type { FindingSearchKey } from './useFindingSearch';

type ByRule = FindingSummary['byRule'][number];

interface Props {
  filters: FindingFilters;
  update: (patch: Partial<Record<FindingSearchKey, string | number | undefined>>) => void;
}

/** Counts by status, per rule and per child area of the filtered area; a click on a rule or an area filters by it. */
export function FindingSummaryPanel({ filters, update }: Props) {
  const t = useT();
  const { data } = useFindingSummary({ areaId: filters.areaId, ruleCode: filters.ruleCode, severity: filters.severity, department: filters.department });
  const count = (n: number) => formatNumber(n);

  const columns: TableColumnsType<ByRule> = [
    { title: t('rules.code'), dataIndex: 'ruleCode', width: 90 },
    { title: t('rules.title'), dataIndex: 'titleZh', ellipsis: true },
    { title: t('rules.severityCol'), dataIndex: 'severity', width: 70, render: (s: string) => <SeverityTag severity={s} /> },
    { title: t('findings.status.open'), dataIndex: 'open', width: 70, align: 'right', render: count },
    { title: t('findings.status.exempted'), dataIndex: 'exempted', width: 70, align: 'right', render: count },
    { title: t('findings.status.closed'), dataIndex: 'closed', width: 70, align: 'right', render: count },
  ];

  if (!data) return <Card size="small" loading style={{ marginBottom: 12 }} />;
  const { totals } = data;

  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 12 }} data-testid="findings-summary">
      <Col xs={24} xl={10}>
        <Card size="small" title={t('findings.summary.byRule', { area: data.area.name })} styles={{ body: { padding: 8 } }}>
          <Flex gap={24} wrap style={{ padding: '0 8px 8px' }}>
            <Statistic title={t('findings.status.open')} value={totals.open} styles={{ content: { color: '#cf1322' } }} formatter={(v) => <span data-testid="summary-open">{count(Number(v))}</span>} />
            <Statistic title={t('findings.status.exempted')} value={totals.exempted} formatter={(v) => <span data-testid="summary-exempted">{count(Number(v))}</span>} />
            <Statistic title={t('findings.status.closed')} value={totals.closed} styles={{ content: { color: '#389e0d' } }} formatter={(v) => <span data-testid="summary-closed">{count(Number(v))}</span>} />
          </Flex>
          <Table<ByRule>
            rowKey="ruleCode"
            size="small"
            columns={columns}
            dataSource={data.byRule}
            pagination={false}
            scroll={{ y: 220 }}
            rowClassName="jz-clickable-row"
            onRow={(r) => rowTestId(`summary-rule-${r.ruleCode}`, { onClick: () => update({ ruleCode: r.ruleCode === filters.ruleCode ? undefined : r.ruleCode }) })}
          />
        </Card>
      </Col>
      <Col xs={24} xl={14}>
        <Card size="small" title={t('findings.summary.byArea', { area: data.area.name })}>
          {data.byArea.length ? <FindingAreaChart data={data.byArea} onSelect={(areaId) => update({ areaId })} /> : <Empty description={t('findings.summary.noChildren')} />}
        </Card>
      </Col>
    </Row>
  );
}
