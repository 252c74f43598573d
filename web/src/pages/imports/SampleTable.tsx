import { Card, Flex, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ImportChange, ImportSample } from '../../api/imports';
import { useT } from '../../i18n';

function Change({ change }: { change: ImportChange }) {
  return (
    <div>
      <Typography.Text type="secondary">{change.label}：</Typography.Text>
      {change.old !== null && (
        <>
          <Typography.Text delete type="secondary">
            {change.old}
          </Typography.Text>
          {' → '}
        </>
      )}
      <Typography.Text strong>{change.new ?? '—'}</Typography.Text>
    </div>
  );
}

/** Up to 50 of the changes the commit would make, field by field (old → new). */
export function SampleTable({ samples, severalSheets }: { samples: ImportSample[]; severalSheets: boolean }) {
  const t = useT();
  const columns: TableColumnsType<ImportSample> = [
    {
      title: t('import.samples.entity'),
      key: 'entity',
      width: 110,
      render: (_, s) => (
        <Flex wrap gap={4}>
          <Tag>{t(s.entity === 'household' ? 'import.samples.household' : 'import.samples.member')}</Tag>
          <Tag color={s.action === 'create' ? 'green' : 'blue'}>{t(s.action === 'create' ? 'import.samples.create' : 'import.samples.update')}</Tag>
        </Flex>
      ),
    },
    { title: t('import.samples.householdNo'), dataIndex: 'householdNo', width: 170 },
    { title: t('import.samples.name'), dataIndex: 'name', width: 100 },
    {
      title: t('import.samples.row'),
      key: 'row',
      width: severalSheets ? 140 : 80,
      render: (_, s) => (severalSheets ? t('import.rowRef', { sheet: s.sheet, row: s.rowNumber }) : s.rowNumber),
    },
    {
      title: t('import.samples.changes'),
      key: 'changes',
      width: 360,
      render: (_, s) => (
        <Flex vertical gap={2}>
          {s.changes.map((c) => (
            <Change key={c.field} change={c} />
          ))}
        </Flex>
      ),
    },
  ];
  return (
    <Card size="small" title={t('import.samples.title')}>
      <Table<ImportSample>
        rowKey={(s) => `${s.entity}-${s.sheet}-${s.rowNumber}`}
        size="small"
        columns={columns}
        dataSource={samples}
        pagination={samples.length > 10 ? { pageSize: 10, size: 'small' } : false}
        scroll={{ x: 820 }}
        locale={{ emptyText: t('import.samples.empty') }}
        data-testid="import-samples"
      />
    </Card>
  );
}
