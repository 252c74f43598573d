import { Button, Card, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useMe } from '../../api/auth';
import { useCodeLabel } from '../../api/codes';
import { useFindingList, type Finding, type FindingSort, type FindingStatus } from '../../api/findings';
import { hasPermission } from '../../access';
import { PageHeader } from '../../components/PageHeader';
import { useLang, useT } from '../../i18n';
import { formatDateTime } from '../../utils/format';
import { rowTestId } from '../../utils/testId';
import { SeverityTag } from '../rules/RuleTags';
import { Evidence } from './Evidence';
import { FindingDrawer } from './FindingDrawer';
import { FindingFilterBar } from './FindingFilterBar';
import { FindingStatusTag } from './FindingStatusTag';
import { FindingSummaryPanel } from './FindingSummaryPanel';
import { ProblemStateTag } from '../problems/ProblemStateTag';
import { useFindingSearch } from './useFindingSearch';

// Columns the API sorts by, under the names it uses.
const SORTABLE: Record<string, string> = { ruleCode: 'ruleCode', householdNo: 'householdNo', lastSeenAt: 'lastSeenAt', firstSeenAt: 'firstSeenAt' };

function sortOrder(sort: FindingSort | undefined, field: string): 'ascend' | 'descend' | null {
  if (sort === field) return 'ascend';
  if (sort === `-${field}`) return 'descend';
  return null;
}

/** 问题线索: findings of the rules, filtered, summarised per rule and area, exported, and opened one by one. */
export default function FindingsPage() {
  const t = useT();
  const [lang] = useLang();
  const navigate = useNavigate();
  const codeLabel = useCodeLabel();
  const { data: me } = useMe();
  const { filters, sort, page, pageSize, openId, update, reset } = useFindingSearch();
  const list = useFindingList({ ...filters, sort, page, pageSize });
  const canExempt = hasPermission(me, 'rules.exempt');
  const sortable = (field: string) => ({ sorter: true, sortOrder: sortOrder(sort, field) });

  const columns: TableColumnsType<Finding> = [
    {
      title: t('findings.rule'),
      dataIndex: 'ruleCode',
      width: 240,
      fixed: 'left',
      ...sortable('ruleCode'),
      render: (code: string, f) => (
        <span>
          <Typography.Text strong>{code}</Typography.Text> {lang === 'zh' ? f.ruleTitleZh : f.ruleTitleEn}
        </span>
      ),
    },
    { title: t('rules.severityCol'), dataIndex: 'severity', width: 80, render: (s: string) => <SeverityTag severity={s} /> },
    { title: t('findings.statusCol'), dataIndex: 'status', width: 80, render: (s: FindingStatus, f) => <FindingStatusTag status={s} testId={`finding-status-${f.id}`} /> },
    // 整改流程: the workflow state next to the data status; acted on in /problems.
    { title: t('problems.stateCol'), dataIndex: 'state', width: 150, render: (_: unknown, f) => <ProblemStateTag problem={f} /> },
    { title: t('rules.department'), dataIndex: 'department', width: 100, render: (d: string) => codeLabel('department', d) },
    { title: t('household.village'), key: 'place', width: 200, ellipsis: true, render: (_, f) => [f.countyName, f.townshipName, f.villageName].filter(Boolean).join(' / ') },
    {
      title: t('f.householdNo'),
      dataIndex: 'householdNo',
      width: 170,
      ...sortable('householdNo'),
      render: (no: string, f) => (
        <Link to={`/households/${f.householdId}`} onClick={(e) => e.stopPropagation()}>
          {no}
        </Link>
      ),
    },
    { title: t('findings.member'), dataIndex: 'memberName', width: 90, render: (v: string | null) => v ?? t('findings.wholeHousehold') },
    { title: t('findings.idNumber'), dataIndex: 'idNumber', width: 170, render: (v: string | null) => v ?? '—' },
    { title: t('findings.evidence'), dataIndex: 'evidence', width: 260, render: (e: Finding['evidence']) => <Evidence evidence={e} compact /> },
    { title: t('findings.lastSeen'), dataIndex: 'lastSeenAt', width: 160, ...sortable('lastSeenAt'), render: (v: string) => formatDateTime(v) },
    { title: t('findings.firstSeen'), dataIndex: 'firstSeenAt', width: 160, ...sortable('firstSeenAt'), render: (v: string) => formatDateTime(v) },
    { title: t('findings.reopened'), dataIndex: 'reopenedCount', width: 80, align: 'right' },
  ];

  return (
    <>
      <PageHeader
        title={t('menu.findings')}
        subTitle={list.data ? t('findings.subTitle', { n: list.data.total }) : undefined}
        extra={
          <Button icon={<SafetyCertificateOutlined />} onClick={() => navigate('/exemptions')} data-testid="findings-to-exemptions">
            {t('menu.exemptions')}
          </Button>
        }
      />
      <FindingSummaryPanel filters={filters} update={update} />
      <Card size="small">
        <FindingFilterBar filters={filters} update={update} reset={reset} />
        <Table<Finding>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 1950 }}
          rowClassName="jz-clickable-row"
          onRow={(f) => rowTestId(`finding-row-${f.id}`, { onClick: () => update({ finding: f.id, page }) })}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100, 200],
            showTotal: (n) => t('common.total', { n }),
          }}
          onChange={(pager, _filters, sorter) => {
            const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<Finding> | undefined;
            const field = typeof s?.field === 'string' ? SORTABLE[s.field] : undefined;
            const next = field && s?.order ? (s.order === 'descend' ? `-${field}` : field) : undefined;
            const size = pager.pageSize ?? pageSize;
            // A new sort or page size starts from the first page.
            const p = next !== sort || size !== pageSize ? 1 : (pager.current ?? 1);
            update({ sort: next, page: p === 1 ? undefined : p, pageSize: size === 20 ? undefined : size });
          }}
        />
      </Card>
      <FindingDrawer id={openId} canExempt={canExempt} onClose={() => update({ finding: undefined, page })} />
    </>
  );
}
