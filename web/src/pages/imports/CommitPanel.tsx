import { useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Flex, Radio, Result, Row, Statistic, Typography } from 'antd';
import { CloudUploadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { errorText } from '../../api/errors';
import { useCommitImport, type CommitMode, type ImportJob } from '../../api/imports';
import { useT } from '../../i18n';
import { formatDateTime } from '../../utils/format';

const MODES: CommitMode[] = ['all_or_nothing', 'valid_only'];

/**
 * Step 4: the choice between "all or nothing" and "valid households only", with what saving by household means,
 * and the server's refusal (409 IMPORT_HAS_ERRORS) in its own words.
 */
export function CommitPanel({ job, editable }: { job: ImportJob; editable: boolean }) {
  const t = useT();
  const errors = job.summary?.errors ?? 0;
  const [mode, setMode] = useState<CommitMode>(errors > 0 ? 'valid_only' : 'all_or_nothing');
  const commit = useCommitImport(job.id);
  const nothingToSave = job.summary !== null && job.summary.households.new + job.summary.households.changed + job.summary.members.new + job.summary.members.changed === 0;

  return (
    <Card size="small" title={t('import.commit.title')} data-testid="import-commit-panel">
      <Flex vertical gap={12}>
        <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as CommitMode)} disabled={!editable}>
          <Flex vertical gap={8}>
            {MODES.map((m) => (
              <Radio key={m} value={m}>
                <span data-testid={`import-commit-mode-${m}`}>
                  <Typography.Text strong>{t(`import.commit.${m}`)}</Typography.Text>
                  <br />
                  <Typography.Text type="secondary">{t(`import.commit.${m}Hint`)}</Typography.Text>
                </span>
              </Radio>
            ))}
          </Flex>
        </Radio.Group>
        <Alert type="info" showIcon title={t('import.commit.unitTitle')} description={t('import.commit.rules', { id: job.id })} />
        {errors > 0 && mode === 'all_or_nothing' && <Alert type="warning" showIcon title={t('import.commit.hasErrors', { n: errors })} />}
        {nothingToSave && <Alert type="info" showIcon title={t('import.commit.nothing')} />}
        {commit.error && (
          <Alert type="error" showIcon title={t('import.commit.refused')} description={errorText(commit.error)} data-testid="import-commit-error" />
        )}
        <Flex justify="flex-end">
          <Button
            type="primary"
            size="large"
            icon={<CloudUploadOutlined />}
            loading={commit.isPending}
            disabled={!editable}
            onClick={() => commit.mutate(mode)}
            data-testid="import-commit"
          >
            {t('import.commit.submit')}
          </Button>
        </Flex>
      </Flex>
    </Card>
  );
}

/** After the commit: what was written, and the audit batch that holds every change. */
export function CommitResult({ job }: { job: ImportJob }) {
  const t = useT();
  const navigate = useNavigate();
  const r = job.result;
  if (!r) return null;
  const stats = [
    { key: 'householdsCreated', titleKey: 'import.result.householdsCreated', value: r.householdsCreated },
    { key: 'householdsUpdated', titleKey: 'import.result.householdsUpdated', value: r.householdsUpdated },
    { key: 'membersCreated', titleKey: 'import.result.membersCreated', value: r.membersCreated },
    { key: 'membersUpdated', titleKey: 'import.result.membersUpdated', value: r.membersUpdated },
  ] as const;
  return (
    <Card size="small" data-testid="import-result">
      <Result
        status="success"
        title={t('import.result.title')}
        subTitle={job.mode ? t(`import.commit.${job.mode}`) : undefined}
        style={{ padding: '16px 0' }}
        extra={[
          <Button key="households" type="primary" onClick={() => navigate('/households')} data-testid="import-to-households">
            {t('import.result.toHouseholds')}
          </Button>,
          <Button key="another" onClick={() => navigate('/imports/new')}>
            {t('import.another')}
          </Button>,
        ]}
      />
      <Row gutter={[8, 8]}>
        {stats.map((s) => (
          <Col key={s.key} xs={12} md={6}>
            <Card size="small">
              <Statistic
                title={t(s.titleKey)}
                value={s.value}
                valueRender={(node) => (
                  <span data-testid={`import-result-${s.key}`} data-value={s.value}>
                    {node}
                  </span>
                )}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        style={{ marginTop: 12 }}
        items={[
          {
            key: 'batch',
            label: t('import.result.batch'),
            children: (
              <Typography.Text code copyable data-testid="import-result-batch">
                {r.batch}
              </Typography.Text>
            ),
          },
          { key: 'finishedAt', label: t('import.result.finishedAt'), children: formatDateTime(job.finishedAt) },
        ]}
      />
    </Card>
  );
}
