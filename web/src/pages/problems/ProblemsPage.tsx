import { useState } from 'react';
import { Button, Card, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useCodeLabel } from '../../api/codes';
import type { Finding } from '../../api/findings';
import { useProblemList } from '../../api/problems';
import { PageHeader } from '../../components/PageHeader';
import { useLang, useT } from '../../i18n';
import { formatDateTime } from '../../utils/format';
import { rowTestId } from '../../utils/testId';
import { BulkBar } from './BulkBar';
import { ProblemDrawer } from './ProblemDrawer';
import { ProblemFilterBar } from './ProblemFilterBar';
import { ProblemStateTag } from './ProblemStateTag';
import { useProblemSearch } from './useProblemSearch';

/** 问题整改: the problems of the user's department and area, filtered, acted on one by one or in bulk, exported. */
export default function ProblemsPage() {
  const t = useT();
  const [lang] = useLang();
  const navigate = useNavigate();
  const codeLabel = useCodeLabel();
  const { filters, page, pageSize, openId, update, reset } = useProblemSearch();
  const list = useProblemList({ ...filters, page, pageSize });
  const [selected, setSelected] = useState<number[]>([]);

  const columns: TableColumnsType<Finding> = [
    { title: t('problems.idCol'), dataIndex: 'id', width: 70, fixed: 'left' },
    {
      title: t('problems.stateCol'),
      dataIndex: 'state',
      width: 190,
      render: (_: unknown, f) => <ProblemStateTag problem={f} testId={`problem-state-${f.id}`} />,
    },
    {
      title: t('findings.rule'),
      dataIndex: 'ruleCode',
      width: 240,
      render: (code: string, f) => (
        <span>
          <Typography.Text strong>{code}</Typography.Text> {lang === 'zh' ? f.ruleTitleZh : f.ruleTitleEn}
        </span>
      ),
    },
    { title: t('rules.department'), dataIndex: 'department', width: 100, render: (d: string) => codeLabel('department', d) },
    { title: t('household.village'), key: 'place', width: 200, ellipsis: true, render: (_, f) => [f.countyName, f.townshipName, f.villageName].filter(Boolean).join(' / ') },
    {
      title: t('f.householdNo'),
      dataIndex: 'householdNo',
      width: 170,
      render: (no: string, f) => (
        <Link to={`/households/${f.householdId}`} onClick={(e) => e.stopPropagation()}>
          {no}
        </Link>
      ),
    },
    { title: t('findings.member'), dataIndex: 'memberName', width: 90, render: (v: string | null) => v ?? t('findings.wholeHousehold') },
    { title: t('findings.idNumber'), dataIndex: 'idNumber', width: 170, render: (v: string | null) => v ?? '—' },
    { title: t('problems.deadline'), dataIndex: 'deadline', width: 110, render: (v: string | null) => v ?? '—' },
    { title: t('problems.stateAt'), dataIndex: 'stateAt', width: 160, render: (v: string | null) => (v ? formatDateTime(v) : '—') },
    { title: t('findings.firstSeen'), dataIndex: 'firstSeenAt', width: 160, render: (v: string) => formatDateTime(v) },
  ];

  return (
    <>
      <PageHeader
        title={t('menu.problems')}
        subTitle={list.data ? t('findings.subTitle', { n: list.data.total }) : undefined}
        extra={
          <Button icon={<InboxOutlined />} onClick={() => navigate('/inbox')}>
            {t('menu.inbox')}
          </Button>
        }
      />
      <Card size="small">
        <ProblemFilterBar filters={filters} update={update} reset={reset} />
        <BulkBar selected={selected} total={list.data?.total ?? 0} filters={filters} onDone={() => setSelected([])} />
        <Table<Finding>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 1700 }}
          rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]), preserveSelectedRowKeys: true }}
          rowClassName={(f) => (f.falseRectification ? 'jz-clickable-row jz-row-danger' : 'jz-clickable-row')}
          onRow={(f) => rowTestId(`problem-row-${f.id}`, { onClick: () => update({ problem: f.id, page }), style: f.falseRectification ? { background: '#fff1f0' } : undefined })}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100, 200],
            showTotal: (n) => t('common.total', { n }),
          }}
          onChange={(pager) => {
            const size = pager.pageSize ?? pageSize;
            const p = size !== pageSize ? 1 : (pager.current ?? 1);
            update({ page: p === 1 ? undefined : p, pageSize: size === 20 ? undefined : size });
          }}
        />
      </Card>
      <ProblemDrawer id={openId} onClose={() => update({ problem: undefined, page })} />
    </>
  );
}
