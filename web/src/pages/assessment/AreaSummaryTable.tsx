import { Button, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { INDICATOR_CODES, type AssessmentCounts, type AssessmentSummary, type IndicatorCode } from '../../api/assessment';
import { useT } from '../../i18n';
import { rowTestId } from '../../utils/testId';
import { indicatorKey } from './IndicatorTag';
import type { AssessmentPatch } from './useAssessmentSearch';

type Row = AssessmentSummary['items'][number];

interface Props {
  summary: AssessmentSummary | undefined;
  loading: boolean;
  update: (patch: AssessmentPatch) => void;
}

/** Counts per child area: click a name to drill down, a number to list those households below. */
export function AreaSummaryTable({ summary, loading, update }: Props) {
  const t = useT();
  const show = (areaId: number, patch: AssessmentPatch) => update({ areaId, indicator: undefined, status: undefined, anyUnmet: undefined, ...patch });
  const count = (n: number, type: 'danger' | 'secondary', onClick: () => void, testId: string) =>
    n === 0 ? (
      <Typography.Text type="secondary">0</Typography.Text>
    ) : (
      <Button type="link" size="small" danger={type === 'danger'} onClick={onClick} style={{ padding: 0, height: 'auto' }} data-testid={testId}>
        {n.toLocaleString()}
      </Button>
    );
  const indicatorCell = (c: AssessmentCounts, areaId: number, code: IndicatorCode) => (
    <span style={{ whiteSpace: 'nowrap' }}>
      {count(c.indicators[code].notMet, 'danger', () => show(areaId, { indicator: code, status: 'not_met' }), `assessment-count-${areaId}-${code}`)}
      <Typography.Text type="secondary"> / </Typography.Text>
      {count(c.indicators[code].unknown, 'secondary', () => show(areaId, { indicator: code, status: 'unknown' }), `assessment-unknown-${areaId}-${code}`)}
    </span>
  );

  const columns: TableColumnsType<Row> = [
    {
      title: t('assessment.area'),
      dataIndex: 'name',
      fixed: 'left',
      render: (_: unknown, r) => (
        <Button type="link" size="small" onClick={() => show(r.areaId, {})} style={{ padding: 0 }} data-testid={`assessment-drill-${r.areaId}`}>
          {r.name}
        </Button>
      ),
    },
    { title: t('assessment.households'), dataIndex: 'households', align: 'right', render: (n: number) => n.toLocaleString() },
    {
      title: t('assessment.anyUnmet'),
      dataIndex: 'anyUnmet',
      align: 'right',
      render: (_: unknown, r) => count(r.anyUnmet, 'danger', () => show(r.areaId, { anyUnmet: 'true' }), `assessment-unmet-${r.areaId}`),
    },
    ...INDICATOR_CODES.map((code) => ({
      title: (
        <span>
          {t(indicatorKey(code))}
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
            {t('assessment.notMetShort')} / {t('assessment.unknownShort')}
          </Typography.Text>
        </span>
      ),
      key: code,
      align: 'right' as const,
      render: (_: unknown, r: Row) => indicatorCell(r, r.areaId, code),
    })),
  ];

  const total = summary?.total;
  return (
    <Table<Row>
      size="small"
      rowKey="areaId"
      dataSource={summary?.items ?? []}
      columns={columns}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      onRow={(r) => rowTestId(`assessment-area-${r.areaId}`)}
      summary={() =>
        total && summary ? (
          <Table.Summary.Row data-testid="assessment-total">
            <Table.Summary.Cell index={0}>
              <Typography.Text strong>{t('assessment.total')}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              <Typography.Text strong>{total.households.toLocaleString()}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              {count(total.anyUnmet, 'danger', () => show(summary.area.id, { anyUnmet: 'true' }), 'assessment-unmet-total')}
            </Table.Summary.Cell>
            {INDICATOR_CODES.map((code, i) => (
              <Table.Summary.Cell key={code} index={3 + i} align="right">
                {indicatorCell(total, summary.area.id, code)}
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        ) : null
      }
    />
  );
}
