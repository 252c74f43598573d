import { Button, Form, Input, Modal, Select, Space, Switch } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useCodeOptions } from '../../api/codes';
import { useAddDatasetType, type NewDatasetType } from '../../api/departments';
import { reportSaveError } from '../../api/errors';
import { useT } from '../../i18n';
import { testId } from '../../utils/testId';

const KINDS = ['text', 'date', 'amount', 'integer', 'boolean', 'digits'] as const;

/**
 * 新增数据类型: a list the built-in catalogue lacks (another department, another register). The person's identity
 * columns come with every type; the city names the rest, with the headings people use and the kind of each.
 */
export function DatasetTypeModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<NewDatasetType>();
  const departments = useCodeOptions('department');
  const add = useAddDatasetType();
  const submit = async (v: NewDatasetType) => {
    try {
      await add.mutateAsync({ ...v, columns: v.columns.map((c) => ({ ...c, required: Boolean(c.required), synonyms: c.synonyms ?? [] })) });
      form.resetFields();
      onClose();
    } catch (err) {
      reportSaveError(err, { form });
    }
  };
  const kindOptions = KINDS.map((k) => ({ value: k, label: t(`dept.kind.${k}`) }));
  return (
    <Modal open={open} title={t('dept.addType')} width={860} okText={t('common.save')} cancelText={t('common.cancel')} onOk={() => form.submit()} onCancel={onClose} confirmLoading={add.isPending} okButtonProps={testId('dept-type-save')} destroyOnHidden>
      <Form<NewDatasetType> form={form} layout="vertical" initialValues={{ columns: [{ kind: 'text', required: false }] }} onFinish={(v) => void submit(v)}>
        <Space wrap align="start">
          <Form.Item name="code" label={t('dept.type.code')} extra={t('dept.type.codeHint')} rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{2,39}$/, message: t('dept.type.codeHint') }]}>
            <Input data-testid="dept-type-code" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="department" label={t('dept.type.department')} rules={[{ required: true }]}>
            <Select options={departments} style={{ width: 200 }} data-testid="dept-type-department" />
          </Form.Item>
          <Form.Item name="zh" label={t('dept.type.zh')} rules={[{ required: true }]}>
            <Input data-testid="dept-type-zh" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="en" label={t('dept.type.en')} rules={[{ required: true }]}>
            <Input style={{ width: 200 }} />
          </Form.Item>
        </Space>
        <Form.Item name="description" label={t('dept.type.description')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.List name="columns">
          {(fields, { add: addColumn, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'key']} rules={[{ required: true, pattern: /^[a-z][A-Za-z0-9]{0,39}$/, message: t('dept.type.columnKeyHint') }]}>
                    <Input placeholder={t('dept.type.columnKey')} style={{ width: 130 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'label']} rules={[{ required: true }]}>
                    <Input placeholder={t('dept.type.columnLabel')} style={{ width: 130 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'labelEn']} rules={[{ required: true }]}>
                    <Input placeholder={t('dept.type.columnLabelEn')} style={{ width: 130 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'kind']} rules={[{ required: true }]}>
                    <Select options={kindOptions} style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'synonyms']}>
                    <Select mode="tags" placeholder={t('dept.type.synonyms')} style={{ width: 180 }} open={false} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'required']} valuePropName="checked">
                    <Switch checkedChildren={t('dept.type.required')} unCheckedChildren={t('dept.type.optional')} />
                  </Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                </Space>
              ))}
              <Button type="dashed" onClick={() => addColumn({ kind: 'text', required: false })} icon={<PlusOutlined />}>
                {t('dept.type.addColumn')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
