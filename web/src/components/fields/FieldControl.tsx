import { DatePicker, Input, InputNumber, Select, Switch } from 'antd';
import { useCodeOptions } from '../../api/codes';
import type { CodeListName } from '../../api/types';
import { useT } from '../../i18n';
import type { FieldDef } from './fieldDefs';

interface ControlProps {
  def: FieldDef;
  disabled?: boolean;
  placeholder?: string;
  // Form.Item injects value/onChange/id; each control has its own value type, so they pass through untyped.
  [injected: string]: unknown;
}

function CodeControl({ list, ...rest }: { list: CodeListName } & Record<string, unknown>) {
  const options = useCodeOptions(list);
  return <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={options} {...rest} />;
}

/** The antd control for one field kind; used inside a Form.Item, which supplies value and onChange. */
export function FieldControl({ def, ...rest }: ControlProps) {
  const t = useT();
  const full = { style: { width: '100%' } };
  switch (def.kind) {
    case 'code':
      return <CodeControl list={def.list ?? 'householdType'} {...full} {...rest} />;
    case 'bool':
      return (
        <Select
          allowClear
          placeholder={t('common.unset')}
          options={[
            { value: 'true', label: t('common.yes') },
            { value: 'false', label: t('common.no') },
          ]}
          {...full}
          {...rest}
        />
      );
    case 'flag':
      return <Switch {...rest} />;
    case 'date':
      return <DatePicker {...full} {...rest} />;
    case 'year':
      return <InputNumber min={1980} max={2100} precision={0} {...full} {...rest} />;
    case 'money':
      return <InputNumber min={def.min ?? 0} precision={2} {...full} {...rest} />;
    case 'number':
      return <InputNumber min={def.min ?? 0} max={def.max} {...full} {...rest} />;
    case 'textarea':
      return <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} {...rest} />;
    default:
      return <Input {...rest} />;
  }
}
