import { useState } from 'react';
import { Card, Col, Flex, Row, Switch, Table, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useCodeLabel } from '../../api/codes';
import { departmentsApi, MATCH_STATUSES, useSnapshotRecords, type DatasetType, type DeptRecord, type MatchStatus, type Snapshot } from '../../api/departments';
import { ExportButtons } from '../../components/ExportButtons';
import { SearchBox } from '../../components/SearchBox';
import { useLang, useT } from '../../i18n';
import { rowTestId } from '../../utils/testId';
import { MatchStatusTag, ReasonTags, scorePercent } from './MatchTags';
import { useDataValue } from './useDataValue';

const ALL = 'all';

/** The records of an upload with the registry person each was matched to, by match status, searchable and exportable. */
export function SnapshotRecords({ snap, dataset, canReveal }: { snap: Snapshot; dataset: DatasetType | undefined; canReveal: boolean }) {
  const t = useT();
  const [lang] = useLang();
  const codeLabel = useCodeLabel();
  const dataValue = useDataValue();
  const [matchStatus, setMatchStatus] = useState<MatchStatus | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const [reveal, setReveal] = useState(false);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const { data, isFetching } = useSnapshotRecords(snap, { matchStatus, q, reveal, ...paging });
  const first = () => setPaging((p) => ({ ...p, page: 1 }));

  const columns: TableColumnsType<DeptRecord> = [
    { title: t('dept.rec.row'), dataIndex: 'rowNumber', width: 60, fixed: 'left' },
    { title: t('dept.rec.name'), dataIndex: 'name', width: 90, fixed: 'left' },
    { title: t('dept.rec.idNumber'), dataIndex: 'idNumber', width: 170, render: (v: string | null) => v ?? '—' },
    { title: t('dept.rec.sex'), dataIndex: 'sex', width: 60, render: (v: string | null) => codeLabel('sex', v) || '—' },
    { title: t('dept.rec.birthDate'), dataIndex: 'birthDate', width: 100, render: (v: string | null) => v ?? '—' },
    { title: t('dept.rec.village'), dataIndex: 'villageName', width: 110, render: (v: string | null) => v ?? '—' },
    ...(dataset?.columns ?? []).map((c) => ({
      title: lang === 'zh' ? c.label : c.labelEn,
      key: `data-${c.key}`,
      width: 110,
      render: (_: unknown, r: DeptRecord) => dataValue(c, r.data[c.key]),
    })),
    { title: t('dept.rec.match'), dataIndex: 'matchStatus', width: 130, render: (s: MatchStatus) => <MatchStatusTag status={s} /> },
    { title: t('dept.rec.score'), dataIndex: 'matchScore', width: 70, align: 'right', render: (v: number | null) => scorePercent(v) },
    { title: t('dept.rec.reasons'), dataIndex: 'matchReasons', width: 240, render: (v: string[]) => <ReasonTags reasons={v} /> },
    {
      title: t('dept.rec.member'),
      key: 'member',
      width: 220,
      render: (_, r) =>
        r.member ? (
          <Flex vertical>
            <span>{r.member.name}</span>
            {r.householdId ? <Link to={`/households/${r.householdId}`}>{r.member.householdNo}</Link> : <span>{r.member.householdNo}</span>}
          </Flex>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <Card size="small" title={t('dept.rec.title')} extra={<ExportButtons url={(f) => departmentsApi.recordsExportUrl(snap.id, { matchStatus, q }, f, reveal)} testId="dept-records-export" />}>
      <Tabs
        activeKey={matchStatus ?? ALL}
        onChange={(k) => {
          setMatchStatus(k === ALL ? undefined : (k as MatchStatus));
          first();
        }}
        items={[
          { key: ALL, label: <span data-testid="dept-records-tab-all">{t('common.all')}</span> },
          ...MATCH_STATUSES.map((s) => ({ key: s, label: <span data-testid={`dept-records-tab-${s}`}>{t(`dept.match.${s}`)}</span> })),
        ]}
      />
      <Row gutter={[8, 8]} align="middle" style={{ marginBottom: 12 }}>
        <Col xs={24} md={10}>
          <SearchBox
            value={q}
            placeholder={t('dept.rec.search')}
            testId="dept-records-search"
            onSearch={(v) => {
              setQ(v);
              first();
            }}
          />
        </Col>
        {canReveal && (
          <Col>
            <Flex gap={6} align="center">
              <Switch size="small" checked={reveal} onChange={setReveal} data-testid="dept-records-reveal" />
              <Typography.Text>{t('dept.revealIds')}</Typography.Text>
            </Flex>
          </Col>
        )}
      </Row>
      <Table<DeptRecord>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching}
        scroll={{ x: 1300 + (dataset?.columns.length ?? 0) * 110 }}
        onRow={(r) => rowTestId(`dept-record-${r.id}`)}
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
