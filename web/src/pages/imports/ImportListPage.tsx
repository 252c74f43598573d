import { useState } from 'react';
import { Button, Card, Flex, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { IMPORT_STATUSES, useImportList, type ImportJob, type ImportStatus } from '../../api/imports';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { formatDateTime, formatNumber } from '../../utils/format';
import { rowTestId } from '../../utils/testId';
import { formatBytes, ImportStatusTag } from './ImportStatusTag';

/** 数据导入: the user's import jobs (a user manager sees those of the area), newest first, paged on the server. */
export default function ImportListPage() {
  const t = useT();
  const navigate = useNavigate();
  const [status, setStatus] = useState<ImportStatus | undefined>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const { data, isFetching } = useImportList({ ...paging, status });

  const columns: TableColumnsType<ImportJob> = [
    { title: t('import.list.id'), dataIndex: 'id', width: 70 },
    {
      title: t('import.list.fileName'),
      dataIndex: 'fileName',
      width: 260,
      ellipsis: true,
      render: (name: string, job) => (
        <Flex vertical>
          <Typography.Text ellipsis>{name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatBytes(job.fileSize)}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('import.list.status'), dataIndex: 'status', width: 100, render: (s: ImportStatus) => <ImportStatusTag status={s} /> },
    { title: t('import.list.rows'), key: 'rows', width: 90, align: 'right', render: (_, job) => formatNumber(job.summary?.rows) },
    {
      title: t('import.list.errors'),
      key: 'errors',
      width: 80,
      align: 'right',
      render: (_, job) =>
        job.summary ? <Typography.Text type={job.summary.errors > 0 ? 'danger' : undefined}>{formatNumber(job.summary.errors)}</Typography.Text> : '—',
    },
    {
      title: t('import.list.result'),
      key: 'result',
      width: 260,
      render: (_, job) =>
        job.result
          ? t('import.resultShort', {
              hc: job.result.householdsCreated,
              mc: job.result.membersCreated,
              hu: job.result.householdsUpdated,
              mu: job.result.membersUpdated,
            })
          : (job.failure?.message ?? '—'),
    },
    { title: t('import.list.createdBy'), dataIndex: 'createdBy', width: 110 },
    { title: t('import.list.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
  ];

  return (
    <>
      <PageHeader
        title={t('menu.imports')}
        subTitle={t('import.list.subTitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/imports/new')} data-testid="import-new">
            {t('import.new')}
          </Button>
        }
      />
      <Card size="small">
        <Flex wrap gap={8} style={{ marginBottom: 12 }}>
          <Select<ImportStatus>
            allowClear
            placeholder={t('import.list.allStatuses')}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPaging((p) => ({ ...p, page: 1 }));
            }}
            options={IMPORT_STATUSES.map((s) => ({ value: s, label: t(`import.status.${s}`) }))}
            style={{ minWidth: 160 }}
            data-testid="import-status-filter"
          />
        </Flex>
        <Table<ImportJob>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isFetching && !data}
          scroll={{ x: 1140 }}
          rowClassName="jz-clickable-row"
          onRow={(job) => rowTestId(`import-job-${job.id}`, { onClick: () => navigate(`/imports/${job.id}`) })}
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
    </>
  );
}
