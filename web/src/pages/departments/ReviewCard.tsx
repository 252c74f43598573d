import type { ReactNode } from 'react';
import { Button, Card, Col, Empty, Flex, Popconfirm, Row, Tag, Typography } from 'antd';
import { CheckOutlined, StopOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useCodeLabel } from '../../api/codes';
import { showError, showSuccess } from '../../api/errors';
import { useConfirmMatch, useRejectMatch, type Candidate, type ReviewItem } from '../../api/departments';
import { useT, type MessageKey } from '../../i18n';
import { MatchStatusTag, ReasonTags, scorePercent } from './MatchTags';

type Side = { name: string; idNumber: string | null; sex: string | null; birthDate: string | null; village: string | null };

const FIELDS: { key: keyof Side; label: MessageKey }[] = [
  { key: 'name', label: 'dept.rec.name' },
  { key: 'idNumber', label: 'dept.rec.idNumber' },
  { key: 'sex', label: 'dept.rec.sex' },
  { key: 'birthDate', label: 'dept.rec.birthDate' },
  { key: 'village', label: 'dept.rec.village' },
];

/** Village names differ in suffixes (张庄村 / 张庄): only a real difference is highlighted. */
const bare = (v: string | null) => (v ?? '').replace(/(村民委员会|村委会|社区|村)$/u, '').trim();

function differs(key: keyof Side, a: Side, b: Side): boolean {
  const x = key === 'village' ? bare(a[key]) : (a[key] ?? '');
  const y = key === 'village' ? bare(b[key]) : (b[key] ?? '');
  // A side that says nothing does not disagree.
  return x !== '' && y !== '' && x !== y;
}

function Fields({ side, other, highlight }: { side: Side; other?: Side; highlight?: boolean }) {
  const t = useT();
  const codeLabel = useCodeLabel();
  const show = (key: keyof Side): ReactNode => (key === 'sex' ? codeLabel('sex', side.sex) : side[key]) || '—';
  return (
    <Flex vertical gap={2}>
      {FIELDS.map((f) => {
        const diff = highlight && other && differs(f.key, side, other);
        return (
          <Flex key={f.key} gap={8}>
            <Typography.Text type="secondary" style={{ minWidth: 64, flexShrink: 0 }}>
              {t(f.label)}
            </Typography.Text>
            <Typography.Text mark={!!diff} strong={f.key === 'name'} data-testid={diff ? 'dept-review-diff' : undefined} style={{ wordBreak: 'break-all' }}>
              {show(f.key)}
            </Typography.Text>
          </Flex>
        );
      })}
    </Flex>
  );
}

function CandidateCard({ item, c, side, canMatch }: { item: ReviewItem; c: Candidate; side: Side; canMatch: boolean }) {
  const t = useT();
  const confirm = useConfirmMatch();
  const cSide: Side = { name: c.name, idNumber: c.idNumber, sex: c.sex, birthDate: c.birthDate, village: c.village };
  return (
    <Card
      size="small"
      type="inner"
      title={
        <Flex gap={8} align="center" wrap>
          <span>{t('dept.review.candidate', { n: c.rank })}</span>
          <Tag color={c.score >= 0.8 ? 'green' : c.score >= 0.5 ? 'gold' : 'default'} data-testid="dept-review-score">
            {t('dept.review.score', { p: scorePercent(c.score) })}
          </Tag>
        </Flex>
      }
      extra={<Link to={`/households?q=${encodeURIComponent(c.householdNo)}`}>{c.householdNo}</Link>}
      data-testid={`dept-review-candidate-${item.id}-${c.memberId}`}
    >
      <Flex vertical gap={8}>
        <Fields side={cSide} other={side} highlight />
        <ReasonTags reasons={c.reasons} />
        {canMatch && (
          <Flex justify="flex-end">
            <Button
              type="primary"
              size="small"
              icon={<CheckOutlined />}
              loading={confirm.isPending}
              onClick={() => confirm.mutate({ recordId: item.id, memberId: c.memberId }, { onSuccess: () => showSuccess(t('dept.review.confirmed', { name: c.name })), onError: showError })}
              data-testid="dept-review-confirm"
            >
              {t('dept.review.confirm')}
            </Button>
          </Flex>
        )}
      </Flex>
    </Card>
  );
}

/** One department record waiting for a decision: the record on the left, the registry candidates on the right. */
export function ReviewCard({ item, datasetName, canMatch }: { item: ReviewItem; datasetName: string; canMatch: boolean }) {
  const t = useT();
  const reject = useRejectMatch();
  const side: Side = { ...item.record, village: item.record.villageName };
  return (
    <Card
      size="small"
      data-testid={`dept-review-${item.id}`}
      title={
        <Flex gap={8} align="center" wrap>
          <span>{item.record.name}</span>
          <MatchStatusTag status={item.matchStatus} />
        </Flex>
      }
      extra={
        <Link to={`/departments/snapshots/${item.snapshotId}`}>
          {datasetName} #{item.snapshotId}
        </Link>
      }
    >
      <Row gutter={[12, 12]}>
        <Col xs={24} md={8}>
          <Card size="small" type="inner" title={t('dept.review.record')} style={{ height: '100%' }}>
            <Flex vertical gap={12}>
              <Fields side={side} />
              {canMatch && (
                <Popconfirm
                  title={t('dept.review.rejectConfirm')}
                  okText={t('common.ok')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => reject.mutate(item.id, { onSuccess: () => showSuccess(t('dept.review.rejected')), onError: showError })}
                >
                  <Button danger size="small" icon={<StopOutlined />} loading={reject.isPending} data-testid="dept-review-reject">
                    {t('dept.review.reject')}
                  </Button>
                </Popconfirm>
              )}
            </Flex>
          </Card>
        </Col>
        <Col xs={24} md={16}>
          {item.candidates.length ? (
            <Row gutter={[8, 8]}>
              {item.candidates.map((c) => (
                <Col key={c.memberId} xs={24} lg={12}>
                  <CandidateCard item={item} c={c} side={side} canMatch={canMatch} />
                </Col>
              ))}
            </Row>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dept.review.noCandidates')} />
          )}
        </Col>
      </Row>
    </Card>
  );
}
