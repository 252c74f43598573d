import { createBrowserRouter } from 'react-router';
import { BasicLayout } from './layouts/BasicLayout';
import { RoutePage } from './layouts/RoutePage';
import { NotFoundPage } from './layouts/ResultPages';
import LoginPage from './pages/login/LoginPage';
import { pageRoutes } from './routes';

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: <BasicLayout />,
    children: [
      ...pageRoutes().map((route) => ({ path: route.path, element: <RoutePage route={route} /> })),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
