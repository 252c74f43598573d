import { useState } from 'react';
import { Button, DatePicker, Descriptions, Drawer, Form, Input, Modal, Select, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useMe } from '../../api/auth';
import { CADRE_ROLES, dutyApi, RESIDENT_ROLES, ROLE_TARGET, useCadre, useDutyMutation, type Assignment, type CadreRole } from '../../api/duty';
import { reportSaveError, showSuccess } from '../../api/errors';
import { hasPermission } from '../../access';
import { AreaSelect } from '../../components/AreaSelect';
import { useT } from '../../i18n';
import { toDateString } from '../../utils/format';
import { HouseholdSelect } from './pickers';

interface AssignValues {
  role: CadreRole;
  householdId?: number;
  areaId?: number;
  startsOn: dayjs.Dayjs;
}

function AssignForm({ cadreId }: { cadreId: number }) {
  const t = useT();
  const [form] = Form.useForm<AssignValues>();
  const role = Form.useWatch('role', form) ?? 'helper';
  const save = useDutyMutation((v: AssignValues) =>
    dutyApi.assign(cadreId, { role: v.role, startsOn: toDateString(v.startsOn)!, ...(ROLE_TARGET[v.role] === 'household' ? { householdId: v.householdId! } : { areaId: v.areaId! }) }),
  );
  const submit = async (v: AssignValues) => {
    try {
      await save.mutateAsync(v);
      showSuccess(t('duty.assigned'));
      form.resetFields();
    } catch (err) {
      reportSaveError(err, { form });
    }
  };
  const target = ROLE_TARGET[role];
  return (
    <Form form={form} layout="inline" initialValues={{ role: 'helper', startsOn: dayjs() }} onFinish={(v) => void submit(v)} style={{ rowGap: 8, marginBottom: 12 }}>
      <Form.Item name="role">
        <Select style={{ width: 170 }} options={CADRE_ROLES.map((r) => ({ value: r, label: t(`duty.role.${r}`) }))} data-testid="assign-role" />
      </Form.Item>
      {target === 'household' ? (
        <Form.Item name="householdId" rules={[{ required: true, message: t('duty.pickHousehold') }]} style={{ minWidth: 260 }}>
          <HouseholdSelect testId="assign-household" />
        </Form.Item>
      ) : (
        <Form.Item name="areaId" rules={[{ required: true, message: t('duty.pickArea') }]} style={{ minWidth: 220 }}>
          <AreaSelect level={target} />
        </Form.Item>
      )}
      <Form.Item name="startsOn" rules={[{ required: true }]}>
        <DatePicker placeholder={t('duty.startsOn')} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="assign-submit">
        {t('duty.assign')}
      </Button>
    </Form>
  );
}

function EndModal({ a, onClose }: { a: Assignment | null; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ endsOn: dayjs.Dayjs; reason: string }>();
  const end = useDutyMutation((v: { endsOn: dayjs.Dayjs; reason: string }) => dutyApi.endAssignment(a!.id, { version: a!.version, endsOn: toDateString(v.endsOn)!, reason: v.reason.trim() }));
  return (
    <Modal open={a !== null} title={t('duty.endAssignment')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={end.isPending} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ endsOn: dayjs() }}
        onFinish={(v) =>
          void end.mutateAsync(v).then(
            () => onClose(),
            (err: unknown) => reportSaveError(err, { form, subject: 'record' }),
          )
        }
      >
        <Form.Item name="endsOn" label={t('duty.endsOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reason" label={t('duty.endReason')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('duty.endReason') }) }]}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A cadre with their assignments (current and past); adding, ending and (county) approving a resident's replacement. */
export function CadreDrawer({ id, onClose }: { id: number | undefined; onClose: () => void }) {
  const t = useT();
  const { data: me } = useMe();
  const canManage = hasPermission(me, 'duty.manage');
  const canApprove = hasPermission(me, 'duty.approve');
  const { data } = useCadre(id);
  const [ending, setEnding] = useState<Assignment | null>(null);
  const approve = useDutyMutation((a: Assignment & { note: string }) => dutyApi.approve(a.id, { version: a.version, note: a.note }));
  const askApproval = (a: Assignment) => {
    let note = '';
    Modal.confirm({
      title: t('duty.approveTitle'),
      content: <Input.TextArea rows={3} placeholder={t('duty.approveNote')} onChange={(e) => (note = e.target.value)} data-testid="approve-note" />,
      okText: t('duty.approve'),
      onOk: () => approve.mutateAsync({ ...a, note: note.trim() || t('duty.approveDefault') }).then(() => showSuccess(t('duty.approved')), (err: unknown) => reportSaveError(err)),
    });
  };
  const columns: TableColumnsType<Assignment> = [
    { title: t('duty.roleCol'), dataIndex: 'role', width: 150, render: (r: CadreRole) => t(`duty.role.${r}`) },
    { title: t('duty.where'), key: 'where', render: (_, a) => a.householdNo ?? a.areaName },
    { title: t('duty.startsOn'), dataIndex: 'startsOn', width: 110 },
    { title: t('duty.endsOn'), dataIndex: 'endsOn', width: 110, render: (v: string | null, a) => (v ? `${v} ${a.endReason ?? ''}` : <Tag color="green">{t('duty.current')}</Tag>) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 160,
      render: (_, a) => (
        <>
          {canManage && !a.endsOn && (
            <Button size="small" type="link" onClick={() => setEnding(a)}>
              {t('duty.end')}
            </Button>
          )}
          {a.approvedAt ? (
            <Tag color="blue">{t('duty.approvedBy', { name: a.approvedByName ?? '' })}</Tag>
          ) : (
            canApprove &&
            a.endsOn &&
            RESIDENT_ROLES.includes(a.role) && (
              <Button size="small" type="link" onClick={() => askApproval(a)} data-testid={`approve-${a.id}`}>
                {t('duty.approve')}
              </Button>
            )
          )}
        </>
      ),
    },
  ];
  return (
    <Drawer open={id !== undefined} onClose={onClose} title={data?.name} size="large" destroyOnHidden>
      {data && (
        <>
          <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('duty.unit')}>{data.unit ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('duty.phone')}>{data.phone ?? '—'}</Descriptions.Item>
          </Descriptions>
          {canManage && <AssignForm cadreId={data.id} />}
          <Table<Assignment> rowKey="id" size="small" columns={columns} dataSource={data.assignments} pagination={false} scroll={{ x: 640 }} />
        </>
      )}
      <EndModal a={ending} onClose={() => setEnding(null)} />
    </Drawer>
  );
}
