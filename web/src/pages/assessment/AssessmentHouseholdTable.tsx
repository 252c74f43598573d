import { Checkbox, Col, Flex, Row, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { assessmentApi, INDICATOR_CODES, INDICATOR_STATUSES, type AssessmentFilters, type AssessmentPage, type AssessmentRow } from '../../api/assessment';
import { ExportButtons } from '../../components/ExportButtons';
import { useT } from '../../i18n';
import { rowTestId } from '../../utils/testId';
import { IndicatorTag, indicatorKey, statusKey, useFactText } from './IndicatorTag';
import type { AssessmentPatch } from './useAssessmentSearch';

interface Props {
  filters: AssessmentFilters;
  data: AssessmentPage | undefined;
  loading: boolean;
  page: number;
  pageSize: number;
  update: (patch: AssessmentPatch) => void;
}

/** The assessed households of the area on the date, filtered on the server, with their facts; exportable as shown. */
export function AssessmentHouseholdTable({ filters, data, loading, page, pageSize, update }: Props) {
  const t = useT();
  const factText = useFactText();
  const exportFilters: AssessmentFilters = { ...filters, referenceDate: filters.referenceDate ?? data?.referenceDate ?? undefined };

  const columns: TableColumnsType<AssessmentRow> = [
    {
      title: t('f.householdNo'),
      dataIndex: 'householdNo',
      fixed: 'left',
      render: (_: unknown, r) => (
        <Link to={`/households/${r.householdId}`} data-testid={`assessment-household-${r.householdId}`}>
          {r.householdNo}
        </Link>
      ),
    },
    { title: t('household.village'), dataIndex: 'villageName', render: (_: unknown, r) => [r.townshipName, r.villageName].filter(Boolean).join(' ') },
    { title: t('household.headName'), dataIndex: 'headName' },
    ...INDICATOR_CODES.map((code) => ({
      title: t(indicatorKey(code)),
      key: code,
      render: (_: unknown, r: AssessmentRow) => <IndicatorTag code={code} status={r.statuses[code]} />,
    })),
    {
      title: t('assessment.facts'),
      key: 'facts',
      width: 360,
      render: (_: unknown, r) => (
        <Flex vertical>
          {r.facts.map((f, i) => (
            <Typography.Text key={i} type={f.status === 'not_met' ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
              【{t(indicatorKey(f.indicator))}】{factText(f)}
            </Typography.Text>
          ))}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <Row gutter={[8, 8]} style={{ marginBottom: 12 }} align="middle">
        <Col xs={12} md={6} xl={4}>
          <Select
            allowClear
            style={{ width: '100%' }}
            placeholder={t('assessment.filterIndicator')}
            value={filters.indicator}
            onChange={(v?: string) => update({ indicator: v })}
            options={INDICATOR_CODES.map((c) => ({ value: c, label: t(indicatorKey(c)) }))}
            data-testid="assessment-filter-indicator"
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Select
            allowClear
            style={{ width: '100%' }}
            placeholder={t('assessment.filterStatus')}
            value={filters.status}
            onChange={(v?: string) => update({ status: v })}
            options={INDICATOR_STATUSES.map((s) => ({ value: s, label: t(statusKey(s)) }))}
            data-testid="assessment-filter-status"
          />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Checkbox checked={filters.anyUnmet === true} onChange={(e) => update({ anyUnmet: e.target.checked ? 'true' : undefined })} data-testid="assessment-only-unmet">
            {t('assessment.onlyUnmet')}
          </Checkbox>
        </Col>
        <Col xs={24} xl={8} style={{ display: 'flex', gap: 8, justifyContent: 'flex-end' }}>
          <ExportButtons url={(format) => assessmentApi.exportUrl(exportFilters, format)} testId="assessment-export" />
        </Col>
      </Row>
      <Table<AssessmentRow>
        size="small"
        rowKey="householdId"
        dataSource={data?.items ?? []}
        columns={columns}
        loading={loading}
        scroll={{ x: 'max-content' }}
        onRow={(r) => rowTestId(`assessment-row-${r.householdId}`)}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t('common.total', { n }),
          onChange: (p, size) => update({ page: p, pageSize: size }),
        }}
      />
    </>
  );
}
