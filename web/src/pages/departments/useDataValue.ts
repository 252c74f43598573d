import { useCallback } from 'react';
import { useCodeLabel } from '../../api/codes';
import type { DataValue, DatasetColumn } from '../../api/departments';
import type { CodeListName } from '../../api/types';
import { useT } from '../../i18n';

/** A dataset cell as people read it: coded values by their label, yes/no in words, the rest as stored. */
export function useDataValue(): (column: DatasetColumn, value: DataValue | undefined) => string {
  const t = useT();
  const codeLabel = useCodeLabel();
  return useCallback(
    (column, value) => {
      if (value === null || value === undefined || value === '') return '—';
      if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
      if (column.kind.startsWith('coded:')) return codeLabel(column.kind.slice('coded:'.length) as CodeListName, String(value));
      return String(value);
    },
    [t, codeLabel],
  );
}
