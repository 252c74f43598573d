import { Descriptions, Grid, Typography } from 'antd';
import { useCodeLabel } from '../../api/codes';
import { useLang, useT } from '../../i18n';
import { formatMoney, formatNumber } from '../../utils/format';
import { fieldLabel, type FieldDef } from './fieldDefs';

interface Props {
  defs: FieldDef[];
  record: object;
}

/** Read-only view of a record section, laid out like the edit form so switching between them does not jump. */
export function FieldDescriptions({ defs, record }: Props) {
  const [lang] = useLang();
  const t = useT();
  const codeLabel = useCodeLabel();
  const screens = Grid.useBreakpoint();
  const values = record as Record<string, unknown>;

  const display = (def: FieldDef, value: unknown) => {
    if (value === null || value === undefined || value === '') {
      return <Typography.Text type="secondary">{t('common.unset')}</Typography.Text>;
    }
    switch (def.kind) {
      case 'code':
        return codeLabel(def.list ?? 'householdType', String(value));
      case 'bool':
      case 'flag':
        return value ? t('common.yes') : t('common.no');
      case 'money':
        return formatMoney(value as number | string);
      case 'number':
        return formatNumber(value as number | string);
      default:
        return String(value);
    }
  };

  return (
    <Descriptions
      bordered
      size="small"
      column={screens.lg ? 3 : screens.sm ? 2 : 1}
      items={defs.map((def) => ({ key: def.name, label: fieldLabel(lang, def.name), children: display(def, values[def.name]) }))}
    />
  );
}
