import { useState } from 'react';
import { Breadcrumb, Button, Card, Drawer, Flex, Form, Modal, Progress, Segmented, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useParams } from 'react-router';
import { useMe } from '../../api/auth';
import { dutyApi, useCampaign, useDutyMutation, useProgress, useTasks, type Task, type TaskStatus } from '../../api/duty';
import { reportSaveError, showSuccess } from '../../api/errors';
import { hasPermission } from '../../access';
import { AreaSelect } from '../../components/AreaSelect';
import { ExportButtons } from '../../components/ExportButtons';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { formatDateTime } from '../../utils/format';
import { CampaignForm } from './CampaignForm';
import { CadreSelect } from './pickers';

function AssignModal({ campaignId, open, onClose }: { campaignId: number; open: boolean; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ villageId: number; cadreId?: number }>();
  const assign = useDutyMutation((v: { villageId: number; cadreId?: number }) => dutyApi.assignVillage(campaignId, { villageId: v.villageId, cadreId: v.cadreId ?? null }));
  return (
    <Modal open={open} title={t('duty.assignVillage')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={assign.isPending} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          void assign.mutateAsync(v).then(
            (r) => {
              showSuccess(t('duty.assignedTasks', { n: r.tasks }));
              onClose();
            },
            (err: unknown) => reportSaveError(err, { form }),
          )
        }
      >
        <Form.Item name="villageId" label={t('duty.village')} rules={[{ required: true }]}>
          <AreaSelect level="village" />
        </Form.Item>
        <Form.Item name="cadreId" label={t('duty.visitCadre')} extra={t('duty.assignHint')}>
          <CadreSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One campaign: completion per area (live), its households with their answers, export, assignment, closing. */
export default function CampaignPage() {
  const t = useT();
  const id = Number(useParams().id);
  const { data: me } = useMe();
  const { data: c } = useCampaign(id);
  const [areaTrail, setAreaTrail] = useState<{ id: number; name: string }[]>([]);
  const areaId = areaTrail.at(-1)?.id;
  const progress = useProgress(id, areaId);
  const [status, setStatus] = useState<TaskStatus | 'all'>('all');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const filters = { areaId, status: status === 'all' ? undefined : status };
  const tasks = useTasks(id, { ...filters, ...page });
  const [filling, setFilling] = useState<Task | null>(null);
  const [assigning, setAssigning] = useState(false);
  const close = useDutyMutation(() => dutyApi.close(id));
  const canManage = hasPermission(me, 'duty.manage');
  const p = progress.data;

  const columns: TableColumnsType<Task> = [
    { title: t('duty.village'), dataIndex: 'villageName', width: 110 },
    { title: t('f.householdNo'), dataIndex: 'householdNo', width: 180 },
    { title: t('duty.head'), dataIndex: 'headName', width: 90 },
    { title: t('duty.visitCadre'), dataIndex: 'cadreName', width: 100, render: (v: string | null) => v ?? t('duty.villageCadres') },
    {
      title: t('duty.status'),
      key: 'status',
      width: 110,
      render: (_, x) => (x.doneAt ? <Tag color={x.risky ? 'red' : 'green'}>{x.risky ? t('duty.risky') : t('duty.done')}</Tag> : <Tag>{t('duty.pending')}</Tag>),
    },
    { title: t('duty.doneBy'), key: 'by', width: 180, render: (_, x) => (x.doneAt ? `${x.doneByName ?? ''} ${formatDateTime(x.doneAt)}` : '') },
    ...(hasPermission(me, 'registry.write') && !c?.closed
      ? [{ title: t('common.actions'), key: 'fill', width: 80, render: (_: unknown, x: Task) => <Button size="small" type="link" onClick={() => setFilling(x)}>{x.doneAt ? t('common.edit') : t('duty.fill')}</Button> }]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={c?.title ?? ''}
        subTitle={c ? `${c.areaName} · ${c.startsOn} ~ ${c.endsOn ?? ''}` : undefined}
        tags={c?.closed ? <Tag>{t('duty.closed')}</Tag> : <Tag color="green">{t('duty.running')}</Tag>}
        extra={
          <>
            <ExportButtons url={(format) => dutyApi.tasksExportUrl(id, filters, format)} testId="campaign-export" />
            {canManage && !c?.closed && <Button onClick={() => setAssigning(true)}>{t('duty.assignVillage')}</Button>}
            {canManage && !c?.closed && (
              <Button danger onClick={() => Modal.confirm({ title: t('duty.closeConfirm'), onOk: () => close.mutateAsync(undefined).then(() => showSuccess(t('duty.closed')), (e: unknown) => reportSaveError(e)) })}>
                {t('duty.close')}
              </Button>
            )}
          </>
        }
      />
      <Flex vertical gap={12}>
        <Card size="small" title={t('duty.completion')}>
          <Breadcrumb
            style={{ marginBottom: 8 }}
            items={[{ title: <a onClick={() => setAreaTrail([])}>{c?.areaName}</a> }, ...areaTrail.map((a, i) => ({ title: <a onClick={() => setAreaTrail(areaTrail.slice(0, i + 1))}>{a.name}</a> }))]}
          />
          {p && (
            <div data-testid="campaign-progress" data-done={p.done} data-total={p.total}>
              <Progress percent={p.total ? Math.round((p.done / p.total) * 1000) / 10 : 0} format={() => `${p.done}/${p.total}`} />
            </div>
          )}
          <Table
            size="small"
            rowKey="areaId"
            pagination={false}
            dataSource={p?.children ?? []}
            columns={[
              { title: t('duty.childArea'), dataIndex: 'name', render: (name: string, x) => (x.level === 'village' ? name : <a onClick={() => setAreaTrail([...areaTrail, { id: x.areaId, name }])}>{name}</a>) },
              { title: t('duty.completion'), key: 'done', render: (_, x) => <Progress size="small" percent={x.total ? Math.round((x.done / x.total) * 1000) / 10 : 0} format={() => `${x.done}/${x.total}`} /> },
              { title: t('duty.risky'), dataIndex: 'risky', width: 90 },
            ]}
          />
        </Card>
        <Card size="small" title={t('duty.households')} extra={<Segmented value={status} onChange={(v) => { setStatus(v as TaskStatus | 'all'); setPage((x) => ({ ...x, page: 1 })); }} options={(['all', 'pending', 'done', 'risky'] as const).map((s) => ({ value: s, label: t(`duty.taskStatus.${s}`) }))} />}>
          <Table<Task>
            rowKey="id"
            size="small"
            loading={tasks.isFetching}
            columns={columns}
            dataSource={tasks.data?.items ?? []}
            scroll={{ x: 860 }}
            pagination={{ current: page.page, pageSize: page.pageSize, total: tasks.data?.total ?? 0, onChange: (pg, s) => setPage({ page: pg, pageSize: s }) }}
          />
        </Card>
      </Flex>
      <Drawer open={filling !== null} onClose={() => setFilling(null)} title={c?.title} destroyOnHidden>
        {filling && c && <CampaignForm task={filling} questions={c.questions} onDone={() => setFilling(null)} />}
      </Drawer>
      <AssignModal campaignId={id} open={assigning} onClose={() => setAssigning(false)} />
    </>
  );
}
