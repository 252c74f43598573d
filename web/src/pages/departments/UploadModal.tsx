import { useEffect, useRef, useState } from 'react';
import { Alert, Button, DatePicker, Flex, Form, Input, Modal, Progress, Typography, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router';
import { departmentsApi, type DatasetType } from '../../api/departments';
import { errorText } from '../../api/errors';
import { useLang, useT } from '../../i18n';
import { DATE_FORMAT, formatNumber } from '../../utils/format';

const ACCEPTED = /\.(xlsx|csv)$/i;

interface Values {
  asOf: Dayjs;
  note?: string;
}

/**
 * 上传部门数据: the as-of date the list describes, an optional note and the file, sent as it is (the body of
 * POST /api/departments/snapshots); the snapshot page then follows the reading and matching.
 */
export function UploadModal({ dataset, onClose }: { dataset: DatasetType | null; onClose: () => void }) {
  const t = useT();
  const [lang] = useLang();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [file, setFile] = useState<File | null>(null);
  const [sent, setSent] = useState<{ loaded: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const close = () => {
    abort.current?.abort();
    setFile(null);
    setSent(null);
    setError(null);
    onClose();
  };

  const submit = async () => {
    if (!dataset) return;
    const values = await form.validateFields();
    if (!file) {
      setError(t('dept.upload.noFile'));
      return;
    }
    setError(null);
    const controller = new AbortController();
    abort.current = controller;
    setSent({ loaded: 0, total: file.size });
    try {
      const snap = await departmentsApi.upload({
        datasetType: dataset.code,
        asOf: values.asOf.format(DATE_FORMAT),
        note: values.note?.trim() || undefined,
        file,
        signal: controller.signal,
        onProgress: (loaded, total) => setSent({ loaded, total }),
      });
      close();
      navigate(`/departments/snapshots/${snap.id}`);
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') return;
      setError(errorText(err));
      setSent(null);
    }
  };

  const percent = sent && sent.total > 0 ? Math.min(100, Math.floor((sent.loaded / sent.total) * 100)) : 0;
  return (
    <Modal
      open={dataset !== null}
      title={dataset ? t('dept.upload.title', { name: lang === 'zh' ? dataset.zh : dataset.en }) : ''}
      onCancel={close}
      onOk={() => void submit()}
      okText={t('dept.upload.submit')}
      confirmLoading={sent !== null}
      okButtonProps={{ 'data-testid': 'dept-upload-submit' } as never}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ asOf: dayjs() }} preserve={false}>
        <Form.Item name="asOf" label={t('dept.upload.asOf')} extra={t('dept.upload.asOfHint')} rules={[{ required: true, message: t('common.required', { field: t('dept.upload.asOf') }) }]}>
          <DatePicker format={DATE_FORMAT} allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="dept-upload-asof" />
        </Form.Item>
        <Form.Item name="note" label={t('common.note')}>
          <Input.TextArea rows={2} maxLength={500} data-testid="dept-upload-note" />
        </Form.Item>
        <Form.Item label={t('dept.upload.file')} required extra={t('dept.upload.fileHint')}>
          <div data-testid="dept-upload-file">
            <Upload
              accept=".xlsx,.csv"
              multiple={false}
              showUploadList={false}
              disabled={sent !== null}
              beforeUpload={(f) => {
                if (ACCEPTED.test(f.name)) {
                  setFile(f);
                  setError(null);
                } else setError(t('dept.upload.badType'));
                return Upload.LIST_IGNORE;
              }}
            >
              <Button icon={<UploadOutlined />}>{t('dept.upload.choose')}</Button>
            </Upload>
          </div>
          {file && (
            <Typography.Text style={{ display: 'block', marginTop: 6 }} data-testid="dept-upload-chosen">
              <PaperClipOutlined /> {file.name}（{formatNumber(Math.ceil(file.size / 1024))} KB）
            </Typography.Text>
          )}
        </Form.Item>
      </Form>
      <Flex vertical gap={8}>
        {sent && <Progress percent={percent} status="active" />}
        {error && <Alert type="error" showIcon title={error} data-testid="dept-upload-error" />}
      </Flex>
    </Modal>
  );
}
