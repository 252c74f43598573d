import { useState } from 'react';
import { Button, Card, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Tag } from 'antd';
import { useMe } from '../../api/auth';
import { useCodeLabel, useCodeOptions } from '../../api/codes';
import { showError, showSuccess } from '../../api/errors';
import { useDrawRecheck, useRecheck, useRechecks, useRecordRecheck, type RecheckItem } from '../../api/problems';
import { hasPermission } from '../../access';
import { AreaSelect } from '../../components/AreaSelect';
import { useT } from '../../i18n';
import { DATE_FORMAT, formatDateTime, toDateString } from '../../utils/format';

/** 回头看: draw a random sample of closed-off problems, then record for each whether it is still fixed. */
export function RecheckSection() {
  const t = useT();
  const codeLabel = useCodeLabel();
  const departments = useCodeOptions('department');
  const { data: me } = useMe();
  const canSupervise = hasPermission(me, 'problems.supervise');
  const batches = useRechecks();
  const draw = useDrawRecheck();
  const record = useRecordRecheck();
  const [openBatch, setOpenBatch] = useState<number>();
  const batch = useRecheck(openBatch);
  const [mode, setMode] = useState<'size' | 'percent'>('size');
  const [reopening, setReopening] = useState<RecheckItem | null>(null);
  const [drawForm] = Form.useForm<{ areaId?: number; department?: string; amount: number }>();
  const [reopenForm] = Form.useForm<{ note: string; deadline: Parameters<typeof toDateString>[0] }>();

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      {canSupervise && (
        <Card size="small" title={t('problems.re.draw')}>
          <Form form={drawForm} layout="inline" initialValues={{ amount: 10 }}
            onFinish={(v) => draw.mutate({ areaId: v.areaId, department: v.department, [mode]: v.amount }, {
              onSuccess: (r) => { showSuccess(t('problems.re.drawn', { drawn: r.drawn, eligible: r.eligible })); setOpenBatch(r.id); },
              onError: showError,
            })}>
            <Form.Item name="areaId"><AreaSelect /></Form.Item>
            <Form.Item name="department"><Select allowClear style={{ width: 140 }} placeholder={t('rules.department')} options={departments} /></Form.Item>
            <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as 'size' | 'percent')} options={[{ value: 'size', label: t('problems.re.size') }, { value: 'percent', label: t('problems.re.percent') }]} />
            <Form.Item name="amount" rules={[{ required: true }]}><InputNumber min={1} max={mode === 'percent' ? 100 : 2000} /></Form.Item>
            <Button type="primary" htmlType="submit" loading={draw.isPending}>{t('problems.re.draw')}</Button>
          </Form>
        </Card>
      )}
      <Card size="small" title={t('problems.re.batches')}>
        <Table rowKey="id" size="small" pagination={false} dataSource={batches.data?.items ?? []}
          onRow={(b) => ({ onClick: () => setOpenBatch(b.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: '#', dataIndex: 'id', width: 60 },
            { title: t('problems.sup.area'), dataIndex: 'areaName' },
            { title: t('rules.department'), dataIndex: 'department', render: (d: string | null) => (d ? codeLabel('department', d) : t('common.all')) },
            { title: t('problems.re.drawnCol'), key: 'n', render: (_, b) => `${b.drawn} / ${b.eligible}` },
            { title: t('problems.re.confirmed'), dataIndex: 'confirmed', align: 'right' },
            { title: t('problems.re.reopened'), dataIndex: 'reopened', align: 'right' },
            { title: t('problems.sup.startedAt'), key: 'at', render: (_, b) => `${b.username} · ${formatDateTime(b.createdAt)}` },
          ]} />
      </Card>
      {openBatch && batch.data && (
        <Card size="small" title={t('problems.re.items', { id: openBatch })}>
          <Table<RecheckItem> rowKey="findingId" size="small" pagination={false} dataSource={batch.data.items}
            columns={[
              { title: t('problems.idCol'), dataIndex: 'findingId', render: (id: number) => <a href={`/problems?problem=${id}`}>{id}</a> },
              { title: t('findings.rule'), dataIndex: 'ruleCode' },
              { title: t('f.householdNo'), dataIndex: 'householdNo' },
              { title: t('findings.member'), dataIndex: 'memberName', render: (v: string | null) => v ?? t('findings.wholeHousehold') },
              { title: t('problems.re.result'), key: 'r', render: (_, i) => (i.result ? <Tag color={i.result === 'reopened' ? 'red' : 'green'}>{t(`problems.re.${i.result}`)}</Tag> : '—') },
              {
                title: t('common.actions'), key: 'act',
                render: (_, i) => !i.result && canSupervise ? (
                  <Space>
                    <Button size="small" onClick={() => record.mutate({ batchId: openBatch, findingId: i.findingId, result: 'confirmed' }, { onError: showError })}>{t('problems.re.confirm')}</Button>
                    <Button size="small" danger onClick={() => { reopenForm.resetFields(); setReopening(i); }}>{t('problems.re.reopen')}</Button>
                  </Space>
                ) : null,
              },
            ]} />
        </Card>
      )}
      <Modal open={reopening !== null} title={t('problems.re.reopen')} confirmLoading={record.isPending} onCancel={() => setReopening(null)}
        onOk={async () => {
          const v = await reopenForm.validateFields();
          record.mutate({ batchId: openBatch!, findingId: reopening!.findingId, result: 'reopened', note: v.note, deadline: toDateString(v.deadline) ?? undefined },
            { onSuccess: () => setReopening(null), onError: showError });
        }}>
        <Form form={reopenForm} layout="vertical">
          <Form.Item name="note" label={t('problems.reason')} rules={[{ required: true, whitespace: true, message: t('problems.required') }]}><Input.TextArea rows={3} /></Form.Item>
          <Form.Item name="deadline" label={t('problems.deadline')} rules={[{ required: true, message: t('problems.required') }]}><DatePicker format={DATE_FORMAT} style={{ width: '100%' }} /></Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
