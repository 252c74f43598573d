import { Tag } from 'antd';
import { LoadingOutlined } from '@ant-design/icons';
import { isActive, type ImportStatus } from '../../api/imports';
import { useT } from '../../i18n';

const COLOURS: Record<ImportStatus, string> = {
  queued: 'default',
  reading: 'processing',
  previewed: 'blue',
  committing: 'processing',
  committed: 'success',
  failed: 'error',
  cancelled: 'default',
};

/** A job's status; `data-status` carries the raw value for tests. */
export function ImportStatusTag({ status, testId }: { status: ImportStatus; testId?: string }) {
  const t = useT();
  return (
    <Tag color={COLOURS[status]} icon={isActive(status) ? <LoadingOutlined /> : undefined} data-testid={testId} data-status={status}>
      {t(`import.status.${status}`)}
    </Tag>
  );
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
