import { useState } from 'react';
import { Button, Card, Col, Popconfirm, Row, Select, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, KeyOutlined, PlusOutlined, StopOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { useCodeLabel, useCodeOptions } from '../../../api/codes';
import { reportSaveError, showSuccess } from '../../../api/errors';
import { usersApi, useUpdateUser, useUserList, type UserFilters } from '../../../api/users';
import type { Role, User } from '../../../api/types';
import { ExportButtons } from '../../../components/ExportButtons';
import { PageHeader } from '../../../components/PageHeader';
import { SearchBox } from '../../../components/SearchBox';
import { useT } from '../../../i18n';
import { formatDateTime } from '../../../utils/format';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserFormModal } from './UserFormModal';
import { rowTestId } from '../../../utils/testId';

type Dialog = { kind: 'form'; user?: User } | { kind: 'reset'; user: User } | null;

export default function UsersPage() {
  const t = useT();
  const codeLabel = useCodeLabel();
  const roleOptions = useCodeOptions('role');
  const [filters, setFilters] = useState<UserFilters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [dialog, setDialog] = useState<Dialog>(null);
  const { data, isFetching } = useUserList(filters, paging);
  const update = useUpdateUser();

  const setFilter = (patch: UserFilters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };

  const toggleActive = (user: User) =>
    update.mutate(
      { id: user.id, version: user.version, changes: { active: !user.active } },
      { onSuccess: () => showSuccess(t('detail.saved')), onError: (err) => reportSaveError(err, { onReload: () => undefined, subject: 'record' }) },
    );

  const columns: TableColumnsType<User> = [
    { title: t('users.username'), dataIndex: 'username', width: 130, fixed: 'left' },
    { title: t('users.displayName'), dataIndex: 'displayName', width: 110 },
    { title: t('users.role'), dataIndex: 'role', width: 160, render: (v: string) => codeLabel('role', v) },
    { title: t('users.area'), key: 'area', width: 160, render: (_, u) => u.area?.name ?? u.areaName ?? u.areaId },
    { title: t('users.department'), dataIndex: 'department', width: 120, render: (v: string | null) => codeLabel('department', v) },
    { title: t('users.phone'), dataIndex: 'phone', width: 130 },
    {
      title: t('users.canRevealIds'),
      dataIndex: 'canRevealIds',
      width: 140,
      render: (v: boolean) => (v ? <Tag color="orange">{t('common.yes')}</Tag> : t('common.no')),
    },
    {
      title: t('users.active'),
      dataIndex: 'active',
      width: 90,
      render: (v: boolean, u) => (
        <Space size={2} wrap>
          {v ? <Tag color="green">{t('users.activeOn')}</Tag> : <Tag>{t('users.activeOff')}</Tag>}
          {u.locked && <Tag color="red">{t('users.locked')}</Tag>}
        </Space>
      ),
    },
    { title: t('users.lastLogin'), dataIndex: 'lastLoginAt', width: 170, render: (v: string | null | undefined) => formatDateTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 260,
      fixed: 'right',
      render: (_, u) => (
        <Space size={0} wrap>
          <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setDialog({ kind: 'form', user: u })} data-testid={`user-edit-${u.id}`}>
            {t('common.edit')}
          </Button>
          <Button size="small" type="link" icon={<KeyOutlined />} onClick={() => setDialog({ kind: 'reset', user: u })} data-testid={`user-reset-${u.id}`}>
            {t('users.resetPassword')}
          </Button>
          {u.active ? (
            <Popconfirm title={t('users.deactivateConfirm')} okText={t('common.ok')} cancelText={t('common.cancel')} onConfirm={() => toggleActive(u)}>
              <Button size="small" type="link" danger icon={<StopOutlined />} data-testid={`user-deactivate-${u.id}`}>
                {t('users.deactivate')}
              </Button>
            </Popconfirm>
          ) : (
            <Button size="small" type="link" icon={<CheckCircleOutlined />} onClick={() => toggleActive(u)} data-testid={`user-activate-${u.id}`}>
              {t('users.activate')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('menu.users')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'form' })} data-testid="user-create">
            {t('users.create')}
          </Button>
        }
      />
      <Card size="small">
        <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
          <Col xs={24} md={10} xl={8}>
            <SearchBox value={filters.q} placeholder={t('users.search')} onSearch={(q) => setFilter({ q })} testId="users-search" />
          </Col>
          <Col xs={24} md={8} xl={6}>
            <Select
              allowClear
              style={{ width: '100%' }}
              placeholder={t('users.role')}
              options={roleOptions}
              value={filters.role}
              onChange={(role?: string) => setFilter({ role: role as Role | undefined })}
              data-testid="users-role-filter"
            />
          </Col>
          <Col xs={24} xl={10} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, justifyContent: 'flex-end' }}>
            <ExportButtons url={(format) => usersApi.exportUrl(filters, format)} testId="users-export" />
          </Col>
        </Row>
        <Table<User>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isFetching}
          scroll={{ x: 1500 }}
          rowClassName={(u) => (u.active ? '' : 'jz-row-ended')}
          onRow={(u) => rowTestId(`user-row-${u.id}`)}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => t('common.total', { n }),
            onChange: (page, pageSize) => setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
          }}
        />
      </Card>
      <UserFormModal user={dialog?.kind === 'form' ? dialog.user : undefined} open={dialog?.kind === 'form'} onClose={() => setDialog(null)} />
      <ResetPasswordModal user={dialog?.kind === 'reset' ? dialog.user : undefined} onClose={() => setDialog(null)} />
    </>
  );
}
