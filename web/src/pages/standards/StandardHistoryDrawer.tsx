import { Descriptions, Drawer, Empty, Grid, List, Spin, Tag, Typography } from 'antd';
import { useStandardHistory, type EffectiveStandard } from '../../api/standards';
import { useLang, useT } from '../../i18n';
import { formatDateTime } from '../../utils/format';
import { standardLabel, valueWithUnit } from './standardText';

interface Props {
  standard: EffectiveStandard | undefined;
  area: { id: number; name: string } | undefined;
  onClose: () => void;
}

/** Every period of one key set at the area or above it, newest first (GET /api/standards/history). */
export function StandardHistoryDrawer({ standard, area, onClose }: Props) {
  const t = useT();
  const [lang] = useLang();
  const screens = Grid.useBreakpoint();
  const history = useStandardHistory(standard?.key, area?.id);
  const inForce = standard?.source?.id;

  return (
    <Drawer
      open={standard !== undefined}
      onClose={onClose}
      size={screens.md ? 520 : '100%'}
      title={standard ? t('standards.historyTitle', { label: standardLabel(standard, lang), area: area?.name ?? '' }) : ''}
      destroyOnHidden
    >
      {history.isLoading ? (
        <Spin />
      ) : !history.data?.length ? (
        <Empty description={t('common.noData')} />
      ) : (
        <List
          data-testid="standard-history-list"
          dataSource={history.data}
          rowKey="id"
          renderItem={(v) => (
            <List.Item data-testid="standard-history-entry">
              <Descriptions
                size="small"
                column={1}
                title={
                  <span>
                    {standard && valueWithUnit(v.value, standard, lang)}{' '}
                    {v.id === inForce && <Tag color="green">{t('standards.inForce')}</Tag>}
                  </span>
                }
                items={[
                  { key: 'area', label: t('standards.area'), children: v.areaName },
                  {
                    key: 'period',
                    label: t('standards.period'),
                    children: `${v.effectiveFrom} ~ ${v.effectiveTo ?? t('standards.openEnded')}`,
                  },
                  { key: 'note', label: t('common.note'), children: <Typography.Text>{v.note}</Typography.Text> },
                  { key: 'by', label: t('standards.createdBy'), children: `${v.createdBy || '—'} · ${formatDateTime(v.createdAt)}` },
                ]}
              />
            </List.Item>
          )}
        />
      )}
    </Drawer>
  );
}
