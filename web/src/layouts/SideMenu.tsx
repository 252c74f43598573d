import { useMemo } from 'react';
import { Menu, type MenuProps } from 'antd';
import { matchPath, useLocation, useNavigate } from 'react-router';
import { useMe } from '../api/auth';
import { hasPermission } from '../access';
import { useT, type Translate } from '../i18n';
import { appRoutes, pageRoutes, type RouteDef } from '../routes';
import type { Me } from '../api/types';

type MenuItem = NonNullable<MenuProps['items']>[number];

function toMenuItems(routes: RouteDef[], me: Me | undefined, t: Translate): MenuItem[] {
  const items: MenuItem[] = [];
  for (const route of routes) {
    if (route.hideInMenu || !hasPermission(me, route.permission)) continue;
    // Test hook: menu-overview, menu-households, menu-users… (titleKey with the dot replaced).
    const label = <span data-testid={route.titleKey.replace('.', '-')}>{t(route.titleKey)}</span>;
    if (route.children) {
      const children = toMenuItems(route.children, me, t);
      // A group whose every page is forbidden disappears rather than opening onto nothing.
      if (children.length > 0) items.push({ key: route.path, icon: route.icon, label, children });
    } else {
      items.push({ key: route.path, icon: route.icon, label });
    }
  }
  return items;
}

function groupOf(path: string, routes: RouteDef[] = appRoutes): string | undefined {
  return routes.find((r) => r.children?.some((c) => c.path === path))?.path;
}

export function SideMenu({ collapsed, onNavigate }: { collapsed?: boolean; onNavigate?: () => void }) {
  const { data: me } = useMe();
  const t = useT();
  const location = useLocation();
  const navigate = useNavigate();
  const items = useMemo(() => toMenuItems(appRoutes, me, t), [me, t]);

  const current = pageRoutes().find((r) => matchPath(r.path, location.pathname));
  const selected = current ? (current.menuKey ?? current.path) : location.pathname;
  const group = groupOf(selected);

  return (
    <Menu
      mode="inline"
      theme="dark"
      items={items}
      selectedKeys={[selected]}
      defaultOpenKeys={group && !collapsed ? [group] : []}
      onClick={({ key }) => {
        navigate(key);
        onNavigate?.();
      }}
    />
  );
}
