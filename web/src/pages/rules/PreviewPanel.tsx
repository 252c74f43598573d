import { Alert, Card, Flex, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import type { Preview, PreviewRow } from '../../api/rules';
import { useT } from '../../i18n';
import { formatNumber } from '../../utils/format';
import { Evidence } from '../findings/Evidence';

interface Props {
  result: Extract<Preview, { ok: true }>;
  /** `rule`: the stored current version, recorded on it; `draft`: the text on screen, not recorded. */
  kind: 'rule' | 'draft';
}

/** A preview's answer: how many records violate the rule in the area on the date, and the first of them. */
export function PreviewPanel({ result, kind }: Props) {
  const t = useT();
  const place = (r: PreviewRow) => [r.countyName, r.townshipName, r.villageName].filter(Boolean).join(' / ');
  const columns: TableColumnsType<PreviewRow> = [
    { title: t('f.householdNo'), dataIndex: 'householdNo', width: 170, render: (no: string, r) => <Link to={`/households/${r.householdId}`}>{no}</Link> },
    { title: t('household.village'), key: 'place', width: 220, render: (_, r) => place(r) },
    { title: t('findings.member'), dataIndex: 'memberName', width: 90, render: (v: string | null) => v ?? '—' },
    { title: t('findings.idNumber'), dataIndex: 'idNumber', width: 170, render: (v: string | null) => v ?? '—' },
    { title: t('findings.evidence'), dataIndex: 'evidence', render: (e: PreviewRow['evidence']) => <Evidence evidence={e} compact /> },
  ];

  return (
    <Card
      size="small"
      data-testid="preview-result"
      data-kind={kind}
      title={
        <Flex gap={8} align="center" wrap>
          {t('rules.preview.result')}
          <Tag color={kind === 'rule' ? 'green' : 'gold'}>{kind === 'rule' ? t('rules.preview.kindRule') : t('rules.preview.kindDraft')}</Tag>
        </Flex>
      }
    >
      <Flex gap={32} wrap style={{ marginBottom: 12 }}>
        <Statistic title={t('rules.preview.count')} value={result.count} formatter={(v) => <span data-testid="preview-count">{formatNumber(Number(v))}</span>} />
        <Statistic title={t('rules.preview.area')} value={result.area.name} />
        <Statistic title={t('rules.preview.date')} value={result.referenceDate} />
        <Statistic title={t('rules.preview.ms')} value={result.ms} suffix="ms" />
      </Flex>
      {kind === 'draft' && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('rules.preview.draftHint')} />}
      {result.count > result.sample.length && (
        <Typography.Paragraph type="secondary">{t('rules.preview.sampleOf', { n: result.sample.length, total: formatNumber(result.count) })}</Typography.Paragraph>
      )}
      <Table<PreviewRow>
        rowKey={(r) => `${r.householdId}-${r.memberId ?? 0}`}
        size="small"
        columns={columns}
        dataSource={result.sample}
        pagination={false}
        scroll={{ x: 900 }}
        data-testid="preview-sample"
      />
    </Card>
  );
}
