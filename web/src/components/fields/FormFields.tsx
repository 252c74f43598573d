import { Col, Form, Row } from 'antd';
import { useLang, useT } from '../../i18n';
import { FieldControl } from './FieldControl';
import { fieldLabel, type FieldDef } from './fieldDefs';

interface Props {
  defs: FieldDef[];
  /** Columns on wide screens; phones always get one column. */
  columns?: 1 | 2 | 3;
  disabled?: string[];
}

/** A responsive grid of Form.Items for the given fields: one column on phones, two on tablets, `columns` on desktops. */
export function FormFields({ defs, columns = 3, disabled = [] }: Props) {
  const [lang] = useLang();
  const t = useT();
  const lg = 24 / columns;
  return (
    <Row gutter={16}>
      {defs.map((def) => {
        const label = fieldLabel(lang, def.name);
        return (
          <Col key={def.name} xs={24} sm={columns === 1 ? 24 : 12} lg={lg}>
            <Form.Item
              name={def.name}
              label={label}
              valuePropName={def.kind === 'flag' ? 'checked' : 'value'}
              rules={def.required ? [{ required: true, message: t('common.required', { field: label }) }] : []}
            >
              <FieldControl def={def} disabled={disabled.includes(def.name)} />
            </Form.Item>
          </Col>
        );
      })}
    </Row>
  );
}
