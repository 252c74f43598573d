import { useState } from 'react';
import { Button, Card, Col, DatePicker, Flex, Form, Input, Row, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { auditApi, useAuditList } from '../../../api/audit';
import type { AuditEntry, AuditFilters } from '../../../api/types';
import { ExportButtons } from '../../../components/ExportButtons';
import { PageHeader } from '../../../components/PageHeader';
import { isMessageKey, useT } from '../../../i18n';
import { formatDateTime, toDateString } from '../../../utils/format';
import { AuditValues } from './AuditValues';
import { rowTestId } from '../../../utils/testId';

interface FormState {
  username?: string;
  action?: string;
  entity?: string;
  entityId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function trimmed(v: string | undefined): string | undefined {
  return v?.trim() || undefined;
}

export default function AuditPage() {
  const t = useT();
  const [form] = Form.useForm<FormState>();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const { data, isFetching } = useAuditList(filters, paging);

  const label = (prefix: 'action' | 'entity', value: string) => {
    const key = `${prefix}.${value}`;
    return isMessageKey(key) ? `${t(key)} (${value})` : value;
  };

  const apply = (v: FormState) => {
    setFilters({
      username: trimmed(v.username),
      action: trimmed(v.action),
      entity: trimmed(v.entity),
      entityId: trimmed(v.entityId),
      from: toDateString(v.range?.[0]) ?? undefined,
      to: toDateString(v.range?.[1]) ?? undefined,
    });
    setPaging((p) => ({ ...p, page: 1 }));
  };

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
    { title: t('audit.username'), dataIndex: 'username', width: 120 },
    { title: t('audit.action'), dataIndex: 'action', width: 170, render: (v: string) => label('action', v) },
    { title: t('audit.entity'), dataIndex: 'entity', width: 150, render: (v: string) => label('entity', v) },
    { title: t('audit.entityId'), dataIndex: 'entityId', width: 100 },
    { title: t('audit.ip'), dataIndex: 'ip', width: 130 },
  ];

  return (
    <>
      <PageHeader title={t('menu.audit')} />
      <Card size="small">
        <Form form={form} layout="vertical" onFinish={apply} data-testid="audit-filters">
          <Row gutter={[8, 0]}>
            <Col xs={24} sm={12} lg={4}>
              <Form.Item name="username" label={t('audit.username')}>
                <Input allowClear data-testid="audit-username" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={4}>
              <Form.Item name="action" label={t('audit.action')}>
                <Input allowClear placeholder="update" data-testid="audit-action" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={4}>
              <Form.Item name="entity" label={t('audit.entity')}>
                <Input allowClear placeholder="household" data-testid="audit-entity" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={3}>
              <Form.Item name="entityId" label={t('audit.entityId')}>
                <Input allowClear data-testid="audit-entity-id" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={16} lg={6}>
              <Form.Item name="range" label={t('audit.dateRange')}>
                <DatePicker.RangePicker style={{ width: '100%' }} allowEmpty={[true, true]} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8} lg={3}>
              <Form.Item label=" " colon={false}>
                <Button type="primary" htmlType="submit" block data-testid="audit-search">
                  {t('common.search')}
                </Button>
              </Form.Item>
            </Col>
          </Row>
        </Form>
        <Flex wrap gap={8} justify="flex-end" style={{ marginBottom: 12 }}>
          <ExportButtons url={(format) => auditApi.exportUrl(filters, format)} testId="audit-export" />
        </Flex>
        <Table<AuditEntry>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isFetching}
          scroll={{ x: 900 }}
          expandable={{ expandedRowRender: (entry) => <AuditValues entry={entry} /> }}
          onRow={(e) => rowTestId(`audit-row-${e.id}`)}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (n) => t('common.total', { n }),
            onChange: (page, pageSize) => setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
          }}
        />
      </Card>
    </>
  );
}
