import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Flex, Progress, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { errorText } from '../../api/errors';
import { importsApi, type ImportJob } from '../../api/imports';
import { useT } from '../../i18n';
import { formatBytes } from './ImportStatusTag';

const ACCEPTED = /\.(xlsx|csv)$/i;

interface Sending {
  name: string;
  loaded: number;
  total: number;
}

/** Step 1: choose a roster file; it is sent as it is (the body of POST /api/imports) with a progress bar. */
export function UploadStep({ onUploaded }: { onUploaded: (job: ImportJob) => void }) {
  const t = useT();
  const [sending, setSending] = useState<Sending | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  // Leaving the page stops an upload in flight.
  useEffect(() => () => abort.current?.abort(), []);

  const start = async (file: File) => {
    if (!ACCEPTED.test(file.name)) {
      setError(t('import.upload.badType'));
      return;
    }
    setError(null);
    const controller = new AbortController();
    abort.current = controller;
    setSending({ name: file.name, loaded: 0, total: file.size });
    try {
      const job = await importsApi.upload(file, {
        signal: controller.signal,
        onProgress: (loaded, total) => setSending({ name: file.name, loaded, total }),
      });
      onUploaded(job);
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') return;
      setError(errorText(err));
      setSending(null);
    }
  };

  const percent = sending && sending.total > 0 ? Math.min(100, Math.floor((sending.loaded / sending.total) * 100)) : 0;

  return (
    <Flex vertical gap={12}>
      <div data-testid="import-upload">
        <Upload.Dragger
          accept=".xlsx,.csv"
          multiple={false}
          showUploadList={false}
          disabled={sending !== null}
          beforeUpload={(file) => {
            void start(file);
            return Upload.LIST_IGNORE;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('import.upload.title')}</p>
          <p className="ant-upload-hint" style={{ padding: '0 12px' }}>
            {t('import.upload.hint')}
          </p>
        </Upload.Dragger>
      </div>
      {sending && (
        <Flex vertical gap={4} data-testid="import-upload-progress">
          <Typography.Text>{t('import.upload.uploading', { name: sending.name })}</Typography.Text>
          <Progress percent={percent} status="active" />
          <Flex justify="space-between" wrap gap={8}>
            <Typography.Text type="secondary">
              {formatBytes(sending.loaded)} / {formatBytes(sending.total)}
            </Typography.Text>
            <Button size="small" onClick={() => {
              abort.current?.abort();
              setSending(null);
            }}>
              {t('common.cancel')}
            </Button>
          </Flex>
        </Flex>
      )}
      {error && <Alert type="error" showIcon title={error} data-testid="import-upload-error" />}
    </Flex>
  );
}
