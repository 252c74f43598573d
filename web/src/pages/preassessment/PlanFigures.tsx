import { Card, Col, Descriptions, Flex, Progress, Row, Statistic, Typography } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import type { PlanDetail, PlanFigures as Figures } from '../../api/preassessment';
import { useT, type MessageKey } from '../../i18n';
import { formatMoney, formatNumber } from '../../utils/format';

const ROWS: { key: keyof Figures; label: MessageKey; money: boolean }[] = [
  { key: 'households', label: 'pre.detail.households', money: false },
  { key: 'persons', label: 'pre.detail.persons', money: false },
  { key: 'totalGap', label: 'pre.detail.totalGap', money: true },
  { key: 'averagePerCapita', label: 'pre.detail.average', money: true },
  { key: 'lowestPerCapita', label: 'pre.detail.lowest', money: true },
];

function Side({ figures, title, id }: { figures: Figures; title: string; id: string }) {
  const t = useT();
  return (
    <Card size="small" title={title} data-testid={id}>
      <Flex vertical gap={8}>
        {ROWS.map((r) => (
          <Statistic
            key={r.key}
            title={t(r.label)}
            value={r.money ? formatMoney(figures[r.key]) : formatNumber(figures[r.key])}
            data-testid={`${id}-${r.key}`}
          />
        ))}
      </Flex>
    </Card>
  );
}

/** The figures before and after the plan side by side, what it costs, and how the assignment was found. */
export function PlanFigures({ plan }: { plan: PlanDetail }) {
  const t = useT();
  const s = plan.solution;
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
      <Col xs={24} md={8}>
        <Side figures={plan.before} title={t('pre.detail.before')} id="plan-before" />
      </Col>
      <Col xs={0} md={1} style={{ display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
        <ArrowRightOutlined style={{ fontSize: 20, color: '#999' }} />
      </Col>
      <Col xs={24} md={8}>
        <Side figures={plan.after} title={t('pre.detail.after')} id="plan-after" />
      </Col>
      <Col xs={24} md={7}>
        <Card size="small" title={t('pre.detail.used')}>
          <Flex vertical gap={8}>
            <Statistic title={t('pre.detail.closed')} value={`${plan.after.closed ?? 0} / ${plan.before.households}`} data-testid="plan-closed" />
            <Statistic title={t('pre.detail.cost')} value={formatMoney(plan.after.cost ?? 0)} data-testid="plan-cost" />
            <Descriptions
              size="small"
              column={1}
              items={s.used.map((u) => ({
                key: u.key,
                label: u.name,
                children:
                  u.capacity === null ? (
                    `${formatNumber(u.used)} / ${t('pre.detail.unlimited')}`
                  ) : (
                    <Flex vertical style={{ width: '100%' }}>
                      <span>{`${formatNumber(u.used)} / ${formatNumber(u.capacity)}`}</span>
                      <Progress percent={u.capacity ? Math.round((u.used / u.capacity) * 100) : 0} size="small" showInfo={false} />
                    </Flex>
                  ),
              }))}
            />
            <Typography.Text type={s.optimal ? 'success' : 'warning'} data-testid="plan-solution">
              {s.optimal ? t('pre.detail.optimal') : t('pre.detail.heuristic', { most: s.closableAtMost, least: formatMoney(s.costAtLeast) })}
            </Typography.Text>
            <Typography.Text type="secondary">{t('pre.detail.elapsed', { ms: s.elapsedMs })}</Typography.Text>
          </Flex>
        </Card>
      </Col>
    </Row>
  );
}
