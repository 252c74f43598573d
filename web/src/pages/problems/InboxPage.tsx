import { Card, Col, Empty, Row, Skeleton, Statistic } from 'antd';
import { useNavigate } from 'react-router';
import { useInbox, type InboxKind } from '../../api/problems';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';

const COLOURS: Partial<Record<InboxKind, string>> = { overdue: '#cf1322', returned: '#d46b08', rectified: '#08979c' };

/** 我的待办: what waits for the signed-in user, each count opening the problem list filtered to it. */
export default function InboxPage() {
  const t = useT();
  const navigate = useNavigate();
  const { data, isPending } = useInbox();
  if (isPending) return <Skeleton active />;
  return (
    <>
      <PageHeader title={t('menu.inbox')} subTitle={data ? t('problems.inboxTotal', { n: data.total }) : undefined} />
      {!data?.items.length ? (
        <Empty description={t('problems.inboxEmpty')} />
      ) : (
        <Row gutter={[12, 12]}>
          {data.items.map((i) => (
            <Col key={i.kind} xs={12} md={8} xl={6}>
              <Card
                hoverable
                data-testid={`inbox-${i.kind}`}
                onClick={() => navigate(i.kind === 'recheck' ? '/supervision' : `/problems?${new URLSearchParams(i.filter).toString()}`)}
              >
                <Statistic title={t(`problems.inbox.${i.kind}`)} value={i.count} styles={{ content: { color: i.count ? COLOURS[i.kind] : undefined } }} />
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}
