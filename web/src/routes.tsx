/**
 * The one route table: it builds the router and the side menu, so a page, its menu entry and the permission that
 * guards both are declared together (Ant Design Pro's config/routes convention).
 */
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { AuditOutlined, ControlOutlined, DashboardOutlined, HomeOutlined, ImportOutlined, SafetyCertificateOutlined, SettingOutlined, TeamOutlined } from '@ant-design/icons';
import { FundProjectionScreenOutlined } from '@ant-design/icons';
import { AlertOutlined, FileSearchOutlined, PlayCircleOutlined, ProfileOutlined, SafetyOutlined } from '@ant-design/icons';
import { CloudUploadOutlined, DatabaseOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { BookOutlined, FlagOutlined, InboxOutlined, ToolOutlined } from '@ant-design/icons';
import { BellOutlined, EyeOutlined, LineChartOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { AimOutlined, AuditOutlined as DutyWarningIcon, CarryOutOutlined, IdcardOutlined, MobileOutlined, SolutionOutlined } from '@ant-design/icons';
import type { Permission } from './api/types';
import type { MessageKey } from './i18n';

export interface RouteDef {
  /** Absolute path; for a menu group with children it is only the menu key. */
  path: string;
  titleKey: MessageKey;
  icon?: ReactNode;
  permission?: Permission;
  hideInMenu?: boolean;
  /** For pages hidden from the menu: which entry stays highlighted while they are open. */
  menuKey?: string;
  component?: LazyExoticComponent<ComponentType>;
  children?: RouteDef[];
}

/** The wizard serves both the upload of a new file and one job's later steps. */
const ImportWizardPage = lazy(() => import('./pages/imports/ImportWizardPage'));

export const appRoutes: RouteDef[] = [
  {
    path: '/',
    titleKey: 'menu.overview',
    icon: <DashboardOutlined />,
    permission: 'registry.read',
    component: lazy(() => import('./pages/overview/OverviewPage')),
  },
  {
    path: '/households',
    titleKey: 'menu.households',
    icon: <HomeOutlined />,
    permission: 'registry.read',
    component: lazy(() => import('./pages/households/HouseholdListPage')),
  },
  {
    path: '/households/:id',
    titleKey: 'menu.householdDetail',
    permission: 'registry.read',
    hideInMenu: true,
    menuKey: '/households',
    component: lazy(() => import('./pages/households/detail/HouseholdDetailPage')),
  },
  {
    // 达标监测: the household assessment per area and its households; recomputing is offered to standards.manage inside.
    path: '/assessment',
    titleKey: 'menu.assessment',
    icon: <SafetyCertificateOutlined />,
    permission: 'registry.read',
    component: lazy(() => import('./pages/assessment/AssessmentPage')),
  },
  {
    path: '/imports',
    titleKey: 'menu.imports',
    icon: <ImportOutlined />,
    permission: 'registry.write',
    component: lazy(() => import('./pages/imports/ImportListPage')),
  },
  {
    // Before '/imports/:id' so that "new" is not taken for a job number.
    path: '/imports/new',
    titleKey: 'menu.importNew',
    permission: 'registry.write',
    hideInMenu: true,
    menuKey: '/imports',
    component: ImportWizardPage,
  },
  {
    path: '/imports/:id',
    titleKey: 'menu.importJob',
    permission: 'registry.write',
    hideInMenu: true,
    menuKey: '/imports',
    component: ImportWizardPage,
  },
  {
    // Reading needs registry.read; setting a new value (standards.manage) is offered inside the page.
    path: '/standards',
    titleKey: 'menu.standards',
    icon: <ControlOutlined />,
    permission: 'registry.read',
    component: lazy(() => import('./pages/standards/StandardsPage')),
  },
  {
    // Reading needs registry.read; proposing and accepting plans (assistance.plan) are offered inside the page.
    path: '/preassessment',
    titleKey: 'menu.preassessment',
    icon: <FundProjectionScreenOutlined />,
    permission: 'registry.read',
    component: lazy(() => import('./pages/preassessment/PreassessmentPage')),
  },
  {
    path: '/preassessment/plans/:id',
    titleKey: 'menu.gapPlan',
    permission: 'registry.read',
    hideInMenu: true,
    menuKey: '/preassessment',
    component: lazy(() => import('./pages/preassessment/PlanDetailPage')),
  },
  {
    // 数据核查: reading rules, findings and exemptions needs registry.read; editing (rules.manage), running
    // (rules.run) and exempting (rules.exempt) are offered inside the pages.
    path: '/checks',
    titleKey: 'menu.checks',
    icon: <FileSearchOutlined />,
    children: [
      { path: '/rules', titleKey: 'menu.rules', icon: <ProfileOutlined />, permission: 'registry.read', component: lazy(() => import('./pages/rules/RulesPage')) },
      {
        // Before '/rules/:code' so that "new" is not taken for a rule code.
        path: '/rules/new',
        titleKey: 'menu.ruleNew',
        permission: 'rules.manage',
        hideInMenu: true,
        menuKey: '/rules',
        component: lazy(() => import('./pages/rules/RuleEditorPage')),
      },
      {
        path: '/rules/:code',
        titleKey: 'menu.ruleEdit',
        permission: 'registry.read',
        hideInMenu: true,
        menuKey: '/rules',
        component: lazy(() => import('./pages/rules/RuleEditorPage')),
      },
      { path: '/findings', titleKey: 'menu.findings', icon: <AlertOutlined />, permission: 'registry.read', component: lazy(() => import('./pages/findings/FindingsPage')) },
      { path: '/rule-runs', titleKey: 'menu.ruleRuns', icon: <PlayCircleOutlined />, permission: 'rules.run', component: lazy(() => import('./pages/rules/RunsPage')) },
      {
        path: '/rule-runs/:id',
        titleKey: 'menu.ruleRun',
        permission: 'rules.run',
        hideInMenu: true,
        menuKey: '/rule-runs',
        component: lazy(() => import('./pages/rules/RunPage')),
      },
      { path: '/exemptions', titleKey: 'menu.exemptions', icon: <SafetyOutlined />, permission: 'registry.read', component: lazy(() => import('./pages/findings/ExemptionsPage')) },
      // 整改流程: problems, the inbox, the ledger, supervision and re-checks (web/src/pages/problems).
      { path: '/problems', titleKey: 'menu.problems', icon: <ToolOutlined />, permission: 'registry.read', component: lazy(() => import('./pages/problems/ProblemsPage')) },
      { path: '/inbox', titleKey: 'menu.inbox', icon: <InboxOutlined />, permission: 'registry.read', component: lazy(() => import('./pages/problems/InboxPage')) },
      { path: '/ledger', titleKey: 'menu.ledger', icon: <BookOutlined />, permission: 'registry.read', component: lazy(() => import('./pages/problems/LedgerPage')) },
      { path: '/supervision', titleKey: 'menu.supervision', icon: <FlagOutlined />, permission: 'registry.read', component: lazy(() => import('./pages/problems/SupervisionPage')) },
    ],
  },
  {
    // 防止返贫动态监测: reading needs registry.read; raising warnings, opening cases and doing steps are offered inside
    // the pages to whom the server allows them (domain/monitoring.ts).
    path: '/monitoring-group',
    titleKey: 'menu.monitoring',
    icon: <EyeOutlined />,
    children: [
      { path: '/monitoring', titleKey: 'menu.monitoringOverview', icon: <LineChartOutlined />, permission: 'registry.read', component: lazy(() => import('./pages/monitoring/MonitoringOverviewPage')) },
      { path: '/monitoring/warnings', titleKey: 'menu.monitoringWarnings', icon: <BellOutlined />, permission: 'registry.read', component: lazy(() => import('./pages/monitoring/WarningsPage')) },
      { path: '/monitoring/cases', titleKey: 'menu.monitoringCases', icon: <UnorderedListOutlined />, permission: 'registry.read', component: lazy(() => import('./pages/monitoring/CasesPage')) },
      {
        path: '/monitoring/cases/:id',
        titleKey: 'menu.monitoringCase',
        permission: 'registry.read',
        hideInMenu: true,
        menuKey: '/monitoring/cases',
        component: lazy(() => import('./pages/monitoring/CaseDetailPage')),
      },
    ],
  },
  {
    // 我的任务: the cadre's page on a phone (web/src/pages/my); what it lists depends on the user's linked cadre record.
    path: '/my',
    titleKey: 'menu.my',
    icon: <MobileOutlined />,
    permission: 'registry.read',
    component: lazy(() => import('./pages/my/MyPage')),
  },
  {
    // 帮扶责任 (web/src/pages/duty): reading needs registry.read; managing cadres and campaigns (duty.manage),
    // lock periods and approvals (duty.approve) and recording visits (registry.write) are offered inside the pages.
    path: '/duty-group',
    titleKey: 'menu.duty',
    icon: <SolutionOutlined />,
    children: [
      { path: '/duty/cadres', titleKey: 'menu.dutyCadres', icon: <IdcardOutlined />, permission: 'registry.read', component: lazy(() => import('./pages/duty/CadresPage')) },
      { path: '/duty/warnings', titleKey: 'menu.dutyWarnings', icon: <DutyWarningIcon />, permission: 'registry.read', component: lazy(() => import('./pages/duty/DutyWarningsPage')) },
      { path: '/duty/visits', titleKey: 'menu.dutyVisits', icon: <AimOutlined />, permission: 'registry.read', component: lazy(() => import('./pages/duty/VisitsPage')) },
      { path: '/duty/campaigns', titleKey: 'menu.dutyCampaigns', icon: <CarryOutOutlined />, permission: 'registry.read', component: lazy(() => import('./pages/duty/CampaignsPage')) },
      {
        path: '/duty/campaigns/:id',
        titleKey: 'menu.dutyCampaign',
        permission: 'registry.read',
        hideInMenu: true,
        menuKey: '/duty/campaigns',
        component: lazy(() => import('./pages/duty/CampaignPage')),
      },
    ],
  },
  {
    // 部门数据比对: viewing needs registry.read; uploading (departments.upload) and deciding matches
    // (departments.match) are offered inside the pages.
    path: '/department-data',
    titleKey: 'menu.departments',
    icon: <CloudUploadOutlined />,
    children: [
      { path: '/departments', titleKey: 'menu.departmentData', icon: <DatabaseOutlined />, permission: 'registry.read', component: lazy(() => import('./pages/departments/DepartmentsPage')) },
      { path: '/departments/reviews', titleKey: 'menu.departmentReviews', icon: <UserSwitchOutlined />, permission: 'registry.read', component: lazy(() => import('./pages/departments/ReviewsPage')) },
      {
        path: '/departments/snapshots/:id',
        titleKey: 'menu.departmentSnapshot',
        permission: 'registry.read',
        hideInMenu: true,
        menuKey: '/departments',
        component: lazy(() => import('./pages/departments/SnapshotPage')),
      },
    ],
  },
  {
    path: '/admin',
    titleKey: 'menu.admin',
    icon: <SettingOutlined />,
    children: [
      {
        path: '/admin/users',
        titleKey: 'menu.users',
        icon: <TeamOutlined />,
        permission: 'users.manage',
        component: lazy(() => import('./pages/admin/users/UsersPage')),
      },
      {
        path: '/admin/audit',
        titleKey: 'menu.audit',
        icon: <AuditOutlined />,
        permission: 'audit.read',
        component: lazy(() => import('./pages/admin/audit/AuditPage')),
      },
    ],
  },
];

/** Every route that renders a page, groups flattened away. */
export function pageRoutes(routes: RouteDef[] = appRoutes): RouteDef[] {
  return routes.flatMap((r) => [...(r.component ? [r] : []), ...pageRoutes(r.children ?? [])]);
}
