import { Card, Empty, Flex, Pagination, Spin, Table, Tag, Typography } from 'antd';
import type { TableColumnsType, TablePaginationConfig } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useNavigate } from 'react-router';
import { useCodeLabel } from '../../api/codes';
import type { HouseholdRow, ListParams, Page } from '../../api/types';
import { HouseholdTypeTag } from '../../components/HouseholdTypeTag';
import { useLang, useT } from '../../i18n';
import { formatMoney } from '../../utils/format';
import { DEFAULT_PAGE_SIZE, type SearchPatch } from './useHouseholdSearch';
import { rowTestId } from '../../utils/testId';

interface Props {
  data: Page<HouseholdRow> | undefined;
  loading: boolean;
  list: ListParams;
  update: (patch: SearchPatch) => void;
  /** Phones get a card per household instead of a wide table. */
  asCards: boolean;
}

// The sort keys GET /api/households accepts.
const SORTABLE = new Set(['householdNo', 'headName', 'size', 'perCapitaNetIncome']);

function sortOrderOf(sort: string | undefined, field: string): 'ascend' | 'descend' | null {
  if (sort === field) return 'ascend';
  if (sort === `-${field}`) return 'descend';
  return null;
}

function rowProps(row: HouseholdRow, open: () => void) {
  return rowTestId(`household-row-${row.id}`, { onClick: open });
}

export function HouseholdTable({ data, loading, list, update, asCards }: Props) {
  const t = useT();
  const navigate = useNavigate();
  const codeLabel = useCodeLabel();
  const [lang] = useLang();
  // English labels of the coded columns are several times longer than the Chinese ones.
  const wide = lang === 'en' ? 1.6 : 1;
  const open = (row: HouseholdRow) => navigate(`/households/${row.id}`);
  const place = (row: HouseholdRow) => [row.countyName, row.townshipName, row.villageName].filter(Boolean).join(' / ');

  const sortable = (field: string) =>
    SORTABLE.has(field) ? { sorter: true, sortOrder: sortOrderOf(list.sort, field) } : {};

  const columns: TableColumnsType<HouseholdRow> = [
    { title: t('f.householdNo'), dataIndex: 'householdNo', width: 170, fixed: 'left', ...sortable('householdNo') },
    { title: t('household.headName'), dataIndex: 'headName', width: 90, ...sortable('headName') },
    { title: t('household.headIdNumber'), dataIndex: 'headIdNumber', width: 180 },
    { title: t('household.village'), key: 'place', width: 240, ellipsis: true, render: (_, row) => place(row) },
    { title: t('f.type'), dataIndex: 'type', width: 100 * wide, render: (type: string) => <HouseholdTypeTag type={type} /> },
    { title: t('f.povertyAttribute'), dataIndex: 'povertyAttribute', width: 120 * wide, render: (v: string | null) => codeLabel('povertyAttribute', v) },
    { title: t('f.mainCause'), dataIndex: 'mainCause', width: 110 * wide, render: (v: string | null) => codeLabel('povertyCause', v) },
    { title: t('household.size'), dataIndex: 'size', width: 80, align: 'right', ...sortable('size') },
    {
      title: t('household.perCapita'),
      dataIndex: 'perCapitaNetIncome',
      width: 120,
      align: 'right',
      render: (v: number | null) => formatMoney(v),
      ...sortable('perCapitaNetIncome'),
    },
    { title: t('household.incomePeriodEnd'), dataIndex: 'incomePeriodEnd', width: 110, ...sortable('incomePeriodEnd') },
    { title: t('f.housingGrade'), dataIndex: 'housingGrade', width: 90, render: (v: string | null) => v ?? '—' },
    {
      title: t('household.statusCol'),
      dataIndex: 'endedOn',
      width: 110,
      render: (v: string | null) => (v ? <Tag>{`${t('household.ended')} ${v}`}</Tag> : <Tag color="green">{t('household.status.active')}</Tag>),
    },
  ];

  const pagination: TablePaginationConfig = {
    current: list.page,
    pageSize: list.pageSize,
    total: data?.total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100, 200],
    showTotal: (total) => t('common.total', { n: total }),
  };

  if (asCards) {
    return (
      <Spin spinning={loading}>
        <Flex vertical gap={8} data-testid="household-table">
          {data && data.items.length === 0 && <Empty />}
          {data?.items.map((row) => (
            <Card key={row.id} size="small" hoverable {...rowProps(row, () => open(row))} className={row.endedOn ? 'jz-row-ended' : undefined}>
              <Flex justify="space-between" align="center" gap={8}>
                <Typography.Text strong>{row.headName ?? '—'}</Typography.Text>
                <HouseholdTypeTag type={row.type} />
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {row.householdNo} · {place(row)}
              </Typography.Text>
              <Flex justify="space-between" style={{ marginTop: 4, fontSize: 13 }}>
                <span>{t('household.size')}：{row.size}</span>
                <span>{t('household.perCapita')}：{formatMoney(row.perCapitaNetIncome)}</span>
              </Flex>
            </Card>
          ))}
          <Pagination
            size="small"
            align="center"
            {...pagination}
            showSizeChanger={false}
            onChange={(page) => update({ page })}
          />
        </Flex>
      </Spin>
    );
  }

  return (
    <div data-testid="household-table">
      <Table<HouseholdRow>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        pagination={pagination}
        scroll={{ x: 1500 * wide }}
        rowClassName={(row) => (row.endedOn ? 'jz-row-ended jz-clickable-row' : 'jz-clickable-row')}
        onRow={(row) => rowProps(row, () => open(row))}
        onChange={(pager, _filters, sorter) => {
          const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<HouseholdRow> | undefined;
          const field = typeof s?.field === 'string' ? s.field : undefined;
          const sort = field && s?.order ? (s.order === 'descend' ? `-${field}` : field) : undefined;
          const pageSize = pager.pageSize ?? list.pageSize;
          // A new sort or page size starts from the first page.
          const page = sort !== list.sort || pageSize !== list.pageSize ? 1 : (pager.current ?? 1);
          update({ page: page === 1 ? undefined : page, pageSize: pageSize === DEFAULT_PAGE_SIZE ? undefined : pageSize, sort });
        }}
      />
    </div>
  );
}
