import type { ReactNode } from 'react';
import { Card, Col, Flex, Row, Statistic, Tooltip, Typography } from 'antd';
import type { ImportSummary } from '../../api/imports';
import { useT, type MessageKey } from '../../i18n';

interface Stat {
  key: string;
  titleKey: MessageKey;
  value: number;
  tone?: 'danger' | 'warning' | 'success';
  tip?: string;
}

const TONES = { danger: '#cf1322', warning: '#d48806', success: '#389e0d' } as const;

function StatCard({ stat }: { stat: Stat }) {
  const t = useT();
  const title = stat.tip ? (
    <Tooltip title={stat.tip}>
      <span style={{ borderBottom: '1px dashed' }}>{t(stat.titleKey)}</span>
    </Tooltip>
  ) : (
    t(stat.titleKey)
  );
  return (
    <Card size="small" styles={{ body: { padding: '8px 12px' } }}>
      <Statistic
        title={title}
        value={stat.value}
        styles={{ content: { fontSize: 20, ...(stat.tone && stat.value > 0 ? { color: TONES[stat.tone] } : {}) } }}
        valueRender={(node) => (
          <span data-testid={`import-summary-${stat.key}`} data-value={stat.value}>
            {node}
          </span>
        )}
      />
    </Card>
  );
}

function Group({ title, stats }: { title: ReactNode; stats: Stat[] }) {
  return (
    <Flex vertical gap={6}>
      <Typography.Text strong>{title}</Typography.Text>
      <Row gutter={[8, 8]}>
        {stats.map((s) => (
          <Col key={s.key} xs={12} sm={8} md={6} xl={4}>
            <StatCard stat={s} />
          </Col>
        ))}
      </Row>
    </Flex>
  );
}

/** The dry run's counts: what the commit would create and change, and what it cannot take. */
export function SummaryCards({ summary }: { summary: ImportSummary }) {
  const t = useT();
  const { households: h, members: m, skipped } = summary;
  const skippedTotal = skipped.empty + skipped.notesOrTotals + skipped.repeatedHeader;
  return (
    <Flex vertical gap={12} data-testid="import-summary">
      <Group
        title={t('import.summary.households')}
        stats={[
          { key: 'households-new', titleKey: 'import.summary.new', value: h.new, tone: 'success' },
          { key: 'households-changed', titleKey: 'import.summary.changed', value: h.changed },
          { key: 'households-unchanged', titleKey: 'import.summary.unchanged', value: h.unchanged },
          { key: 'households-rejected', titleKey: 'import.summary.rejected', value: h.rejected, tone: 'danger' },
        ]}
      />
      <Group
        title={t('import.summary.members')}
        stats={[
          { key: 'members-new', titleKey: 'import.summary.new', value: m.new, tone: 'success' },
          { key: 'members-changed', titleKey: 'import.summary.changed', value: m.changed },
          { key: 'members-unchanged', titleKey: 'import.summary.unchanged', value: m.unchanged },
          { key: 'members-rejected', titleKey: 'import.summary.rejected', value: m.rejected, tone: 'danger' },
          { key: 'members-absent', titleKey: 'import.summary.absent', value: m.absent, tip: t('import.summary.absentTip') },
        ]}
      />
      <Group
        title={t('import.summary.rowsTitle')}
        stats={[
          { key: 'rows', titleKey: 'import.summary.rows', value: summary.rows },
          { key: 'rows-rejected', titleKey: 'import.summary.rowsRejected', value: summary.rowsRejected, tone: 'danger' },
          { key: 'errors', titleKey: 'import.summary.errors', value: summary.errors, tone: 'danger' },
          { key: 'warnings', titleKey: 'import.summary.warnings', value: summary.warnings, tone: 'warning' },
          {
            key: 'skipped',
            titleKey: 'import.summary.skipped',
            value: skippedTotal,
            tip: t('import.summary.skippedDetail', { empty: skipped.empty, notes: skipped.notesOrTotals, headers: skipped.repeatedHeader }),
          },
        ]}
      />
    </Flex>
  );
}
