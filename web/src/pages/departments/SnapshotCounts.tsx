import { Card, Col, Row, Statistic } from 'antd';
import type { SnapshotCounts as Counts } from '../../api/departments';
import { useT, type MessageKey } from '../../i18n';

const TONES = { danger: '#cf1322', warning: '#d48806', success: '#389e0d' } as const;

const CARDS: { key: keyof Counts; titleKey: MessageKey; tone?: keyof typeof TONES }[] = [
  { key: 'rows', titleKey: 'dept.count.rows' },
  { key: 'rejected', titleKey: 'dept.count.rejected', tone: 'danger' },
  { key: 'idExact', titleKey: 'dept.count.idExact', tone: 'success' },
  { key: 'auto', titleKey: 'dept.count.auto', tone: 'success' },
  { key: 'review', titleKey: 'dept.count.review', tone: 'warning' },
  { key: 'unmatched', titleKey: 'dept.count.unmatched' },
];

/** The read and matched counts of an upload: rows, rows that cannot be taken, and how the rest were matched. */
export function SnapshotCounts({ counts }: { counts: Counts }) {
  const t = useT();
  return (
    <Row gutter={[8, 8]} data-testid="dept-counts">
      {CARDS.map((c) => {
        const value = counts[c.key] ?? 0;
        return (
          <Col key={c.key} xs={12} sm={8} md={4}>
            <Card size="small" styles={{ body: { padding: '8px 12px' } }}>
              <Statistic
                title={t(c.titleKey)}
                value={value}
                styles={{ content: { fontSize: 20, ...(c.tone && value > 0 ? { color: TONES[c.tone] } : {}) } }}
                valueRender={(node) => (
                  <span data-testid={`dept-count-${c.key}`} data-value={value}>
                    {node}
                  </span>
                )}
              />
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
