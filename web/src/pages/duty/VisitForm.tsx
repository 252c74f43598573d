import { useState } from 'react';
import { Button, DatePicker, Form, Input, Radio, Upload } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { dutyApi, readAsBase64, useDutyMutation, type VisitInput } from '../../api/duty';
import { reportSaveError, showSuccess } from '../../api/errors';
import { useT } from '../../i18n';
import { toDateString } from '../../utils/format';
import { CadreSelect, HouseholdSelect } from './pickers';
import { AreaSelect } from '../../components/AreaSelect';

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const PHOTO_MAX = 2 * 1024 * 1024;

interface Props {
  /** The household or village the visit is to, when chosen beforehand (the cadre view's "to do" list). */
  householdId?: number | undefined;
  areaId?: number | undefined;
  /** Offer choosing the cadre (the office records for others); else the user's own cadre record. */
  chooseCadre?: boolean;
  onDone?: () => void;
}

interface Values {
  cadreId?: number;
  target: 'household' | 'area';
  householdId?: number;
  areaId?: number;
  visitedOn: dayjs.Dayjs;
  method: 'in_person' | 'phone';
  findings?: string;
  followUp?: string;
}

/** 走访登记: few fields, large controls, a photo straight from the phone's camera. */
export function VisitForm({ householdId, areaId, chooseCadre = false, onDone }: Props) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [photo, setPhoto] = useState<File | null>(null);
  const save = useDutyMutation((body: VisitInput) => dutyApi.recordVisit(body));
  const fixed = householdId !== undefined || areaId !== undefined;
  const target = Form.useWatch('target', form) ?? 'household';

  const submit = async (v: Values) => {
    try {
      const body: VisitInput = {
        visitedOn: toDateString(v.visitedOn)!,
        method: v.method,
        findings: v.findings?.trim() || null,
        followUp: v.followUp?.trim() || null,
        ...(v.cadreId ? { cadreId: v.cadreId } : {}),
      };
      const hh = householdId ?? (v.target === 'household' ? v.householdId : undefined);
      const area = areaId ?? (v.target === 'area' ? v.areaId : undefined);
      if (hh !== undefined) body.householdId = hh;
      else if (area !== undefined) body.areaId = area;
      if (photo) body.photo = { contentType: photo.type, base64: await readAsBase64(photo) };
      await save.mutateAsync(body);
      showSuccess(t('duty.visitSaved'));
      form.resetFields();
      setPhoto(null);
      onDone?.();
    } catch (err) {
      reportSaveError(err, { form });
    }
  };

  return (
    <Form form={form} layout="vertical" size="large" initialValues={{ target: 'household', visitedOn: dayjs(), method: 'in_person' }} onFinish={(v) => void submit(v)}>
      {chooseCadre && (
        <Form.Item name="cadreId" label={t('duty.visitCadre')} rules={[{ required: true, message: t('common.required', { field: t('duty.visitCadre') }) }]}>
          <CadreSelect testId="visit-cadre" />
        </Form.Item>
      )}
      {!fixed && (
        <>
          <Form.Item name="target" label={t('duty.visitTarget')}>
            <Radio.Group optionType="button" options={[{ value: 'household', label: t('duty.targetHousehold') }, { value: 'area', label: t('duty.targetArea') }]} />
          </Form.Item>
          {target === 'household' ? (
            <Form.Item name="householdId" label={t('duty.targetHousehold')} rules={[{ required: true, message: t('duty.pickHousehold') }]}>
              <HouseholdSelect testId="visit-household" />
            </Form.Item>
          ) : (
            <Form.Item name="areaId" label={t('duty.targetArea')} rules={[{ required: true, message: t('duty.pickArea') }]}>
              <AreaSelect />
            </Form.Item>
          )}
        </>
      )}
      <Form.Item name="method" label={t('duty.visitMethod')}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={[
            { value: 'in_person', label: t('duty.method.in_person') },
            { value: 'phone', label: t('duty.method.phone') },
          ]}
          data-testid="visit-method"
        />
      </Form.Item>
      <Form.Item name="visitedOn" label={t('duty.visitedOn')} rules={[{ required: true }]}>
        <DatePicker style={{ width: '100%' }} inputReadOnly data-testid="visit-date" />
      </Form.Item>
      <Form.Item name="findings" label={t('duty.findings')}>
        <Input.TextArea rows={3} maxLength={1000} data-testid="visit-findings" />
      </Form.Item>
      <Form.Item name="followUp" label={t('duty.followUp')}>
        <Input.TextArea rows={2} maxLength={1000} data-testid="visit-follow-up" />
      </Form.Item>
      <Form.Item label={t('duty.photo')} extra={t('duty.photoHint')}>
        <Upload
          accept={IMAGE_TYPES.join(',')}
          maxCount={1}
          beforeUpload={(file) => {
            if (!IMAGE_TYPES.includes(file.type) || file.size > PHOTO_MAX) {
              reportSaveError(new Error(t('duty.photoHint')));
              return Upload.LIST_IGNORE;
            }
            setPhoto(file);
            return false;
          }}
          onRemove={() => setPhoto(null)}
        >
          <Button icon={<CameraOutlined />}>{t('duty.addPhoto')}</Button>
        </Upload>
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={save.isPending} data-testid="visit-submit">
        {t('duty.saveVisit')}
      </Button>
    </Form>
  );
}
