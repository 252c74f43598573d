import { useState } from 'react';
import { Button, Card, Form, Input, InputNumber, Modal, Radio, Space, Table, Tag } from 'antd';
import { useMe } from '../../api/auth';
import { useCodeLabel } from '../../api/codes';
import { showError, showSuccess } from '../../api/errors';
import { useLiftSupervision, useSupervise, useSupervisionSuggestions, useSupervisions, type Supervision } from '../../api/problems';
import { hasPermission } from '../../access';
import { AreaSelect } from '../../components/AreaSelect';
import { useT } from '../../i18n';
import { formatDateTime } from '../../utils/format';

/** 挂牌督办: suggested areas (open problems above a threshold), the areas under supervision, and lifting it. */
export function SupervisionSection() {
  const t = useT();
  const codeLabel = useCodeLabel();
  const { data: me } = useMe();
  const canSupervise = hasPermission(me, 'problems.supervise');
  const [threshold, setThreshold] = useState(10);
  const [level, setLevel] = useState<'county' | 'township'>('township');
  const suggestions = useSupervisionSuggestions({ threshold, level });
  const list = useSupervisions();
  const supervise = useSupervise();
  const lift = useLiftSupervision();
  const [starting, setStarting] = useState<{ areaId?: number | undefined } | null>(null);
  const [lifting, setLifting] = useState<Supervision | null>(null);
  const [form] = Form.useForm<{ areaId: number; reason: string }>();
  const [liftForm] = Form.useForm<{ reason: string }>();

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <Card
        size="small"
        title={t('problems.sup.suggestions')}
        extra={
          <Space wrap>
            <Radio.Group value={level} onChange={(e) => setLevel(e.target.value as 'county' | 'township')} optionType="button"
              options={[{ value: 'township', label: codeLabel('areaLevel', 'township') }, { value: 'county', label: codeLabel('areaLevel', 'county') }]} />
            <span>{t('problems.sup.threshold')}</span>
            <InputNumber min={0} value={threshold} onChange={(v) => setThreshold(v ?? 0)} />
          </Space>
        }
      >
        <Table
          rowKey="areaId"
          size="small"
          pagination={false}
          dataSource={suggestions.data?.items ?? []}
          columns={[
            { title: t('problems.sup.area'), dataIndex: 'name' },
            { title: t('problems.sup.open'), dataIndex: 'openProblems', align: 'right' },
            { title: t('problems.overdue'), dataIndex: 'overdue', align: 'right' },
            {
              title: t('common.actions'),
              key: 'act',
              render: (_, s) =>
                s.supervised ? (
                  <Tag color="magenta">{t('problems.supervised')}</Tag>
                ) : canSupervise ? (
                  <Button size="small" onClick={() => { form.setFieldsValue({ areaId: s.areaId }); setStarting({ areaId: s.areaId }); }} data-testid={`supervise-${s.areaId}`}>
                    {t('problems.sup.start')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('problems.sup.list')} extra={canSupervise && <Button type="primary" onClick={() => { form.resetFields(); setStarting({}); }}>{t('problems.sup.start')}</Button>}>
        <Table<Supervision>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={list.data?.items ?? []}
          columns={[
            { title: t('problems.sup.area'), dataIndex: 'areaName' },
            { title: t('problems.reason'), dataIndex: 'reason' },
            { title: t('problems.sup.open'), dataIndex: 'openProblems', align: 'right' },
            { title: t('problems.sup.startedAt'), key: 'start', render: (_, s) => `${s.startedBy} · ${formatDateTime(s.startedAt)}` },
            { title: t('problems.sup.lifted'), key: 'lift', render: (_, s) => (s.liftedAt ? `${s.liftedBy} · ${formatDateTime(s.liftedAt)}：${s.liftReason}` : <Tag color="magenta">{t('problems.supervised')}</Tag>) },
            { title: t('common.actions'), key: 'act', render: (_, s) => (!s.liftedAt && canSupervise ? <Button size="small" onClick={() => { liftForm.resetFields(); setLifting(s); }}>{t('problems.sup.lift')}</Button> : null) },
          ]}
        />
      </Card>
      <Modal open={starting !== null} title={t('problems.sup.start')} confirmLoading={supervise.isPending} onCancel={() => setStarting(null)}
        onOk={async () => {
          const v = await form.validateFields();
          supervise.mutate(v, { onSuccess: () => { setStarting(null); showSuccess(t('problems.done')); }, onError: showError });
        }}>
        <Form form={form} layout="vertical">
          <Form.Item name="areaId" label={t('problems.sup.area')} rules={[{ required: true, message: t('problems.required') }]}>
            <AreaSelect />
          </Form.Item>
          <Form.Item name="reason" label={t('problems.reason')} rules={[{ required: true, whitespace: true, min: 2, message: t('problems.required') }]}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={lifting !== null} title={t('problems.sup.lift')} confirmLoading={lift.isPending} onCancel={() => setLifting(null)}
        onOk={async () => {
          const v = await liftForm.validateFields();
          lift.mutate({ id: lifting!.id, reason: v.reason }, { onSuccess: () => { setLifting(null); showSuccess(t('problems.done')); }, onError: showError });
        }}>
        <Form form={liftForm} layout="vertical">
          <Form.Item name="reason" label={t('problems.reason')} rules={[{ required: true, whitespace: true, min: 2, message: t('problems.required') }]}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
