import { useState } from 'react';
import { Button, Card, Col, Form, Input, Modal, Row, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useArea } from '../../api/areas';
import { useMe } from '../../api/auth';
import { reportSaveError, showSuccess } from '../../api/errors';
import { EXEMPTION_STATUSES, findingsApi, useExemptions, useRevokeExemption, type Exemption, type ExemptionFilters, type ExemptionStatus } from '../../api/findings';
import { useAllRules } from '../../api/rules';
import { hasPermission } from '../../access';
import { AreaSelect } from '../../components/AreaSelect';
import { ExportButtons } from '../../components/ExportButtons';
import { PageHeader } from '../../components/PageHeader';
import { SearchBox } from '../../components/SearchBox';
import { useLang, useT } from '../../i18n';
import { formatDateTime } from '../../utils/format';
import { rowTestId, testId } from '../../utils/testId';
import { oneOf, toId, useSearchState } from '../rules/useSearchState';

const KEYS = ['ruleCode', 'status', 'householdNo', 'areaId'] as const;
const STATUS_COLOURS: Record<ExemptionStatus, string> = { active: 'gold', revoked: 'default', expired: 'default' };

function RevokeModal({ exemption, onClose }: { exemption: Exemption | undefined; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ reason: string }>();
  const revoke = useRevokeExemption();
  const submit = async ({ reason }: { reason: string }) => {
    if (!exemption) return;
    try {
      await revoke.mutateAsync({ id: exemption.id, reason: reason.trim() });
      showSuccess(t('exemptions.revoked'));
      onClose();
    } catch (err) {
      reportSaveError(err, { form, mapPath: (path) => (path.length ? [path[path.length - 1]!] : null) });
    }
  };
  return (
    <Modal
      open={exemption !== undefined}
      title={t('exemptions.revokeTitle')}
      okText={t('exemptions.revoke')}
      okButtonProps={{ danger: true, ...testId('revoke-submit') }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={revoke.isPending}
      destroyOnHidden
    >
      {exemption && (
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <Typography.Paragraph>{t('exemptions.revokeWhat', { rule: exemption.ruleCode, household: exemption.householdNo })}</Typography.Paragraph>
          <Typography.Paragraph type="secondary">{t('exemptions.revokeHint')}</Typography.Paragraph>
          <Form.Item name="reason" label={t('exemptions.revokeReason')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('exemptions.revokeReason') }) }, { max: 500 }]}>
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="revoke-reason" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

/** 豁免清单: exemptions inside the user's area, with the approver, the reason and (for approvers) revoking. */
export default function ExemptionsPage() {
  const t = useT();
  const [lang] = useLang();
  const { data: me } = useMe();
  const canExempt = hasPermission(me, 'rules.exempt');
  const rules = useAllRules();
  const { values, page, pageSize, update, reset } = useSearchState(KEYS);
  const filters: ExemptionFilters = {
    ruleCode: values.ruleCode,
    status: oneOf(values.status, EXEMPTION_STATUSES) ?? 'active',
    householdNo: values.householdNo,
    areaId: toId(values.areaId),
  };
  const { data, isFetching } = useExemptions({ ...filters, page, pageSize });
  const { data: area } = useArea(filters.areaId);
  const [revoking, setRevoking] = useState<Exemption | undefined>();

  const columns: TableColumnsType<Exemption> = [
    { title: t('exemptions.id'), dataIndex: 'id', width: 70 },
    { title: t('findings.rule'), key: 'rule', width: 220, render: (_, x) => `${x.ruleCode} ${x.ruleTitleZh}` },
    { title: t('f.householdNo'), dataIndex: 'householdNo', width: 170, render: (no: string, x) => <Link to={`/households/${x.householdId}`}>{no}</Link> },
    { title: t('household.village'), dataIndex: 'villageName', width: 110 },
    { title: t('findings.member'), dataIndex: 'memberName', width: 90, render: (v: string | null) => v ?? t('findings.wholeHousehold') },
    { title: t('exempt.reason'), dataIndex: 'reason', width: 240 },
    { title: t('exemptions.approvedBy'), key: 'approved', width: 180, render: (_, x) => `${x.approvedBy} · ${formatDateTime(x.approvedAt)}` },
    { title: t('exempt.validUntil'), dataIndex: 'validUntil', width: 110, render: (v: string | null) => v ?? t('exemptions.noEnd') },
    {
      title: t('findings.statusCol'),
      dataIndex: 'status',
      width: 90,
      render: (s: ExemptionStatus, x) => (
        <Tag color={STATUS_COLOURS[s]} data-testid={`exemption-status-${x.id}`} data-status={s}>
          {t(`exemptions.status.${s}`)}
        </Tag>
      ),
    },
    {
      title: t('exemptions.revokedCol'),
      key: 'revoked',
      width: 220,
      render: (_, x) => (x.revokedAt ? `${x.revokedBy ?? ''} · ${formatDateTime(x.revokedAt)} · ${x.revokeReason ?? ''}` : '—'),
    },
    ...(canExempt
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            render: (_: unknown, x: Exemption) =>
              x.status === 'active' ? (
                <Button type="link" size="small" danger onClick={() => setRevoking(x)} data-testid={`exemption-revoke-${x.id}`}>
                  {t('exemptions.revoke')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader title={t('menu.exemptions')} subTitle={data ? t('common.total', { n: data.total }) : undefined} />
      <Card size="small">
        <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
          <Col xs={24} md={10} xl={6}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: '100%' }}
              placeholder={t('findings.rule')}
              value={values.ruleCode}
              onChange={(v?: string) => update({ ruleCode: v })}
              options={(rules.data?.items ?? []).map((r) => ({ value: r.code, label: `${r.code} ${lang === 'zh' ? r.titleZh : r.titleEn}` }))}
              data-testid="exemptions-filter-rule"
            />
          </Col>
          <Col xs={12} md={6} xl={3}>
            <Select
              style={{ width: '100%' }}
              value={filters.status}
              onChange={(v: string) => update({ status: v === 'active' ? undefined : v })}
              options={EXEMPTION_STATUSES.map((s) => ({ value: s, label: t(`exemptions.status.${s}`) }))}
              data-testid="exemptions-filter-status"
            />
          </Col>
          <Col xs={12} md={8} xl={4}>
            <AreaSelect
              value={filters.areaId ?? me?.area.id}
              onChange={(id) => update({ areaId: id === me?.area.id ? undefined : id })}
              initialAreas={[...(me ? [me.area] : []), ...(area ? [area] : [])]}
            />
          </Col>
          <Col xs={24} md={8} xl={6}>
            <SearchBox value={values.householdNo} placeholder={t('findings.householdNo')} onSearch={(householdNo) => update({ householdNo })} testId="exemptions-household" />
          </Col>
          <Col xs={24} xl={5} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, justifyContent: 'flex-end' }}>
            <Button onClick={reset}>{t('common.reset')}</Button>
            <ExportButtons url={(format) => findingsApi.exemptionsExportUrl(filters, format)} testId="exemptions-export" />
          </Col>
        </Row>
        <Table<Exemption>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isFetching}
          scroll={{ x: 1700 }}
          onRow={(x) => rowTestId(`exemption-row-${x.id}`)}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (n) => t('common.total', { n }),
            onChange: (p, size) => update({ page: size === pageSize ? p : undefined, pageSize: size === 20 ? undefined : size }),
          }}
        />
      </Card>
      <RevokeModal exemption={revoking} onClose={() => setRevoking(undefined)} />
    </>
  );
}
