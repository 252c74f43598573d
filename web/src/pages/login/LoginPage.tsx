import { useEffect, useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { LockOutlined, SafetyCertificateOutlined, TranslationOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router';
import { useLogin } from '../../api/auth';
import { errorText } from '../../api/errors';
import { useLang, useT } from '../../i18n';

interface Values {
  username: string;
  password: string;
}

/** Only same-site paths: a redirect parameter must not send a freshly signed-in user to another site. */
function safeRedirect(target: string | null): string {
  return target && target.startsWith('/') && !target.startsWith('//') && !target.startsWith('/login') ? target : '/';
}

export default function LoginPage() {
  const t = useT();
  const [lang, setLang] = useLang();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const login = useLogin();
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    document.title = `${t('login.title')} · ${t('app.fullName')}`;
  }, [t]);

  const submit = (values: Values) => {
    setFailure(null);
    login.mutate(values, {
      onSuccess: () => navigate(safeRedirect(params.get('redirect')), { replace: true }),
      // Shown inline, not as a toast: the reason (wrong password, locked for N minutes) must stay readable.
      onError: (err) => setFailure(errorText(err)),
    });
  };

  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', padding: 16, background: '#f0f2f5' }}>
      <Flex justify="flex-end" style={{ position: 'absolute', top: 12, right: 16 }}>
        <Button type="text" icon={<TranslationOutlined />} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} data-testid="lang-switch">
          {t('lang.switch')}
        </Button>
      </Flex>
      <Flex vertical align="center" gap={4} style={{ marginBottom: 24, textAlign: 'center' }}>
        <SafetyCertificateOutlined style={{ fontSize: 40, color: '#1677ff' }} />
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="product-name">
          {t('app.fullName')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('app.slogan')}</Typography.Text>
      </Flex>
      <Card title={t('login.title')} style={{ width: '100%', maxWidth: 380 }}>
        {failure && (
          <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} data-testid="login-error" role="alert" />
        )}
        <Form<Values> layout="vertical" onFinish={submit} requiredMark={false} size="large">
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
