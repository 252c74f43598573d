import { useEffect } from 'react';
import { App as AntdApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { setUnauthorizedHandler } from './api/client';
import { bindFeedback } from './api/errors';
import { I18nProvider, useLang } from './i18n';
import { queryClient } from './queryClient';
import { router } from './router';

setUnauthorizedHandler(() => {
  const { pathname, search } = window.location;
  if (pathname === '/login') return;
  void router.navigate(`/login?redirect=${encodeURIComponent(pathname + search)}`, { replace: true });
  // The session is gone: nothing cached under it may be shown to whoever signs in next.
  queryClient.removeQueries();
});

/** Hands antd's context-aware message/modal to the error module, which lives outside React. */
function FeedbackBridge() {
  const { message, modal } = AntdApp.useApp();
  useEffect(() => bindFeedback(message, modal), [message, modal]);
  return null;
}

function LocalisedApp() {
  const [lang] = useLang();
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={{ token: { borderRadius: 4 } }}>
      <AntdApp>
        <FeedbackBridge />
        <RouterProvider router={router} />
      </AntdApp>
    </ConfigProvider>
  );
}

export function AppRoot() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <LocalisedApp />
      </I18nProvider>
    </QueryClientProvider>
  );
}
