import { Flex, Segmented, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useCodeLabel } from '../../api/codes';
import { preassessmentApi, type PlanDetail, type PlanHousehold, type PlanItem, type PlanOutcome } from '../../api/preassessment';
import { ExportButtons } from '../../components/ExportButtons';
import { isMessageKey, useT } from '../../i18n';
import { formatMoney } from '../../utils/format';
import { rowTestId } from '../../utils/testId';

interface Props {
  plan: PlanDetail;
  outcome: PlanOutcome | undefined;
  onOutcome: (o: PlanOutcome | undefined) => void;
  paging: { page: number; pageSize: number };
  onPaging: (p: { page: number; pageSize: number }) => void;
  loading: boolean;
}

function ItemTag({ item }: { item: PlanItem }) {
  const t = useT();
  const text =
    item.kind === 'welfare_post'
      ? t('pre.item.post', { name: item.resourceName, member: item.memberName ?? '' })
      : item.kind === 'dividend'
        ? t('pre.item.dividend', { name: item.resourceName, units: item.units })
        : t('pre.item.dibao');
  return (
    <Tag color={item.kind === 'welfare_post' ? 'blue' : item.kind === 'dividend' ? 'purple' : 'orange'}>
      {text} · {formatMoney(item.value)}
    </Tag>
  );
}

/** The plan's households: what each gets and its per-capita income after, or why it cannot be closed. */
export function PlanHouseholdTable({ plan, outcome, onOutcome, paging, onPaging, loading }: Props) {
  const t = useT();
  const codeLabel = useCodeLabel();
  const reasonLabel = (r: string) => {
    const key = `pre.reason.${r}`;
    return isMessageKey(key) ? t(key) : r;
  };
  const columns: TableColumnsType<PlanHousehold> = [
    {
      title: t('pre.col.household'),
      dataIndex: 'householdNo',
      width: 190,
      fixed: 'left',
      render: (no: string, r) => <Link to={`/households/${r.householdId}`}>{no}</Link>,
    },
    { title: t('pre.col.head'), dataIndex: 'headName', width: 90 },
    { title: t('pre.col.village'), key: 'village', width: 170, render: (_, r) => [r.townshipName, r.villageName].filter(Boolean).join(' · ') },
    { title: t('pre.col.cause'), dataIndex: 'mainCause', width: 100, render: (c: string | null) => codeLabel('povertyCause', c) },
    { title: t('pre.col.size'), dataIndex: 'size', width: 60, align: 'right' },
    { title: t('pre.detail.perCapitaBefore'), dataIndex: 'perCapitaBefore', width: 110, align: 'right', render: (v: number) => formatMoney(v) },
    { title: t('pre.col.gap'), dataIndex: 'gap', width: 110, align: 'right', render: (v: number) => <Typography.Text type="danger">{formatMoney(v)}</Typography.Text> },
    {
      title: t('pre.detail.measures'),
      key: 'items',
      width: 440,
      render: (_, r) =>
        r.closed ? (
          <Flex wrap gap={4}>
            {r.items.map((i, k) => (
              <ItemTag key={k} item={i} />
            ))}
          </Flex>
        ) : (
          <Tooltip title={r.reasonText}>
            <Flex vertical>
              <Tag color="red" style={{ width: 'fit-content' }}>
                {r.reason ? reasonLabel(r.reason) : ''}
              </Tag>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.reasonText}
              </Typography.Text>
            </Flex>
          </Tooltip>
        ),
    },
    { title: t('pre.detail.value'), dataIndex: 'value', width: 110, align: 'right', render: (v: number) => formatMoney(v) },
    {
      title: t('pre.detail.perCapitaAfter'),
      dataIndex: 'perCapitaAfter',
      width: 120,
      align: 'right',
      render: (v: number, r) => <Typography.Text type={v >= r.standard ? 'success' : 'danger'}>{formatMoney(v)}</Typography.Text>,
    },
  ];

  return (
    <>
      <Flex wrap justify="space-between" gap={8} style={{ marginBottom: 12 }}>
        <Segmented<string>
          value={outcome ?? 'all'}
          onChange={(v) => onOutcome(v === 'all' ? undefined : (v as PlanOutcome))}
          options={(['all', 'closed', 'unclosable'] as const).map((o) => ({ value: o, label: t(`pre.detail.outcome.${o}`) }))}
          data-testid="plan-outcome"
        />
        <Flex wrap gap={8}>
          <ExportButtons url={(format) => preassessmentApi.planExportUrl(plan.id, outcome, format)} testId="plan-export" />
        </Flex>
      </Flex>
      <Table<PlanHousehold>
        rowKey="householdId"
        size="small"
        columns={columns}
        dataSource={plan.households.items}
        loading={loading}
        scroll={{ x: 1530 }}
        onRow={(r) => rowTestId(`plan-household-${r.householdNo}`)}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: plan.households.total,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (n) => t('common.total', { n }),
          onChange: (page, pageSize) => onPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
        }}
      />
    </>
  );
}
