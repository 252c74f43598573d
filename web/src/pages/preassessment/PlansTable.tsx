import { useState } from 'react';
import { Card, Select, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useNavigate } from 'react-router';
import { usePlans, type PlanSummary } from '../../api/preassessment';
import { useT } from '../../i18n';
import { formatDateTime, formatMoney } from '../../utils/format';
import { rowTestId } from '../../utils/testId';
import { PlanStatusTag } from './PlanStatusTag';

/** The gap-closing plans of the user's area, newest first; a row opens the plan. */
export function PlansTable() {
  const t = useT();
  const navigate = useNavigate();
  const [status, setStatus] = useState<string | undefined>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const { data, isFetching } = usePlans({ ...paging, status });

  const columns: TableColumnsType<PlanSummary> = [
    { title: t('pre.plans.id'), dataIndex: 'id', width: 70 },
    { title: t('pre.col.area'), key: 'area', width: 140, render: (_, p) => p.area.name },
    { title: t('pre.on'), dataIndex: 'referenceOn', width: 110 },
    { title: t('pre.plans.status'), dataIndex: 'status', width: 90, render: (s: PlanSummary['status']) => <PlanStatusTag status={s} /> },
    { title: t('pre.plans.closed'), key: 'closed', width: 120, align: 'right', render: (_, p) => `${p.after.closed ?? 0} / ${p.before.households}` },
    { title: t('pre.plans.cost'), key: 'cost', width: 140, align: 'right', render: (_, p) => formatMoney(p.after.cost ?? 0) },
    { title: t('pre.plans.createdBy'), dataIndex: 'createdBy', width: 110 },
    { title: t('pre.plans.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
  ];

  return (
    <Card size="small">
      <Select
        allowClear
        placeholder={t('pre.plans.status')}
        value={status}
        onChange={(v?: string) => {
          setStatus(v);
          setPaging((p) => ({ ...p, page: 1 }));
        }}
        options={(['draft', 'accepted'] as const).map((s) => ({ value: s, label: t(`pre.status.${s}`) }))}
        style={{ minWidth: 140, marginBottom: 12 }}
        data-testid="plans-status-filter"
      />
      <Table<PlanSummary>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching && !data}
        scroll={{ x: 950 }}
        rowClassName="jz-clickable-row"
        onRow={(p) => rowTestId(`plan-row-${p.id}`, { onClick: () => navigate(`/preassessment/plans/${p.id}`) })}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: data?.total ?? 0,
          showTotal: (n) => t('common.total', { n }),
          onChange: (page, pageSize) => setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
        }}
      />
    </Card>
  );
}
