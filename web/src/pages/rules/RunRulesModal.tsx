import { useEffect } from 'react';
import { Alert, DatePicker, Form, Modal, Radio, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { useMe } from '../../api/auth';
import { reportSaveError } from '../../api/errors';
import { useAllRules, useReferenceDate, useStartRun } from '../../api/rules';
import { useCodeOptions } from '../../api/codes';
import { AreaSelect } from '../../components/AreaSelect';
import { useLang, useT } from '../../i18n';
import { DATE_FORMAT, fromDateString, toDateString } from '../../utils/format';
import { testId } from '../../utils/testId';

interface Props {
  open: boolean;
  /** Offered first as "this rule only" (from a rule's row or editor). */
  ruleCode?: string | undefined;
  onClose: () => void;
}

interface Values {
  which: 'all' | 'one' | 'departments';
  ruleCode?: string;
  departments?: string[];
  areaId: number;
  referenceDate: Dayjs;
}

/** 运行核查: every enabled rule or one, over an area, on a reference date; then the run's own page shows progress. */
export function RunRulesModal({ open, ruleCode, onClose }: Props) {
  const t = useT();
  const [lang] = useLang();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const [form] = Form.useForm<Values>();
  const which = Form.useWatch('which', form);
  const rules = useAllRules(true);
  const reference = useReferenceDate();
  const start = useStartRun();
  const departments = useCodeOptions('department');

  // The reference-date setting may arrive after the dialog opened.
  useEffect(() => {
    if (open && reference.data && !form.isFieldTouched('referenceDate')) form.setFieldValue('referenceDate', fromDateString(reference.data.referenceDate));
  }, [open, reference.data, form]);

  const submit = async (v: Values) => {
    try {
      const run = await start.mutateAsync({
        ruleCode: v.which === 'one' ? v.ruleCode : undefined,
        departments: v.which === 'departments' ? v.departments : undefined,
        areaId: v.areaId,
        referenceDate: toDateString(v.referenceDate) ?? undefined,
      });
      onClose();
      navigate(`/rule-runs/${run.id}`);
    } catch (err) {
      reportSaveError(err, { form });
    }
  };

  return (
    <Modal
      open={open}
      title={t('ruleRun.start')}
      okText={t('ruleRun.startOk')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={start.isPending}
      okButtonProps={testId('run-submit')}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          which: ruleCode ? 'one' : 'all',
          ruleCode,
          areaId: me?.area.id,
          referenceDate: fromDateString(reference.data?.referenceDate),
        }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="which" label={t('ruleRun.which')}>
          <Radio.Group
            options={[
              { value: 'all', label: <span data-testid="run-which-all">{t('ruleRun.whichAll')}</span> },
              { value: 'one', label: <span data-testid="run-which-one">{t('ruleRun.whichOne')}</span> },
              { value: 'departments', label: <span data-testid="run-which-departments">{t('ruleRun.whichDepartments')}</span> },
            ]}
          />
        </Form.Item>
        {which === 'departments' && (
          <Form.Item name="departments" label={t('ruleRun.departments')} rules={[{ required: true, message: t('common.required', { field: t('ruleRun.departments') }) }]}>
            <Select mode="multiple" options={departments} data-testid="run-departments" />
          </Form.Item>
        )}
        {which === 'one' && (
          <Form.Item name="ruleCode" label={t('rules.rule')} rules={[{ required: true, message: t('common.required', { field: t('rules.rule') }) }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={rules.isLoading}
              options={(rules.data?.items ?? []).map((r) => ({ value: r.code, label: `${r.code} ${lang === 'zh' ? r.titleZh : r.titleEn}` }))}
              data-testid="run-rule"
            />
          </Form.Item>
        )}
        <Form.Item name="areaId" label={t('ruleRun.area')} rules={[{ required: true }]}>
          <AreaSelect initialAreas={me ? [me.area] : []} />
        </Form.Item>
        <Form.Item
          name="referenceDate"
          label={t('ruleRun.referenceDate')}
          rules={[{ required: true }]}
          extra={reference.data ? t('ruleRun.referenceDateHint', { date: reference.data.referenceDate }) : undefined}
        >
          <DatePicker format={DATE_FORMAT} allowClear={false} style={{ width: '100%' }} data-testid="run-date" />
        </Form.Item>
        <Alert type="info" showIcon title={<Typography.Text>{t('ruleRun.startHint')}</Typography.Text>} />
      </Form>
    </Modal>
  );
}
