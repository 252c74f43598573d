import { useState } from 'react';
import { Button, Checkbox, Col, Row, Select } from 'antd';
import { ClearOutlined } from '@ant-design/icons';
import { useAccess } from '../../access';
import { useCodeOptions } from '../../api/codes';
import { PROBLEM_STATES } from '../../api/findings';
import { problemsApi, type ProblemFilters } from '../../api/problems';
import { useAllRules } from '../../api/rules';
import { AreaSelect } from '../../components/AreaSelect';
import { ExportButtons } from '../../components/ExportButtons';
import { SearchBox } from '../../components/SearchBox';
import { useLang, useT } from '../../i18n';
import type { ProblemSearchKey } from './useProblemSearch';

interface Props {
  filters: ProblemFilters;
  update: (patch: Partial<Record<ProblemSearchKey, string | number | undefined>>) => void;
  reset: () => void;
}

/** State, department, county, rule, the marks (overdue, 整改不实, supervised) and free text; the export follows them. */
export function ProblemFilterBar({ filters, update, reset }: Props) {
  const t = useT();
  const [lang] = useLang();
  const { canRevealIds } = useAccess();
  const rules = useAllRules();
  const departments = useCodeOptions('department');
  const [reveal, setReveal] = useState(false);
  const select = (key: ProblemSearchKey, value: string | undefined, placeholder: string, options: { value: string; label: string }[]) => (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      style={{ width: '100%' }}
      placeholder={placeholder}
      aria-label={placeholder}
      value={value}
      onChange={(v?: string) => update({ [key]: v })}
      options={options}
      data-testid={`problems-filter-${key}`}
    />
  );
  const flag = (key: 'overdue' | 'falseRectification' | 'supervised' | 'returned') => (
    <Checkbox checked={filters[key] === true} onChange={(e) => update({ [key]: e.target.checked ? 'true' : undefined })} data-testid={`problems-filter-${key}`}>
      {t(`problems.filter.${key}`)}
    </Checkbox>
  );

  return (
    <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
      <Col xs={12} md={6} xl={4}>
        {select('state', filters.state, t('problems.stateCol'), PROBLEM_STATES.map((s) => ({ value: s, label: t(`problems.state.${s}`) })))}
      </Col>
      <Col xs={12} md={6} xl={4}>
        {select('department', filters.department, t('rules.department'), departments)}
      </Col>
      <Col xs={12} md={6} xl={4}>
        <AreaSelect level="county" value={filters.countyId} onChange={(id) => update({ countyId: id })} />
      </Col>
      <Col xs={24} md={12} xl={6}>
        {select('ruleCode', filters.ruleCode, t('findings.rule'), (rules.data?.items ?? []).map((r) => ({ value: r.code, label: `${r.code} ${lang === 'zh' ? r.titleZh : r.titleEn}` })))}
      </Col>
      <Col xs={24} md={12} xl={6}>
        <SearchBox value={filters.q} placeholder={t('findings.searchPlaceholder')} onSearch={(q) => update({ q })} testId="problems-search" />
      </Col>
      <Col xs={24} xl={10} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
        {flag('overdue')}
        {flag('falseRectification')}
        {flag('supervised')}
        {flag('returned')}
      </Col>
      <Col xs={24} xl={14} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'flex-end' }}>
        <Button icon={<ClearOutlined />} onClick={reset}>
          {t('common.reset')}
        </Button>
        {canRevealIds && (
          <Checkbox checked={reveal} onChange={(e) => setReveal(e.target.checked)}>
            {t('household.exportReveal')}
          </Checkbox>
        )}
        <ExportButtons url={(format) => problemsApi.exportUrl(filters, format, reveal)} testId="problems-export" />
      </Col>
    </Row>
  );
}
