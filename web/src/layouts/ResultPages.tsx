import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../i18n';

export function NotFoundPage() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('common.notFound')}
      extra={<Button onClick={() => navigate('/')}>{t('common.goHome')}</Button>}
    />
  );
}

export function ForbiddenPage() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title="403"
      subTitle={t('common.forbidden')}
      extra={<Button onClick={() => navigate('/')}>{t('common.goHome')}</Button>}
    />
  );
}
