import { useState } from 'react';
import { Button, Checkbox, Col, Row, Select, Tag } from 'antd';
import { ApartmentOutlined, ClearOutlined } from '@ant-design/icons';
import { useAccess } from '../../access';
import { useArea } from '../../api/areas';
import { useCodeOptions } from '../../api/codes';
import { householdsApi } from '../../api/households';
import { ExportButtons } from '../../components/ExportButtons';
import { SearchBox } from '../../components/SearchBox';
import type { CodeListName, HouseholdFilters } from '../../api/types';
import { useT, type MessageKey } from '../../i18n';
import { UnmetFilterSelect } from '../assessment/UnmetFilterSelect';
import type { SearchPatch } from './useHouseholdSearch';

interface Props {
  filters: HouseholdFilters;
  sort: string | undefined;
  update: (patch: SearchPatch) => void;
  reset: () => void;
  /** On phones the area tree lives in a drawer opened from here. */
  onOpenAreas?: (() => void) | undefined;
}

type CodeFilter = 'type' | 'povertyAttribute' | 'mainCause' | 'housingGrade';
const CODE_FILTERS: { name: CodeFilter; list: CodeListName; label: MessageKey; testId: string }[] = [
  { name: 'type', list: 'householdType', label: 'f.type', testId: 'filter-type' },
  { name: 'povertyAttribute', list: 'povertyAttribute', label: 'f.povertyAttribute', testId: 'filter-poverty-attribute' },
  { name: 'mainCause', list: 'povertyCause', label: 'f.mainCause', testId: 'filter-main-cause' },
  { name: 'housingGrade', list: 'housingGrade', label: 'f.housingGrade', testId: 'filter-housing-grade' },
];

function CodeFilterSelect({ def, value, onChange }: { def: (typeof CODE_FILTERS)[number]; value: string | undefined; onChange: (v: string | undefined) => void }) {
  const t = useT();
  const options = useCodeOptions(def.list);
  return (
    <Select
      allowClear
      style={{ width: '100%' }}
      placeholder={t(def.label)}
      options={options}
      value={value}
      onChange={(v?: string) => onChange(v)}
      data-testid={def.testId}
      aria-label={t(def.label)}
    />
  );
}

export function HouseholdFilterBar({ filters, sort, update, reset, onOpenAreas }: Props) {
  const t = useT();
  const { data: area } = useArea(filters.areaId);
  const { canRevealIds } = useAccess();
  const [reveal, setReveal] = useState(false);

  const status = filters.status ?? 'active';
  const effective: HouseholdFilters = { ...filters, status };

  return (
    <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
      <Col xs={24} md={12} xl={8}>
        <SearchBox value={filters.q} placeholder={t('household.searchPlaceholder')} onSearch={(q) => update({ q })} testId="household-search" />
      </Col>
      {CODE_FILTERS.map((def) => (
        <Col key={def.name} xs={12} md={6} xl={4}>
          <CodeFilterSelect def={def} value={filters[def.name]} onChange={(v) => update({ [def.name]: v })} />
        </Col>
      ))}
      <Col xs={12} md={6} xl={4}>
        <UnmetFilterSelect value={filters.unmet} onChange={(unmet) => update({ unmet })} />
      </Col>
      <Col xs={12} md={6} xl={4}>
        <Select
          style={{ width: '100%' }}
          value={status}
          onChange={(v) => update({ status: v === 'active' ? undefined : v })}
          data-testid="filter-status"
          options={(['active', 'ended', 'all'] as const).map((s) => ({ value: s, label: t(`household.status.${s}`) }))}
        />
      </Col>
      <Col xs={24} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
        {onOpenAreas && (
          <Button icon={<ApartmentOutlined />} onClick={onOpenAreas} data-testid="open-area-tree">
            {t('household.chooseArea')}
          </Button>
        )}
        {filters.areaId !== undefined && (
          <Tag closable onClose={() => update({ areaId: undefined })} color="blue" data-testid="area-filter-tag">
            {t('household.area')}：{area?.name ?? filters.areaId}
          </Tag>
        )}
        <Button icon={<ClearOutlined />} onClick={reset} data-testid="filter-reset">
          {t('common.reset')}
        </Button>
        <span style={{ flex: 1 }} />
        {canRevealIds && (
          <Checkbox checked={reveal} onChange={(e) => setReveal(e.target.checked)} data-testid="export-reveal">
            {t('household.exportReveal')}
          </Checkbox>
        )}
        <ExportButtons url={(format) => householdsApi.exportUrl(effective, format, sort, reveal)} />
      </Col>
    </Row>
  );
}
