import { useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { householdsApi } from '../../api/households';
import { useT } from '../../i18n';
import { useDebounced } from '../../utils/useDebounced';

interface Props {
  value?: number;
  onChange?: (id: number | undefined) => void;
  id?: string;
}

/** Finds a household of the user's area by number or head's name. */
export function HouseholdPicker({ value, onChange, id }: Props) {
  const t = useT();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const found = useQuery({
    queryKey: ['monitoring', 'household-picker', q],
    queryFn: ({ signal }) => householdsApi.list({ q } as never, { page: 1, pageSize: 20 }, signal),
    enabled: q.length > 0,
  });
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setText }}
      value={value}
      onChange={onChange}
      placeholder={t('monitoring.pickHousehold')}
      notFoundContent={null}
      options={(found.data?.items ?? []).map((h) => ({ value: h.id, label: `${h.householdNo} ${h.headName ?? ''}（${h.villageName}）` }))}
      data-testid="monitoring-household-picker"
    />
  );
}
