import { Flex, Progress, Typography } from 'antd';
import type { ImportJob } from '../../api/imports';
import { useT } from '../../i18n';
import { formatNumber } from '../../utils/format';

/**
 * Step 2 (and the commit's wait): what the server is doing. Reading moves with the bytes read (of the sheet's
 * unpacked XML for .xlsx, so they are not shown as sizes); the later phases (checks, comparison, writing) run as
 * whole statements, so the bar shows them as nearly done.
 */
export function ProgressStep({ job }: { job: ImportJob }) {
  const t = useT();
  const p = job.progress;
  const reading = !p || p.phase === 'reading';
  const byBytes = p && p.totalBytes > 0 ? Math.floor((p.bytesRead / p.totalBytes) * 100) : 0;
  const percent = job.status === 'queued' ? 0 : reading ? Math.min(byBytes, 95) : p.phase === 'applying' ? 98 : 96;
  const title = job.status === 'committing' ? t('import.progress.committing') : t('import.progress.title');

  return (
    <Flex vertical gap={8} data-testid="import-progress" style={{ maxWidth: 640 }}>
      <Typography.Text strong>{title}</Typography.Text>
      <Progress percent={percent} status="active" />
      <Typography.Text type="secondary">
        {job.status === 'queued' || !p
          ? t('import.progress.waiting')
          : `${t(`import.phase.${p.phase}`)} · ${t('import.progress.rows', { n: formatNumber(p.rowsRead) })}`}
      </Typography.Text>
    </Flex>
  );
}
