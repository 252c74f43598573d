import { Table, Typography } from 'antd';
import type { AuditEntry } from '../../../api/types';
import { fieldLabel } from '../../../components/fields/fieldDefs';
import { useLang, useT, type MessageKey } from '../../../i18n';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function text(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

// Field names shared with households (areaId, phone…) mean something else on a user account.
const USER_LABELS: Record<string, MessageKey> = {
  username: 'users.username',
  displayName: 'users.displayName',
  role: 'users.role',
  areaId: 'users.area',
  areaName: 'users.area',
  department: 'users.department',
  phone: 'users.phone',
  canRevealIds: 'users.canRevealIds',
  active: 'users.active',
  locked: 'users.locked',
  lastLoginAt: 'users.lastLogin',
};

/** Old and new values of an audit entry, field by field, with the changed fields first. */
export function AuditValues({ entry }: { entry: AuditEntry }) {
  const t = useT();
  const [lang] = useLang();
  const label = (field: string) => {
    const userKey = entry.entity === 'user' ? USER_LABELS[field] : undefined;
    return userKey ? t(userKey) : fieldLabel(lang, field);
  };
  const before = isRecord(entry.oldValues) ? entry.oldValues : {};
  const after = isRecord(entry.newValues) ? entry.newValues : {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const rows = fields
    .map((field) => ({ field, old: text(before[field]), new: text(after[field]) }))
    .sort((a, b) => Number(a.old === a.new) - Number(b.old === b.new));

  return (
    <>
      {rows.length > 0 && (
        <Table
          size="small"
          rowKey="field"
          pagination={false}
          dataSource={rows}
          scroll={{ x: 600 }}
          columns={[
            { title: '', dataIndex: 'field', width: 200, render: (f: string) => label(f) },
            { title: t('audit.oldValues'), dataIndex: 'old', render: (v: string) => <Typography.Text type="secondary">{v}</Typography.Text> },
            {
              title: t('audit.newValues'),
              dataIndex: 'new',
              render: (v: string, r) => (r.old !== v ? <Typography.Text mark>{v}</Typography.Text> : v),
            },
          ]}
        />
      )}
      {entry.detail !== null && entry.detail !== undefined && (
        <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
          {t('audit.detail')}：<Typography.Text code>{JSON.stringify(entry.detail)}</Typography.Text>
        </Typography.Paragraph>
      )}
    </>
  );
}
