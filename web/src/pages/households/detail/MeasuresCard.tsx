import { useState } from 'react';
import { Button, Card, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, StopOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useCodeLabel } from '../../../api/codes';
import { useMeasures, type Measure } from '../../../api/measures';
import type { HouseholdDetail } from '../../../api/types';
import { useT } from '../../../i18n';
import { formatMoney } from '../../../utils/format';
import { rowTestId } from '../../../utils/testId';
import { MeasureEndModal, MeasureFormModal } from './MeasureFormModal';

interface Props {
  household: HouseholdDetail;
  canEdit: boolean;
}

/** 帮扶措施: what the household receives, entered here or created by an accepted gap-closing plan. */
export function MeasuresCard({ household, canEdit }: Props) {
  const t = useT();
  const codeLabel = useCodeLabel();
  const { data, isFetching } = useMeasures(household.id);
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<Measure | null>(null);

  const columns: TableColumnsType<Measure> = [
    { title: t('measures.kind'), dataIndex: 'kind', width: 150, render: (k: string) => codeLabel('measureKind', k) },
    { title: t('measures.member'), dataIndex: 'memberName', width: 100, render: (n: string | null) => n ?? t('measures.wholeHousehold') },
    {
      title: t('measures.period'),
      key: 'period',
      width: 220,
      render: (_, m) => (
        <span>
          {m.startOn} ~ {m.endOn ?? t('measures.open')}{' '}
          {m.endOn ? <Tag>{t('measures.ended')}</Tag> : <Tag color="green">{t('measures.running')}</Tag>}
        </span>
      ),
    },
    { title: t('measures.yearlyValue'), dataIndex: 'yearlyValue', width: 120, align: 'right', render: (v: number | null) => (v === null ? '—' : formatMoney(v)) },
    { title: t('measures.responsibleUnit'), dataIndex: 'responsibleUnit', width: 130, ellipsis: true },
    {
      title: t('measures.source'),
      key: 'source',
      width: 130,
      render: (_, m) => (m.planId ? <Link to={`/preassessment/plans/${m.planId}`}>{t('measures.plan', { id: m.planId })}</Link> : codeLabel('measureSource', m.source)),
    },
    {
      title: t('measures.note'),
      key: 'note',
      width: 200,
      ellipsis: true,
      render: (_, m) => (m.endReason ? `${m.note ?? ''}（${m.endReason}）` : m.note),
    },
  ];
  if (canEdit) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      fixed: 'right',
      render: (_, m) =>
        m.endOn ? null : (
          <Button size="small" type="link" icon={<StopOutlined />} onClick={() => setEnding(m)} data-testid={`measure-end-${m.id}`}>
            {t('measures.end')}
          </Button>
        ),
    });
  }

  return (
    <Card
      size="small"
      title={t('measures.title')}
      style={{ marginTop: 12 }}
      data-testid="measures-card"
      extra={
        canEdit && (
          <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="measure-add">
            {t('measures.add')}
          </Button>
        )
      }
    >
      <Table<Measure>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching && !data}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: <Typography.Text type="secondary">{t('measures.empty')}</Typography.Text> }}
        onRow={(m) => rowTestId(`measure-row-${m.id}`)}
      />
      <MeasureFormModal household={household} open={adding} onClose={() => setAdding(false)} />
      <MeasureEndModal householdId={household.id} measure={ending} onClose={() => setEnding(null)} />
    </Card>
  );
}
