import { useMemo, useState } from 'react';
import { Button, Card, Col, Row, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, EyeOutlined, PlayCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useMe } from '../../api/auth';
import { useCodeLabel, useCodeOptions } from '../../api/codes';
import { reportSaveError, showSuccess } from '../../api/errors';
import { rulesApi, SEVERITIES, SUBJECTS, useRuleLanguage, useRuleList, useSetRuleEnabled, type Rule, type RuleFilters } from '../../api/rules';
import { hasPermission } from '../../access';
import { ExportButtons } from '../../components/ExportButtons';
import { PageHeader } from '../../components/PageHeader';
import { SearchBox } from '../../components/SearchBox';
import { useLang, useT } from '../../i18n';
import { formatDateTime, formatNumber } from '../../utils/format';
import { rowTestId } from '../../utils/testId';
import { EnabledTag, SeverityTag } from './RuleTags';
import { RunRulesModal } from './RunRulesModal';
import { oneOf, useSearchState } from './useSearchState';

const KEYS = ['q', 'severity', 'department', 'subject', 'shape', 'enabled', 'builtIn'] as const;
const BOOLS = ['true', 'false'] as const;

/** 核查规则: the catalogue with search and filters; managing, previewing and running are offered by permission. */
export default function RulesPage() {
  const t = useT();
  const [lang] = useLang();
  const navigate = useNavigate();
  const codeLabel = useCodeLabel();
  const departments = useCodeOptions('department');
  const { data: me } = useMe();
  const canManage = hasPermission(me, 'rules.manage');
  const canRun = hasPermission(me, 'rules.run');
  const { values, page, pageSize, update, reset } = useSearchState(KEYS);
  const filters: RuleFilters = {
    q: values.q,
    severity: oneOf(values.severity, SEVERITIES),
    department: values.department,
    subject: oneOf(values.subject, SUBJECTS),
    shape: values.shape,
    enabled: oneOf(values.enabled, BOOLS),
    builtIn: oneOf(values.builtIn, BOOLS),
  };
  const list = useRuleList({ ...filters, page, pageSize });
  const language = useRuleLanguage();
  const setEnabled = useSetRuleEnabled();
  const [runFor, setRunFor] = useState<{ code?: string } | null>(null);
  const shapes = useMemo(() => new Map((language.data?.shapes ?? []).map((s) => [s.code, lang === 'zh' ? s.zh : s.en])), [language.data, lang]);

  const toggle = async (rule: Rule) => {
    try {
      await setEnabled.mutateAsync({ code: rule.code, enabled: !rule.enabled });
      showSuccess(rule.enabled ? t('rules.disabledOk', { code: rule.code }) : t('rules.enabledOk', { code: rule.code }));
    } catch (err) {
      reportSaveError(err);
    }
  };

  const columns: TableColumnsType<Rule> = [
    { title: t('rules.code'), dataIndex: 'code', width: 100, fixed: 'left', render: (code: string) => <Link to={`/rules/${code}`}>{code}</Link> },
    { title: t('rules.title'), key: 'title', width: 260, render: (_, r) => (lang === 'zh' ? r.titleZh : r.titleEn) },
    { title: t('rules.shape'), dataIndex: 'shape', width: 130, render: (s: string | null) => (s ? (shapes.get(s) ?? s) : <Typography.Text type="secondary">{t('rules.custom')}</Typography.Text>) },
    { title: t('rules.department'), dataIndex: 'department', width: 110, render: (d: string) => codeLabel('department', d) },
    { title: t('rules.severityCol'), dataIndex: 'severity', width: 80, render: (s: string) => <SeverityTag severity={s} /> },
    { title: t('rules.subjectCol'), dataIndex: 'subject', width: 70, render: (s: 'household' | 'member') => t(`rules.subject.${s}`) },
    { title: t('rules.state'), dataIndex: 'enabled', width: 80, render: (e: boolean, r) => <EnabledTag enabled={e} testId={`rule-enabled-${r.code}`} /> },
    { title: t('rules.version'), dataIndex: 'currentVersion', width: 70, align: 'right', render: (v: number) => `v${v}` },
    {
      title: t('rules.previewCount'),
      dataIndex: 'previewCount',
      width: 110,
      align: 'right',
      render: (n: number | null, r) =>
        r.previewedAt ? (
          <Tooltip title={t('rules.previewedAt', { at: formatDateTime(r.previewedAt) })}>
            <span>{formatNumber(n)}</span>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">{t('rules.notPreviewed')}</Typography.Text>
        ),
    },
    {
      title: t('rules.openFindings'),
      dataIndex: 'openFindings',
      width: 100,
      align: 'right',
      render: (n: number, r) => (n > 0 ? <Link to={`/findings?ruleCode=${encodeURIComponent(r.code)}&status=open`}>{formatNumber(n)}</Link> : '0'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: canManage ? 220 : 140,
      render: (_, r) => (
        <Space size={0} wrap onClick={(e) => e.stopPropagation()}>
          <Button
            type="link"
            size="small"
            icon={canManage ? <EditOutlined /> : <EyeOutlined />}
            onClick={() => navigate(`/rules/${r.code}`)}
            data-testid={canManage ? `rule-edit-${r.code}` : `rule-view-${r.code}`}
          >
            {canManage ? t('common.edit') : t('rules.view')}
          </Button>
          {canManage && (
            <Tooltip title={!r.enabled && !r.previewedAt ? t('rules.enableNeedsPreview') : undefined}>
              <Button
                type="link"
                size="small"
                disabled={!r.enabled && !r.previewedAt}
                loading={setEnabled.isPending && setEnabled.variables?.code === r.code}
                onClick={() => void toggle(r)}
                data-testid={`rule-toggle-${r.code}`}
              >
                {r.enabled ? t('rules.disable') : t('rules.enable')}
              </Button>
            </Tooltip>
          )}
          {canRun && r.enabled && (
            <Button type="link" size="small" icon={<PlayCircleOutlined />} onClick={() => setRunFor({ code: r.code })} data-testid={`rule-run-${r.code}`}>
              {t('rules.run')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const select = (key: (typeof KEYS)[number], placeholder: string, options: { value: string; label: string }[]) => (
    <Select
      allowClear
      style={{ width: '100%' }}
      placeholder={placeholder}
      aria-label={placeholder}
      value={values[key]}
      onChange={(v?: string) => update({ [key]: v })}
      options={options}
      data-testid={`rules-filter-${key}`}
    />
  );

  return (
    <>
      <PageHeader
        title={t('menu.rules')}
        subTitle={list.data ? t('rules.subTitle', { n: list.data.total }) : undefined}
        extra={
          <>
            {canRun && (
              <Button icon={<PlayCircleOutlined />} onClick={() => setRunFor({})} data-testid="rules-run-all">
                {t('ruleRun.start')}
              </Button>
            )}
            {canManage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/rules/new')} data-testid="rule-new">
                {t('rules.new')}
              </Button>
            )}
          </>
        }
      />
      <Card size="small">
        <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
          <Col xs={24} md={12} xl={8}>
            <SearchBox value={values.q} placeholder={t('rules.searchPlaceholder')} onSearch={(q) => update({ q })} testId="rules-search" />
          </Col>
          <Col xs={12} md={6} xl={3}>
            {select('severity', t('rules.severityCol'), SEVERITIES.map((s) => ({ value: s, label: t(`rules.severity.${s}`) })))}
          </Col>
          <Col xs={12} md={6} xl={3}>
            {select('department', t('rules.department'), departments)}
          </Col>
          <Col xs={12} md={6} xl={3}>
            {select('subject', t('rules.subjectCol'), SUBJECTS.map((s) => ({ value: s, label: t(`rules.subject.${s}`) })))}
          </Col>
          <Col xs={12} md={6} xl={3}>
            {select('shape', t('rules.shape'), [...shapes].map(([value, label]) => ({ value, label })))}
          </Col>
          <Col xs={12} md={6} xl={3}>
            {select('enabled', t('rules.state'), [
              { value: 'true', label: t('rules.enabled') },
              { value: 'false', label: t('rules.disabled') },
            ])}
          </Col>
          <Col xs={12} md={6} xl={3}>
            {select('builtIn', t('rules.origin'), [
              { value: 'true', label: t('rules.builtIn') },
              { value: 'false', label: t('rules.userMade') },
            ])}
          </Col>
          <Col xs={24} style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
            <Button onClick={reset} data-testid="rules-filter-reset">
              {t('common.reset')}
            </Button>
            <span style={{ flex: 1 }} />
            <ExportButtons url={(format) => rulesApi.exportUrl(filters, format)} testId="rules-export" />
          </Col>
        </Row>
        <Table<Rule>
          rowKey="code"
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 1400 }}
          rowClassName="jz-clickable-row"
          onRow={(r) => rowTestId(`rule-row-${r.code}`, { onClick: () => navigate(`/rules/${r.code}`) })}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (n) => t('common.total', { n }),
            onChange: (p, size) => update({ page: size === pageSize ? p : undefined, pageSize: size === 20 ? undefined : size }),
          }}
        />
      </Card>
      <RunRulesModal open={runFor !== null} ruleCode={runFor?.code} onClose={() => setRunFor(null)} />
    </>
  );
}
