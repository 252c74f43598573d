import { useState } from 'react';
import { Alert, Card, Col, Flex, Row, Select, Skeleton, Typography } from 'antd';
import { Link } from 'react-router';
import { useHouseholdAssessment } from '../../../api/assessment';
import { useT } from '../../../i18n';
import { formatDateTime } from '../../../utils/format';
import { IndicatorTag, indicatorKey, useFactText } from '../../assessment/IndicatorTag';

/**
 * 两不愁三保障及饮水、收入达标情况 of one household: each indicator as a coloured tag with the member and the fact behind
 * anything not met or missing. Its query lives under the household's key, so an edit on this page refreshes it.
 */
export function AssessmentCard({ householdId }: { householdId: number }) {
  const t = useT();
  const factText = useFactText();
  const [on, setOn] = useState<string | undefined>(undefined);
  const { data, isPending } = useHouseholdAssessment(householdId, on);

  const dates = data ? [...new Set([...data.storedDates, data.referenceDate])].sort().reverse() : [];
  const extra = data && dates.length > 0 && (
    <Flex align="center" gap={8}>
      <Typography.Text type="secondary">{t('assessment.referenceDate')}</Typography.Text>
      <Select
        size="small"
        value={data.referenceDate}
        onChange={setOn}
        options={dates.map((d) => ({ value: d, label: d }))}
        style={{ width: 130 }}
        data-testid="assessment-card-date"
      />
      <Link to={`/assessment?on=${data.referenceDate}`}>{t('menu.assessment')}</Link>
    </Flex>
  );

  return (
    <Card size="small" title={t('assessment.title')} extra={extra} style={{ marginBottom: 12 }} data-testid="assessment-card">
      {isPending || !data ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : !data.assessed ? (
        <Alert type="info" showIcon title={t('assessment.notAssessed')} />
      ) : (
        <>
          {!data.stored && <Alert type="warning" showIcon title={t('assessment.notStored')} style={{ marginBottom: 8 }} />}
          <Row gutter={[12, 8]}>
            {data.indicators.map((i) => (
              <Col key={i.code} xs={24} md={12} xl={8} data-testid={`assessment-indicator-${i.code}`}>
                <Flex vertical gap={2}>
                  <span>
                    <Typography.Text strong style={{ marginInlineEnd: 8 }}>
                      {t(indicatorKey(i.code))}
                    </Typography.Text>
                    <IndicatorTag code={i.code} status={i.status} testId={`assessment-status-${i.code}`} />
                  </span>
                  {i.facts.map((f, k) => (
                    <Typography.Text key={k} type={f.status === 'not_met' ? 'danger' : 'secondary'} style={{ fontSize: 12 }} data-testid="assessment-fact">
                      {factText(f)}
                    </Typography.Text>
                  ))}
                </Flex>
              </Col>
            ))}
          </Row>
          {data.computedAt && (
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 8 }}>
              {t('assessment.computedAt', { time: formatDateTime(data.computedAt) })}
            </Typography.Text>
          )}
        </>
      )}
    </Card>
  );
}
