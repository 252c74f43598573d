import { Col, Form, Input, Modal, Row, Select, Switch } from 'antd';
import { useMe } from '../../../api/auth';
import { useCodeOptions } from '../../../api/codes';
import { reportSaveError, showSuccess } from '../../../api/errors';
import { useCreateUser, useUpdateUser, type UserChanges } from '../../../api/users';
import type { Role, User } from '../../../api/types';
import { AreaSelect } from '../../../components/AreaSelect';
import { useT } from '../../../i18n';
import { testId } from '../../../utils/testId';

interface Props {
  /** Absent when creating. */
  user: User | undefined;
  open: boolean;
  onClose: () => void;
}

interface Values {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  areaId: number;
  department?: string | null;
  phone?: string;
  canRevealIds: boolean;
}

export function UserFormModal({ user, open, onClose }: Props) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const { data: me } = useMe();
  const create = useCreateUser();
  const update = useUpdateUser();
  const roleOptions = useCodeOptions('role');
  const departmentOptions = useCodeOptions('department');
  const role = Form.useWatch('role', form);
  const editing = user !== undefined;

  const initialAreas = [
    ...(user ? [{ id: user.areaId, name: user.area?.name ?? user.areaName ?? String(user.areaId) }] : []),
    ...(me ? [me.area] : []),
  ];

  const submit = async (values: Values) => {
    // Only department officers belong to a department; clearing it for other roles keeps the data honest.
    const department = values.role === 'department_officer' ? (values.department ?? null) : null;
    const phone = values.phone?.trim() || null;
    try {
      if (user) {
        const next: UserChanges = {
          displayName: values.displayName.trim(),
          role: values.role,
          areaId: values.areaId,
          department,
          phone,
          canRevealIds: values.canRevealIds,
        };
        const changes = Object.fromEntries(
          Object.entries(next).filter(([k, v]) => (user as unknown as Record<string, unknown>)[k] !== v),
        ) as UserChanges;
        if (Object.keys(changes).length > 0) await update.mutateAsync({ id: user.id, version: user.version, changes });
      } else {
        await create.mutateAsync({
          username: values.username.trim(),
          displayName: values.displayName.trim(),
          password: values.password,
          role: values.role,
          areaId: values.areaId,
          department,
          phone,
          canRevealIds: values.canRevealIds,
        });
      }
      showSuccess(t('detail.saved'));
      onClose();
    } catch (err) {
      reportSaveError(err, { form, onReload: onClose, subject: 'record' });
    }
  };

  const required = (label: string) => [{ required: true, message: t('common.required', { field: label }) }];

  return (
    <Modal
      open={open}
      title={editing ? `${t('users.edit')}：${user.username}` : t('users.create')}
      width={720}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      okButtonProps={testId('user-save')}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        autoComplete="off"
        initialValues={
          user
            ? { ...user, department: user.department ?? undefined, phone: user.phone ?? undefined }
            : { canRevealIds: false, areaId: me?.area.id }
        }
        onFinish={(v) => void submit(v)}
      >
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="username" label={t('users.username')} rules={editing ? [] : required(t('users.username'))}>
              <Input disabled={editing} data-testid="user-username" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="displayName" label={t('users.displayName')} rules={required(t('users.displayName'))}>
              <Input data-testid="user-display-name" />
            </Form.Item>
          </Col>
          {!editing && (
            <Col xs={24} sm={12}>
              <Form.Item name="password" label={t('users.password')} rules={[...required(t('users.password')), { min: 8, message: t('password.tooShort') }]}>
                <Input.Password autoComplete="new-password" data-testid="user-password" />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} sm={12}>
            <Form.Item name="role" label={t('users.role')} rules={required(t('users.role'))}>
              <Select options={roleOptions} data-testid="user-role" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="areaId" label={t('users.area')} rules={required(t('users.area'))}>
              <AreaSelect initialAreas={initialAreas} />
            </Form.Item>
          </Col>
          {role === 'department_officer' && (
            <Col xs={24} sm={12}>
              <Form.Item name="department" label={t('users.department')} rules={required(t('users.department'))}>
                <Select options={departmentOptions} data-testid="user-department" />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} sm={12}>
            <Form.Item name="phone" label={t('users.phone')}>
              <Input inputMode="tel" data-testid="user-phone" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="canRevealIds" label={t('users.canRevealIds')} valuePropName="checked">
              <Switch data-testid="user-can-reveal" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
