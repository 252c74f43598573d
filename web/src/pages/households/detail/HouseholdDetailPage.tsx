import { Breadcrumb, Button, Card, Result, Skeleton, Tabs, Tag } from 'antd';
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useMe } from '../../../api/auth';
import { useCodeLabel } from '../../../api/codes';
import { isApiError } from '../../../api/client';
import { errorText } from '../../../api/errors';
import { useHousehold } from '../../../api/households';
import { useAccess } from '../../../access';
import { HouseholdTypeTag } from '../../../components/HouseholdTypeTag';
import { PageHeader } from '../../../components/PageHeader';
import { useT } from '../../../i18n';
import { AssessmentCard } from './AssessmentCard';
import { FindingsCard } from './FindingsCard';
import { MonitoringCard } from './MonitoringCard';
import { HistoryTab } from './HistoryTab';
import { HouseholdSection } from './HouseholdSection';
import { IncomeTab } from './IncomeTab';
import { MeasuresCard } from './MeasuresCard';
import { MembersTab } from './MembersTab';
import { BASIC_FIELDS, HOUSING_FIELDS, WATER_FIELDS } from './fields';

const TABS = ['basic', 'members', 'housing', 'water', 'income', 'history'] as const;
type TabKey = (typeof TABS)[number];
const SAFE_GRADES = new Set(['A', 'B']);

export default function HouseholdDetailPage() {
  const t = useT();
  const navigate = useNavigate();
  const codeLabel = useCodeLabel();
  const access = useAccess();
  const { data: me } = useMe();
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const tab: TabKey = TABS.find((k) => k === params.get('tab')) ?? 'basic';
  const { data: household, error, isPending, refetch, isFetching } = useHousehold(Number.isInteger(id) ? id : 0);
  const reload = () => refetch();
  // Back to the list as it was (filters live in its URL) when we came from it; to the plain list on a direct visit.
  const goBack = () => ((window.history.state as { idx?: number } | null)?.idx ? navigate(-1) : navigate('/households'));

  if (!Number.isInteger(id) || id <= 0 || (isApiError(error) && error.status === 404)) {
    return <Result status="404" title="404" subTitle={errorText(error)} extra={<Button onClick={() => navigate('/households')}>{t('common.back')}</Button>} />;
  }
  if (isPending) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }
  if (!household) {
    return <Result status="error" title={errorText(error)} extra={<Button onClick={reload}>{t('common.reload')}</Button>} />;
  }

  // The server's ancestors run from the city down and may already end with the village itself.
  const ancestors = household.area.ancestors;
  const path = ancestors.at(-1)?.id === household.area.id ? ancestors : [...ancestors, { id: household.area.id, name: household.area.name }];
  // Areas above the user's own are shown but not linked: listing them would be refused.
  const firstInScope = Math.max(0, path.findIndex((a) => a.id === me?.area.id));
  const head = household.members.find((m) => m.relation === 'head' && !m.endedOn);
  const canEdit = access.canWriteRegistry && !household.endedOn;

  const tabLabel = (key: TabKey) => <span data-testid={`${key}-tab`}>{t(`detail.tab.${key}`)}</span>;
  const items = [
    {
      key: 'basic',
      label: tabLabel('basic'),
      children: <HouseholdSection household={household} defs={BASIC_FIELDS} canEdit={canEdit} testId="household" onReload={reload} />,
    },
    {
      key: 'members',
      label: tabLabel('members'),
      children: <MembersTab household={household} canEdit={canEdit} canReveal={access.canRevealIds} onReload={reload} />,
    },
    {
      key: 'housing',
      label: tabLabel('housing'),
      children: <HouseholdSection household={household} defs={HOUSING_FIELDS} canEdit={canEdit} testId="housing" onReload={reload} />,
    },
    {
      key: 'water',
      label: tabLabel('water'),
      children: <HouseholdSection household={household} defs={WATER_FIELDS} canEdit={canEdit} testId="water" onReload={reload} />,
    },
    { key: 'income', label: tabLabel('income'), children: <IncomeTab household={household} canEdit={canEdit} onReload={reload} /> },
    { key: 'history', label: tabLabel('history'), children: <HistoryTab householdId={household.id} active={tab === 'history'} /> },
  ];

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[
          { title: <Link to="/households">{t('menu.households')}</Link> },
          ...path.map((a, i) => ({ title: i < firstInScope ? a.name : <Link to={`/households?areaId=${a.id}`}>{a.name}</Link> })),
        ]}
        data-testid="household-area-path"
      />
      <PageHeader
        title={
          <span data-testid="household-number">
            {household.householdNo}
            {head ? ` · ${head.name}` : ''}
          </span>
        }
        tags={
          <>
            <HouseholdTypeTag type={household.type} />
            {household.povertyAttribute && <Tag>{codeLabel('povertyAttribute', household.povertyAttribute)}</Tag>}
            {household.mainCause && <Tag>{codeLabel('povertyCause', household.mainCause)}</Tag>}
            {household.housingGrade && (
              <Tag color={SAFE_GRADES.has(household.housingGrade) ? 'green' : 'red'}>{codeLabel('housingGrade', household.housingGrade)}</Tag>
            )}
            {household.endedOn && (
              <Tag color="default" data-testid="household-ended">
                {t('household.ended')} {household.endedOn}
              </Tag>
            )}
          </>
        }
        extra={
          <>
            <Button icon={<ArrowLeftOutlined />} onClick={goBack}>
              {t('common.back')}
            </Button>
            <Button icon={<ReloadOutlined />} loading={isFetching} onClick={reload} data-testid="household-reload">
              {t('common.reload')}
            </Button>
          </>
        }
      />
      <AssessmentCard householdId={household.id} />
      <Card size="small">
        <Tabs
          activeKey={tab}
          items={items}
          onChange={(key) =>
            setParams(
              (prev) => {
                const next = new URLSearchParams(prev);
                if (key === 'basic') next.delete('tab');
                else next.set('tab', key);
                return next;
              },
              { replace: true },
            )
          }
        />
      </Card>
      <MeasuresCard household={household} canEdit={canEdit} />
      <FindingsCard householdId={household.id} />
      {/* Department officers see no monitoring cases (they hold health details). */}
      {me && me.role !== 'department_officer' && <MonitoringCard householdNo={household.householdNo} />}
    </>
  );
}
