import { Card, Empty, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useCodeLabel } from '../../../api/codes';
import { useCases, type MonitoringCase } from '../../../api/monitoring';
import { useT } from '../../../i18n';
import { CaseStatusTag, OverdueTag } from '../../monitoring/CaseTags';

/** 监测记录: the household's monitoring episodes (防返贫监测), current and past, each linking to its case. */
export function MonitoringCard({ householdNo }: { householdNo: string }) {
  const t = useT();
  const codeLabel = useCodeLabel();
  const { data, isPending } = useCases({ q: householdNo, page: 1, pageSize: 20 });
  const items = (data?.items ?? []).filter((c) => c.householdNo === householdNo);
  const columns: TableColumnsType<MonitoringCase> = [
    { title: t('monitoring.category'), dataIndex: 'category', width: 140, render: (v: string, c) => <Link to={`/monitoring/cases/${c.id}`}>{codeLabel('monitoringCategory', v)}</Link> },
    { title: t('monitoring.riskTypes'), dataIndex: 'riskTypes', render: (v: string[]) => v.map((r) => codeLabel('monitoringRiskType', r)).join('、') },
    { title: t('monitoring.identifiedOn'), dataIndex: 'identifiedOn', width: 110 },
    { title: t('monitoring.caseStatus'), dataIndex: 'status', width: 160, render: (s: MonitoringCase['status'], c) => <><CaseStatusTag status={s} /> <OverdueTag overdue={c.overdue} /></> },
    { title: t('monitoring.eliminatedOn'), dataIndex: 'eliminatedOn', width: 110, render: (v: string | null) => v ?? '—' },
  ];
  return (
    <Card title={t('monitoring.householdCard')} size="small" style={{ marginTop: 16 }} data-testid="household-monitoring">
      {items.length || isPending ? <Table<MonitoringCase> rowKey="id" size="small" columns={columns} dataSource={items} loading={isPending} pagination={false} /> : <Empty description={t('monitoring.householdNone')} />}
    </Card>
  );
}
