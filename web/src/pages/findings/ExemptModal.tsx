import { Alert, DatePicker, Form, Input, Modal, Radio, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { reportSaveError, showSuccess } from '../../api/errors';
import { useExempt, type Finding } from '../../api/findings';
import { useT } from '../../i18n';
import { DATE_FORMAT, toDateString } from '../../utils/format';
import { testId } from '../../utils/testId';

interface Props {
  finding: Finding | undefined;
  onClose: () => void;
}

interface Values {
  whole: boolean;
  reason: string;
  validUntil?: Dayjs | null;
}

/** 豁免: accepts one record as it is for one rule, with a reason; the approver is the signed-in user. */
export function ExemptModal({ finding, onClose }: Props) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const exempt = useExempt();
  const memberRule = finding?.memberId != null;

  const submit = async (v: Values) => {
    if (!finding) return;
    try {
      await exempt.mutateAsync({
        ruleCode: finding.ruleCode,
        householdId: finding.householdId,
        memberId: memberRule && !v.whole ? finding.memberId : null,
        reason: v.reason.trim(),
        validUntil: toDateString(v.validUntil ?? null),
      });
      showSuccess(t('exempt.done'));
      onClose();
    } catch (err) {
      reportSaveError(err, { form, mapPath: (path) => (path.length ? [path[path.length - 1]!] : null) });
    }
  };

  return (
    <Modal
      open={finding !== undefined}
      title={t('exempt.title')}
      okText={t('exempt.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={exempt.isPending}
      okButtonProps={testId('exempt-submit')}
      destroyOnHidden
    >
      {finding && (
        <Form<Values> form={form} layout="vertical" initialValues={{ whole: false }} onFinish={(v) => void submit(v)}>
          <Typography.Paragraph>
            {t('exempt.what', {
              rule: `${finding.ruleCode} ${finding.ruleTitleZh}`,
              household: finding.householdNo,
              member: finding.memberName ?? t('findings.wholeHousehold'),
            })}
          </Typography.Paragraph>
          {memberRule && (
            <Form.Item name="whole" label={t('exempt.scope')}>
              <Radio.Group
                options={[
                  { value: false, label: t('exempt.scopeMember', { name: finding.memberName ?? '' }) },
                  { value: true, label: t('exempt.scopeHousehold') },
                ]}
              />
            </Form.Item>
          )}
          <Form.Item
            name="reason"
            label={t('exempt.reason')}
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('exempt.reason') }) }, { max: 500 }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('exempt.reasonHint')} data-testid="exempt-reason" />
          </Form.Item>
          <Form.Item name="validUntil" label={t('exempt.validUntil')} extra={t('exempt.validUntilHint')}>
            <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} data-testid="exempt-valid-until" />
          </Form.Item>
          <Alert type="info" showIcon title={t('exempt.approverHint')} />
        </Form>
      )}
    </Modal>
  );
}
