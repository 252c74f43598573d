import { useEffect, useState } from 'react';
import { Alert, Card, Empty, Flex, Pagination, Segmented, Select, Skeleton, Switch, Typography } from 'antd';
import { useMe } from '../../api/auth';
import { useDatasetTypes, useReviews, type ReviewStatus } from '../../api/departments';
import { hasPermission } from '../../access';
import { PageHeader } from '../../components/PageHeader';
import { useLang, useT } from '../../i18n';
import { ReviewCard } from './ReviewCard';

/**
 * 匹配确认: department records the matcher could not decide (待确认), or found nobody for (未匹配), each beside its
 * registry candidates; a county or city office (departments.match) confirms a candidate or says "not a registry person".
 */
export default function ReviewsPage() {
  const t = useT();
  const [lang] = useLang();
  const { data: me } = useMe();
  const types = useDatasetTypes();
  const [status, setStatus] = useState<ReviewStatus>('review');
  const [datasetType, setDatasetType] = useState<string | undefined>();
  const [reveal, setReveal] = useState(false);
  const [paging, setPaging] = useState({ page: 1, pageSize: 10 });
  const { data, isLoading, isFetching } = useReviews({ status, datasetType, reveal, ...paging });
  const canMatch = hasPermission(me, 'departments.match');
  // Deciding the last record of the last page empties it: step back to a page that still has records.
  const lastPage = data ? Math.max(1, Math.ceil(data.total / paging.pageSize)) : 1;
  useEffect(() => {
    if (data && paging.page > lastPage) setPaging((p) => ({ ...p, page: lastPage }));
  }, [data, lastPage, paging.page]);
  const nameOf = (code: string) => {
    const d = types.data?.find((x) => x.code === code);
    return d ? (lang === 'zh' ? d.zh : d.en) : code;
  };

  return (
    <>
      <PageHeader title={t('menu.departmentReviews')} subTitle={data ? t('dept.review.subTitle', { n: data.total }) : undefined} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex wrap gap={12} align="center">
          <Segmented<ReviewStatus>
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPaging((p) => ({ ...p, page: 1 }));
            }}
            options={[
              { value: 'review', label: <span data-testid="dept-reviews-review">{t('dept.match.review')}</span> },
              { value: 'unmatched', label: <span data-testid="dept-reviews-unmatched">{t('dept.match.unmatched')}</span> },
            ]}
          />
          <Select<string>
            allowClear
            placeholder={t('dept.list.allDatasets')}
            value={datasetType}
            onChange={(v) => {
              setDatasetType(v);
              setPaging((p) => ({ ...p, page: 1 }));
            }}
            options={(types.data ?? []).map((d) => ({ value: d.code, label: lang === 'zh' ? d.zh : d.en }))}
            style={{ minWidth: 180 }}
            data-testid="dept-reviews-dataset"
          />
          {me?.canRevealIds && (
            <Flex gap={6} align="center">
              <Switch size="small" checked={reveal} onChange={setReveal} />
              <Typography.Text>{t('dept.revealIds')}</Typography.Text>
            </Flex>
          )}
        </Flex>
      </Card>
      {!canMatch && <Alert type="info" showIcon title={t('dept.review.readOnly')} style={{ marginBottom: 12 }} />}
      {isLoading ? (
        <Skeleton active />
      ) : !data?.items.length ? (
        <Card size="small">
          <Empty description={t('dept.review.none')} data-testid="dept-reviews-empty" />
        </Card>
      ) : (
        <Flex vertical gap={12} data-testid="dept-reviews" style={{ opacity: isFetching ? 0.6 : 1 }}>
          {data.items.map((item) => (
            <ReviewCard key={item.id} item={item} datasetName={nameOf(item.datasetType)} canMatch={canMatch} />
          ))}
          <Flex justify="flex-end">
            <Pagination
              current={paging.page}
              pageSize={paging.pageSize}
              total={data.total}
              showSizeChanger
              pageSizeOptions={[10, 20, 50]}
              showTotal={(n) => t('common.total', { n })}
              onChange={(page, pageSize) => setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize })}
            />
          </Flex>
        </Flex>
      )}
    </>
  );
}
