import { DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useNavigate } from 'react-router';
import { useCodeOptions } from '../../api/codes';
import { showError } from '../../api/errors';
import { monitoringApi, useMonitoringMutation, type NewCase, type Warning } from '../../api/monitoring';
import { useT } from '../../i18n';
import { toDateString } from '../../utils/format';
import { HouseholdPicker } from './HouseholdPicker';

interface Props {
  open: boolean;
  /** Turning a warning into a case; without it the household is chosen here (e.g. a hotline call). */
  warning?: Warning | null;
  onClose: () => void;
}

/** 启动纳入程序: category, one to five risk types (灾害 needs its kind, 其他 a note), identification date and income. */
export function CaseForm({ open, warning, onClose }: Props) {
  const t = useT();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const risks = Form.useWatch<string[] | undefined>('riskTypes', form) ?? [];
  const sources = useCodeOptions('warningSource');
  const categories = useCodeOptions('monitoringCategory');
  const riskOptions = useCodeOptions('monitoringRiskType');
  const disasters = useCodeOptions('disasterKind');
  const save = useMonitoringMutation((body: NewCase) => monitoringApi.open(body));
  const submit = async () => {
    const v = await form.validateFields();
    const body: NewCase = {
      ...(warning ? { warningId: warning.id } : { householdId: v.householdId, source: v.source }),
      category: v.category,
      riskTypes: v.riskTypes,
      disasterKind: v.disasterKind ?? null,
      otherNote: v.otherNote ?? null,
      identifiedOn: toDateString(v.identifiedOn)!,
      openedOn: toDateString(v.openedOn) ?? undefined,
      incomeAtIdentification: v.incomeAtIdentification,
    };
    save.mutate(body, {
      onSuccess: (c) => {
        onClose();
        form.resetFields();
        void navigate(`/monitoring/cases/${c.id}`);
      },
      onError: showError,
    });
  };
  return (
    <Modal open={open} title={t('monitoring.openCase')} onCancel={onClose} onOk={submit} confirmLoading={save.isPending} okButtonProps={{ 'data-testid': 'case-form-submit' } as never} destroyOnHidden>
      <Form form={form} layout="vertical">
        {warning ? (
          <Form.Item label={t('monitoring.household')}>
            {warning.householdNo} {warning.headName}（{warning.detail}）
          </Form.Item>
        ) : (
          <>
            <Form.Item name="householdId" label={t('monitoring.household')} rules={[{ required: true }]}>
              <HouseholdPicker />
            </Form.Item>
            <Form.Item name="source" label={t('monitoring.source')} initialValue="self_application">
              <Select options={sources} />
            </Form.Item>
          </>
        )}
        <Form.Item name="category" label={t('monitoring.category')} rules={[{ required: true }]}>
          <Select options={categories} data-testid="case-form-category" />
        </Form.Item>
        <Form.Item name="riskTypes" label={t('monitoring.riskTypes')} rules={[{ required: true }, { type: 'array', max: 5, message: t('monitoring.riskMax') }]}>
          <Select mode="multiple" options={riskOptions} data-testid="case-form-risks" />
        </Form.Item>
        {risks.includes('disaster') && (
          <Form.Item name="disasterKind" label={t('monitoring.disasterKind')} rules={[{ required: true }]}>
            <Select options={disasters} />
          </Form.Item>
        )}
        {risks.includes('other') && (
          <Form.Item name="otherNote" label={t('monitoring.otherNote')} rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
        )}
        <Form.Item name="identifiedOn" label={t('monitoring.identifiedOn')} rules={[{ required: true }]}>
          <DatePicker data-testid="case-form-identified" />
        </Form.Item>
        <Form.Item name="openedOn" label={t('monitoring.openedOn')} extra={t('monitoring.openedOnHint')}>
          <DatePicker data-testid="case-form-opened" />
        </Form.Item>
        <Form.Item name="incomeAtIdentification" label={t('monitoring.incomeAtIdentification')} rules={[{ required: true }]}>
          <InputNumber min={-1_000_000} max={10_000_000} style={{ width: 200 }} addonAfter={t('common.yuan')} data-testid="case-form-income" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
