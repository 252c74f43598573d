import { useState } from 'react';
import { Button, Card, Col, Form, Input, Modal, Row, Select, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMe } from '../../api/auth';
import { CADRE_ROLES, dutyApi, useCadres, useDutyMutation, type CadreInput, type CadreRole, type CadreRow } from '../../api/duty';
import { reportSaveError, showSuccess } from '../../api/errors';
import { hasPermission } from '../../access';
import { AreaSelect } from '../../components/AreaSelect';
import { PageHeader } from '../../components/PageHeader';
import { SearchBox } from '../../components/SearchBox';
import { useT } from '../../i18n';
import { rowTestId, testId } from '../../utils/testId';
import { CadreDrawer } from './CadreDrawer';
import { UserSelect } from './pickers';

function CadreModal({ cadre, open, onClose }: { cadre: CadreRow | null; open: boolean; onClose: () => void }) {
  const t = useT();
  const { data: me } = useMe();
  const [form] = Form.useForm<CadreInput>();
  const save = useDutyMutation((v: CadreInput) => (cadre ? dutyApi.updateCadre(cadre.id, { ...v, version: cadre.version }) : dutyApi.createCadre(v)));
  const submit = async (v: CadreInput) => {
    try {
      await save.mutateAsync({ ...v, unit: v.unit || null, phone: v.phone || null, note: v.note || null });
      showSuccess(t('duty.cadreSaved'));
      onClose();
    } catch (err) {
      reportSaveError(err, { form, subject: 'record' });
    }
  };
  return (
    <Modal open={open} title={cadre ? t('duty.editCadre') : t('duty.newCadre')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden okButtonProps={testId('cadre-save')}>
      <Form form={form} layout="vertical" initialValues={cadre ?? { areaId: me?.area.id }} onFinish={(v) => void submit(v)}>
        <Form.Item name="name" label={t('duty.cadreName')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('duty.cadreName') }) }]}>
          <Input maxLength={40} data-testid="cadre-name" />
        </Form.Item>
        <Form.Item name="unit" label={t('duty.unit')}>
          <Input maxLength={100} data-testid="cadre-unit" />
        </Form.Item>
        <Form.Item name="phone" label={t('duty.phone')}>
          <Input maxLength={20} inputMode="tel" data-testid="cadre-phone" />
        </Form.Item>
        <Form.Item name="areaId" label={t('duty.cadreArea')} extra={t('duty.cadreAreaHint')} rules={[{ required: true }]}>
          <AreaSelect initialAreas={me ? [me.area] : []} />
        </Form.Item>
        {hasPermission(me, 'users.manage') && (
          <Form.Item name="userId" label={t('duty.userAccount')} extra={t('duty.userAccountHint')}>
            <UserSelect />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('common.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 帮扶干部: people who help, with their current roles; create, edit, and their assignments in a drawer. */
export default function CadresPage() {
  const t = useT();
  const { data: me } = useMe();
  const canManage = hasPermission(me, 'duty.manage');
  const [q, setQ] = useState<string | undefined>();
  const [role, setRole] = useState<string | undefined>();
  const [areaId, setAreaId] = useState<number | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const { data, isFetching } = useCadres({ q, role, areaId, ...page });
  const [editing, setEditing] = useState<CadreRow | null | undefined>(undefined);
  const [open, setOpen] = useState<number | undefined>();

  const columns: TableColumnsType<CadreRow> = [
    { title: t('duty.cadreName'), dataIndex: 'name', width: 120 },
    { title: t('duty.unit'), dataIndex: 'unit', width: 180 },
    { title: t('duty.phone'), dataIndex: 'phone', width: 130 },
    { title: t('duty.cadreArea'), dataIndex: 'areaName', width: 120 },
    { title: t('duty.currentRoles'), dataIndex: 'roles', render: (roles: CadreRole[]) => roles.map((r) => <Tag key={r}>{t(`duty.role.${r}`)}</Tag>) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 160,
      render: (_, c) => (
        <>
          <Button type="link" size="small" onClick={() => setOpen(c.id)} data-testid={`cadre-open-${c.id}`}>
            {t('duty.assignments')}
          </Button>
          {canManage && (
            <Button type="link" size="small" onClick={() => setEditing(c)}>
              {t('common.edit')}
            </Button>
          )}
        </>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('menu.dutyCadres')}
        subTitle={data ? t('common.total', { n: data.total }) : undefined}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="cadre-new">
              {t('duty.newCadre')}
            </Button>
          )
        }
      />
      <Card size="small">
        <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
          <Col xs={24} md={8}>
            <SearchBox value={q} onSearch={(v) => { setQ(v || undefined); setPage((p) => ({ ...p, page: 1 })); }} placeholder={t('duty.cadreSearch')} testId="cadre-search" />
          </Col>
          <Col xs={12} md={6}>
            <Select allowClear style={{ width: '100%' }} placeholder={t('duty.roleFilter')} value={role} onChange={(v?: string) => setRole(v)} options={CADRE_ROLES.map((r) => ({ value: r, label: t(`duty.role.${r}`) }))} />
          </Col>
          <Col xs={12} md={6}>
            <AreaSelect value={areaId} onChange={setAreaId} initialAreas={me ? [me.area] : []} />
          </Col>
        </Row>
        <Table<CadreRow>
          rowKey="id"
          size="small"
          loading={isFetching}
          columns={columns}
          dataSource={data?.items ?? []}
          scroll={{ x: 900 }}
          onRow={(c) => rowTestId(`cadre-row-${c.id}`)}
          pagination={{ current: page.page, pageSize: page.pageSize, total: data?.total ?? 0, onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
        />
      </Card>
      <CadreModal cadre={editing ?? null} open={editing !== undefined} onClose={() => setEditing(undefined)} />
      <CadreDrawer id={open} onClose={() => setOpen(undefined)} />
    </>
  );
}
