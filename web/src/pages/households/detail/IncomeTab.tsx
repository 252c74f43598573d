import { useState } from 'react';
import { Button, Flex, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { HouseholdDetail, Income } from '../../../api/types';
import { useT, type MessageKey } from '../../../i18n';
import { formatMoney } from '../../../utils/format';
import { IncomeFormModal } from './IncomeFormModal';
import { rowTestId } from '../../../utils/testId';

interface Props {
  household: HouseholdDetail;
  canEdit: boolean;
  onReload: () => Promise<unknown>;
}

const MONEY_COLUMNS: { key: keyof Income; label: MessageKey }[] = [
  { key: 'wage', label: 'income.wage' },
  { key: 'business', label: 'income.business' },
  { key: 'property', label: 'income.property' },
  { key: 'transfer', label: 'income.transfer' },
  { key: 'productionCost', label: 'income.productionCost' },
  { key: 'medicalSelfPay', label: 'income.medicalSelfPay' },
];

export function IncomeTab({ household, canEdit, onReload }: Props) {
  const t = useT();
  const [dialog, setDialog] = useState<{ income?: Income } | null>(null);
  const incomes = [...household.incomes].sort((a, b) => b.periodEnd.localeCompare(a.periodEnd));
  const writable = canEdit && !household.endedOn;
  const currentSize = household.members.filter((m) => !m.endedOn).length;

  const columns: TableColumnsType<Income> = [
    {
      title: t('income.period'),
      key: 'period',
      width: 200,
      fixed: 'left',
      render: (_, r) => `${r.periodStart} ~ ${r.periodEnd}`,
    },
    ...MONEY_COLUMNS.map((c) => ({
      title: t(c.label),
      dataIndex: c.key,
      width: 120,
      align: 'right' as const,
      render: (v: number | string) => formatMoney(v),
    })),
    { title: t('income.netIncome'), dataIndex: 'netIncome', width: 120, align: 'right', render: (v: number | string) => <strong>{formatMoney(v)}</strong> },
    { title: t('income.householdSize'), dataIndex: 'householdSize', width: 90, align: 'right' },
    {
      title: t('income.perCapita'),
      dataIndex: 'perCapitaNetIncome',
      width: 130,
      align: 'right',
      render: (v: number | string | null) => <strong>{formatMoney(v)}</strong>,
    },
    { title: t('common.note'), dataIndex: 'note', width: 160, ellipsis: true },
  ];
  if (writable) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_, r) => (
        <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setDialog({ income: r })} data-testid={`income-edit-${r.id}`}>
          {t('common.edit')}
        </Button>
      ),
    });
  }

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">{t('income.formula')}</Typography.Text>
        {writable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({})} data-testid="income-add">
            {t('income.add')}
          </Button>
        )}
      </Flex>
      <Table<Income>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={incomes}
        pagination={false}
        scroll={{ x: 1400 }}
        onRow={(r) => rowTestId(`income-row-${r.id}`)}
      />
      <IncomeFormModal
        householdId={household.id}
        income={dialog?.income}
        open={dialog !== null}
        currentSize={currentSize}
        onClose={() => setDialog(null)}
        onReload={onReload}
      />
    </Flex>
  );
}
