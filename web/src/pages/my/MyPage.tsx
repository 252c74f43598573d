import { useState } from 'react';
import { Alert, Badge, Button, Card, Drawer, Empty, Flex, List, Tag, Typography } from 'antd';
import { CheckCircleOutlined, FormOutlined, PhoneOutlined, TeamOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useMe } from '../../api/auth';
import { useMyCases, useMyDuty, type MyDuty } from '../../api/duty';
import { hasPermission } from '../../access';
import { HouseholdTypeTag } from '../../components/HouseholdTypeTag';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { CampaignForm } from '../duty/CampaignForm';
import { VisitForm } from '../duty/VisitForm';

type Form = MyDuty['forms']['items'][number];
/** Large touch targets: every row is a button at least 48 px high. */
const ROW = { minHeight: 56, padding: '8px 4px' } as const;

/** 我的任务: the cadre's page on a phone — my households, my visits to do, my campaign forms, my cases waiting. */
export default function MyPage() {
  const t = useT();
  const { data: me } = useMe();
  const { data, isLoading } = useMyDuty();
  const cases = useMyCases(hasPermission(me, 'registry.read'));
  const [visiting, setVisiting] = useState<{ householdId?: number | undefined; areaId?: number | undefined; label: string } | null>(null);
  const [filling, setFilling] = useState<Form | null>(null);
  const questions = (f: Form) => data?.campaigns.find((c) => c.id === f.campaignId)?.questions ?? [];

  return (
    <div style={{ maxWidth: 720, margin: '0 auto' }}>
      <PageHeader title={t('menu.my')} subTitle={data ? t('my.period', { from: data.period.from, to: data.period.to }) : undefined} />
      {data && !data.cadre && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('my.noCadre')} />}
      <Flex vertical gap={12}>
        <Card
          title={
            <span>
              <PhoneOutlined /> {t('my.visitsToDo')} <Badge count={data?.visitsToDo.length ?? 0} showZero color={data?.visitsToDo.length ? 'orange' : 'green'} />
            </span>
          }
          extra={
            <Button type="primary" size="large" onClick={() => setVisiting({ label: t('my.newVisit') })} data-testid="my-new-visit">
              {t('my.newVisit')}
            </Button>
          }
          loading={isLoading}
        >
          <List
            dataSource={data?.visitsToDo ?? []}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('my.allVisited')} /> }}
            renderItem={(v) => (
              <List.Item
                style={{ ...ROW, cursor: 'pointer' }}
                onClick={() => setVisiting({ householdId: v.householdId ?? undefined, areaId: v.areaId ?? undefined, label: v.label })}
                data-testid={`my-todo-${v.kind}-${v.householdId ?? v.areaId}`}
                actions={[<FormOutlined key="go" />]}
              >
                <List.Item.Meta title={v.label} description={v.kind === 'village' ? t('my.villageVisit') : t('my.householdVisit')} />
              </List.Item>
            )}
          />
        </Card>

        <Card
          title={
            <span>
              <FormOutlined /> {t('my.forms')} <Badge count={data?.forms.total ?? 0} showZero color={data?.forms.total ? 'orange' : 'green'} />
            </span>
          }
          loading={isLoading}
        >
          <List
            dataSource={data?.forms.items ?? []}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('my.noForms')} /> }}
            renderItem={(f) => (
              <List.Item style={{ ...ROW, cursor: 'pointer' }} onClick={() => setFilling(f)} data-testid={`my-form-${f.id}`} actions={[<FormOutlined key="go" />]}>
                <List.Item.Meta title={`${f.householdNo} ${f.headName ?? ''}`} description={`${data?.campaigns.find((c) => c.id === f.campaignId)?.title ?? ''} · ${f.villageName}`} />
              </List.Item>
            )}
          />
        </Card>

        <Card
          title={
            <span>
              <CheckCircleOutlined /> {t('my.cases')} <Badge count={cases.data?.total ?? 0} showZero />
            </span>
          }
          loading={cases.isLoading}
        >
          {cases.isError ? (
            <Typography.Text type="secondary">{t('my.casesUnavailable')}</Typography.Text>
          ) : (
            <List
              dataSource={cases.data?.items ?? []}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('my.noCases')} /> }}
              renderItem={(c) => (
                <List.Item style={ROW} data-testid={`my-case-${c.id}`}>
                  <List.Item.Meta
                    title={<Link to={`/monitoring/cases/${c.id}`}>{`${c.householdNo} ${c.headName ?? ''}`}</Link>}
                    description={
                      <>
                        {c.villageName} {c.overdue && <Tag color="red">{t('my.overdue')}</Tag>}
                      </>
                    }
                  />
                </List.Item>
              )}
            />
          )}
        </Card>

        <Card title={<span><TeamOutlined /> {t('my.households')}</span>} loading={isLoading}>
          <List
            dataSource={data?.households ?? []}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('my.noHouseholds')} /> }}
            renderItem={(h) => (
              <List.Item style={ROW} data-testid={`my-household-${h.householdId}`} actions={[h.visitedThisPeriod ? <Tag key="v" color="green">{t('my.visited')}</Tag> : <Tag key="v" color="orange">{t('my.notVisited')}</Tag>]}>
                <List.Item.Meta
                  title={<Link to={`/households/${h.householdId}`}>{`${h.householdNo} ${h.headName ?? ''}`}</Link>}
                  description={
                    <>
                      <HouseholdTypeTag type={h.type} /> {h.villageName} · {t('my.lastVisit')}：{h.lastVisitedOn ?? t('my.never')}
                    </>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
      </Flex>

      <Drawer open={visiting !== null} onClose={() => setVisiting(null)} title={visiting?.label} placement="bottom" size="90%" destroyOnHidden>
        {visiting && <VisitForm householdId={visiting.householdId} areaId={visiting.areaId} chooseCadre={!data?.cadre} onDone={() => setVisiting(null)} />}
      </Drawer>
      <Drawer open={filling !== null} onClose={() => setFilling(null)} title={data?.campaigns.find((c) => c.id === filling?.campaignId)?.title} placement="bottom" size="90%" destroyOnHidden>
        {filling && <CampaignForm task={filling} questions={questions(filling)} onDone={() => setFilling(null)} />}
      </Drawer>
    </div>
  );
}
