import { Breadcrumb, Card, Flex, Select, Typography } from 'antd';
import { useAssessmentList, useAssessmentSummary } from '../../api/assessment';
import { useMe } from '../../api/auth';
import { hasPermission } from '../../access';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { AreaSummaryTable } from './AreaSummaryTable';
import { AssessmentHouseholdTable } from './AssessmentHouseholdTable';
import { RefreshButton } from './RefreshButton';
import { useAssessmentSearch } from './useAssessmentSearch';

/**
 * 达标监测: the household assessment per area (drill down from the city to a village) and the households behind the
 * numbers, with their facts; the city office recomputes an area on a date.
 */
export default function AssessmentPage() {
  const t = useT();
  const { data: me } = useMe();
  const canRefresh = hasPermission(me, 'standards.manage');
  const { filters, page, pageSize, update } = useAssessmentSearch();
  const summary = useAssessmentSummary(filters.areaId, filters.referenceDate);
  const referenceDate = filters.referenceDate ?? summary.data?.referenceDate ?? undefined;
  const list = useAssessmentList({ ...filters, referenceDate }, page, pageSize);

  const area = summary.data?.area;
  const dates = [...new Set([...(summary.data?.storedDates ?? []), ...(referenceDate ? [referenceDate] : [])])].sort().reverse();
  // Areas above the user's own are named but not offered: they would be refused.
  const ancestors = area?.ancestors ?? [];
  const firstInScope = Math.max(0, ancestors.findIndex((a) => a.id === me?.area.id));

  return (
    <>
      <PageHeader
        title={t('menu.assessment')}
        subTitle={t('assessment.title')}
        extra={
          <Flex wrap gap={8} align="center">
            <Typography.Text type="secondary">{t('assessment.referenceDate')}</Typography.Text>
            <Select
              value={referenceDate}
              placeholder={t('assessment.pickDate')}
              options={dates.map((d) => ({ value: d, label: d }))}
              onChange={(on: string) => update({ on })}
              style={{ width: 130 }}
              data-testid="assessment-date"
            />
            {canRefresh && area && <RefreshButton area={area} date={referenceDate} onDone={(on) => update({ on })} />}
          </Flex>
        }
      />
      {ancestors.length > 0 && (
        <Breadcrumb
          style={{ marginBottom: 8 }}
          data-testid="assessment-breadcrumb"
          items={ancestors.map((a, i) => ({
            title:
              i < firstInScope || i === ancestors.length - 1 ? (
                a.name
              ) : (
                <a onClick={() => update({ areaId: a.id, indicator: undefined, status: undefined, anyUnmet: undefined })}>{a.name}</a>
              ),
          }))}
        />
      )}
      <Card
        size="small"
        title={area ? `${t('assessment.summaryTitle')} · ${area.name}` : t('assessment.summaryTitle')}
        extra={<Typography.Text type="secondary">{t('assessment.drillHint')}</Typography.Text>}
        style={{ marginBottom: 12 }}
        data-testid="assessment-summary"
      >
        {summary.data && dates.length === 0 ? <Typography.Text type="secondary">{t('assessment.noDates')}</Typography.Text> : null}
        <AreaSummaryTable summary={summary.data} loading={summary.isFetching} update={update} />
      </Card>
      <Card size="small" title={t('assessment.listTitle')} data-testid="assessment-list">
        <AssessmentHouseholdTable filters={filters} data={list.data} loading={list.isFetching} page={page} pageSize={pageSize} update={update} />
      </Card>
    </>
  );
}
