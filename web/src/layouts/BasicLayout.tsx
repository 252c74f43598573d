import { useState } from 'react';
import { Drawer, Grid, Layout, Result, Button, Typography, theme } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useLogout, useMe } from '../api/auth';
import { isApiError } from '../api/client';
import { errorText } from '../api/errors';
import { ChangePasswordModal } from '../components/ChangePasswordModal';
import { useT } from '../i18n';
import { HeaderBar } from './HeaderBar';
import { PageSpinner } from './RoutePage';
import { SideMenu } from './SideMenu';

const SIDER_WIDTH = 208;

function Logo({ collapsed }: { collapsed: boolean }) {
  const t = useT();
  return (
    <div style={{ height: 56, display: 'flex', alignItems: 'center', gap: 8, padding: '0 20px', color: '#fff', overflow: 'hidden' }}>
      <SafetyCertificateOutlined style={{ fontSize: 22, color: '#1677ff' }} />
      {!collapsed && (
        <Typography.Text strong style={{ color: '#fff', fontSize: 16, whiteSpace: 'nowrap' }}>
          {t('app.name')}
        </Typography.Text>
      )}
    </div>
  );
}

/** Ant Design Pro's side-menu layout; below the md breakpoint the menu moves into a drawer. */
export function BasicLayout() {
  const t = useT();
  const location = useLocation();
  const navigate = useNavigate();
  const { data: me, error, isPending, refetch } = useMe();
  const logout = useLogout();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const { token } = theme.useToken();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);
  // useBreakpoint is empty on the first render; treat "unknown" as desktop to avoid a drawer flash on wide screens.
  const mobile = screens.md === false;

  if (isPending) return <PageSpinner />;
  if (error || !me) {
    if (isApiError(error) && error.status === 401) {
      return <Navigate to={`/login?redirect=${encodeURIComponent(location.pathname + location.search)}`} replace />;
    }
    return (
      <Result status="error" title={errorText(error)} extra={<Button onClick={() => void refetch()}>{t('common.reload')}</Button>} />
    );
  }

  const doLogout = () =>
    logout.mutate(undefined, {
      onSettled: () => {
        navigate('/login', { replace: true });
        // Cleared once this layout is gone, so its queries do not refetch (and get a 401) on the way out.
        setTimeout(() => queryClient.clear(), 0);
      },
    });

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {mobile ? (
        <Drawer
          open={drawerOpen}
          placement="left"
          size={SIDER_WIDTH + 32}
          onClose={() => setDrawerOpen(false)}
          closable={false}
          styles={{ body: { padding: 0, background: '#001529' } }}
        >
          <Logo collapsed={false} />
          <SideMenu onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      ) : (
        <Layout.Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          width={SIDER_WIDTH}
          style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
        >
          <Logo collapsed={collapsed} />
          <SideMenu collapsed={collapsed} />
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            padding: mobile ? '0 8px' : '0 16px',
            height: 56,
            lineHeight: '56px',
            boxShadow: '0 1px 4px rgba(0, 21, 41, 0.08)',
            position: 'sticky',
            top: 0,
            zIndex: 10,
          }}
        >
          <HeaderBar
            me={me}
            onOpenMenu={mobile ? () => setDrawerOpen(true) : undefined}
            onChangePassword={() => setPasswordOpen(true)}
            onLogout={doLogout}
          />
        </Layout.Header>
        <Layout.Content style={{ margin: mobile ? 8 : 16, minWidth: 0 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
      <ChangePasswordModal
        open={passwordOpen || me.mustChangePassword}
        forced={me.mustChangePassword}
        onClose={() => setPasswordOpen(false)}
      />
    </Layout>
  );
}
