import { useState } from 'react';
import { Button, Flex, Form } from 'antd';
import { EditOutlined, SaveOutlined } from '@ant-design/icons';
import { useUpdateHousehold } from '../../../api/households';
import { reportSaveError, showSuccess } from '../../../api/errors';
import type { HouseholdDetail, HouseholdFields } from '../../../api/types';
import { FieldDescriptions } from '../../../components/fields/FieldDescriptions';
import { FormFields } from '../../../components/fields/FormFields';
import { changedValues, toFormValues, type FieldDef, type FormValues } from '../../../components/fields/fieldDefs';
import { useT } from '../../../i18n';

interface Props {
  household: HouseholdDetail;
  defs: FieldDef[];
  canEdit: boolean;
  /** Prefix of the section's test hooks: `<prefix>-edit`, `<prefix>-save`, `<prefix>-cancel`. */
  testId: string;
  onReload: () => Promise<unknown>;
}

/** One section of a household (basic, housing, water): a read view that turns into a form in place. */
export function HouseholdSection({ household, defs, canEdit, testId, onReload }: Props) {
  const t = useT();
  const [form] = Form.useForm<FormValues>();
  const [editing, setEditing] = useState(false);
  const update = useUpdateHousehold(household.id);

  const startEdit = () => {
    form.setFieldsValue(toFormValues(defs, household));
    setEditing(true);
  };

  const save = async (values: FormValues) => {
    const changes = changedValues(defs, household, values) as Partial<HouseholdFields>;
    if (Object.keys(changes).length === 0) {
      showSuccess(t('detail.noChanges'));
      setEditing(false);
      return;
    }
    try {
      await update.mutateAsync({ version: household.version, changes });
      showSuccess(t('detail.saved'));
      setEditing(false);
    } catch (err) {
      reportSaveError(err, {
        form,
        onReload: () => {
          setEditing(false);
          void onReload();
        },
      });
    }
  };

  if (!editing) {
    return (
      <Flex vertical gap={12}>
        {canEdit && (
          <Flex justify="flex-end">
            <Button icon={<EditOutlined />} onClick={startEdit} data-testid={`${testId}-edit`}>
              {t('common.edit')}
            </Button>
          </Flex>
        )}
        <FieldDescriptions defs={defs} record={household} />
      </Flex>
    );
  }

  return (
    <Form form={form} layout="vertical" onFinish={(values) => void save(values)} data-testid={`${testId}-form`}>
      <FormFields defs={defs} />
      <Flex justify="flex-end" gap={8}>
        <Button onClick={() => setEditing(false)} data-testid={`${testId}-cancel`}>
          {t('common.cancel')}
        </Button>
        <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={update.isPending} data-testid={`${testId}-save`}>
          {t('common.save')}
        </Button>
      </Flex>
    </Form>
  );
}
