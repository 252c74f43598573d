import { useState } from 'react';
import { Button, Card, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { departmentsApi, useSnapshotIssues, type Snapshot, type SnapshotIssue } from '../../api/departments';
import { useLang, useT } from '../../i18n';
import { rowTestId } from '../../utils/testId';

/** 错误清单: the cells that could not be read, where they are in the file, and why; downloadable to fix and re-upload. */
export function SnapshotIssues({ snap }: { snap: Snapshot }) {
  const t = useT();
  const [lang] = useLang();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const { data, isFetching } = useSnapshotIssues(snap, paging);
  if (!data?.total) return null;
  return (
    <Card
      size="small"
      title={t('dept.issues.title', { n: data.total })}
      extra={
        <Button size="small" icon={<DownloadOutlined />} href={departmentsApi.issuesExportUrl(snap.id, 'xlsx')} data-testid="dept-issues-export">
          {t('dept.issues.export')}
        </Button>
      }
    >
      <Table<SnapshotIssue>
        rowKey={(i) => `${i.sheet}:${i.rowNumber}:${i.column ?? ''}:${i.code}`}
        size="small"
        dataSource={data.items}
        loading={isFetching}
        scroll={{ x: 760 }}
        onRow={() => rowTestId('dept-issue-row')}
        columns={[
          { title: t('dept.issues.sheet'), dataIndex: 'sheet', width: 110 },
          { title: t('dept.issues.row'), dataIndex: 'rowNumber', width: 60 },
          { title: t('dept.issues.column'), dataIndex: 'column', width: 60, render: (v: string | null) => v ?? '—' },
          { title: t('dept.issues.value'), dataIndex: 'value', width: 180, ellipsis: true, render: (v: string | null) => v ?? '—' },
          { title: t('dept.issues.reason'), key: 'reason', render: (_, i) => (lang === 'zh' ? i.reason : i.reasonEn) },
        ]}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: data.total,
          showTotal: (n) => t('common.total', { n }),
          onChange: (page, pageSize) => setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
        }}
      />
    </Card>
  );
}
