import { useMemo, useState } from 'react';
import { Card, Col, Descriptions, Empty, Flex, Row, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCodeLabel } from '../../api/codes';
import type { RuleDetail, RuleVersion } from '../../api/rules';
import { MONOSPACE } from '../../components/RuleExpressionEditor';
import { useT, type MessageKey } from '../../i18n';
import { formatDateTime, formatNumber } from '../../utils/format';
import { diffTexts, type DiffPiece } from './textDiff';

const REMOVED = { background: '#ffd8d8', textDecoration: 'line-through' } as const;
const ADDED = { background: '#c8f0c8' } as const;

/** Header fields compared as whole values; the two texts get a word diff. */
const FIELDS: { key: keyof RuleVersion; label: MessageKey }[] = [
  { key: 'titleZh', label: 'rules.titleZh' },
  { key: 'titleEn', label: 'rules.titleEn' },
  { key: 'severity', label: 'rules.severityCol' },
  { key: 'subject', label: 'rules.subjectCol' },
  { key: 'department', label: 'rules.department' },
  { key: 'populationZh', label: 'rules.population' },
  { key: 'explanationZh', label: 'rules.explanation' },
];

function Side({ pieces, style, testId }: { pieces: DiffPiece[]; style: object; testId: string }) {
  return (
    <pre style={{ margin: 0, fontFamily: MONOSPACE, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all', minHeight: 20 }} data-testid={testId}>
      {pieces.map((p, i) =>
        p.changed ? (
          <span key={i} style={style} data-changed="true">
            {p.text}
          </span>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </pre>
  );
}

function TextDiff({ label, before, after, testId }: { label: string; before: string; after: string; testId: string }) {
  const t = useT();
  const diff = useMemo(() => diffTexts(before, after), [before, after]);
  return (
    <div style={{ marginBottom: 12 }}>
      <Typography.Text strong>
        {label}
        {before === after && <Typography.Text type="secondary"> · {t('rules.history.same')}</Typography.Text>}
      </Typography.Text>
      <Row gutter={8} style={{ marginTop: 4 }}>
        <Col xs={24} md={12}>
          <div style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 8, background: '#fafafa' }}>
            <Side pieces={diff.before} style={REMOVED} testId={`${testId}-before`} />
          </div>
        </Col>
        <Col xs={24} md={12}>
          <div style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 8 }}>
            <Side pieces={diff.after} style={ADDED} testId={`${testId}-after`} />
          </div>
        </Col>
      </Row>
    </div>
  );
}

/** 版本历史: every version with who, when and why, and a side-by-side comparison of any two. */
export function RuleHistory({ rule }: { rule: RuleDetail }) {
  const t = useT();
  const codeLabel = useCodeLabel();
  const versions = rule.versions;
  const [pair, setPair] = useState<{ from: number; to: number }>(() => ({
    from: versions[1]?.version ?? versions[0]?.version ?? 1,
    to: versions[0]?.version ?? 1,
  }));
  const from = versions.find((v) => v.version === pair.from);
  const to = versions.find((v) => v.version === pair.to);
  const options = versions.map((v) => ({ value: v.version, label: `v${v.version} · ${formatDateTime(v.createdAt)}` }));

  const shown = (v: RuleVersion, key: keyof RuleVersion) => {
    const value = v[key];
    if (key === 'department') return codeLabel('department', value as string);
    if (key === 'severity') return t(`rules.severity.${v.severity}`);
    if (key === 'subject') return t(`rules.subject.${v.subject}`);
    return value === null || value === undefined ? '' : String(value);
  };

  const columns: TableColumnsType<RuleVersion> = [
    { title: t('rules.version'), dataIndex: 'version', width: 70, render: (v: number) => <Tag color={v === rule.currentVersion ? 'blue' : undefined}>v{v}</Tag> },
    { title: t('rules.note'), dataIndex: 'note', width: 260 },
    {
      title: t('rules.history.by'),
      key: 'by',
      width: 120,
      render: (_, v) => (v.origin === 'built_in' ? <Tag>{t('rules.history.builtIn')}</Tag> : (v.createdBy ?? '—')),
    },
    { title: t('rules.history.at'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
    {
      title: t('rules.previewCount'),
      key: 'preview',
      width: 200,
      render: (_, v) =>
        v.previewedAt ? (
          <span>
            {formatNumber(v.previewCount)}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {' '}
              · {v.previewReferenceDate} · {formatDateTime(v.previewedAt)}
            </Typography.Text>
          </span>
        ) : (
          <Typography.Text type="secondary">{t('rules.notPreviewed')}</Typography.Text>
        ),
    },
  ];

  const changedFields = from && to ? FIELDS.filter((f) => shown(from, f.key) !== shown(to, f.key)) : [];

  return (
    <Flex vertical gap={12}>
      <Table<RuleVersion> rowKey="version" size="small" columns={columns} dataSource={versions} pagination={false} scroll={{ x: 820 }} data-testid="rule-versions" />
      <Card
        size="small"
        title={t('rules.history.compare')}
        extra={
          <Flex gap={8} align="center" wrap>
            <Select size="small" value={pair.from} options={options} onChange={(v: number) => setPair((p) => ({ ...p, from: v }))} style={{ minWidth: 200 }} data-testid="diff-from" />
            →
            <Select size="small" value={pair.to} options={options} onChange={(v: number) => setPair((p) => ({ ...p, to: v }))} style={{ minWidth: 200 }} data-testid="diff-to" />
          </Flex>
        }
      >
        {!from || !to ? (
          <Empty />
        ) : (
          <>
            <TextDiff label={t('rules.condition')} before={from.condition} after={to.condition} testId="diff-condition" />
            <TextDiff label={t('rules.appliesTo')} before={from.appliesTo ?? ''} after={to.appliesTo ?? ''} testId="diff-applies-to" />
            {changedFields.length > 0 && (
              <Descriptions
                size="small"
                bordered
                column={1}
                title={t('rules.history.otherChanges')}
                items={changedFields.map((f) => ({
                  key: f.key,
                  label: t(f.label),
                  children: (
                    <span>
                      <span style={REMOVED}>{shown(from, f.key) || '—'}</span> → <span style={ADDED}>{shown(to, f.key) || '—'}</span>
                    </span>
                  ),
                }))}
              />
            )}
          </>
        )}
      </Card>
    </Flex>
  );
}
