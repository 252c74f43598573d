import { useEffect, useMemo, type ReactNode } from 'react';
import { Alert, Button, Card, Flex, Grid, Popconfirm, Result, Skeleton, Steps } from 'antd';
import { ArrowLeftOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { useMe } from '../../api/auth';
import { isApiError } from '../../api/client';
import { errorText, showError } from '../../api/errors';
import {
  importKeys,
  isActive,
  useCancelImport,
  useImportFields,
  useImportJob,
  useInvalidateRegistry,
  type ImportField,
  type ImportJob,
} from '../../api/imports';
import { PageHeader } from '../../components/PageHeader';
import { useLang, useT } from '../../i18n';
import { formatDateTime } from '../../utils/format';
import { CommitPanel, CommitResult } from './CommitPanel';
import { formatBytes, ImportStatusTag } from './ImportStatusTag';
import { IssueTable } from './IssueTable';
import { MappingPanel } from './MappingPanel';
import { ProgressStep } from './ProgressStep';
import { SampleTable } from './SampleTable';
import { SummaryCards } from './SummaryCards';
import { UploadStep } from './UploadStep';

/** Upload → check (polled) → review → commit: the step each status belongs to. */
function stepOf(job: ImportJob | undefined): number {
  if (!job) return 0;
  switch (job.status) {
    case 'queued':
    case 'reading':
      return 1;
    case 'previewed':
    case 'failed':
    case 'cancelled':
      return 2;
    case 'committing':
    case 'committed':
      return 3;
  }
}

const CANCELLABLE = new Set(['queued', 'previewed', 'failed']);

/** The import wizard: `/imports/new` uploads a file, `/imports/:id` follows one job to its commit. */
export default function ImportWizardPage() {
  const t = useT();
  const [lang] = useLang();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const raw = useParams().id;
  const isNew = raw === undefined;
  const id = raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : 0;
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  const { data: job, error, isPending } = useImportJob(id);
  const fieldsQuery = useImportFields();
  const cancel = useCancelImport(id);
  const invalidateRegistry = useInvalidateRegistry();

  const committed = job?.status === 'committed';
  useEffect(() => {
    // The registry changed under every cached list and statistic (once per commit, hence the one dependency).
    if (committed) void invalidateRegistry();
  }, [committed]);

  const fields = useMemo(() => fieldsQuery.data?.fields ?? [], [fieldsQuery.data]);
  const fieldLabel = useMemo(() => {
    const byKey = new Map(fields.map((f) => [f.key, f]));
    return (key: string) => {
      const f = byKey.get(key);
      return f ? (lang === 'zh' ? f.label : f.labelEn) : key;
    };
  }, [fields, lang]);

  if (!isNew && (id === 0 || (isApiError(error) && error.status === 404))) {
    return (
      <Result
        status="404"
        title={t('import.notFound')}
        subTitle={error ? errorText(error) : undefined}
        extra={<Button onClick={() => navigate('/imports')}>{t('import.back')}</Button>}
      />
    );
  }

  const editable = job !== undefined && job.createdBy === me?.username;
  const step = stepOf(job);
  const stepStatus = job?.status === 'failed' ? 'error' : committed ? 'finish' : 'process';
  const stepItems = (['upload', 'check', 'preview', 'commit'] as const).map((key) => ({ key, title: t(`import.step.${key}`) }));

  const header = (
    <PageHeader
      title={isNew ? t('import.new') : t('import.jobTitle', { id })}
      subTitle={job ? `${job.fileName} · ${formatBytes(job.fileSize)} · ${job.createdBy} · ${formatDateTime(job.createdAt)}` : undefined}
      tags={job && <ImportStatusTag status={job.status} testId="import-status" />}
      extra={
        <>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/imports')}>
            {t('import.back')}
          </Button>
          {job && editable && CANCELLABLE.has(job.status) && (
            <Popconfirm
              title={t('import.cancelConfirm')}
              okText={t('common.ok')}
              cancelText={t('common.cancel')}
              onConfirm={() => cancel.mutate(undefined, { onError: (err) => showError(err) })}
            >
              <Button icon={<StopOutlined />} loading={cancel.isPending} data-testid="import-cancel">
                {t('import.cancel')}
              </Button>
            </Popconfirm>
          )}
          {job && !isActive(job.status) && (
            <Button icon={<PlusOutlined />} onClick={() => navigate('/imports/new')} data-testid="import-upload-another">
              {t('import.another')}
            </Button>
          )}
        </>
      }
    />
  );

  const steps = (
    <Card size="small">
      <Steps current={step} status={stepStatus} items={stepItems} orientation={narrow ? 'vertical' : 'horizontal'} size="small" />
    </Card>
  );

  let body: ReactNode;
  if (isNew) {
    body = (
      <Card size="small">
        <UploadStep
          onUploaded={(created) => {
            queryClient.setQueryData(importKeys.job(created.id), created);
            void queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
            navigate(`/imports/${created.id}`, { replace: true });
          }}
        />
      </Card>
    );
  } else if (isPending || !job) {
    body = error ? (
      <Result status="error" title={errorText(error)} />
    ) : (
      <Card>
        <Skeleton active paragraph={{ rows: 6 }} />
      </Card>
    );
  } else {
    body = <JobBody key={job.id} job={job} editable={editable} fieldLabel={fieldLabel} fields={fields} />;
  }

  return (
    <>
      {header}
      <Flex vertical gap={12}>
        {steps}
        {body}
      </Flex>
    </>
  );
}

interface BodyProps {
  job: ImportJob;
  editable: boolean;
  fields: ImportField[];
  fieldLabel: (key: string) => string;
}

function JobBody({ job, editable, fields, fieldLabel }: BodyProps) {
  const t = useT();
  const [lang] = useLang();
  const navigate = useNavigate();
  const failure = job.failure && (
    <Alert
      type="error"
      showIcon
      title={job.status === 'failed' ? t('import.failed') : t('import.commit.failed')}
      description={lang === 'zh' ? job.failure.message : job.failure.messageEn}
      data-testid="import-failure"
    />
  );
  const summary = job.summary && (
    <Card size="small" title={t('import.summary.title')}>
      <SummaryCards summary={job.summary} />
    </Card>
  );
  // The run's end time keys the choices: after a re-check they start again from what the server applied.
  const layout = job.columns.length > 0 && fields.length > 0 && (
    <MappingPanel key={`${job.finishedAt ?? ''}`} job={job} fields={fields} editable={editable} />
  );

  switch (job.status) {
    case 'queued':
    case 'reading':
    case 'committing':
      return (
        <Flex vertical gap={12}>
          <Card size="small">
            <ProgressStep job={job} />
          </Card>
          {job.status === 'committing' && summary}
        </Flex>
      );
    case 'failed':
      return (
        <Flex vertical gap={12}>
          {failure}
          {layout}
        </Flex>
      );
    case 'cancelled':
      return (
        <Card size="small">
          <Result
            status="info"
            title={t('import.cancelled')}
            extra={
              <Button type="primary" onClick={() => navigate('/imports/new')}>
                {t('import.another')}
              </Button>
            }
          />
        </Card>
      );
    case 'committed':
      return (
        <Flex vertical gap={12}>
          <CommitResult job={job} />
          {summary}
          {(job.summary?.errors ?? 0) + (job.summary?.warnings ?? 0) > 0 && <IssueTable job={job} fieldLabel={fieldLabel} />}
        </Flex>
      );
    case 'previewed':
      return (
        <Flex vertical gap={12}>
          {failure}
          {layout}
          {summary}
          <IssueTable job={job} fieldLabel={fieldLabel} />
          <SampleTable samples={job.samples} severalSheets={job.selectedSheets.length > 1} />
          <CommitPanel job={job} editable={editable} />
        </Flex>
      );
  }
}
