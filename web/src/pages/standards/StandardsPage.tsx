import { useMemo, useState } from 'react';
import { Button, Card, Col, DatePicker, Flex, Form, Grid, Row, Space, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, HistoryOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useMe } from '../../api/auth';
import { STANDARD_GROUPS, useEffectiveStandards, useStandardKeys, type EffectiveStandard, type StandardGroup } from '../../api/standards';
import { hasPermission } from '../../access';
import { AreaSelect } from '../../components/AreaSelect';
import { PageHeader } from '../../components/PageHeader';
import { useLang, useT, type MessageKey } from '../../i18n';
import { DATE_FORMAT, toDateString } from '../../utils/format';
import { rowTestId } from '../../utils/testId';
import { StandardFormModal } from './StandardFormModal';
import { StandardHistoryDrawer } from './StandardHistoryDrawer';
import { sourceText, standardLabel, valueWithUnit } from './standardText';

/** 标准设置: the thresholds in force for an area on a date, their history, and (for standards.manage) new values. */
export default function StandardsPage() {
  const t = useT();
  const [lang] = useLang();
  const { data: me } = useMe();
  const canManage = hasPermission(me, 'standards.manage');
  // On a phone the source goes under the label and the actions lose their words, so a row fits the screen.
  const narrow = !Grid.useBreakpoint().md;
  const [areaId, setAreaId] = useState<number | undefined>(undefined);
  const [date, setDate] = useState<Dayjs>(() => dayjs());
  const effective = useEffectiveStandards(areaId, toDateString(date) ?? undefined);
  const keys = useStandardKeys();
  const [historyKey, setHistoryKey] = useState<string | undefined>();
  const [editKey, setEditKey] = useState<string | undefined>();

  const data = effective.data;
  const area = data?.area;
  const byKey = useMemo(() => new Map((data?.items ?? []).map((s) => [s.key, s])), [data]);
  const defs = useMemo(() => new Map((keys.data ?? []).map((d) => [d.key, d])), [keys.data]);
  const groups = useMemo(() => {
    const items = data?.items ?? [];
    const known = STANDARD_GROUPS.map((g) => ({ group: g as string, items: items.filter((s) => s.group === g) }));
    // A group the client does not know yet still shows, after the known ones.
    const other = items.filter((s) => !(STANDARD_GROUPS as readonly string[]).includes(s.group));
    return [...known, ...(other.length ? [{ group: 'other', items: other }] : [])].filter((g) => g.items.length > 0);
  }, [data]);

  const editDef = editKey ? defs.get(editKey) : undefined;
  const editStandard = editKey ? byKey.get(editKey) : undefined;
  const initialAreas = me ? [me.area] : [];

  const sourceColumn: TableColumnsType<EffectiveStandard>[number] = {
    title: t('standards.source'),
    dataIndex: 'source',
    render: (_: unknown, s) =>
      s.source ? (
        <Tooltip title={s.source.note}>
          <Typography.Text type="secondary">{sourceText(s.source, t)}</Typography.Text>
        </Tooltip>
      ) : (
        <Typography.Text type="secondary">{t('standards.unset')}</Typography.Text>
      ),
  };

  const columns: TableColumnsType<EffectiveStandard> = [
    {
      title: t('standards.label'),
      dataIndex: 'label',
      render: (_: unknown, s) => {
        const description = lang === 'zh' ? defs.get(s.key)?.description : undefined;
        const label = description ? (
          <Tooltip title={description}>
            <span>{standardLabel(s, lang)}</span>
          </Tooltip>
        ) : (
          standardLabel(s, lang)
        );
        return narrow ? (
          <Flex vertical>
            {label}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {s.source ? sourceText(s.source, t) : t('standards.unset')}
            </Typography.Text>
          </Flex>
        ) : (
          label
        );
      },
    },
    {
      title: t('standards.value'),
      dataIndex: 'value',
      width: narrow ? undefined : 170,
      render: (_: unknown, s) => (
        <span data-testid={`standard-value-${s.key}`}>
          {s.value === null ? <Typography.Text type="warning">{t('standards.unset')}</Typography.Text> : <strong>{valueWithUnit(s.value, s, lang)}</strong>}
        </span>
      ),
    },
    ...(narrow ? [] : [sourceColumn]),
    {
      title: t('common.actions'),
      key: 'actions',
      width: narrow ? undefined : canManage ? 200 : 90,
      render: (_: unknown, s) => (
        <Space size={0} wrap>
          <Button type="link" size="small" icon={<HistoryOutlined />} onClick={() => setHistoryKey(s.key)} aria-label={t('standards.history')} data-testid={`standard-history-${s.key}`}>
            {narrow ? null : t('standards.history')}
          </Button>
          {canManage && (
            <Button
              type="link"
              size="small"
              icon={<EditOutlined />}
              disabled={!defs.has(s.key) || !area}
              onClick={() => setEditKey(s.key)}
              aria-label={t('standards.edit')}
              data-testid={`standard-edit-${s.key}`}
            >
              {narrow ? null : t('standards.edit')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const groupTitle = (group: string) => {
    const key = `standards.group.${group}` as MessageKey;
    return (STANDARD_GROUPS as readonly string[]).includes(group) ? t(key) : group;
  };

  return (
    <>
      <PageHeader
        title={t('menu.standards')}
        subTitle={area && data ? t('standards.subTitle', { area: area.name, date: data.on }) : undefined}
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form layout="vertical">
          <Row gutter={[8, 0]}>
            <Col xs={24} sm={14} lg={8}>
              <Form.Item label={t('standards.area')} style={{ marginBottom: 0 }}>
                <div data-testid="standards-area">
                  <AreaSelect value={areaId ?? area?.id ?? me?.area.id} onChange={setAreaId} initialAreas={[...initialAreas, ...(area ? [area] : [])]} />
                </div>
              </Form.Item>
            </Col>
            <Col xs={24} sm={10} lg={5}>
              <Form.Item label={t('standards.date')} style={{ marginBottom: 0 }}>
                <DatePicker
                  value={date}
                  format={DATE_FORMAT}
                  allowClear={false}
                  onChange={(d: Dayjs | null) => d && setDate(d)}
                  style={{ width: '100%' }}
                  data-testid="standards-date"
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      <Flex vertical gap={12}>
        {groups.map(({ group, items }) => (
          <Card key={group} size="small" title={groupTitle(group as StandardGroup)} data-testid={`standards-group-${group}`}>
            <Table<EffectiveStandard>
              size="small"
              rowKey="key"
              dataSource={items}
              columns={columns}
              pagination={false}
              loading={effective.isFetching}
              scroll={{ x: 'max-content' }}
              onRow={(s) => rowTestId(`standard-row-${s.key}`)}
            />
          </Card>
        ))}
        {!data && <Card size="small" loading />}
      </Flex>
      <StandardHistoryDrawer standard={historyKey ? byKey.get(historyKey) : undefined} area={area} onClose={() => setHistoryKey(undefined)} />
      <StandardFormModal
        target={editDef && editStandard ? { standard: editStandard, def: editDef } : undefined}
        area={area}
        defaultFrom={date}
        onClose={() => setEditKey(undefined)}
      />
    </>
  );
}
