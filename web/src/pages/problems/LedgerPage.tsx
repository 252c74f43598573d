import { useState } from 'react';
import { Card, Col, Row, Select, Statistic, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCodeLabel, useCodeOptions } from '../../api/codes';
import { PROBLEM_STATES } from '../../api/findings';
import { problemsApi, useLedger, type LedgerFigures, type LedgerFilters } from '../../api/problems';
import { AreaSelect } from '../../components/AreaSelect';
import { ExportButtons } from '../../components/ExportButtons';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { LedgerTrendChart } from './LedgerTrendChart';

const rate = (r: number | null) => (r == null ? '—' : `${(r * 100).toFixed(1)}%`);

/** 整改台账: counts and closure rates per department and county, overdue, the weekly trend, and the xlsx ledger. */
export default function LedgerPage() {
  const t = useT();
  const codeLabel = useCodeLabel();
  const departments = useCodeOptions('department');
  const [filters, setFilters] = useState<LedgerFilters>({});
  const { data } = useLedger(filters);
  const figureColumns = <T extends LedgerFigures>(): TableColumnsType<T> => [
    { title: t('problems.ledger.total'), dataIndex: 'total', align: 'right' },
    { title: t('problems.state.pending'), dataIndex: 'pending', align: 'right' },
    { title: t('problems.ledger.inProgress'), dataIndex: 'inProgress', align: 'right' },
    { title: t('problems.state.rectified'), dataIndex: 'rectified', align: 'right' },
    { title: t('problems.state.closed_off'), dataIndex: 'closedOff', align: 'right' },
    { title: t('problems.ledger.rate'), dataIndex: 'closureRate', align: 'right', render: rate },
    { title: t('problems.overdue'), dataIndex: 'overdue', align: 'right' },
    { title: t('problems.falseRectification'), dataIndex: 'falseRectification', align: 'right' },
  ];
  return (
    <>
      <PageHeader title={t('menu.ledger')} extra={<ExportButtons url={(format) => problemsApi.exportUrl(filters, format, false)} testId="ledger-export" />} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Row gutter={[8, 8]}>
          <Col xs={12} md={6}>
            <Select allowClear style={{ width: '100%' }} placeholder={t('rules.department')} options={departments} value={filters.department} onChange={(department?: string) => setFilters({ ...filters, department })} />
          </Col>
          <Col xs={12} md={6}>
            <AreaSelect level="county" value={filters.countyId} onChange={(countyId) => setFilters({ ...filters, countyId })} />
          </Col>
          <Col xs={12} md={6}>
            <Select
              allowClear
              style={{ width: '100%' }}
              placeholder={t('problems.stateCol')}
              options={PROBLEM_STATES.map((s) => ({ value: s, label: t(`problems.state.${s}`) }))}
              value={filters.state}
              onChange={(state?: LedgerFilters['state']) => setFilters({ ...filters, state })}
            />
          </Col>
        </Row>
      </Card>
      {data && (
        <Row gutter={[12, 12]}>
          <Col xs={24}>
            <Card size="small">
              <Row gutter={12}>
                <Col span={6}><Statistic title={t('problems.ledger.total')} value={data.totals.total} /></Col>
                <Col span={6}><Statistic title={t('problems.state.closed_off')} value={data.totals.closedOff} styles={{ content: { color: '#389e0d' } }} /></Col>
                <Col span={6}><Statistic title={t('problems.ledger.rate')} value={rate(data.totals.closureRate)} /></Col>
                <Col span={6}><Statistic title={t('problems.overdue')} value={data.totals.overdue} styles={{ content: { color: '#cf1322' } }} /></Col>
              </Row>
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title={t('problems.ledger.byDepartment')}>
              <Table rowKey="department" size="small" pagination={false} dataSource={data.byDepartment}
                columns={[{ title: t('rules.department'), dataIndex: 'department', render: (d: string) => codeLabel('department', d) }, ...figureColumns<(typeof data.byDepartment)[number]>()]} />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title={t('problems.ledger.byCounty')}>
              <Table rowKey={(r) => r.countyId ?? 0} size="small" pagination={false} dataSource={data.byCounty}
                columns={[{ title: t('problems.county'), dataIndex: 'name', render: (n: string | null) => n ?? '—' }, ...figureColumns<(typeof data.byCounty)[number]>()]} />
            </Card>
          </Col>
          <Col xs={24}>
            <Card size="small" title={t('problems.ledger.trend')}>
              <LedgerTrendChart trend={data.trend} />
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
