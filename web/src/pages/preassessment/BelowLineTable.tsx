import { useState } from 'react';
import { Card, Col, Flex, InputNumber, Row, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { Link } from 'react-router';
import { useCodeLabel, useCodeOptions } from '../../api/codes';
import { preassessmentApi, useBelowLine, type BelowLineFilters, type BelowLineRow } from '../../api/preassessment';
import { ExportButtons } from '../../components/ExportButtons';
import { useT } from '../../i18n';
import { formatMoney } from '../../utils/format';
import { rowTestId } from '../../utils/testId';

interface Props {
  areaId: number | undefined;
  on: string;
}

const SORTABLE: Record<string, string> = { gapPerPerson: 'gapPerPerson', gap: 'gap', perCapita: 'perCapita', householdNo: 'householdNo' };

/** The households projected below the standard, filtered by cause and gap per person, paged and exported. */
export function BelowLineTable({ areaId, on }: Props) {
  const t = useT();
  const codeLabel = useCodeLabel();
  const causes = useCodeOptions('povertyCause');
  const [filters, setFilters] = useState<Pick<BelowLineFilters, 'mainCause' | 'gapMin' | 'gapMax'>>({});
  const [list, setList] = useState({ page: 1, pageSize: 20, sort: '-gapPerPerson' });
  const all: BelowLineFilters = { ...filters, areaId, on };
  const { data, isFetching } = useBelowLine(all, list);
  const update = (patch: Partial<typeof filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setList((l) => ({ ...l, page: 1 }));
  };
  const sortOrder = (key: string): SortOrder => (list.sort === key ? 'ascend' : list.sort === `-${key}` ? 'descend' : null);
  const money = (key: keyof BelowLineRow, title: string, sortable = false) => ({
    title,
    dataIndex: key,
    align: 'right' as const,
    width: 120,
    sorter: sortable,
    sortOrder: sortable ? sortOrder(key) : undefined,
    render: (v: number) => formatMoney(v),
  });

  const columns: TableColumnsType<BelowLineRow> = [
    {
      title: t('pre.col.household'),
      dataIndex: 'householdNo',
      width: 190,
      fixed: 'left',
      sorter: true,
      sortOrder: sortOrder('householdNo'),
      render: (no: string, r) => <Link to={`/households/${r.householdId}`}>{no}</Link>,
    },
    { title: t('pre.col.head'), dataIndex: 'headName', width: 90 },
    { title: t('pre.col.village'), key: 'village', width: 200, render: (_, r) => [r.townshipName, r.villageName].filter(Boolean).join(' · ') },
    { title: t('pre.col.cause'), dataIndex: 'mainCause', width: 110, render: (c: string | null) => codeLabel('povertyCause', c) },
    { title: t('pre.col.size'), dataIndex: 'size', width: 60, align: 'right' },
    {
      title: t('pre.col.recorded'),
      key: 'recorded',
      width: 250,
      align: 'right',
      render: (_, r) => (
        <Flex vertical>
          <span>{formatMoney(r.recordedNet)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.periodStart} ~ {r.periodEnd}（{t('pre.months', { n: r.months })}）
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('pre.col.projected'),
      key: 'projected',
      width: 150,
      align: 'right',
      render: (_, r) => (
        <Flex vertical>
          <span>{formatMoney(r.projectedNet)}</span>
          {r.scheduled !== 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('pre.scheduled', { value: formatMoney(r.scheduled) })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    { ...money('perCapita', t('pre.col.perCapita'), true), render: (v: number) => <strong>{formatMoney(v)}</strong> },
    money('standard', t('pre.col.standard')),
    { ...money('gapPerPerson', t('pre.col.gapPerPerson'), true), render: (v: number) => <Typography.Text type="danger">{formatMoney(v)}</Typography.Text> },
    money('gap', t('pre.col.gap'), true),
  ];

  return (
    <Card size="small">
      <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
        <Col xs={24} sm={8} lg={5}>
          <Select
            allowClear
            style={{ width: '100%' }}
            placeholder={t('pre.filter.cause')}
            options={causes}
            value={filters.mainCause}
            onChange={(v?: string) => update({ mainCause: v })}
            data-testid="pre-filter-cause"
          />
        </Col>
        <Col xs={12} sm={8} lg={4}>
          <InputNumber<number> min={0} style={{ width: '100%' }} placeholder={t('pre.filter.gapMin')} value={filters.gapMin} onChange={(v) => update({ gapMin: v ?? undefined })} data-testid="pre-filter-gap-min" />
        </Col>
        <Col xs={12} sm={8} lg={4}>
          <InputNumber<number> min={0} style={{ width: '100%' }} placeholder={t('pre.filter.gapMax')} value={filters.gapMax} onChange={(v) => update({ gapMax: v ?? undefined })} data-testid="pre-filter-gap-max" />
        </Col>
        <Col xs={24} lg={11} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'flex-end' }}>
          {data && (
            <Typography.Text type="secondary" data-testid="pre-below-total">
              {t('pre.totalGap', { n: data.total, gap: formatMoney(data.totalGap) })}
            </Typography.Text>
          )}
          <ExportButtons url={(format) => preassessmentApi.exportUrl(all, format, list.sort)} testId="pre-export" />
        </Col>
      </Row>
      <Table<BelowLineRow>
        rowKey="householdId"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching}
        scroll={{ x: 1560 }}
        onRow={(r) => rowTestId(`pre-row-${r.householdNo}`)}
        onChange={(_p, _f, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          const key = SORTABLE[String(s?.field ?? s?.columnKey ?? '')];
          setList((l) => ({ ...l, page: 1, sort: key && s?.order ? `${s.order === 'descend' ? '-' : ''}${key}` : '-gapPerPerson' }));
        }}
        pagination={{
          current: list.page,
          pageSize: list.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (n) => t('common.total', { n }),
          onChange: (page, pageSize) => setList((l) => ({ ...l, page: pageSize === l.pageSize ? page : 1, pageSize })),
        }}
      />
    </Card>
  );
}
