import { useMemo, useState } from 'react';
import { Select, Spin } from 'antd';
import { useAreaSearch } from '../api/areas';
import { useCodeLabel } from '../api/codes';
import type { AreaRef } from '../api/types';
import { useT } from '../i18n';
import { useDebounced } from '../utils/useDebounced';

interface Props {
  value?: number;
  onChange?: (value: number | undefined) => void;
  /** Areas to offer before the user types (the current value's area, the manager's own area). */
  initialAreas?: Pick<AreaRef, 'id' | 'name'>[];
  level?: string;
  id?: string;
}

/** Picks an area by name or code among the areas in the caller's scope (GET /api/areas/search). */
export function AreaSelect({ value, onChange, initialAreas = [], level, id }: Props) {
  const t = useT();
  const codeLabel = useCodeLabel();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const search = useAreaSearch(q, level);
  // An empty query lists the first areas in scope, so the list is useful before anything is typed.
  const found = search.data ?? [];

  const options = useMemo(() => {
    const seen = new Set<number>();
    const list: { value: number; label: string }[] = [];
    for (const a of [...found, ...initialAreas]) {
      if (seen.has(a.id)) continue;
      seen.add(a.id);
      const extra = 'code' in a && a.code ? ` · ${a.code}` : '';
      const lvl = 'level' in a && a.level ? `（${codeLabel('areaLevel', a.level as string)}）` : '';
      list.push({ value: a.id, label: `${a.name}${lvl}${extra}` });
    }
    return list;
  }, [found, initialAreas, codeLabel]);

  return (
    <Select<number>
      id={id}
      showSearch={{ filterOption: false, onSearch: setText }}
      value={value}
      onChange={(v) => onChange?.(v)}
      options={options}
      placeholder={t('users.areaSearch')}
      notFoundContent={search.isFetching ? <Spin size="small" /> : undefined}
      style={{ width: '100%' }}
      data-testid="area-select"
    />
  );
}
