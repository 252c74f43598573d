import { Alert, Form, Input, Modal } from 'antd';
import { useChangePassword } from '../api/auth';
import { reportSaveError, showSuccess } from '../api/errors';
import { useT } from '../i18n';

interface Props {
  open: boolean;
  /** When the server demands a new password, the dialog cannot be dismissed. */
  forced: boolean;
  onClose: () => void;
}

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordModal({ open, forced, onClose }: Props) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    // Client-side rules already mark the fields; nothing to send.
    if (!values) return;
    try {
      await change.mutateAsync({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      showSuccess(t('password.changed'));
      form.resetFields();
      onClose();
    } catch (err) {
      reportSaveError(err, { form });
    }
  };

  return (
    <Modal
      open={open}
      title={t('password.title')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={forced ? undefined : onClose}
      closable={!forced}
      mask={{ closable: !forced }}
      keyboard={!forced}
      cancelButtonProps={{ style: forced ? { display: 'none' } : undefined }}
      confirmLoading={change.isPending}
      okButtonProps={{ 'data-testid': 'password-submit' } as Record<string, string>}
      destroyOnHidden
    >
      {forced && <Alert type="warning" showIcon title={t('password.forcedHint')} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" autoComplete="off">
        <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('password.new')} rules={[{ required: true }, { min: 8, message: t('password.tooShort') }]}>
          <Input.Password autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-confirm" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
