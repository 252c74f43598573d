import { Button, Flex, Grid, Space, Tag, Tooltip, Typography } from 'antd';
import { EnvironmentOutlined, KeyOutlined, LogoutOutlined, MenuOutlined, TranslationOutlined, UserOutlined } from '@ant-design/icons';
import type { Me } from '../api/types';
import { useCodeLabel } from '../api/codes';
import { useLang, useT } from '../i18n';
import { InboxBadge } from '../pages/problems/InboxBadge';

interface Props {
  me: Me;
  onOpenMenu?: (() => void) | undefined;
  onChangePassword: () => void;
  onLogout: () => void;
}

export function HeaderBar({ me, onOpenMenu, onChangePassword, onLogout }: Props) {
  const t = useT();
  const [lang, setLang] = useLang();
  const codeLabel = useCodeLabel();
  const screens = Grid.useBreakpoint();
  const compact = !screens.md;

  return (
    <Flex align="center" justify="space-between" gap={8} style={{ height: '100%' }}>
      <Space size={8}>
        {onOpenMenu && (
          <Button type="text" icon={<MenuOutlined />} onClick={onOpenMenu} aria-label={t('header.menu')} data-testid="menu-toggle" />
        )}
        {compact && <Typography.Text strong>{t('app.name')}</Typography.Text>}
      </Space>
      <Space size={compact ? 4 : 12} wrap={false}>
        {!compact && (
          <Tag icon={<EnvironmentOutlined />} color="blue" data-testid="header-area">
            {me.area.name}
          </Tag>
        )}
        <InboxBadge />
        <Space size={4} data-testid="header-user">
          <UserOutlined />
          <Typography.Text strong>{me.displayName}</Typography.Text>
          {!compact && <Typography.Text type="secondary">{codeLabel('role', me.role)}</Typography.Text>}
        </Space>
        <Button
          type="text"
          size="small"
          icon={<TranslationOutlined />}
          onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
          data-testid="lang-switch"
        >
          {t('lang.switch')}
        </Button>
        <Tooltip title={t('header.changePassword')}>
          <Button
            type="text"
            size="small"
            icon={<KeyOutlined />}
            onClick={onChangePassword}
            aria-label={t('header.changePassword')}
            data-testid="change-password"
          >
            {compact ? null : t('header.changePassword')}
          </Button>
        </Tooltip>
        <Tooltip title={t('header.logout')}>
          <Button type="text" size="small" icon={<LogoutOutlined />} onClick={onLogout} aria-label={t('header.logout')} data-testid="logout">
            {compact ? null : t('header.logout')}
          </Button>
        </Tooltip>
      </Space>
    </Flex>
  );
}
