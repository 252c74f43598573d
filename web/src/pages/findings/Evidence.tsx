import { useMemo } from 'react';
import { Descriptions, Flex, Typography } from 'antd';
import { useRuleLanguage, type EvidenceValue, type LanguageField } from '../../api/rules';
import { MONOSPACE } from '../../components/RuleExpressionEditor';
import { useLang, useT, type Lang } from '../../i18n';

type Labeller = (key: string) => { label: string; field: LanguageField | undefined };

/**
 * Labels for evidence keys from the rule language the server gives the editor: a field path becomes its Chinese
 * name, `std.key` the standard's name; anything else (an aggregate, a function call) stays as written.
 */
export function useEvidenceLabels(): { label: Labeller; value: (key: string, v: EvidenceValue) => string } {
  const t = useT();
  const [lang] = useLang();
  const { data } = useRuleLanguage();
  return useMemo(() => {
    const fields = new Map((data?.fields ?? []).map((f) => [f.path, f]));
    const standards = new Map((data?.standards ?? []).map((s) => [`std.${s.key}`, s]));
    const name = (x: { zh: string; en: string }, l: Lang) => (l === 'zh' ? x.zh : x.en);
    const label: Labeller = (key) => {
      const field = fields.get(key);
      if (field) return { label: name(field, lang), field };
      const std = standards.get(key);
      if (std) return { label: name(std, lang), field: undefined };
      return { label: key, field: undefined };
    };
    const value = (key: string, v: EvidenceValue) => {
      if (v === null) return t('findings.evidenceNull');
      if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
      const code = fields.get(key)?.codes?.find((c) => c.code === v);
      return code ? `${name(code, lang)}（${v}）` : String(v);
    };
    return { label, value };
  }, [data, lang, t]);
}

/** The values that made a record violate a rule, labelled; `compact` for a table cell. */
export function Evidence({ evidence, compact = false }: { evidence: Record<string, EvidenceValue>; compact?: boolean }) {
  const { label, value } = useEvidenceLabels();
  const entries = Object.entries(evidence);
  if (entries.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  if (compact) {
    return (
      <Flex vertical gap={0} data-testid="evidence">
        {entries.map(([k, v]) => {
          const l = label(k);
          return (
            <Typography.Text key={k} style={{ fontSize: 12 }} title={k}>
              <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: l.field ? undefined : MONOSPACE }}>
                {l.label}：
              </Typography.Text>
              {value(k, v)}
            </Typography.Text>
          );
        })}
      </Flex>
    );
  }
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      data-testid="evidence"
      items={entries.map(([k, v]) => {
        const l = label(k);
        return {
          key: k,
          label: (
            <Flex vertical gap={0}>
              <span>{l.label}</span>
              {l.label !== k && (
                <Typography.Text type="secondary" style={{ fontSize: 11, fontFamily: MONOSPACE }}>
                  {k}
                </Typography.Text>
              )}
            </Flex>
          ),
          children: value(k, v),
        };
      })}
    />
  );
}
