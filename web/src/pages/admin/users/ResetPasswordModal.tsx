import { Form, Input, Modal } from 'antd';
import { reportSaveError, showSuccess } from '../../../api/errors';
import { useResetPassword } from '../../../api/users';
import type { User } from '../../../api/types';
import { useT } from '../../../i18n';
import { testId } from '../../../utils/testId';

interface Props {
  user: User | undefined;
  onClose: () => void;
}

export function ResetPasswordModal({ user, onClose }: Props) {
  const t = useT();
  const [form] = Form.useForm<{ password: string }>();
  const reset = useResetPassword();

  const submit = async ({ password }: { password: string }) => {
    if (!user) return;
    try {
      await reset.mutateAsync({ id: user.id, password });
      showSuccess(t('users.resetDone'));
      onClose();
    } catch (err) {
      reportSaveError(err, { form });
    }
  };

  return (
    <Modal
      open={user !== undefined}
      title={user ? `${t('users.resetPassword')}：${user.username}` : ''}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={reset.isPending}
      okButtonProps={testId('reset-password-submit')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" autoComplete="off" onFinish={(v) => void submit(v)}>
        <Form.Item name="password" label={t('users.newPassword')} rules={[{ required: true }, { min: 8, message: t('password.tooShort') }]}>
          <Input.Password autoComplete="new-password" data-testid="reset-password-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
