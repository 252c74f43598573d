import { useState } from 'react';
import { Alert, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { isApiError } from '../../api/client';
import { errorText, reportSaveError, showSuccess } from '../../api/errors';
import { useAddStandard, type EffectiveStandard, type StandardKeyDef } from '../../api/standards';
import { useLang, useT } from '../../i18n';
import { DATE_FORMAT, toDateString } from '../../utils/format';
import { testId } from '../../utils/testId';
import { standardLabel, standardUnit } from './standardText';

interface Props {
  /** The key being set, with its range; absent while closed. */
  target: { standard: EffectiveStandard; def: StandardKeyDef } | undefined;
  area: { id: number; name: string } | undefined;
  /** The page's reference date: the default start of the new period. */
  defaultFrom: Dayjs;
  onClose: () => void;
}

interface Values {
  value: number;
  effectiveFrom: Dayjs;
  effectiveTo?: Dayjs | null;
  note: string;
}

/** 设置新标准: adds a value for a period at the selected area (POST /api/standards); values are never edited. */
export function StandardFormModal({ target, area, defaultFrom, onClose }: Props) {
  const t = useT();
  const [lang] = useLang();
  const [form] = Form.useForm<Values>();
  const add = useAddStandard();
  const [refusal, setRefusal] = useState<string | null>(null);
  const def = target?.def;

  const close = () => {
    setRefusal(null);
    onClose();
  };

  const submit = async (values: Values) => {
    if (!target || !area) return;
    setRefusal(null);
    try {
      await add.mutateAsync({
        key: target.def.key,
        areaId: area.id,
        value: values.value,
        effectiveFrom: toDateString(values.effectiveFrom) ?? '',
        effectiveTo: toDateString(values.effectiveTo ?? null),
        note: values.note.trim(),
      });
      showSuccess(t('standards.saved'));
      close();
    } catch (err) {
      // 409 (a closed period in the way) and other refusals stay visible in the dialog; field errors go on fields.
      if (!isApiError(err, 'VALIDATION_FAILED')) setRefusal(errorText(err));
      reportSaveError(err, { form, mapPath: (path) => (path.length ? [path[path.length - 1]!] : null) });
    }
  };

  const required = (label: string) => [{ required: true, whitespace: true, message: t('common.required', { field: label }) }];

  return (
    <Modal
      open={target !== undefined}
      title={target ? t('standards.formTitle', { label: standardLabel(target.standard, lang) }) : ''}
      okText={t('standards.formSubmit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={add.isPending}
      okButtonProps={testId('standard-form-submit')}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {target && def && (
        <Form<Values>
          form={form}
          layout="vertical"
          autoComplete="off"
          initialValues={{ value: target.standard.value ?? undefined, effectiveFrom: defaultFrom }}
          onFinish={(v) => void submit(v)}
          onValuesChange={() => setRefusal(null)}
        >
          <Typography.Paragraph type="secondary">{t('standards.formArea', { area: area?.name ?? '' })}</Typography.Paragraph>
          {def.description && lang === 'zh' && <Typography.Paragraph type="secondary">{def.description}</Typography.Paragraph>}
          <Form.Item
            name="value"
            label={t('standards.formValue')}
            rules={[{ required: true, message: t('common.required', { field: t('standards.formValue') }) }]}
            extra={t('standards.formRange', {
              min: def.min,
              max: def.max,
              unit: standardUnit(def, lang),
              integer: def.integer ? t('standards.formInteger') : '',
            })}
          >
            <InputNumber
              min={def.min}
              max={def.max}
              precision={def.integer ? 0 : undefined}
              step={def.integer ? 1 : undefined}
              suffix={standardUnit(def, lang)}
              style={{ width: '100%' }}
              data-testid="standard-form-value"
            />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              <Form.Item
                name="effectiveFrom"
                label={t('standards.formFrom')}
                rules={[{ required: true, message: t('common.required', { field: t('standards.formFrom') }) }]}
              >
                <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} data-testid="standard-form-from" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item
                name="effectiveTo"
                label={t('standards.formTo')}
                dependencies={['effectiveFrom']}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_, value: Dayjs | null | undefined) => {
                      const from = getFieldValue('effectiveFrom') as Dayjs | undefined;
                      return value && from && value.isBefore(from, 'day')
                        ? Promise.reject(new Error(t('standards.formToBeforeFrom')))
                        : Promise.resolve();
                    },
                  }),
                ]}
              >
                <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} allowClear data-testid="standard-form-to" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="note" label={t('standards.formNote')} rules={[...required(t('standards.formNote')), { max: 500 }]}>
            <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('standards.formNoteHint')} data-testid="standard-form-note" />
          </Form.Item>
          {refusal && <Alert type="error" showIcon title={t('standards.refused')} description={refusal} data-testid="standard-form-error" />}
        </Form>
      )}
    </Modal>
  );
}
