import { useState } from 'react';
import { App, Button, Card, DatePicker, Flex, Form, Input, Modal, Select, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useMe } from '../../api/auth';
import { useCodeLabel, useCodeOptions } from '../../api/codes';
import { showError, showSuccess } from '../../api/errors';
import { monitoringApi, useMonitoringMutation, useWarnings, type Warning, type WarningFilters, type WarningSource } from '../../api/monitoring';
import { hasPermission } from '../../access';
import { ExportButtons } from '../../components/ExportButtons';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { formatDateTime, toDateString } from '../../utils/format';
import { rowTestId } from '../../utils/testId';
import { CaseForm } from './CaseForm';
import { HouseholdPicker } from './HouseholdPicker';

const STATUS_COLOURS = { open: 'red', dismissed: 'default', converted: 'green' } as const;

/** 预警线索: raised by hand or from the pre-assessment; each is dismissed with a reason or turned into a case. */
export default function WarningsPage() {
  const t = useT();
  const { modal } = App.useApp();
  const codeLabel = useCodeLabel();
  const sources = useCodeOptions('warningSource');
  const { data: me } = useMe();
  const canWrite = hasPermission(me, 'registry.write') || me?.role === 'department_officer';
  const [filters, setFilters] = useState<WarningFilters>({ status: 'open' });
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const list = useWarnings({ ...filters, ...paging });
  const [raising, setRaising] = useState(false);
  const [converting, setConverting] = useState<Warning | null>(null);
  const [bulkOpen, setBulkOpen] = useState(false);
  const [raiseForm] = Form.useForm();
  const [bulkForm] = Form.useForm();
  const raise = useMonitoringMutation(monitoringApi.raise);
  const bulk = useMonitoringMutation(monitoringApi.fromPreassessment);
  const dismiss = useMonitoringMutation((a: { w: Warning; reason: string }) => monitoringApi.dismiss(a.w.id, a.w.version, a.reason));
  const set = (f: Partial<WarningFilters>) => {
    setFilters((x) => ({ ...x, ...f }));
    setPaging((p) => ({ ...p, page: 1 }));
  };

  const askDismiss = (w: Warning) => {
    let reason = '';
    modal.confirm({
      title: t('monitoring.dismissTitle'),
      content: <Input.TextArea rows={3} onChange={(e) => (reason = e.target.value)} placeholder={t('monitoring.dismissReason')} data-testid="dismiss-reason" />,
      onOk: () =>
        new Promise<void>((resolve, reject) =>
          dismiss.mutate({ w, reason }, { onSuccess: () => resolve(), onError: (e) => (showError(e), reject(e)) }),
        ),
    });
  };

  const columns: TableColumnsType<Warning> = [
    { title: t('monitoring.place'), key: 'place', width: 200, render: (_, w) => [w.countyName, w.townshipName, w.villageName].filter(Boolean).join(' / ') },
    { title: t('f.householdNo'), dataIndex: 'householdNo', width: 170, render: (no: string, w) => <Link to={`/households/${w.householdId}`}>{no}</Link> },
    { title: t('monitoring.head'), dataIndex: 'headName', width: 90 },
    { title: t('monitoring.source'), dataIndex: 'source', width: 110, render: (s: string) => codeLabel('warningSource', s) },
    { title: t('monitoring.detail'), dataIndex: 'detail', ellipsis: true },
    {
      title: t('monitoring.warningStatus'),
      dataIndex: 'status',
      width: 100,
      render: (s: Warning['status'], w) => (
        <Tag color={STATUS_COLOURS[s]} data-testid={`warning-status-${w.id}`}>
          {t(`monitoring.warning.${s}`)}
        </Tag>
      ),
    },
    { title: t('monitoring.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      render: (_, w) =>
        w.status === 'open' && hasPermission(me, 'registry.write') ? (
          <Flex gap={4}>
            <Button size="small" type="primary" onClick={() => setConverting(w)} data-testid={`warning-convert-${w.id}`}>
              {t('monitoring.convert')}
            </Button>
            <Button size="small" onClick={() => askDismiss(w)} data-testid={`warning-dismiss-${w.id}`}>
              {t('monitoring.dismiss')}
            </Button>
          </Flex>
        ) : w.caseId ? (
          <Link to={`/monitoring/cases/${w.caseId}`}>{t('monitoring.viewCase')}</Link>
        ) : (
          (w.dismissReason ?? '')
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('menu.monitoringWarnings')}
        subTitle={list.data ? t('common.total', { n: list.data.total }) : undefined}
        extra={
          <>
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setRaising(true)} data-testid="warning-raise">
                {t('monitoring.raise')}
              </Button>
            )}
            {hasPermission(me, 'registry.write') && (
              <Button icon={<ThunderboltOutlined />} onClick={() => setBulkOpen(true)} data-testid="warning-bulk">
                {t('monitoring.fromPreassessment')}
              </Button>
            )}
            <ExportButtons url={(f) => monitoringApi.warningsExportUrl(filters, f)} testId="warnings-export" />
          </>
        }
      />
      <Card size="small">
        <Flex wrap gap={8} style={{ marginBottom: 12 }}>
          <Select allowClear style={{ width: 140 }} placeholder={t('monitoring.warningStatus')} value={filters.status} onChange={(v) => set({ status: v })}
            options={(['open', 'dismissed', 'converted'] as const).map((s) => ({ value: s, label: t(`monitoring.warning.${s}`) }))} />
          <Select allowClear style={{ width: 160 }} placeholder={t('monitoring.source')} value={filters.source} onChange={(v) => set({ source: v as WarningSource })} options={sources} />
          <Input.Search allowClear style={{ width: 240 }} placeholder={t('monitoring.searchHousehold')} onSearch={(q) => set({ q: q || undefined })} />
        </Flex>
        <Table<Warning>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 1200 }}
          onRow={(w) => rowTestId(`warning-row-${w.id}`)}
          pagination={{ current: paging.page, pageSize: paging.pageSize, total: list.data?.total ?? 0, showSizeChanger: true, onChange: (page, pageSize) => setPaging({ page, pageSize }) }}
        />
      </Card>
      <Modal
        open={raising}
        title={t('monitoring.raise')}
        onCancel={() => setRaising(false)}
        confirmLoading={raise.isPending}
        okButtonProps={{ 'data-testid': 'warning-raise-submit' } as never}
        onOk={async () => {
          const v = await raiseForm.validateFields();
          raise.mutate(v, { onSuccess: () => (setRaising(false), raiseForm.resetFields(), showSuccess(t('monitoring.raised'))), onError: showError });
        }}
        destroyOnHidden
      >
        <Form form={raiseForm} layout="vertical" initialValues={{ source: me?.role === 'department_officer' ? 'department' : 'self_application' }}>
          <Form.Item name="householdId" label={t('monitoring.household')} rules={[{ required: true }]}>
            <HouseholdPicker />
          </Form.Item>
          <Form.Item name="source" label={t('monitoring.source')} rules={[{ required: true }]}>
            <Select options={sources.filter((s) => s.value !== 'preassessment' && s.value !== 'campaign')} data-testid="warning-raise-source" />
          </Form.Item>
          <Form.Item name="detail" label={t('monitoring.detail')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} maxLength={1000} data-testid="warning-raise-detail" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={bulkOpen}
        title={t('monitoring.fromPreassessment')}
        onCancel={() => setBulkOpen(false)}
        confirmLoading={bulk.isPending}
        onOk={async () => {
          const v = await bulkForm.validateFields();
          bulk.mutate(
            { on: toDateString(v.on) ?? undefined },
            { onSuccess: (r) => (setBulkOpen(false), showSuccess(t('monitoring.bulkDone', { created: r.created, skipped: r.skipped }))), onError: showError },
          );
        }}
      >
        <p>{t('monitoring.bulkHint')}</p>
        <Form form={bulkForm} layout="vertical">
          <Form.Item name="on" label={t('monitoring.projectionDate')}>
            <DatePicker />
          </Form.Item>
        </Form>
      </Modal>
      <CaseForm open={converting !== null} warning={converting} onClose={() => setConverting(null)} />
    </>
  );
}
