import { useState } from 'react';
import { App, Button, Card, Result, Skeleton, Typography } from 'antd';
import { ArrowLeftOutlined, CheckOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router';
import { useMe } from '../../api/auth';
import { isApiError } from '../../api/client';
import { errorText, showError } from '../../api/errors';
import { useAcceptPlan, usePlan, type PlanOutcome } from '../../api/preassessment';
import { hasPermission } from '../../access';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { formatDateTime } from '../../utils/format';
import { testId } from '../../utils/testId';
import { PlanFigures } from './PlanFigures';
import { PlanHouseholdTable } from './PlanHouseholdTable';
import { PlanStatusTag } from './PlanStatusTag';

/** One gap-closing plan: the figures before and after, its households and measures, and accepting it. */
export default function PlanDetailPage() {
  const t = useT();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const { data: me } = useMe();
  const id = Number(useParams().id);
  const [outcome, setOutcome] = useState<PlanOutcome | undefined>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const { data: plan, error, isPending, isFetching } = usePlan(Number.isInteger(id) ? id : 0, { ...paging, outcome });
  const accept = useAcceptPlan();

  if (!Number.isInteger(id) || id <= 0 || (isApiError(error) && error.status === 404)) {
    return <Result status="404" title="404" subTitle={errorText(error)} extra={<Button onClick={() => navigate('/preassessment?tab=plans')}>{t('common.back')}</Button>} />;
  }
  if (isPending || !plan) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }

  const confirmAccept = () =>
    modal.confirm({
      title: t('pre.detail.acceptTitle'),
      content: t('pre.detail.acceptContent', { n: plan.after.closed ?? 0, m: plan.itemCount, start: plan.measuresStartOn }),
      okText: t('pre.detail.accept'),
      cancelText: t('common.cancel'),
      okButtonProps: testId('plan-accept-ok'),
      onOk: () =>
        accept.mutateAsync(plan.id).then(
          (p) => void message.success(t('pre.detail.accepted', { n: p.measuresCreated })),
          (err: unknown) => showError(err),
        ),
    });

  return (
    <>
      <PageHeader
        title={t('pre.detail.title', { id: plan.id })}
        subTitle={t('pre.detail.subTitle', { area: plan.area.name, on: plan.referenceOn, start: plan.measuresStartOn })}
        tags={<PlanStatusTag status={plan.status} />}
        extra={
          <>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/preassessment?tab=plans')}>
              {t('common.back')}
            </Button>
            {plan.status === 'draft' && hasPermission(me, 'assistance.plan') && (
              <Button type="primary" icon={<CheckOutlined />} onClick={confirmAccept} loading={accept.isPending} disabled={(plan.after.closed ?? 0) === 0} data-testid="plan-accept">
                {t('pre.detail.accept')}
              </Button>
            )}
          </>
        }
      />
      {plan.status === 'accepted' && (
        <Typography.Paragraph type="success" data-testid="plan-accepted">
          {t('pre.detail.acceptedBy', { by: plan.acceptedBy ?? '', at: formatDateTime(plan.acceptedAt), n: plan.measuresCreated })}
        </Typography.Paragraph>
      )}
      <PlanFigures plan={plan} />
      <Card size="small">
        <PlanHouseholdTable
          plan={plan}
          outcome={outcome}
          onOutcome={(o) => {
            setOutcome(o);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          paging={paging}
          onPaging={setPaging}
          loading={isFetching}
        />
      </Card>
    </>
  );
}
