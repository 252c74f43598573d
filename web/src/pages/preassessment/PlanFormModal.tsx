import { useState } from 'react';
import { Alert, Button, Checkbox, Col, DatePicker, Divider, Form, Input, InputNumber, Modal, Row, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { errorText, showSuccess } from '../../api/errors';
import { useProposePlan, type DividendInput, type PostPoolInput } from '../../api/preassessment';
import { useT } from '../../i18n';
import { DATE_FORMAT, toDateString } from '../../utils/format';
import { testId } from '../../utils/testId';

interface Props {
  open: boolean;
  area: { id: number; name: string };
  /** The projection date of the page. */
  on: string;
  onClose: () => void;
  onCreated: (planId: number) => void;
}

interface Values {
  posts: Partial<PostPoolInput>[];
  dividends: Partial<DividendInput>[];
  dibao: boolean;
  dibaoHouseholds?: number | null;
  maxPostsPerPerson: number;
  measuresStartOn: Dayjs;
}

/** 制定帮扶计划: the resources the office has; the server proposes the assignment (POST /api/preassessment/plans). */
export function PlanFormModal({ open, area, on, onClose, onCreated }: Props) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const propose = useProposePlan();
  const [refusal, setRefusal] = useState<string | null>(null);

  const submit = async (v: Values) => {
    setRefusal(null);
    const posts = v.posts.filter((p) => p.name && p.wage && p.posts) as PostPoolInput[];
    const dividends = v.dividends.filter((d) => d.name && d.valuePerShare && d.shares && d.perHousehold) as DividendInput[];
    if (posts.length === 0 && dividends.length === 0 && !v.dibao) {
      setRefusal(t('pre.plan.needResource'));
      return;
    }
    try {
      const plan = await propose.mutateAsync({
        areaId: area.id,
        on,
        measuresStartOn: toDateString(v.measuresStartOn) ?? undefined,
        posts: posts.map((p) => ({ ...p, ageMin: p.ageMin ?? undefined, ageMax: p.ageMax ?? undefined })),
        dividends,
        dibao: { enabled: v.dibao, households: v.dibaoHouseholds ?? null },
        maxPostsPerPerson: v.maxPostsPerPerson,
      });
      showSuccess(t('pre.plan.created'));
      onCreated(plan.id);
    } catch (err) {
      setRefusal(errorText(err));
    }
  };

  const num = (name: (string | number)[], label: string, id: string, extra: { min?: number; precision?: number } = {}) => (
    <Form.Item name={name} label={label} style={{ marginBottom: 8 }}>
      <InputNumber<number> min={extra.min ?? 0} precision={extra.precision} style={{ width: '100%' }} data-testid={id} />
    </Form.Item>
  );

  return (
    <Modal
      open={open}
      title={t('pre.plan.formTitle', { area: area.name })}
      okText={t('pre.plan.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={propose.isPending}
      okButtonProps={testId('plan-submit')}
      width={760}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Typography.Paragraph type="secondary">{t('pre.plan.formHint')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        autoComplete="off"
        initialValues={{
          posts: [{ name: '村级保洁', wage: 6_000 }],
          dividends: [{ name: '光伏电站', valuePerShare: 1_000, perHousehold: 3 }],
          dibao: false,
          maxPostsPerPerson: 2,
          measuresStartOn: dayjs(on).add(1, 'day'),
        }}
        onFinish={(v) => void submit(v)}
        onValuesChange={() => setRefusal(null)}
      >
        <Divider titlePlacement="start">{t('pre.plan.posts')}</Divider>
        <Form.List name="posts">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Row key={f.key} gutter={8} align="bottom">
                  <Col xs={24} sm={7}>
                    <Form.Item name={[f.name, 'name']} label={t('pre.plan.postName')} style={{ marginBottom: 8 }}>
                      <Input maxLength={40} data-testid={`plan-post-name-${i}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={8} sm={4}>
                    {num([f.name, 'wage'], t('pre.plan.wage'), `plan-post-wage-${i}`)}
                  </Col>
                  <Col xs={8} sm={3}>
                    {num([f.name, 'posts'], t('pre.plan.postCount'), `plan-post-count-${i}`, { precision: 0 })}
                  </Col>
                  <Col xs={8} sm={4}>
                    {num([f.name, 'ageMin'], t('pre.plan.ageMin'), `plan-post-age-min-${i}`, { precision: 0 })}
                  </Col>
                  <Col xs={8} sm={4}>
                    {num([f.name, 'ageMax'], t('pre.plan.ageMax'), `plan-post-age-max-${i}`, { precision: 0 })}
                  </Col>
                  <Col xs={4} sm={2}>
                    <Button icon={<DeleteOutlined />} aria-label={t('pre.plan.remove')} onClick={() => remove(f.name)} style={{ marginBottom: 8 }} />
                  </Col>
                </Row>
              ))}
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t('pre.plan.ageDefault')}
              </Typography.Paragraph>
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ wage: 6_000 })} disabled={fields.length >= 6}>
                {t('pre.plan.addPost')}
              </Button>
            </>
          )}
        </Form.List>
        <Divider titlePlacement="start">{t('pre.plan.dividends')}</Divider>
        <Form.List name="dividends">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Row key={f.key} gutter={8} align="bottom">
                  <Col xs={24} sm={8}>
                    <Form.Item name={[f.name, 'name']} label={t('pre.plan.projectName')} style={{ marginBottom: 8 }}>
                      <Input maxLength={40} data-testid={`plan-dividend-name-${i}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={8} sm={5}>
                    {num([f.name, 'valuePerShare'], t('pre.plan.valuePerShare'), `plan-dividend-value-${i}`)}
                  </Col>
                  <Col xs={8} sm={4}>
                    {num([f.name, 'shares'], t('pre.plan.shares'), `plan-dividend-shares-${i}`, { precision: 0 })}
                  </Col>
                  <Col xs={8} sm={5}>
                    {num([f.name, 'perHousehold'], t('pre.plan.perHousehold'), `plan-dividend-per-household-${i}`, { min: 1, precision: 0 })}
                  </Col>
                  <Col xs={4} sm={2}>
                    <Button icon={<DeleteOutlined />} aria-label={t('pre.plan.remove')} onClick={() => remove(f.name)} style={{ marginBottom: 8 }} />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ valuePerShare: 1_000, perHousehold: 3 })} disabled={fields.length >= 4}>
                {t('pre.plan.addDividend')}
              </Button>
            </>
          )}
        </Form.List>
        <Divider titlePlacement="start">{t('pre.plan.dibao')}</Divider>
        <Row gutter={8}>
          <Col xs={24} sm={12}>
            <Form.Item name="dibao" valuePropName="checked" style={{ marginBottom: 8 }}>
              <Checkbox data-testid="plan-dibao">{t('pre.plan.dibaoEnabled')}</Checkbox>
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            {num(['dibaoHouseholds'], t('pre.plan.dibaoHouseholds'), 'plan-dibao-households', { precision: 0 })}
          </Col>
        </Row>
        <Divider />
        <Row gutter={8}>
          <Col xs={12}>{num(['maxPostsPerPerson'], t('pre.plan.maxPosts'), 'plan-max-posts', { min: 1, precision: 0 })}</Col>
          <Col xs={12}>
            <Form.Item name="measuresStartOn" label={t('pre.plan.startOn')} rules={[{ required: true }]} style={{ marginBottom: 8 }}>
              <DatePicker format={DATE_FORMAT} allowClear={false} style={{ width: '100%' }} disabledDate={(d) => !d.isAfter(dayjs(on), 'day')} />
            </Form.Item>
          </Col>
        </Row>
        {refusal && <Alert type="error" showIcon title={refusal} data-testid="plan-form-error" />}
      </Form>
    </Modal>
  );
}
