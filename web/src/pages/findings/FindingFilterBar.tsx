import { useEffect, useState } from 'react';
import { Button, Checkbox, Col, Input, Row, Select } from 'antd';
import { ClearOutlined } from '@ant-design/icons';
import { useAccess } from '../../access';
import { useMe } from '../../api/auth';
import { useArea } from '../../api/areas';
import { useCodeOptions } from '../../api/codes';
import { FINDING_STATUSES, findingsApi, type FindingFilters } from '../../api/findings';
import { SEVERITIES, useAllRules } from '../../api/rules';
import { AreaSelect } from '../../components/AreaSelect';
import { ExportButtons } from '../../components/ExportButtons';
import { SearchBox } from '../../components/SearchBox';
import { useLang, useT } from '../../i18n';
import type { FindingSearchKey } from './useFindingSearch';

interface Props {
  filters: FindingFilters;
  update: (patch: Partial<Record<FindingSearchKey, string | number | undefined>>) => void;
  reset: () => void;
}

/** Rule, severity, department, status, area, household number and free text; exports follow the filters. */
export function FindingFilterBar({ filters, update, reset }: Props) {
  const t = useT();
  const [lang] = useLang();
  const { data: me } = useMe();
  const { canRevealIds } = useAccess();
  const rules = useAllRules();
  const departments = useCodeOptions('department');
  const { data: area } = useArea(filters.areaId);
  const [reveal, setReveal] = useState(false);
  const [householdNo, setHouseholdNo] = useState(filters.householdNo ?? '');
  useEffect(() => setHouseholdNo(filters.householdNo ?? ''), [filters.householdNo]);

  const select = (key: FindingSearchKey, value: string | undefined, placeholder: string, options: { value: string; label: string }[], search = false) => (
    <Select
      allowClear
      showSearch={search ? { optionFilterProp: 'label' } : undefined}
      style={{ width: '100%' }}
      placeholder={placeholder}
      aria-label={placeholder}
      value={value}
      onChange={(v?: string) => update({ [key]: v })}
      options={options}
      data-testid={`findings-filter-${key}`}
    />
  );

  return (
    <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
      <Col xs={24} md={12} xl={8}>
        {select(
          'ruleCode',
          filters.ruleCode,
          t('findings.rule'),
          (rules.data?.items ?? []).map((r) => ({ value: r.code, label: `${r.code} ${lang === 'zh' ? r.titleZh : r.titleEn}` })),
          true,
        )}
      </Col>
      <Col xs={12} md={6} xl={4}>
        {select('severity', filters.severity, t('rules.severityCol'), SEVERITIES.map((s) => ({ value: s, label: t(`rules.severity.${s}`) })))}
      </Col>
      <Col xs={12} md={6} xl={4}>
        {select('department', filters.department, t('rules.department'), departments, true)}
      </Col>
      <Col xs={12} md={6} xl={4}>
        {select('status', filters.status, t('findings.statusCol'), FINDING_STATUSES.map((s) => ({ value: s, label: t(`findings.status.${s}`) })))}
      </Col>
      <Col xs={12} md={6} xl={4}>
        <div data-testid="findings-filter-area">
          <AreaSelect
            value={filters.areaId ?? me?.area.id}
            onChange={(id) => update({ areaId: id === me?.area.id ? undefined : id })}
            initialAreas={[...(me ? [me.area] : []), ...(area ? [area] : [])]}
          />
        </div>
      </Col>
      <Col xs={24} md={8} xl={6}>
        <Input
          allowClear
          placeholder={t('findings.householdNo')}
          aria-label={t('findings.householdNo')}
          value={householdNo}
          onChange={(e) => {
            setHouseholdNo(e.target.value);
            if (e.type === 'click' && e.target.value === '') update({ householdNo: undefined });
          }}
          onPressEnter={() => update({ householdNo: householdNo.trim() || undefined })}
          onBlur={() => householdNo.trim() !== (filters.householdNo ?? '') && update({ householdNo: householdNo.trim() || undefined })}
          data-testid="findings-filter-householdNo"
        />
      </Col>
      <Col xs={24} md={16} xl={10}>
        <SearchBox value={filters.q} placeholder={t('findings.searchPlaceholder')} onSearch={(q) => update({ q })} testId="findings-search" />
      </Col>
      <Col xs={24} xl={8} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'flex-end' }}>
        <Button icon={<ClearOutlined />} onClick={reset} data-testid="findings-filter-reset">
          {t('common.reset')}
        </Button>
        {canRevealIds && (
          <Checkbox checked={reveal} onChange={(e) => setReveal(e.target.checked)} data-testid="findings-export-reveal">
            {t('household.exportReveal')}
          </Checkbox>
        )}
        <ExportButtons url={(format) => findingsApi.exportUrl(filters, format, reveal)} testId="findings-export" />
      </Col>
    </Row>
  );
}
