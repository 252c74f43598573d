import { Select } from 'antd';
import { INDICATOR_CODES } from '../../api/assessment';
import { useT } from '../../i18n';
import { indicatorKey } from './IndicatorTag';

/** The household list's filter on the latest assessment: any indicator not met, or one named indicator not met. */
export function UnmetFilterSelect({ value, onChange }: { value: string | undefined; onChange: (v: string | undefined) => void }) {
  const t = useT();
  const options = [
    { value: 'any', label: t('household.unmet.any') },
    ...INDICATOR_CODES.map((c) => ({ value: c, label: t('household.unmet.indicator', { indicator: t(indicatorKey(c)) }) })),
  ];
  return (
    <Select
      allowClear
      style={{ width: '100%' }}
      placeholder={t('household.unmetFilter')}
      aria-label={t('household.unmetFilter')}
      options={options}
      value={value}
      onChange={(v?: string) => onChange(v)}
      data-testid="filter-unmet"
    />
  );
}
