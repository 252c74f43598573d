import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Flex, Form, Input, Row, Select, Tooltip } from 'antd';
import { CheckCircleOutlined, ExperimentOutlined, PoweroffOutlined, SaveOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useMe } from '../../api/auth';
import { isApiError } from '../../api/client';
import { useCodeOptions } from '../../api/codes';
import { reportSaveError, showError, showSuccess } from '../../api/errors';
import {
  SEVERITIES,
  SUBJECTS,
  useCheckRule,
  useCreateRule,
  useEditRule,
  usePreviewDraft,
  usePreviewRule,
  useReferenceDate,
  useRuleLanguage,
  useSetRuleEnabled,
  type Preview,
  type RuleDetail,
  type RuleError,
  type RuleInput,
} from '../../api/rules';
import { AreaSelect } from '../../components/AreaSelect';
import { RuleExpressionEditor, type RuleEditorHandle } from '../../components/RuleExpressionEditor';
import { useT } from '../../i18n';
import { DATE_FORMAT, fromDateString, toDateString } from '../../utils/format';
import { FieldPicker } from './FieldPicker';
import { PreviewPanel } from './PreviewPanel';

type Part = 'condition' | 'appliesTo';
type Values = Omit<RuleInput, 'appliesTo'> & { code?: string; appliesTo?: string | null };

const TEXT_KEYS = ['titleZh', 'titleEn', 'severity', 'subject', 'department', 'populationZh', 'explanationZh', 'appliesTo', 'condition'] as const;
const CODE_PATTERN = /^[A-Z][A-Z0-9]{1,9}-[0-9A-Z]{1,10}$/;

const norm = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());

function textOf(rule: RuleDetail | undefined): Partial<Values> {
  if (!rule) return { severity: 'medium', subject: 'household', department: 'poverty_office', appliesTo: '', note: '' };
  return { ...Object.fromEntries(TEXT_KEYS.map((k) => [k, rule[k] ?? ''])), note: '' };
}

interface Props {
  /** The stored rule; absent while creating one. */
  rule: RuleDetail | undefined;
  canManage: boolean;
  onCreated: (code: string) => void;
  onReload: () => void;
}

/**
 * The rule's header fields and its two texts, with check, preview and save. A preview of unchanged stored text
 * (by a manager) is recorded on the current version, which is what allows switching the rule on; any other
 * preview runs the text on screen and records nothing.
 */
