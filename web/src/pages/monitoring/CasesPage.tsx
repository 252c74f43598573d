import { useState } from 'react';
import { Button, Card, Checkbox, Flex, Input, Select, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router';
import { useMe } from '../../api/auth';
import { useCodeLabel, useCodeOptions } from '../../api/codes';
import { CASE_STATUSES, monitoringApi, PROCEDURE_STEPS, useCases, type CaseFilters, type CaseStatus, type MonitoringCase, type ProcedureStep } from '../../api/monitoring';
import { hasPermission } from '../../access';
import { ExportButtons } from '../../components/ExportButtons';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { rowTestId } from '../../utils/testId';
import { CaseForm } from './CaseForm';
import { CaseStatusTag, OverdueTag } from './CaseTags';

/** 监测对象: every case (episode) in the user's area, filtered, paged, exported; 待我办理 lists what waits for me. */
export default function CasesPage() {
  const t = useT();
  const navigate = useNavigate();
  const codeLabel = useCodeLabel();
  const categories = useCodeOptions('monitoringCategory');
  const risks = useCodeOptions('monitoringRiskType');
  const { data: me } = useMe();
  const [params] = useSearchParams();
  const [filters, setFilters] = useState<CaseFilters>({
    step: (params.get('step') as ProcedureStep | null) ?? undefined,
    status: (params.get('status') as CaseStatus | null) ?? undefined,
    waiting: params.get('waiting') === 'mine' ? 'mine' : undefined,
  });
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [opening, setOpening] = useState(false);
  const list = useCases({ ...filters, ...paging });
  const set = (f: Partial<CaseFilters>) => {
    setFilters((x) => ({ ...x, ...f }));
    setPaging((p) => ({ ...p, page: 1 }));
  };

  const columns: TableColumnsType<MonitoringCase> = [
    { title: t('monitoring.place'), key: 'place', width: 200, render: (_, c) => [c.countyName, c.townshipName, c.villageName].filter(Boolean).join(' / ') },
    { title: t('f.householdNo'), dataIndex: 'householdNo', width: 170 },
    { title: t('monitoring.head'), dataIndex: 'headName', width: 90 },
    { title: t('monitoring.persons'), dataIndex: 'persons', width: 60, align: 'right' },
    { title: t('monitoring.category'), dataIndex: 'category', width: 130, render: (v: string) => codeLabel('monitoringCategory', v) },
    { title: t('monitoring.riskTypes'), dataIndex: 'riskTypes', width: 200, render: (v: string[]) => v.map((r) => codeLabel('monitoringRiskType', r)).join('、') },
    { title: t('monitoring.identifiedOn'), dataIndex: 'identifiedOn', width: 110 },
    {
      title: t('monitoring.caseStatus'),
      dataIndex: 'status',
      width: 190,
      render: (s: CaseStatus, c) => (
        <Flex gap={4} wrap>
          <CaseStatusTag status={s} testId={`case-status-${c.id}`} />
          {c.step && <span>{t(`monitoring.step.${c.step}`)}</span>}
          <OverdueTag overdue={c.overdue} />
        </Flex>
      ),
    },
    { title: t('monitoring.phaseDays'), dataIndex: 'phaseDays', width: 80, align: 'right' },
  ];

  return (
    <>
      <PageHeader
        title={t('menu.monitoringCases')}
        subTitle={list.data ? t('monitoring.casesSubTitle', { n: list.data.total }) : undefined}
        extra={
          <>
            {hasPermission(me, 'registry.write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)} data-testid="case-open">
                {t('monitoring.openCase')}
              </Button>
            )}
            <ExportButtons url={(f) => monitoringApi.casesExportUrl(filters, f)} testId="cases-export" />
          </>
        }
      />
      <Card size="small">
        <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
          <Select allowClear style={{ width: 150 }} placeholder={t('monitoring.caseStatus')} value={filters.status} onChange={(v) => set({ status: v })}
            options={CASE_STATUSES.map((s) => ({ value: s, label: t(`monitoring.status.${s}`) }))} />
          <Select allowClear style={{ width: 170 }} placeholder={t('monitoring.waitingStep')} value={filters.step} onChange={(v) => set({ step: v })}
            options={PROCEDURE_STEPS.map((s) => ({ value: s, label: t(`monitoring.step.${s}`) }))} />
          <Select allowClear style={{ width: 150 }} placeholder={t('monitoring.category')} value={filters.category} onChange={(v) => set({ category: v })} options={categories} />
          <Select allowClear style={{ width: 150 }} placeholder={t('monitoring.riskTypes')} value={filters.riskType} onChange={(v) => set({ riskType: v })} options={risks} />
          <Checkbox checked={filters.waiting === 'mine'} onChange={(e) => set({ waiting: e.target.checked ? 'mine' : undefined })} data-testid="cases-waiting-mine">
            {t('monitoring.waitingMine')}
          </Checkbox>
          <Checkbox checked={filters.overdue === 'true'} onChange={(e) => set({ overdue: e.target.checked ? 'true' : undefined })}>
            {t('monitoring.overdueOnly')}
          </Checkbox>
          <Input.Search allowClear style={{ width: 220 }} placeholder={t('monitoring.searchHousehold')} onSearch={(q) => set({ q: q || undefined })} />
        </Flex>
        <Table<MonitoringCase>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 1300 }}
          rowClassName="jz-clickable-row"
          onRow={(c) => rowTestId(`case-row-${c.id}`, { onClick: () => void navigate(`/monitoring/cases/${c.id}`) })}
          pagination={{ current: paging.page, pageSize: paging.pageSize, total: list.data?.total ?? 0, showSizeChanger: true, onChange: (page, pageSize) => setPaging({ page, pageSize }) }}
        />
      </Card>
      <CaseForm open={opening} onClose={() => setOpening(false)} />
    </>
  );
}
