/** Type-ahead pickers for the duty forms: a household, a cadre, a user account (each searched on the server, in scope). */
import { useState } from 'react';
import { Select, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { dutyApi } from '../../api/duty';
import { householdsApi } from '../../api/households';
import { usersApi } from '../../api/users';
import { useT } from '../../i18n';
import { useDebounced } from '../../utils/useDebounced';

interface Props {
  value?: number | undefined;
  onChange?: (value: number | undefined) => void;
  id?: string;
  testId?: string;
}

function useSearch<T>(key: string, q: string, fn: (q: string) => Promise<T[]>) {
  return useQuery({ queryKey: ['duty', 'pick', key, q], queryFn: () => fn(q) });
}

function Picker({ value, onChange, id, testId, options, loading, onSearch, placeholder }: Props & { options: { value: number; label: string }[]; loading: boolean; onSearch: (s: string) => void; placeholder: string }) {
  return (
    <Select<number>
      id={id}
      allowClear
      showSearch={{ filterOption: false, onSearch }}
      value={value}
      onChange={(v) => onChange?.(v)}
      options={options}
      placeholder={placeholder}
      notFoundContent={loading ? <Spin size="small" /> : undefined}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}

export function HouseholdSelect(props: Props) {
  const t = useT();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const found = useSearch('household', q, (s) => householdsApi.list({ q: s || undefined, status: 'active' }, { page: 1, pageSize: 20 }).then((p) => p.items));
  const options = (found.data ?? []).map((h) => ({ value: h.id, label: `${h.householdNo} ${h.headName ?? ''} · ${h.villageName}` }));
  return <Picker {...props} options={options} loading={found.isFetching} onSearch={setText} placeholder={t('duty.pickHousehold')} testId={props.testId ?? 'household-select'} />;
}

export function CadreSelect(props: Props) {
  const t = useT();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const found = useSearch('cadre', q, (s) => dutyApi.cadres({ q: s || undefined, pageSize: 20 }).then((p) => p.items));
  const options = (found.data ?? []).map((c) => ({ value: c.id, label: `${c.name}${c.unit ? ` · ${c.unit}` : ''}` }));
  return <Picker {...props} options={options} loading={found.isFetching} onSearch={setText} placeholder={t('duty.pickCadre')} testId={props.testId ?? 'cadre-select'} />;
}

export function UserSelect(props: Props) {
  const t = useT();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const found = useSearch('user', q, (s) => usersApi.list({ q: s || undefined }, { page: 1, pageSize: 20 }).then((p) => p.items));
  const options = (found.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }));
  return <Picker {...props} options={options} loading={found.isFetching} onSearch={setText} placeholder={t('duty.pickUser')} testId={props.testId ?? 'user-select'} />;
}
