import { Button, Card, Col, Collapse, Empty, Flex, Row, Skeleton, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useCodeLabel } from '../../api/codes';
import { departmentsApi, useDatasetTypes, type DatasetColumn, type DatasetType } from '../../api/departments';
import { useLang, useT } from '../../i18n';

function ColumnTable({ columns }: { columns: DatasetColumn[] }) {
  const t = useT();
  const [lang] = useLang();
  return (
    <Table<DatasetColumn>
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={columns}
      columns={[
        { title: t('dept.col.label'), dataIndex: 'label', width: 140, render: (v: string, c) => (lang === 'zh' ? v : c.labelEn) },
        { title: t('dept.col.required'), dataIndex: 'required', width: 60, render: (r: boolean) => (r ? <Tag color="red">{t('common.yes')}</Tag> : t('common.no')) },
        { title: t('dept.col.synonyms'), dataIndex: 'synonyms', render: (s: string[]) => s.join('、') || '—' },
      ]}
    />
  );
}

function DatasetCard({ type, canUpload, onUpload }: { type: DatasetType; canUpload: boolean; onUpload: (t: DatasetType) => void }) {
  const t = useT();
  const [lang] = useLang();
  return (
    <Card
      size="small"
      title={lang === 'zh' ? type.zh : type.en}
      data-testid={`dept-dataset-${type.code}`}
      extra={
        <Flex gap={4}>
          <Button size="small" icon={<DownloadOutlined />} href={departmentsApi.templateUrl(type.code)} data-testid={`dept-template-${type.code}`}>
            {t('dept.template')}
          </Button>
          {canUpload && (
            <Button size="small" type="primary" icon={<UploadOutlined />} onClick={() => onUpload(type)} data-testid={`dept-upload-${type.code}`}>
              {t('dept.upload.button')}
            </Button>
          )}
        </Flex>
      }
      style={{ height: '100%' }}
    >
      <Flex vertical gap={6}>
        <Typography.Text type="secondary">{type.description}</Typography.Text>
        <div>
          {type.current ? (
            <Link to={`/departments/snapshots/${type.current.snapshotId}`}>
              <Tag color="success">{t('dept.current', { date: type.current.asOf, n: type.current.committedSnapshots })}</Tag>
            </Link>
          ) : (
            <Tag>{t('dept.noCurrent')}</Tag>
          )}
        </div>
        <Collapse
          size="small"
          ghost
          items={[{ key: 'cols', label: t('dept.columns', { n: type.columns.length }), children: <ColumnTable columns={type.columns} /> }]}
        />
      </Flex>
    </Card>
  );
}

/** The dataset types the user may see, grouped by the department that shares them. */
export function DatasetCatalogue({ canUpload, onUpload }: { canUpload: boolean; onUpload: (t: DatasetType) => void }) {
  const codeLabel = useCodeLabel();
  const { data, isLoading } = useDatasetTypes();
  if (isLoading) return <Skeleton active />;
  if (!data?.length) return <Empty />;
  const departments = [...new Set(data.map((d) => d.department))];
  return (
    <Flex vertical gap={16} data-testid="dept-catalogue">
      {departments.map((dep) => (
        <Flex vertical gap={8} key={dep}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {codeLabel('department', dep)}
          </Typography.Title>
          <Row gutter={[12, 12]}>
            {data
              .filter((d) => d.department === dep)
              .map((type) => (
                <Col key={type.code} xs={24} md={12} xl={8}>
                  <DatasetCard type={type} canUpload={canUpload} onUpload={onUpload} />
                </Col>
              ))}
          </Row>
        </Flex>
      ))}
    </Flex>
  );
}
