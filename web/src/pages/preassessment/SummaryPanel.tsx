import { Alert, Card, Col, Row, Statistic, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCodeLabel } from '../../api/codes';
import type { Summary } from '../../api/preassessment';
import { useT } from '../../i18n';
import { formatMoney } from '../../utils/format';
import { rowTestId } from '../../utils/testId';

interface Props {
  summary: Summary | undefined;
  loading: boolean;
  /** Drill down into a child area. */
  onArea: (areaId: number) => void;
}

type AreaRow = Summary['byArea'][number];
type CauseRow = Summary['byCause'][number];

/** Totals, then households below the line per child area (click to drill down) and per main poverty cause. */
export function SummaryPanel({ summary, loading, onArea }: Props) {
  const t = useT();
  const codeLabel = useCodeLabel();
  const money = { title: t('pre.col.gap'), dataIndex: 'gap', align: 'right' as const, render: (v: number) => formatMoney(v) };
  const areaColumns: TableColumnsType<AreaRow> = [
    { title: t('pre.col.area'), dataIndex: 'name' },
    { title: t('pre.summary.projected'), dataIndex: 'projected', align: 'right' },
    { title: t('pre.col.households'), dataIndex: 'households', align: 'right' },
    { title: t('pre.col.persons'), dataIndex: 'persons', align: 'right' },
    money,
  ];
  const causeColumns: TableColumnsType<CauseRow> = [
    { title: t('pre.col.cause'), dataIndex: 'cause', render: (c: string | null) => codeLabel('povertyCause', c) || '—' },
    { title: t('pre.col.households'), dataIndex: 'households', align: 'right' },
    { title: t('pre.col.persons'), dataIndex: 'persons', align: 'right' },
    money,
  ];
  const total = summary?.total;
  return (
    <Card size="small" style={{ marginBottom: 12 }} loading={!summary && loading} data-testid="pre-summary">
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}>
          <Statistic title={t('pre.summary.projected')} value={total?.projected ?? 0} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('pre.summary.below')} value={total?.households ?? 0} styles={{ content: { color: total?.households ? '#cf1322' : undefined } }} data-testid="pre-summary-below" />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('pre.summary.persons')} value={total?.persons ?? 0} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('pre.summary.gap')} value={formatMoney(total?.gap ?? 0)} data-testid="pre-summary-gap" />
        </Col>
      </Row>
      {summary && summary.withoutStandard > 0 && <Alert type="warning" showIcon style={{ marginTop: 12 }} title={t('pre.summary.withoutStandard', { n: summary.withoutStandard })} />}
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={14}>
          <Table<AreaRow>
            size="small"
            title={() => t('pre.summary.byArea')}
            rowKey="areaId"
            columns={areaColumns}
            dataSource={summary?.byArea ?? []}
            pagination={false}
            scroll={{ x: 'max-content' }}
            rowClassName="jz-clickable-row"
            onRow={(r) => rowTestId(`pre-area-row-${r.areaId}`, { onClick: () => r.areaId !== summary?.area.id && onArea(r.areaId) })}
          />
        </Col>
        <Col xs={24} lg={10}>
          <Table<CauseRow>
            size="small"
            title={() => t('pre.summary.byCause')}
            rowKey={(r) => r.cause ?? ''}
            columns={causeColumns}
            dataSource={summary?.byCause ?? []}
            pagination={false}
            scroll={{ x: 'max-content' }}
          />
        </Col>
      </Row>
    </Card>
  );
}