export function RuleForm({ rule, canManage, onCreated, onReload }: Props) {
  const t = useT();
  const { data: me } = useMe();
  const [form] = Form.useForm<Values>();
  const values = Form.useWatch((v: Values) => v, form) as Values | undefined;
  const language = useRuleLanguage();
  const reference = useReferenceDate();
  const departments = useCodeOptions('department');
  const check = useCheckRule();
  const previewDraft = usePreviewDraft();
  const previewRule = usePreviewRule(rule?.code);
  const create = useCreateRule();
  const edit = useEditRule(rule?.code ?? '');
  const setEnabled = useSetRuleEnabled();
  const editors = { condition: useRef<RuleEditorHandle>(null), appliesTo: useRef<RuleEditorHandle>(null) };
  const [target, setTarget] = useState<Part>('condition');
  // Errors belong to the texts they were found in: once a text is edited its spans no longer apply.
  const [checked, setChecked] = useState<{ condition: string; appliesTo: string; errors: RuleError[] } | null>(null);
  const [preview, setPreview] = useState<{ kind: 'rule' | 'draft'; result: Extract<Preview, { ok: true }> } | null>(null);
  const [areaId, setAreaId] = useState<number | undefined>(undefined);
  const [date, setDate] = useState<Dayjs | undefined>(undefined);

  useEffect(() => {
    form.setFieldsValue(textOf(rule));
    // Only a different rule or a new stored version replaces what is on screen.
  }, [rule?.code, rule?.currentVersion]);

  const condition = values?.condition ?? '';
  const appliesTo = values?.appliesTo ?? '';
  const dirty = !rule || TEXT_KEYS.some((k) => norm(values?.[k]) !== norm(rule[k]));
  const errorsOf = (part: Part) =>
    checked && checked.condition === condition && checked.appliesTo === appliesTo ? checked.errors.filter((e) => e.part === part) : [];
  const draft = () => ({ subject: form.getFieldValue('subject') as Values['subject'], condition, appliesTo: appliesTo.trim() ? appliesTo : null });
  const showErrors = (errors: RuleError[]) => setChecked({ condition, appliesTo, errors });
  const busy = check.isPending || previewDraft.isPending || previewRule.isPending;

  const runCheck = async () => {
    if (!condition.trim()) return void form.validateFields(['condition']);
    try {
      const res = await check.mutateAsync(draft());
      showErrors(res.ok ? [] : res.errors);
      if (res.ok) showSuccess(t('rules.editor.checkOk'));
    } catch (err) {
      showError(err);
    }
  };

  const runPreview = async () => {
    if (!condition.trim()) return void form.validateFields(['condition']);
    const options = { areaId: areaId ?? me?.area.id, referenceDate: toDateString(date ?? fromDateString(reference.data?.referenceDate)) ?? undefined };
    // Recording the preview on the stored version needs rules.manage; others try the text without recording it.
    const kind = rule && !dirty && canManage ? 'rule' : 'draft';
    try {
      const res = kind === 'rule' ? await previewRule.mutateAsync(options) : await previewDraft.mutateAsync({ ...draft(), ...options });
      if (!res.ok) {
        showErrors(res.errors);
        setPreview(null);
        return;
      }
      showErrors([]);
      setPreview({ kind, result: res });
    } catch (err) {
      showError(err);
    }
  };

  const save = async (v: Values) => {
    const input: RuleInput = {
      titleZh: v.titleZh,
      titleEn: v.titleEn,
      severity: v.severity,
      subject: v.subject,
      department: v.department,
      populationZh: v.populationZh,
      explanationZh: v.explanationZh,
      appliesTo: v.appliesTo?.trim() ? v.appliesTo : null,
      condition: v.condition,
      note: v.note,
    };
    try {
      if (!rule) {
        const created = await create.mutateAsync({ ...input, code: v.code ?? '' });
        showSuccess(t('rules.created', { code: created.code }));
        onCreated(created.code);
        return;
      }
      const saved = await edit.mutateAsync({ ...input, baseVersion: rule.currentVersion });
      setPreview(null);
      showSuccess(t('rules.savedVersion', { v: saved.currentVersion }));
    } catch (err) {
      const ruleErrors = isApiError(err, 'VALIDATION_FAILED') ? (err.details?.['ruleErrors'] as RuleError[] | undefined) : undefined;
      if (ruleErrors?.length) {
        showErrors(ruleErrors);
        showError(err);
        return;
      }
      reportSaveError(err, { form, subject: 'record', onReload, mapPath: (path) => (path.length ? [path[path.length - 1]!] : null) });
    }
  };

  const toggle = async () => {
    if (!rule) return;
    try {
      await setEnabled.mutateAsync({ code: rule.code, enabled: !rule.enabled });
      showSuccess(rule.enabled ? t('rules.disabledOk', { code: rule.code }) : t('rules.enabledOk', { code: rule.code }));
    } catch (err) {
      reportSaveError(err);
    }
  };

  const enableBlocked = rule && !rule.enabled ? (dirty ? t('rules.enableNeedsSave') : !rule.previewedAt ? t('rules.enableNeedsPreview') : null) : null;
  const required = (label: string) => [{ required: true, whitespace: true, message: t('common.required', { field: label }) }];
  const editor = (part: Part) => (
    <RuleExpressionEditor
      ref={editors[part]}
      errors={errorsOf(part)}
      onFocus={() => setTarget(part)}
      rows={part === 'condition' ? 4 : 2}
      placeholder={t(part === 'condition' ? 'rules.editor.conditionPlaceholder' : 'rules.editor.appliesToPlaceholder')}
      testId={`rule-${part}`}
    />
  );

  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} xl={16}>
        <Form<Values> form={form} layout="vertical" disabled={!canManage} initialValues={textOf(rule)} onFinish={(v) => void save(v)} autoComplete="off">
          <Card size="small" style={{ marginBottom: 12 }}>
            <Row gutter={12}>
              {!rule && (
                <Col xs={24} md={6}>
                  <Form.Item
                    name="code"
                    label={t('rules.code')}
                    normalize={(v: string) => v.toUpperCase()}
                    rules={[...required(t('rules.code')), { pattern: CODE_PATTERN, message: t('rules.codePattern') }]}
                  >
                    <Input placeholder="CUS-001" data-testid="rule-code" />
                  </Form.Item>
                </Col>
              )}
              <Col xs={24} md={rule ? 12 : 9}>
                <Form.Item name="titleZh" label={t('rules.titleZh')} rules={[...required(t('rules.titleZh')), { max: 200 }]}>
                  <Input data-testid="rule-title-zh" />
                </Form.Item>
              </Col>
              <Col xs={24} md={rule ? 12 : 9}>
                <Form.Item name="titleEn" label={t('rules.titleEn')} rules={[...required(t('rules.titleEn')), { max: 200 }]}>
                  <Input data-testid="rule-title-en" />
                </Form.Item>
              </Col>
              <Col xs={8}>
                <Form.Item name="severity" label={t('rules.severityCol')} rules={[{ required: true }]}>
                  <Select options={SEVERITIES.map((s) => ({ value: s, label: t(`rules.severity.${s}`) }))} data-testid="rule-severity" />
                </Form.Item>
              </Col>
              <Col xs={8}>
                <Form.Item name="subject" label={t('rules.subjectCol')} rules={[{ required: true }]}>
                  <Select options={SUBJECTS.map((s) => ({ value: s, label: t(`rules.subject.${s}`) }))} data-testid="rule-subject" />
                </Form.Item>
              </Col>
              <Col xs={8}>
                <Form.Item name="department" label={t('rules.department')} rules={[{ required: true }]}>
                  <Select showSearch={{ optionFilterProp: 'label' }} options={departments} data-testid="rule-department" />
                </Form.Item>
              </Col>
              <Col xs={24}>
                <Form.Item name="populationZh" label={t('rules.population')} rules={[...required(t('rules.population')), { max: 500 }]}>
                  <Input placeholder={t('rules.populationHint')} data-testid="rule-population" />
                </Form.Item>
                <Form.Item name="explanationZh" label={t('rules.explanation')} rules={[...required(t('rules.explanation')), { max: 2000 }]} style={{ marginBottom: 0 }}>
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder={t('rules.explanationHint')} data-testid="rule-explanation" />
                </Form.Item>
              </Col>
            </Row>
          </Card>
          <Card size="small" title={t('rules.editor.title')} style={{ marginBottom: 12 }}>
            <Form.Item name="appliesTo" label={t('rules.appliesTo')} extra={t('rules.appliesToHint')}>
              {editor('appliesTo')}
            </Form.Item>
            <Form.Item name="condition" label={t('rules.condition')} extra={t('rules.conditionHint')} rules={required(t('rules.condition'))}>
              {editor('condition')}
            </Form.Item>
            {rule?.enabled && dirty && canManage && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('rules.editDisables')} />}
            {canManage && (
              <Form.Item name="note" label={t('rules.note')} rules={[...required(t('rules.note')), { max: 500 }]}>
                <Input placeholder={rule ? t('rules.noteHint') : t('rules.noteHintNew')} data-testid="rule-note" />
              </Form.Item>
            )}
            <Flex wrap gap={8} align="center">
              <Button icon={<CheckCircleOutlined />} onClick={() => void runCheck()} loading={check.isPending} disabled={busy} data-testid="rule-check">
                {t('rules.editor.check')}
              </Button>
              {canManage && (
                <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={create.isPending || edit.isPending} disabled={!dirty} data-testid="rule-save">
                  {rule ? t('rules.saveVersion') : t('rules.create')}
                </Button>
              )}
              {rule && canManage && (
                <Tooltip title={enableBlocked}>
                  <Button
                    icon={<PoweroffOutlined />}
                    danger={rule.enabled}
                    disabled={enableBlocked !== null}
                    loading={setEnabled.isPending}
                    onClick={() => void toggle()}
                    data-testid="rule-toggle"
                  >
                    {rule.enabled ? t('rules.disable') : t('rules.enable')}
                  </Button>
                </Tooltip>
              )}
            </Flex>
          </Card>
        </Form>
        <Card size="small" title={t('rules.preview.title')} style={{ marginBottom: 12 }}>
          <Row gutter={[8, 8]} align="bottom">
            <Col xs={24} md={10}>
              <AreaSelect value={areaId ?? me?.area.id} onChange={setAreaId} initialAreas={me ? [me.area] : []} />
            </Col>
            <Col xs={12} md={6}>
              <DatePicker
                value={date ?? fromDateString(reference.data?.referenceDate)}
                onChange={(d: Dayjs | null) => setDate(d ?? undefined)}
                format={DATE_FORMAT}
                allowClear={false}
                style={{ width: '100%' }}
                aria-label={t('ruleRun.referenceDate')}
                data-testid="preview-date"
              />
            </Col>
            <Col xs={12} md={8}>
              <Button type={rule && !dirty ? 'primary' : 'default'} icon={<ExperimentOutlined />} onClick={() => void runPreview()} loading={previewDraft.isPending || previewRule.isPending} disabled={busy} data-testid="rule-preview">
                {rule && !dirty && canManage ? t('rules.preview.runRule') : t('rules.preview.runDraft')}
              </Button>
            </Col>
          </Row>
        </Card>
        {preview && <PreviewPanel result={preview.result} kind={preview.kind} />}
      </Col>
      <Col xs={24} xl={8}>
        {/* Stays in view while the long form scrolls, next to the editor it inserts into. */}
        <div style={{ position: 'sticky', top: 12 }}>
          <FieldPicker language={language.data} onInsert={(text, back) => canManage && editors[target].current?.insert(text, back)} />
        </div>
      </Col>
    </Row>
  );
}
