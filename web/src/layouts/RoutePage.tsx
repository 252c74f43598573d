import { Suspense, useEffect } from 'react';
import { Flex, Spin } from 'antd';
import { useMe } from '../api/auth';
import { hasPermission } from '../access';
import { useT } from '../i18n';
import type { RouteDef } from '../routes';
import { ForbiddenPage } from './ResultPages';

export function PageSpinner() {
  return (
    <Flex justify="center" align="center" style={{ minHeight: 240 }}>
      <Spin size="large" />
    </Flex>
  );
}

/** Renders one page of the route table behind its permission, and names the browser tab after it. */
export function RoutePage({ route }: { route: RouteDef }) {
  const { data: me } = useMe();
  const t = useT();
  const title = t(route.titleKey);
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);

  if (!hasPermission(me, route.permission)) return <ForbiddenPage />;
  const Page = route.component;
  if (!Page) return null;
  return (
    <Suspense fallback={<PageSpinner />}>
      <Page />
    </Suspense>
  );
}
