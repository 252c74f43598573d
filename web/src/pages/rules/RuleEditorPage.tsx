import { useState } from 'react';
import { Breadcrumb, Button, Card, Result, Skeleton, Tabs, Tag } from 'antd';
import { ArrowLeftOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useMe } from '../../api/auth';
import { isApiError } from '../../api/client';
import { errorText } from '../../api/errors';
import { useRule } from '../../api/rules';
import { hasPermission } from '../../access';
import { PageHeader } from '../../components/PageHeader';
import { useLang, useT } from '../../i18n';
import { formatNumber } from '../../utils/format';
import { RuleForm } from './RuleForm';
import { RuleHistory } from './RuleHistory';
import { EnabledTag, SeverityTag } from './RuleTags';
import { RunRulesModal } from './RunRulesModal';

/** /rules/new and /rules/:code: the rule's text (editable with rules.manage), its preview and its versions. */
export default function RuleEditorPage() {
  const t = useT();
  const [lang] = useLang();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const params = useParams();
  const code = params.code;
  const [search, setSearch] = useSearchParams();
  const tab = search.get('tab') === 'history' ? 'history' : 'edit';
  const { data: rule, error, isPending, refetch } = useRule(code);
  const [running, setRunning] = useState(false);
  const canManage = hasPermission(me, 'rules.manage');
  const canRun = hasPermission(me, 'rules.run');
  const back = <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/rules')}>{t('common.back')}</Button>;

  if (code && isApiError(error) && error.status === 404) return <Result status="404" title="404" subTitle={errorText(error)} extra={back} />;
  if (!code && !canManage) return <Result status="403" title="403" subTitle={t('common.forbidden')} extra={back} />;
  if (code && isPending) return <Card><Skeleton active paragraph={{ rows: 10 }} /></Card>;
  if (code && !rule) return <Result status="error" title={errorText(error)} extra={<Button onClick={() => void refetch()}>{t('common.reload')}</Button>} />;

  const form = <RuleForm key={code ?? 'new'} rule={rule} canManage={canManage} onCreated={(c) => navigate(`/rules/${c}`, { replace: true })} onReload={() => void refetch()} />;

  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/rules">{t('menu.rules')}</Link> }, { title: code ?? t('rules.new') }]} />
      <PageHeader
        title={<span data-testid="rule-heading">{rule ? `${rule.code} ${lang === 'zh' ? rule.titleZh : rule.titleEn}` : t('rules.new')}</span>}
        tags={
          rule && (
            <>
              <EnabledTag enabled={rule.enabled} testId="rule-state" />
              <SeverityTag severity={rule.severity} />
              <Tag data-testid="rule-version">v{rule.currentVersion}</Tag>
              {rule.builtIn && <Tag>{t('rules.builtIn')}</Tag>}
              {rule.openFindings > 0 && (
                <Link to={`/findings?ruleCode=${encodeURIComponent(rule.code)}&status=open`}>
                  <Tag color="volcano">{t('rules.openFindingsTag', { n: formatNumber(rule.openFindings) })}</Tag>
                </Link>
              )}
            </>
          )
        }
        extra={
          <>
            {back}
            {rule && canRun && rule.enabled && (
              <Button icon={<PlayCircleOutlined />} onClick={() => setRunning(true)} data-testid="rule-run">
                {t('rules.run')}
              </Button>
            )}
          </>
        }
      />
      {rule ? (
        <Tabs
          activeKey={tab}
          onChange={(key) => setSearch(key === 'history' ? { tab: 'history' } : {}, { replace: true })}
          items={[
            { key: 'edit', label: <span data-testid="rule-tab-edit">{canManage ? t('rules.tab.edit') : t('rules.tab.view')}</span>, children: form },
            {
              key: 'history',
              label: <span data-testid="rule-tab-history">{t('rules.tab.history', { n: rule.versions.length })}</span>,
              children: <RuleHistory key={rule.currentVersion} rule={rule} />,
            },
          ]}
        />
      ) : (
        form
      )}
      {rule && <RunRulesModal open={running} ruleCode={rule.code} onClose={() => setRunning(false)} />}
    </>
  );
}
