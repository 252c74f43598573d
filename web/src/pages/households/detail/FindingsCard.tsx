import { Card, Empty, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useHouseholdFindings, type Finding, type FindingStatus } from '../../../api/findings';
import { useLang, useT } from '../../../i18n';
import { formatDateTime } from '../../../utils/format';
import { rowTestId } from '../../../utils/testId';
import { Evidence } from '../../findings/Evidence';
import { FindingStatusTag } from '../../findings/FindingStatusTag';
import { SeverityTag } from '../../rules/RuleTags';

/** 核查发现: every finding of this household the user may see, open first, each linking to its detail. */
export function FindingsCard({ householdId }: { householdId: number }) {
  const t = useT();
  const [lang] = useLang();
  const { data, isPending } = useHouseholdFindings(householdId);
  const items = data?.items ?? [];
  const open = items.filter((f) => f.status === 'open').length;
  const detail = (f: Finding) => `/findings?householdNo=${encodeURIComponent(f.householdNo)}&finding=${f.id}`;

  const columns: TableColumnsType<Finding> = [
    {
      title: t('findings.rule'),
      dataIndex: 'ruleCode',
      width: 260,
      render: (code: string, f) => (
        <Link to={detail(f)} data-testid={`household-finding-link-${f.id}`}>
          {code} {lang === 'zh' ? f.ruleTitleZh : f.ruleTitleEn}
        </Link>
      ),
    },
    { title: t('rules.severityCol'), dataIndex: 'severity', width: 80, render: (s: string) => <SeverityTag severity={s} /> },
    { title: t('findings.statusCol'), dataIndex: 'status', width: 80, render: (s: FindingStatus) => <FindingStatusTag status={s} /> },
    { title: t('findings.member'), dataIndex: 'memberName', width: 90, render: (v: string | null) => v ?? t('findings.wholeHousehold') },
    { title: t('findings.evidence'), dataIndex: 'evidence', render: (e: Finding['evidence']) => <Evidence evidence={e} compact /> },
    { title: t('findings.lastSeen'), dataIndex: 'lastSeenAt', width: 160, render: (v: string) => formatDateTime(v) },
  ];

  return (
    <Card
      size="small"
      style={{ marginTop: 12 }}
      data-testid="household-findings"
      title={
        <span>
          {t('findings.householdCard')} {open > 0 && <Tag color="red">{t('findings.openCount', { n: open })}</Tag>}
        </span>
      }
    >
      {!isPending && items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<Typography.Text type="secondary">{t('findings.householdNone')}</Typography.Text>} />
      ) : (
        <Table<Finding>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={items}
          loading={isPending}
          pagination={items.length > 10 ? { pageSize: 10 } : false}
          scroll={{ x: 900 }}
          onRow={(f) => rowTestId(`household-finding-${f.id}`)}
        />
      )}
    </Card>
  );
}
