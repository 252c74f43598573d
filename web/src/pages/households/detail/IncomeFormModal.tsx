import { Alert, Col, Form, Modal, Row, Statistic } from 'antd';
import { reportSaveError, showSuccess } from '../../../api/errors';
import { useSaveIncome } from '../../../api/households';
import type { Income, IncomeFields } from '../../../api/types';
import { FormFields } from '../../../components/fields/FormFields';
import { changedValues, fromFormValues, toFormValues, type FormValues } from '../../../components/fields/fieldDefs';
import { useT } from '../../../i18n';
import { INCOME_FIELDS } from './fields';
import { testId } from '../../../utils/testId';

interface Props {
  householdId: number;
  /** Absent when adding. */
  income: Income | undefined;
  open: boolean;
  /** Current members, used for the preview of a new period; an existing period uses its own recorded size. */
  currentSize: number;
  onClose: () => void;
  onReload: () => Promise<unknown>;
}

const MONEY_ZERO = { wage: 0, business: 0, property: 0, transfer: 0, productionCost: 0, medicalSelfPay: 0 };

/** An emptied amount means none: the API takes 0, not null, for the income components. */
function zeroFilled<T extends Record<string, unknown>>(values: T): T {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, k in MONEY_ZERO && v === null ? 0 : v])) as T;
}

function amount(values: FormValues | undefined, name: string): number {
  const v = values?.[name];
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

export function IncomeFormModal({ householdId, income, open, currentSize, onClose, onReload }: Props) {
  const t = useT();
  const [form] = Form.useForm<FormValues>();
  const save = useSaveIncome(householdId);
  const watched = Form.useWatch([], form) as FormValues | undefined;

  // Mirrors the server's derivation so the cadre sees the result before saving; the server's figure is authoritative.
  const net =
    amount(watched, 'wage') + amount(watched, 'business') + amount(watched, 'property') + amount(watched, 'transfer') - amount(watched, 'productionCost');
  const size = income?.householdSize ?? currentSize;

  const submit = async (values: FormValues) => {
    try {
      if (income) {
        const changes = zeroFilled(changedValues(INCOME_FIELDS, income, values)) as Partial<IncomeFields>;
        if (Object.keys(changes).length > 0) await save.mutateAsync({ id: income.id, version: income.version, income: changes as IncomeFields });
      } else {
        await save.mutateAsync({ income: zeroFilled(fromFormValues(INCOME_FIELDS, values)) as unknown as IncomeFields });
      }
      showSuccess(t('detail.saved'));
      onClose();
    } catch (err) {
      reportSaveError(err, {
        form,
        onReload: () => {
          onClose();
          void onReload();
        },
      });
    }
  };

  return (
    <Modal
      open={open}
      title={income ? t('income.edit') : t('income.add')}
      width={720}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okButtonProps={testId('income-save')}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form form={form} layout="vertical" initialValues={toFormValues(INCOME_FIELDS, income ?? MONEY_ZERO)} onFinish={(v) => void submit(v)}>
        <FormFields defs={INCOME_FIELDS} columns={2} />
      </Form>
      <Alert type="info" title={t('income.formula')} style={{ marginBottom: 12 }} />
      <Row gutter={16}>
        <Col span={8}>
          <Statistic title={t('income.netIncome')} value={net} precision={2} />
        </Col>
        <Col span={8}>
          <Statistic title={t('income.householdSize')} value={size} />
        </Col>
        <Col span={8}>
          <Statistic title={t('income.perCapita')} value={size > 0 ? net / size : 0} precision={2} data-testid="income-per-capita-preview" />
        </Col>
      </Row>
    </Modal>
  );
}
