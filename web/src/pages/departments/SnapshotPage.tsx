import { Alert, Button, Card, Descriptions, Flex, Progress, Result, Skeleton, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router';
import { useMe } from '../../api/auth';
import { useDatasetTypes, useSnapshot, type Snapshot } from '../../api/departments';
import { errorText } from '../../api/errors';
import type { Me } from '../../api/types';
import { hasPermission } from '../../access';
import { PageHeader } from '../../components/PageHeader';
import { useLang, useT } from '../../i18n';
import { formatDateTime, formatNumber } from '../../utils/format';
import { SnapshotStatusTag } from './MatchTags';
import { SnapshotCounts } from './SnapshotCounts';
import { SnapshotDecision } from './SnapshotDecision';
import { SnapshotIssues } from './SnapshotIssues';
import { SnapshotRecords } from './SnapshotRecords';

const OFFICES = ['admin', 'city_office', 'county_office'];

/** The server's rule (service.ts mayDecide): the uploader, or an office above, commits or discards an upload. */
function mayDecide(me: Me | undefined, snap: Snapshot): boolean {
  return !!me && (me.username === snap.username || OFFICES.includes(me.role));
}

/** Reading moves with the bytes read; matching runs in a few statements, so the bar shows it as nearly done. */
function ReadingProgress({ snap }: { snap: Snapshot }) {
  const t = useT();
  const p = snap.progress;
  const byBytes = p && p.totalBytes > 0 ? Math.floor((p.bytesRead / p.totalBytes) * 100) : 0;
  const percent = !p ? 0 : p.phase === 'reading' ? Math.min(byBytes, 90) : 95;
  return (
    <Card size="small" data-testid="dept-progress">
      <Flex vertical gap={6} style={{ maxWidth: 640 }}>
        <Typography.Text strong>{t('dept.progress.title')}</Typography.Text>
        <Progress percent={percent} status="active" />
        <Typography.Text type="secondary">
          {p ? `${t(`dept.phase.${p.phase}`)} · ${t('dept.progress.rows', { n: formatNumber(p.rowsRead) })}` : t('dept.progress.waiting')}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

/** 上传详情: one upload's reading and matching, its counts, bad cells, records, and the commit or discard. */
export default function SnapshotPage() {
  const t = useT();
  const [lang] = useLang();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const { data: me } = useMe();
  const { data: snap, error, isLoading } = useSnapshot(id);
  const types = useDatasetTypes();
  if (isLoading) return <Skeleton active />;
  if (!snap) return <Result status="warning" title={errorText(error)} />;

  const dataset = types.data?.find((d) => d.code === snap.datasetType);
  const decide = mayDecide(me, snap);
  const read = snap.status !== 'reading' && snap.status !== 'failed';
  return (
    <>
      <PageHeader
        title={`${dataset ? (lang === 'zh' ? dataset.zh : dataset.en) : snap.datasetName} · ${snap.fileName}`}
        tags={<SnapshotStatusTag status={snap.status} testId="dept-snapshot-status" />}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/departments')}>
            {t('common.back')}
          </Button>
        }
      />
      <Flex vertical gap={12}>
        <Card size="small">
          <Descriptions
            size="small"
            column={{ xs: 1, md: 3 }}
            items={[
              { key: 'asOf', label: t('dept.list.asOf'), children: snap.asOf },
              { key: 'by', label: t('dept.list.uploadedBy'), children: snap.username },
              { key: 'at', label: t('dept.list.createdAt'), children: formatDateTime(snap.createdAt) },
              ...(snap.committedAt ? [{ key: 'committed', label: t('dept.committedAt'), children: formatDateTime(snap.committedAt) }] : []),
              ...(snap.note ? [{ key: 'note', label: t('common.note'), children: snap.note }] : []),
            ]}
          />
        </Card>
        {snap.status === 'reading' && <ReadingProgress snap={snap} />}
        {snap.status === 'failed' && snap.error && (
          <Alert type="error" showIcon title={t('dept.failed')} description={lang === 'zh' ? snap.error.message : snap.error.messageEn} data-testid="dept-failed" />
        )}
        {read && <SnapshotCounts counts={snap.counts} />}
        <SnapshotDecision
          // Remounted when the status changes: the default commit mode depends on the counts the read produced.
          key={snap.status}
          snap={snap}
          canCommit={decide && hasPermission(me, 'departments.upload')}
          canDiscard={decide && (snap.status === 'previewed' || snap.status === 'failed')}
        />
        {snap.status !== 'reading' && <SnapshotIssues snap={snap} />}
        {(snap.status === 'previewed' || snap.status === 'committed') && <SnapshotRecords snap={snap} dataset={dataset} canReveal={me?.canRevealIds ?? false} />}
      </Flex>
    </>
  );
}
