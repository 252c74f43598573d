import { Empty, Flex, Skeleton, Tag, Timeline, Typography } from 'antd';
import { useCodeLabel } from '../../../api/codes';
import { useHouseholdHistory } from '../../../api/households';
import type { HistoryChange, HistoryEntry } from '../../../api/types';
import { fieldLabel } from '../../../components/fields/fieldDefs';
import { isMessageKey, useLang, useT } from '../../../i18n';
import { formatDateTime } from '../../../utils/format';
import { ALL_FIELDS } from './fields';

interface Props {
  householdId: number;
  /** Loaded only once the tab is opened: history can be long and most visits never look at it. */
  active: boolean;
}

export function HistoryTab({ householdId, active }: Props) {
  const t = useT();
  const [lang] = useLang();
  const codeLabel = useCodeLabel();
  const { data, isPending } = useHouseholdHistory(householdId, active);

  const label = (prefix: 'action' | 'entity', value: string) => {
    const key = `${prefix}.${value}`;
    return isMessageKey(key) ? t(key) : value;
  };

  const show = (change: HistoryChange, value: unknown) => {
    if (value === null || value === undefined || value === '') return <Typography.Text type="secondary">{t('history.emptyValue')}</Typography.Text>;
    const def = ALL_FIELDS.get(change.field);
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    if (def?.kind === 'code' && def.list && typeof value === 'string') return codeLabel(def.list, value);
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  };

  const entryTitle = (e: HistoryEntry) => {
    if (e.source === 'event') return codeLabel('memberEventKind', e.action);
    return `${label('action', e.action)} · ${label('entity', e.entity)}`;
  };

  if (!active) return null;
  if (isPending) return <Skeleton active />;
  if (!data || data.length === 0) return <Empty description={t('history.empty')} />;

  const entries = [...data].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <Timeline
      data-testid="history-timeline"
      items={entries.map((e, i) => ({
        key: `${e.at}-${i}`,
        color: e.source === 'event' ? 'orange' : 'blue',
        // Member events carry the date they happened, audit entries the moment they were recorded.
        title: e.at.length === 10 ? e.at : formatDateTime(e.at),
        content: (
          <Flex vertical gap={4} data-testid="history-entry">
            <Flex wrap gap={6} align="center">
              <Tag color={e.source === 'event' ? 'orange' : 'blue'}>{t(`history.source.${e.source}`)}</Tag>
              <Typography.Text strong>{entryTitle(e)}</Typography.Text>
              {e.entityId !== null && e.entity !== 'household' && <Typography.Text type="secondary">#{e.entityId}</Typography.Text>}
              {e.username && (
                <Typography.Text type="secondary">
                  {t('history.by')}：{e.username}
                </Typography.Text>
              )}
            </Flex>
            {(e.changes ?? []).map((c) => (
              <Typography.Text key={c.field} style={{ fontSize: 13 }}>
                {fieldLabel(lang, c.field)}：{show(c, c.old)} → {show(c, c.new)}
              </Typography.Text>
            ))}
            {e.note && <Typography.Text type="secondary">{e.note}</Typography.Text>}
          </Flex>
        ),
      }))}
    />
  );
}
