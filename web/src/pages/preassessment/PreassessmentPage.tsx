import { useState } from 'react';
import { Button, Card, Col, DatePicker, Form, Row, Tabs, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useSearchParams } from 'react-router';
import { useMe } from '../../api/auth';
import { useBelowLineSummary } from '../../api/preassessment';
import { hasPermission } from '../../access';
import { AreaSelect } from '../../components/AreaSelect';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { DATE_FORMAT, toDateString } from '../../utils/format';
import { BelowLineTable } from './BelowLineTable';
import { PlanFormModal } from './PlanFormModal';
import { PlansTable } from './PlansTable';
import { SummaryPanel } from './SummaryPanel';

const TABS = ['list', 'plans'] as const;

/**
 * 收入预评估: households whose income, projected to a year from the recorded period, falls below the standard —
 * summed by area and cause, listed with filters and export — and the gap-closing plans made for them.
 */
export default function PreassessmentPage() {
  const t = useT();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const canPlan = hasPermission(me, 'assistance.plan');
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((k) => k === params.get('tab')) ?? 'list';
  const areaId = params.get('areaId') ? Number(params.get('areaId')) : undefined;
  const on = params.get('on') ?? toDateString(dayjs())!;
  const [planning, setPlanning] = useState(false);
  const summary = useBelowLineSummary(areaId, on);
  const area = summary.data?.area;

  const set = (changes: Record<string, string | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v === undefined || v === '') next.delete(k);
          else next.set(k, v);
        }
        return next;
      },
      { replace: true },
    );

  return (
    <>
      <PageHeader
        title={t('menu.preassessment')}
        subTitle={area ? t('pre.subTitle', { area: area.name, date: on }) : undefined}
        extra={
          canPlan && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setPlanning(true)} disabled={!area} data-testid="plan-new">
              {t('pre.plan.new')}
            </Button>
          )
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form layout="vertical">
          <Row gutter={[8, 0]}>
            <Col xs={24} sm={14} lg={8}>
              <Form.Item label={t('pre.area')} style={{ marginBottom: 0 }}>
                <div data-testid="pre-area">
                  <AreaSelect value={areaId ?? area?.id ?? me?.area.id} onChange={(id) => set({ areaId: id ? String(id) : undefined })} initialAreas={[...(me ? [me.area] : []), ...(area ? [area] : [])]} />
                </div>
              </Form.Item>
            </Col>
            <Col xs={24} sm={10} lg={6}>
              <Form.Item label={t('pre.on')} style={{ marginBottom: 0 }}>
                <DatePicker
                  value={dayjs(on)}
                  format={DATE_FORMAT}
                  allowClear={false}
                  onChange={(d: Dayjs | null) => d && set({ on: toDateString(d) ?? undefined })}
                  style={{ width: '100%' }}
                  data-testid="pre-date"
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('pre.method')}
        </Typography.Paragraph>
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(key) => set({ tab: key === 'list' ? undefined : key })}
        items={[
          {
            key: 'list',
            label: <span data-testid="pre-tab-list">{t('pre.tab.list')}</span>,
            children: (
              <>
                <SummaryPanel summary={summary.data} loading={summary.isFetching} onArea={(id) => set({ areaId: String(id) })} />
                <BelowLineTable areaId={areaId} on={on} />
              </>
            ),
          },
          { key: 'plans', label: <span data-testid="pre-tab-plans">{t('pre.tab.plans')}</span>, children: <PlansTable /> },
        ]}
      />
      {area && (
        <PlanFormModal
          open={planning}
          area={area}
          on={on}
          onClose={() => setPlanning(false)}
          onCreated={(id) => {
            setPlanning(false);
            navigate(`/preassessment/plans/${id}`);
          }}
        />
      )}
    </>
  );
}
