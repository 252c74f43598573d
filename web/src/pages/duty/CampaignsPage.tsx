import { useState } from 'react';
import { Button, Card, DatePicker, Form, Input, Modal, Progress, Radio, Select, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useNavigate } from 'react-router';
import { useMe } from '../../api/auth';
import { dutyApi, useCampaigns, useDutyMutation, useTemplates, type Campaign, type CampaignInput } from '../../api/duty';
import { reportSaveError, showSuccess } from '../../api/errors';
import { hasPermission } from '../../access';
import { AreaSelect } from '../../components/AreaSelect';
import { PageHeader } from '../../components/PageHeader';
import { useLang, useT } from '../../i18n';
import { testId } from '../../utils/testId';

interface LaunchValues {
  title: string;
  template: string;
  areaId: number;
  population: CampaignInput['population'];
  range: [dayjs.Dayjs, dayjs.Dayjs | null];
}

function LaunchModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const [lang] = useLang();
  const { data: me } = useMe();
  const navigate = useNavigate();
  const templates = useTemplates();
  const [form] = Form.useForm<LaunchValues>();
  const launch = useDutyMutation((v: CampaignInput) => dutyApi.launch(v));
  const submit = async (v: LaunchValues) => {
    try {
      const c = await launch.mutateAsync({
        title: v.title.trim(),
        template: v.template,
        areaId: v.areaId,
        population: v.population,
        startsOn: v.range[0].format('YYYY-MM-DD'),
        endsOn: v.range[1] ? v.range[1].format('YYYY-MM-DD') : null,
      });
      showSuccess(t('duty.launched', { n: c.total }));
      onClose();
      void navigate(`/duty/campaigns/${c.id}`);
    } catch (err) {
      reportSaveError(err, { form });
    }
  };
  return (
    <Modal open={open} title={t('duty.launch')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={launch.isPending} destroyOnHidden okButtonProps={testId('launch-submit')}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ template: 'epidemic', population: 'lifted_monitored', areaId: me?.area.id, range: [dayjs(), dayjs().add(14, 'day')] }}
        onValuesChange={(changed: Partial<LaunchValues>) => {
          const tpl = templates.data?.items.find((x) => x.code === changed.template);
          if (tpl && !form.getFieldValue('title')) form.setFieldValue('title', tpl.zh);
        }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="template" label={t('duty.template')} rules={[{ required: true }]}>
          <Select options={(templates.data?.items ?? []).map((x) => ({ value: x.code, label: lang === 'zh' ? x.zh : x.en }))} data-testid="launch-template" />
        </Form.Item>
        <Form.Item name="title" label={t('duty.campaignTitle')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('duty.campaignTitle') }) }]}>
          <Input maxLength={100} data-testid="launch-title" />
        </Form.Item>
        <Form.Item name="areaId" label={t('duty.scope')} rules={[{ required: true }]}>
          <AreaSelect initialAreas={me ? [me.area] : []} />
        </Form.Item>
        <Form.Item name="population" label={t('duty.population')}>
          <Radio.Group options={[{ value: 'lifted_monitored', label: t('duty.population.lifted_monitored') }, { value: 'all', label: t('duty.population.all') }]} />
        </Form.Item>
        <Form.Item name="range" label={t('duty.campaignPeriod')} rules={[{ required: true }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} allowEmpty={[false, true]} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 逐户排查: the campaigns over the user's area, with completion; launching one. */
export default function CampaignsPage() {
  const t = useT();
  const { data: me } = useMe();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const { data, isFetching } = useCampaigns(page);
  const [launching, setLaunching] = useState(false);
  const columns: TableColumnsType<Campaign> = [
    { title: t('duty.campaignTitle'), dataIndex: 'title', render: (title: string, c) => <Link to={`/duty/campaigns/${c.id}`} data-testid={`campaign-link-${c.id}`}>{title}</Link> },
    { title: t('duty.scope'), dataIndex: 'areaName', width: 120 },
    { title: t('duty.campaignPeriod'), key: 'period', width: 200, render: (_, c) => `${c.startsOn} ~ ${c.endsOn ?? ''}` },
    { title: t('duty.completion'), key: 'done', width: 220, render: (_, c) => <Progress percent={c.total ? Math.round((c.done / c.total) * 1000) / 10 : 0} format={() => `${c.done}/${c.total}`} /> },
    { title: t('duty.risky'), dataIndex: 'risky', width: 90, render: (n: number) => (n ? <Tag color="red">{n}</Tag> : 0) },
    { title: t('duty.status'), dataIndex: 'closed', width: 90, render: (closed: boolean) => (closed ? <Tag>{t('duty.closed')}</Tag> : <Tag color="green">{t('duty.running')}</Tag>) },
  ];
  return (
    <>
      <PageHeader
        title={t('menu.dutyCampaigns')}
        subTitle={data ? t('common.total', { n: data.total }) : undefined}
        extra={
          hasPermission(me, 'duty.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setLaunching(true)} data-testid="campaign-launch">
              {t('duty.launch')}
            </Button>
          )
        }
      />
      <Card size="small">
        <Table<Campaign>
          rowKey="id"
          size="small"
          loading={isFetching}
          columns={columns}
          dataSource={data?.items ?? []}
          scroll={{ x: 900 }}
          pagination={{ current: page.page, pageSize: page.pageSize, total: data?.total ?? 0, onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
        />
      </Card>
      <LaunchModal open={launching} onClose={() => setLaunching(false)} />
    </>
  );
}
