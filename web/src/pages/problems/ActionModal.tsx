import { useEffect, useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Upload, type UploadFile } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { ACTION_FIELDS, type ActionBody, type AttachmentUpload, type ProblemAction } from '../../api/problems';
import { useT } from '../../i18n';
import { DATE_FORMAT, toDateString } from '../../utils/format';

const MAX_BYTES = 2 * 1024 * 1024;
const ACCEPT = 'image/jpeg,image/png,image/webp,application/pdf,text/plain,.docx,.xlsx';

interface Props {
  action: ProblemAction | undefined;
  /** How many problems the step applies to (bulk); attachments only go with one. */
  count?: number;
  busy: boolean;
  onSubmit: (body: ActionBody) => void;
  onClose: () => void;
}

async function toUpload(file: File): Promise<AttachmentUpload> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  const type = file.type || (file.name.endsWith('.docx') ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  return { fileName: file.name, contentType: type, dataBase64: btoa(binary) };
}

/** The fields one workflow step needs (reason, deadline, evidence) and optional attachments. */
export function ActionModal({ action, count = 1, busy, onSubmit, onClose }: Props) {
  const t = useT();
  const [form] = Form.useForm();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [tooBig, setTooBig] = useState<string | null>(null);
  useEffect(() => {
    if (action) {
      form.resetFields();
      setFiles([]);
      setTooBig(null);
    }
  }, [action, form]);
  if (!action) return null;
  const fields = ACTION_FIELDS[action];
  const attachable = count === 1 && (action === 'reject' || action === 'rectify');

  const submit = async () => {
    const v = (await form.validateFields()) as { reason?: string; deadline?: Parameters<typeof toDateString>[0]; evidence?: string };
    const attachments = attachable && files.length ? await Promise.all(files.map((f) => toUpload(f.originFileObj as File))) : undefined;
    onSubmit({ action, reason: v.reason?.trim() || undefined, deadline: toDateString(v.deadline) ?? undefined, evidence: v.evidence?.trim() || undefined, attachments });
  };

  return (
    <Modal
      open
      title={count > 1 ? t('problems.bulkTitle', { action: t(`problems.action.${action}`), n: count }) : t(`problems.action.${action}`)}
      okText={t('common.ok')}
      onOk={() => void submit()}
      confirmLoading={busy}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'problem-action-ok' } as never}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        {(fields.includes('reason') || action === 'close_off' || action === 'confirm' || action === 'accept_rejection') && (
          <Form.Item
            name="reason"
            label={t(action === 'reject' ? 'problems.explanation' : 'problems.reason')}
            rules={fields.includes('reason') ? [{ required: true, whitespace: true, message: t('problems.required') }] : []}
          >
            <Input.TextArea rows={3} maxLength={1000} data-testid="problem-action-reason" />
          </Form.Item>
        )}
        {fields.includes('deadline') && (
          <Form.Item name="deadline" label={t('problems.deadline')} rules={[{ required: true, message: t('problems.required') }]}>
            <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} data-testid="problem-action-deadline" />
          </Form.Item>
        )}
        {fields.includes('evidence') && (
          <Form.Item name="evidence" label={t('problems.evidence')} rules={[{ required: true, whitespace: true, message: t('problems.required') }]}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="problem-action-evidence" />
          </Form.Item>
        )}
        {attachable && (
          <Form.Item label={t('problems.attachments')} extra={t('problems.attachmentsHint')}>
            <Upload
              accept={ACCEPT}
              multiple
              maxCount={5}
              fileList={files}
              beforeUpload={(file) => {
                if (file.size > MAX_BYTES) {
                  setTooBig(file.name);
                  return Upload.LIST_IGNORE;
                }
                return false;
              }}
              onChange={({ fileList }) => setFiles(fileList)}
            >
              <a data-testid="problem-action-attach">
                <PaperClipOutlined /> {t('problems.attach')}
              </a>
            </Upload>
            {tooBig && <Alert type="error" showIcon title={t('problems.tooBig', { name: tooBig })} />}
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
