import { Flex, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useDatasetTypes, useMemberDepartmentRecords, type MemberDeptRecord } from '../../api/departments';
import { useLang, useT } from '../../i18n';
import { MatchStatusTag } from './MatchTags';
import { useDataValue } from './useDataValue';

/**
 * 部门数据: what the departments' committed snapshots hold about one registry member (school, insurance, subsidies…),
 * evidence next to the household's own record. For the household detail page.
 */
export function MemberDepartmentRecords({ memberId }: { memberId: number }) {
  const t = useT();
  const [lang] = useLang();
  const dataValue = useDataValue();
  const types = useDatasetTypes();
  const { data, isLoading } = useMemberDepartmentRecords(memberId);

  const details = (r: MemberDeptRecord) => {
    const columns = types.data?.find((d) => d.code === r.datasetType)?.columns ?? [];
    const shown = columns.filter((c) => r.data[c.key] !== undefined && r.data[c.key] !== null && r.data[c.key] !== '');
    if (!shown.length) return '—';
    return (
      <Flex wrap gap={12}>
        {shown.map((c) => (
          <span key={c.key}>
            <Typography.Text type="secondary">{lang === 'zh' ? c.label : c.labelEn}：</Typography.Text>
            {dataValue(c, r.data[c.key])}
          </span>
        ))}
      </Flex>
    );
  };

  const columns: TableColumnsType<MemberDeptRecord> = [
    {
      title: t('dept.member.dataset'),
      dataIndex: 'datasetName',
      width: 150,
      render: (name: string, r) => {
        const d = types.data?.find((x) => x.code === r.datasetType);
        return d && lang !== 'zh' ? d.en : name;
      },
    },
    { title: t('dept.list.asOf'), dataIndex: 'asOf', width: 110, render: (v: string, r) => <Link to={`/departments/snapshots/${r.snapshotId}`}>{v}</Link> },
    { title: t('dept.member.content'), key: 'data', render: (_, r) => details(r) },
    { title: t('dept.rec.match'), dataIndex: 'matchStatus', width: 130, render: (s: MemberDeptRecord['matchStatus']) => <MatchStatusTag status={s} /> },
  ];

  return (
    <Table<MemberDeptRecord>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={data ?? []}
      loading={isLoading}
      pagination={false}
      scroll={{ x: 640 }}
      locale={{ emptyText: t('dept.member.none') }}
      data-testid={`member-department-records-${memberId}`}
    />
  );
}
