import { useState } from 'react';
import { Button, Card, Flex, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { importsApi, useImportIssues, type ImportIssue, type ImportJob, type IssueFilters, type IssueSeverity } from '../../api/imports';
import { isMessageKey, useLang, useT } from '../../i18n';
import { rowTestId } from '../../utils/testId';

/** The issue codes of the server's catalogue (src/modules/imports/issue-codes.ts), for the filter. */
export const ISSUE_CODES = [
  'CELL_INVALID',
  'ID_DAMAGED_BY_EXCEL',
  'REQUIRED',
  'ID_DISAGREES',
  'NO_HOUSEHOLD_KEY',
  'DUPLICATE_PERSON',
  'PERSON_IN_TWO_HOUSEHOLDS',
  'PERSON_IN_OTHER_HOUSEHOLD',
  'TWO_HEADS',
  'NO_HEAD',
  'AREA_UNKNOWN',
  'AREA_NOT_VILLAGE',
  'AREA_MOVED',
  'OUT_OF_SCOPE',
  'NEW_HOUSEHOLD_FIELD',
  'NEW_MEMBER_FIELD',
  'HOUSEHOLD_FIELD_CONFLICT',
  'HEAD_NAME_MISMATCH',
  'SIZE_MISMATCH',
  'HOUSEHOLD_HELD_BACK',
] as const;

/** The issues of the dry run, paged and filtered on the server, with the two downloads that help fix the file. */
export function IssueTable({ job, fieldLabel }: { job: ImportJob; fieldLabel: (key: string) => string }) {
  const t = useT();
  const [lang] = useLang();
  const [filters, setFilters] = useState<IssueFilters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const { data, isFetching } = useImportIssues(job, filters, paging);
  const severalSheets = job.selectedSheets.length > 1;
  const rejected = job.summary?.rowsRejected ?? 0;

  const codeLabel = (code: string) => {
    const key = `import.code.${code}`;
    return isMessageKey(key) ? t(key) : code;
  };
  const filter = (patch: IssueFilters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };

  const columns: TableColumnsType<ImportIssue> = [
    ...(severalSheets ? [{ title: t('import.issues.sheet'), dataIndex: 'sheet', width: 110, ellipsis: true }] : []),
    { title: t('import.issues.row'), dataIndex: 'rowNumber', width: 64, align: 'right' },
    { title: t('import.issues.column'), dataIndex: 'column', width: 52, render: (v: string | null) => v ?? '—' },
    {
      title: t('import.issues.field'),
      key: 'field',
      width: 110,
      render: (_, i) => (i.field ? fieldLabel(i.field) : (i.label ?? '—')),
    },
    {
      title: t('import.issues.value'),
      dataIndex: 'value',
      width: 170,
      render: (v: string | null) => (v === null ? '—' : <Typography.Text code>{v}</Typography.Text>),
    },
    {
      title: t('import.issues.severity'),
      dataIndex: 'severity',
      width: 72,
      render: (s: IssueSeverity) => <Tag color={s === 'error' ? 'error' : 'warning'}>{t(s === 'error' ? 'import.issues.error' : 'import.issues.warning')}</Tag>,
    },
    {
      title: t('import.issues.message'),
      key: 'message',
      width: 360,
      render: (_, i) => (
        <Flex vertical>
          <span>{lang === 'zh' ? i.message : i.messageEn}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {codeLabel(i.code)} · {i.code}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('import.issues.related'),
      dataIndex: 'related',
      width: 120,
      render: (r: ImportIssue['related']) =>
        r ? (severalSheets ? t('import.rowRef', { sheet: r.sheet, row: r.rowNumber }) : t('import.layout.rowN', { n: r.rowNumber })) : '—',
    },
  ];

  return (
    <Card
      size="small"
      title={t('import.issues.title')}
      data-testid="import-issues"
    >
      {rejected > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('import.issues.errorFileHint', { n: rejected })}
        </Typography.Paragraph>
      )}
      <Flex wrap gap={8} justify="space-between" style={{ marginBottom: 12 }}>
        <Flex wrap gap={8}>
          <Select<IssueSeverity>
            allowClear
            placeholder={t('import.issues.allSeverities')}
            value={filters.severity}
            onChange={(severity) => filter({ severity })}
            options={[
              { value: 'error', label: t('import.issues.error') },
              { value: 'warning', label: t('import.issues.warning') },
            ]}
            style={{ minWidth: 120 }}
            data-testid="import-issue-severity"
          />
          <Select<string>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('import.issues.allCodes')}
            value={filters.code}
            onChange={(code) => filter({ code })}
            options={ISSUE_CODES.map((code) => ({ value: code, label: codeLabel(code) }))}
            style={{ minWidth: 200 }}
            data-testid="import-issue-code"
          />
          {severalSheets && (
            <Select<string>
              allowClear
              placeholder={t('import.issues.allSheets')}
              value={filters.sheet}
              onChange={(sheet) => filter({ sheet })}
              options={job.selectedSheets.map((s) => ({ value: s, label: s }))}
              style={{ minWidth: 140 }}
            />
          )}
        </Flex>
        <Flex wrap gap={8}>
          <Button
            icon={<DownloadOutlined />}
            href={importsApi.errorFileUrl(job.id)}
            disabled={rejected === 0}
            danger={rejected > 0}
            data-testid="import-error-file"
          >
            {t('import.issues.errorFile')}
          </Button>
          <Button icon={<DownloadOutlined />} href={importsApi.issuesExportUrl(job.id, filters, 'xlsx')} data-testid="import-issues-export">
            {t('import.issues.export')}
          </Button>
        </Flex>
      </Flex>
      <Table<ImportIssue>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching}
        scroll={{ x: severalSheets ? 1130 : 1020 }}
        locale={{ emptyText: t('import.issues.none') }}
        onRow={() => rowTestId('import-issue-row')}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (n) => t('common.total', { n }),
          onChange: (page, pageSize) => setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
        }}
      />
    </Card>
  );
}
