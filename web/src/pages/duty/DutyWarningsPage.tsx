import { useState } from 'react';
import { Badge, Button, Card, DatePicker, Flex, Form, Input, Table, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type dayjs from 'dayjs';
import { Link } from 'react-router';
import { useMe } from '../../api/auth';
import { dutyApi, useDutyMutation, useDutyWarnings, useDutyWarningSummary, useLockPeriods, WARNING_KINDS, type DutyWarning, type DutyWarningKind } from '../../api/duty';
import { reportSaveError, showSuccess } from '../../api/errors';
import { hasPermission } from '../../access';
import { AreaSelect } from '../../components/AreaSelect';
import { ExportButtons } from '../../components/ExportButtons';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { toDateString } from '../../utils/format';

function LockPeriods() {
  const t = useT();
  const { data: me } = useMe();
  const { data } = useLockPeriods();
  const [form] = Form.useForm<{ areaId: number; range: [dayjs.Dayjs, dayjs.Dayjs]; note?: string }>();
  const add = useDutyMutation((v: { areaId: number; range: [dayjs.Dayjs, dayjs.Dayjs]; note?: string }) =>
    dutyApi.addLockPeriod({ areaId: v.areaId, startsOn: toDateString(v.range[0])!, endsOn: toDateString(v.range[1])!, note: v.note || null }),
  );
  return (
    <Card size="small" title={t('duty.lockPeriods')}>
      <Typography.Paragraph type="secondary">{t('duty.lockHint')}</Typography.Paragraph>
      {(data?.items ?? []).map((l) => (
        <div key={l.id}>
          {l.areaName}：{l.startsOn} ~ {l.endsOn} {l.note ?? ''}
        </div>
      ))}
      {hasPermission(me, 'duty.approve') && (
        <Form
          form={form}
          layout="inline"
          style={{ marginTop: 8, rowGap: 8 }}
          initialValues={{ areaId: me?.area.id }}
          onFinish={(v) =>
            void add.mutateAsync(v).then(
              () => {
                showSuccess(t('duty.lockAdded'));
                form.resetFields();
              },
              (err: unknown) => reportSaveError(err, { form }),
            )
          }
        >
          <Form.Item name="areaId" rules={[{ required: true }]} style={{ minWidth: 200 }}>
            <AreaSelect initialAreas={me ? [me.area] : []} />
          </Form.Item>
          <Form.Item name="range" rules={[{ required: true, message: t('duty.lockRange') }]}>
            <DatePicker.RangePicker />
          </Form.Item>
          <Form.Item name="note">
            <Input placeholder={t('common.note')} maxLength={200} />
          </Form.Item>
          <Button htmlType="submit" loading={add.isPending}>
            {t('duty.addLock')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

/** 帮扶责任预警: the three duty rules as lists with counts per area, exportable; lock periods below. */
export default function DutyWarningsPage() {
  const t = useT();
  const { data: me } = useMe();
  const [kind, setKind] = useState<DutyWarningKind>('missing_helper');
  const [areaId, setAreaId] = useState<number | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const summary = useDutyWarningSummary({ areaId });
  const list = useDutyWarnings({ kind, areaId, ...page });

  const subject: TableColumnsType<DutyWarning> =
    kind === 'missing_helper'
      ? [
          { title: t('f.householdNo'), dataIndex: 'householdNo', render: (no: string, w) => <Link to={`/households/${w.householdId}`}>{no}</Link> },
          { title: t('duty.head'), dataIndex: 'headName' },
        ]
      : kind === 'few_resident_cadres'
        ? [{ title: t('duty.residents'), dataIndex: 'residents' }]
        : [
            { title: t('duty.cadreName'), dataIndex: 'cadreName' },
            { title: t('duty.roleCol'), dataIndex: 'role', render: (r: string) => t(`duty.role.${r as 'work_team'}`) },
            { title: t('duty.leftOn'), dataIndex: 'endsOn' },
          ];
  const columns: TableColumnsType<DutyWarning> = [
    { title: t('duty.county'), dataIndex: 'countyName', width: 110 },
    { title: t('duty.township'), dataIndex: 'townshipName', width: 120 },
    { title: t('duty.village'), dataIndex: 'villageName', width: 120 },
    ...subject,
  ];
  const totals = summary.data?.totals;

  return (
    <>
      <PageHeader
        title={t('menu.dutyWarnings')}
        extra={
          <>
            <div style={{ minWidth: 220 }}>
              <AreaSelect value={areaId ?? me?.area.id} onChange={(v) => { setAreaId(v); setPage((p) => ({ ...p, page: 1 })); }} initialAreas={me ? [me.area] : []} />
            </div>
            <ExportButtons url={(format) => dutyApi.warningsExportUrl({ kind, areaId }, format)} testId="duty-warnings-export" />
          </>
        }
      />
      <Flex vertical gap={12}>
        <Card size="small">
          <Tabs
            activeKey={kind}
            onChange={(k) => { setKind(k as DutyWarningKind); setPage((p) => ({ ...p, page: 1 })); }}
            items={WARNING_KINDS.map((k) => ({
              key: k,
              label: (
                <span data-testid={`duty-warning-tab-${k}`}>
                  {t(`duty.warning.${k}`)} <Badge count={totals?.[k] ?? 0} showZero color={totals?.[k] ? 'red' : 'green'} overflowCount={99999} />
                </span>
              ),
            }))}
          />
          <Table
            size="small"
            rowKey="areaId"
            pagination={false}
            style={{ marginBottom: 12 }}
            dataSource={summary.data?.children ?? []}
            columns={[
              { title: t('duty.childArea'), dataIndex: 'name', render: (name: string, c) => <a onClick={() => setAreaId(c.areaId)}>{name}</a> },
              ...WARNING_KINDS.map((k) => ({ title: t(`duty.warning.${k}`), dataIndex: k })),
            ]}
          />
          <Table<DutyWarning>
            size="small"
            rowKey={(w) => `${w.householdId ?? ''}-${w.assignmentId ?? ''}-${w.villageName}`}
            loading={list.isFetching}
            columns={columns}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 720 }}
            pagination={{ current: page.page, pageSize: page.pageSize, total: list.data?.total ?? 0, onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
          />
        </Card>
        <LockPeriods />
      </Flex>
    </>
  );
}
