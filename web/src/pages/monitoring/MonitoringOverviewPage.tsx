import { useMemo, useState } from 'react';
import { Card, Col, DatePicker, Flex, Row, Statistic, Table } from 'antd';
import { Link } from 'react-router';
import { useMe } from '../../api/auth';
import { useCodeLabel } from '../../api/codes';
import { useOverview, type Overview } from '../../api/monitoring';
import { AreaSelect } from '../../components/AreaSelect';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { toDateString } from '../../utils/format';
import { hasPermission } from '../../access';
import { OverviewChart } from './OverviewChart';
import { SettingsCard } from './SettingsCard';

/** 监测对象统计: households and persons monitored on any date, by category, risk type and area; trend; work waiting. */
export default function MonitoringOverviewPage() {
  const t = useT();
  const codeLabel = useCodeLabel();
  const { data: me } = useMe();
  const [areaId, setAreaId] = useState<number | undefined>();
  const [on, setOn] = useState<string | undefined>();
  const q = useOverview({ areaId, on });
  const d = q.data;
  const charts = useMemo(() => {
    if (!d) return null;
    const hp = (rows: { households: number; persons: number }[]) => [
      { name: t('monitoring.households'), data: rows.map((r) => r.households) },
      { name: t('monitoring.personsCount'), data: rows.map((r) => r.persons) },
    ];
    return {
      trend: { labels: d.trend.map((x) => x.on.slice(0, 7)), series: hp(d.trend) },
      category: { labels: d.byCategory.map((x) => codeLabel('monitoringCategory', x.category)), series: hp(d.byCategory) },
      risk: { labels: d.byRiskType.map((x) => codeLabel('monitoringRiskType', x.risk)), series: hp(d.byRiskType) },
      area: { labels: d.byArea.map((x) => x.name), series: hp(d.byArea) },
    };
  }, [d, codeLabel, t]);
  return (
    <>
      <PageHeader
        title={t('menu.monitoringOverview')}
        subTitle={d ? t('monitoring.asOf', { on: d.on, area: d.area.name, h: d.households, p: d.persons }) : undefined}
        extra={
          <Flex gap={8}>
            <div style={{ width: 220 }}>
              <AreaSelect value={areaId} onChange={setAreaId} initialAreas={me ? [me.area] : []} />
            </div>
            <DatePicker placeholder={t('monitoring.asOfDate')} onChange={(v) => setOn(toDateString(v) ?? undefined)} data-testid="overview-date" />
          </Flex>
        }
      />
      <Row gutter={[12, 12]}>
        <Col xs={12} md={4}><Card size="small"><Statistic title={t('monitoring.households')} value={d?.households ?? 0} data-testid="overview-households" /></Card></Col>
        <Col xs={12} md={4}><Card size="small"><Statistic title={t('monitoring.personsCount')} value={d?.persons ?? 0} data-testid="overview-persons" /></Card></Col>
        <Col xs={12} md={4}><Card size="small"><Statistic title={t('monitoring.status.in_procedure')} value={d?.byState.inProcedure ?? 0} /></Card></Col>
        <Col xs={12} md={4}><Card size="small"><Statistic title={t('monitoring.status.eliminated')} value={d?.byState.eliminated ?? 0} /></Card></Col>
        <Col xs={12} md={4}><Card size="small"><Statistic title={t('monitoring.status.rejected')} value={d?.byState.rejected ?? 0} /></Card></Col>
        <Col xs={12} md={4}><Card size="small"><Statistic title={t('monitoring.safetyNetCount')} value={d?.byState.safetyNet ?? 0} /></Card></Col>
        <Col xs={24} lg={12}><Card size="small" title={t('monitoring.trend')}>{charts && <OverviewChart kind="line" {...charts.trend} testId="overview-trend" />}</Card></Col>
        <Col xs={24} lg={12}><Card size="small" title={t('monitoring.byArea')}>{charts && <OverviewChart kind="bar" {...charts.area} />}</Card></Col>
        <Col xs={24} lg={12}><Card size="small" title={t('monitoring.byCategory')}>{charts && <OverviewChart kind="bar" {...charts.category} />}</Card></Col>
        <Col xs={24} lg={12}><Card size="small" title={t('monitoring.byRisk')}>{charts && <OverviewChart kind="bar" {...charts.risk} />}</Card></Col>
        <Col xs={24}>
          <Card size="small" title={t('monitoring.waitingTitle', { limit: d?.limitDays ?? 15 })}>
            <Table<Overview['waiting'][number]>
              rowKey={(w) => `${w.phase}-${w.step}`}
              size="small"
              pagination={false}
              dataSource={d?.waiting ?? []}
              columns={[
                { title: t('monitoring.phaseCol'), dataIndex: 'phase', render: (p: string) => t(`monitoring.phase.${p as 'inclusion'}`) },
                { title: t('monitoring.waitingStep'), dataIndex: 'step', render: (s: string, w) => <Link to={`/monitoring/cases?step=${s}&status=${w.phase === 'inclusion' ? 'in_procedure' : 'eliminating'}`}>{t(`monitoring.step.${s as 'visit'}`)}</Link> },
                { title: t('monitoring.cases'), dataIndex: 'cases', align: 'right' },
                { title: t('monitoring.overdue'), dataIndex: 'overdue', align: 'right' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24}>
          <SettingsCard canEdit={hasPermission(me, 'standards.manage')} />
        </Col>
      </Row>
    </>
  );
}
