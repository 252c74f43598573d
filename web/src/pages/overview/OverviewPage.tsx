import { useMemo } from 'react';
import { Card, Col, Empty, Row, Skeleton, Statistic, Typography } from 'antd';
import { HomeOutlined, TeamOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useMe } from '../../api/auth';
import { useCodeLabel } from '../../api/codes';
import { useOverview } from '../../api/stats';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { AreaBarChart } from './AreaBarChart';

export default function OverviewPage() {
  const t = useT();
  const navigate = useNavigate();
  const codeLabel = useCodeLabel();
  const { data: me } = useMe();
  const { data, isPending } = useOverview();
  const bars = useMemo(() => (data?.children ?? []).map((c) => ({ id: c.id, name: c.name, value: c.households })), [data]);

  return (
    <>
      <PageHeader title={t('menu.overview')} subTitle={me?.area.name} />
      {isPending || !data ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : (
        <Row gutter={[12, 12]}>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('overview.households')} value={data.households} prefix={<HomeOutlined />} data-testid="overview-households" />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('overview.members')} value={data.members} prefix={<TeamOutlined />} data-testid="overview-members" />
            </Card>
          </Col>
          {data.byType.map((row) => (
            <Col xs={12} md={4} key={row.code}>
              <Card size="small">
                <Statistic title={codeLabel('householdType', row.code)} value={row.households} data-testid={`overview-type-${row.code}`} />
              </Card>
            </Col>
          ))}
          <Col span={24}>
            <Card size="small" title={t('overview.byChild')} extra={<Typography.Text type="secondary">{t('overview.chartHint')}</Typography.Text>}>
              {bars.length === 0 ? (
                <Empty />
              ) : (
                <AreaBarChart
                  data={bars}
                  seriesName={t('overview.households')}
                  onSelect={(id) => navigate(`/households?areaId=${id}`)}
                />
              )}
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
