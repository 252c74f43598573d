import { useState } from 'react';
import { Card, Flex, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useNavigate } from 'react-router';
import { SNAPSHOT_STATUSES, useDatasetTypes, useSnapshots, type Snapshot, type SnapshotStatus } from '../../api/departments';
import { useLang, useT } from '../../i18n';
import { formatDateTime, formatNumber } from '../../utils/format';
import { rowTestId } from '../../utils/testId';
import { SnapshotStatusTag } from './MatchTags';

/** 上传记录: every upload the user may see, newest first, paged and filtered on the server. */
export function SnapshotList() {
  const t = useT();
  const [lang] = useLang();
  const navigate = useNavigate();
  const types = useDatasetTypes();
  const [datasetType, setDatasetType] = useState<string | undefined>();
  const [status, setStatus] = useState<SnapshotStatus | undefined>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const { data, isFetching } = useSnapshots({ ...paging, datasetType, status });
  const count = (n: number | undefined, danger = false) => <Typography.Text type={danger && (n ?? 0) > 0 ? 'danger' : undefined}>{formatNumber(n)}</Typography.Text>;

  const columns: TableColumnsType<Snapshot> = [
    { title: t('dept.list.id'), dataIndex: 'id', width: 70 },
    { title: t('dept.list.dataset'), dataIndex: 'datasetName', width: 150 },
    { title: t('dept.list.asOf'), dataIndex: 'asOf', width: 110 },
    { title: t('dept.list.fileName'), dataIndex: 'fileName', width: 220, ellipsis: true },
    { title: t('dept.list.status'), dataIndex: 'status', width: 90, render: (s: SnapshotStatus) => <SnapshotStatusTag status={s} /> },
    { title: t('dept.count.rows'), key: 'rows', width: 80, align: 'right', render: (_, s) => count(s.counts.rows) },
    { title: t('dept.count.rejected'), key: 'rejected', width: 80, align: 'right', render: (_, s) => count(s.counts.rejected, true) },
    { title: t('dept.count.review'), key: 'review', width: 80, align: 'right', render: (_, s) => count(s.counts.review) },
    { title: t('dept.list.uploadedBy'), dataIndex: 'username', width: 110 },
    { title: t('dept.list.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
  ];

  const filtered = (fn: () => void) => {
    fn();
    setPaging((p) => ({ ...p, page: 1 }));
  };

  return (
    <Card size="small" title={t('dept.list.title')}>
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Select<string>
          allowClear
          placeholder={t('dept.list.allDatasets')}
          value={datasetType}
          onChange={(v) => filtered(() => setDatasetType(v))}
          options={(types.data ?? []).map((d) => ({ value: d.code, label: lang === 'zh' ? d.zh : d.en }))}
          style={{ minWidth: 180 }}
          data-testid="dept-list-dataset"
        />
        <Select<SnapshotStatus>
          allowClear
          placeholder={t('dept.list.allStatuses')}
          value={status}
          onChange={(v) => filtered(() => setStatus(v))}
          options={SNAPSHOT_STATUSES.map((s) => ({ value: s, label: t(`dept.status.${s}`) }))}
          style={{ minWidth: 140 }}
          data-testid="dept-list-status"
        />
      </Flex>
      <Table<Snapshot>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching && !data}
        scroll={{ x: 1160 }}
        rowClassName="jz-clickable-row"
        onRow={(s) => rowTestId(`dept-snapshot-${s.id}`, { onClick: () => navigate(`/departments/snapshots/${s.id}`) })}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (n) => t('common.total', { n }),
          onChange: (page, pageSize) => setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
        }}
      />
    </Card>
  );
}
