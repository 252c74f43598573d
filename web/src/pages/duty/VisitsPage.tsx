import { useState } from 'react';
import { Button, Card, Col, DatePicker, Drawer, Flex, Progress, Row, Select, Statistic, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useMe } from '../../api/auth';
import { COVERAGE_LEVELS, dutyApi, UNVISITED_KINDS, useCoverage, useUnvisited, useVisits, type CoverageLevel, type Figures, type UnvisitedKind, type Visit } from '../../api/duty';
import { hasPermission } from '../../access';
import { AreaSelect } from '../../components/AreaSelect';
import { ExportButtons } from '../../components/ExportButtons';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { toDateString } from '../../utils/format';
import { VisitForm } from './VisitForm';

const pct = (f: Figures) => (f.share === null ? null : Math.round(f.share * 1000) / 10);

function FigureCell({ f, testId }: { f: Figures; testId?: string }) {
  const p = pct(f);
  return (
    <span data-testid={testId} data-visited={f.visited} data-total={f.total}>
      {f.visited}/{f.total} {p === null ? '—' : `(${p}%)`}
    </span>
  );
}

/** 遍访: coverage per secretary level and area for a period, what is not yet visited, and the visit records. */
export default function VisitsPage() {
  const t = useT();
  const { data: me } = useMe();
  const [areaId, setAreaId] = useState<number | undefined>();
  const [range, setRange] = useState<[dayjs.Dayjs, dayjs.Dayjs]>([dayjs().startOf('year'), dayjs()]);
  const [level, setLevel] = useState<CoverageLevel>('any');
  const [kind, setKind] = useState<UnvisitedKind>('household');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [visitPage, setVisitPage] = useState({ page: 1, pageSize: 10 });
  const [recording, setRecording] = useState(false);
  const q = { areaId, from: toDateString(range[0])!, to: toDateString(range[1])!, level };
  const coverage = useCoverage(q);
  const unvisited = useUnvisited({ ...q, kind, ...page });
  const visits = useVisits({ areaId, from: q.from, to: q.to, ...visitPage });
  const c = coverage.data;

  const visitColumns: TableColumnsType<Visit> = [
    { title: t('duty.visitedOn'), dataIndex: 'visitedOn', width: 110 },
    { title: t('duty.visitCadre'), dataIndex: 'cadreName', width: 100 },
    { title: t('duty.visitTarget'), key: 'target', width: 200, render: (_, v) => v.householdNo ?? v.areaName },
    { title: t('duty.visitMethod'), dataIndex: 'method', width: 90, render: (m: Visit['method']) => t(`duty.method.${m}`) },
    { title: t('duty.findings'), dataIndex: 'findings' },
    { title: t('duty.followUp'), dataIndex: 'followUp' },
    { title: t('duty.photo'), key: 'photo', width: 70, render: (_, v) => (v.hasPhoto ? <a href={`/api/duty/visits/${v.id}/photo`} target="_blank" rel="noreferrer">{t('duty.view')}</a> : null) },
  ];

  return (
    <>
      <PageHeader
        title={t('menu.dutyVisits')}
        extra={
          hasPermission(me, 'registry.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="visit-new">
              {t('my.newVisit')}
            </Button>
          )
        }
      />
      <Flex vertical gap={12}>
        <Card size="small" title={t('duty.coverage')}>
          <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
            <Col xs={24} md={8}>
              <AreaSelect value={areaId ?? me?.area.id} onChange={setAreaId} initialAreas={me ? [me.area] : []} />
            </Col>
            <Col xs={24} md={8}>
              <DatePicker.RangePicker style={{ width: '100%' }} value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
            </Col>
            <Col xs={24} md={6}>
              <Select style={{ width: '100%' }} value={level} onChange={setLevel} options={COVERAGE_LEVELS.map((l) => ({ value: l, label: t(`duty.level.${l}`) }))} data-testid="coverage-level" />
            </Col>
          </Row>
          {c && (
            <Row gutter={[16, 16]} style={{ marginBottom: 12 }}>
              {(['townships', 'keyVillages', 'households'] as const).map((k) => (
                <Col xs={24} md={8} key={k}>
                  <Statistic title={t(`duty.cov.${k}`)} value={pct(c[k]) ?? '—'} suffix={c[k].share === null ? '' : '%'} />
                  <Progress percent={pct(c[k]) ?? 0} showInfo={false} />
                  <FigureCell f={c[k]} testId={`coverage-${k}`} />
                </Col>
              ))}
            </Row>
          )}
          <Table
            size="small"
            rowKey="areaId"
            pagination={false}
            loading={coverage.isFetching}
            dataSource={c?.children ?? []}
            scroll={{ x: 600 }}
            columns={[
              { title: t('duty.childArea'), dataIndex: 'name', render: (name: string, x) => <a onClick={() => setAreaId(x.areaId)}>{name}</a> },
              { title: t('duty.cov.townships'), dataIndex: 'townships', render: (f: Figures) => <FigureCell f={f} /> },
              { title: t('duty.cov.keyVillages'), dataIndex: 'keyVillages', render: (f: Figures) => <FigureCell f={f} /> },
              { title: t('duty.cov.households'), dataIndex: 'households', render: (f: Figures) => <FigureCell f={f} /> },
            ]}
          />
        </Card>
        <Card
          size="small"
          title={t('duty.unvisited')}
          extra={
            <Flex gap={8} wrap>
              <Select style={{ width: 150 }} value={kind} onChange={(k) => { setKind(k); setPage((p) => ({ ...p, page: 1 })); }} options={UNVISITED_KINDS.map((k) => ({ value: k, label: t(`duty.unvisitedKind.${k}`) }))} />
              <ExportButtons url={(format) => dutyApi.unvisitedExportUrl({ ...q, kind }, format)} testId="unvisited-export" />
            </Flex>
          }
        >
          <Table
            size="small"
            rowKey="id"
            loading={unvisited.isFetching}
            dataSource={unvisited.data?.items ?? []}
            columns={[
              { title: t('duty.county'), dataIndex: 'countyName' },
              { title: t('duty.township'), dataIndex: 'townshipName' },
              { title: t('duty.village'), dataIndex: 'villageName' },
              { title: kind === 'household' ? t('f.householdNo') : t('duty.areaCode'), dataIndex: 'label' },
            ]}
            pagination={{ current: page.page, pageSize: page.pageSize, total: unvisited.data?.total ?? 0, onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
          />
        </Card>
        <Card size="small" title={t('duty.visitRecords')}>
          <Table<Visit>
            size="small"
            rowKey="id"
            loading={visits.isFetching}
            columns={visitColumns}
            dataSource={visits.data?.items ?? []}
            scroll={{ x: 900 }}
            pagination={{ current: visitPage.page, pageSize: visitPage.pageSize, total: visits.data?.total ?? 0, onChange: (p, s) => setVisitPage({ page: p, pageSize: s }) }}
          />
        </Card>
      </Flex>
      <Drawer open={recording} onClose={() => setRecording(false)} title={t('my.newVisit')} destroyOnHidden>
        <VisitForm chooseCadre onDone={() => setRecording(false)} />
      </Drawer>
    </>
  );
}
