import type { EffectiveStandard, StandardKeyDef, StandardValue } from '../../api/standards';
import type { Lang, Translate } from '../../i18n';
import { formatNumber } from '../../utils/format';

type Named = Pick<EffectiveStandard | StandardKeyDef, 'label' | 'labelEn' | 'unit' | 'unitEn'>;

export function standardLabel(s: Named, lang: Lang): string {
  return lang === 'zh' ? s.label : s.labelEn;
}

export function standardUnit(s: Named, lang: Lang): string {
  return lang === 'zh' ? s.unit : s.unitEn;
}

/** "4,500 元/人·年"; the unit without a space in Chinese. */
export function valueWithUnit(value: number, s: Named, lang: Lang): string {
  const unit = standardUnit(s, lang);
  return lang === 'zh' || unit === '%' ? `${formatNumber(value)}${unit}` : `${formatNumber(value)} ${unit}`;
}

export function sourceText(v: StandardValue, t: Translate): string {
  return v.effectiveTo
    ? t('standards.sourceTextTo', { area: v.areaName, from: v.effectiveFrom, to: v.effectiveTo })
    : t('standards.sourceText', { area: v.areaName, from: v.effectiveFrom });
}
