import { useState } from 'react';
import { Button, Flex, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, UserAddOutlined, UserDeleteOutlined } from '@ant-design/icons';
import { useCodeLabel } from '../../../api/codes';
import type { HouseholdDetail, Member } from '../../../api/types';
import { useT } from '../../../i18n';
import { EndMemberModal } from './EndMemberModal';
import { IdNumberCell } from './IdNumberCell';
import { MemberFormModal } from './MemberFormModal';
import { rowTestId } from '../../../utils/testId';
import { MemberDepartmentRecords } from '../../departments/MemberDepartmentRecords';

interface Props {
  household: HouseholdDetail;
  canEdit: boolean;
  canReveal: boolean;
  onReload: () => Promise<unknown>;
}

type Dialog = { kind: 'add' } | { kind: 'edit'; member: Member } | { kind: 'end'; member: Member } | null;

export function MembersTab({ household, canEdit, canReveal, onReload }: Props) {
  const t = useT();
  const codeLabel = useCodeLabel();
  const [dialog, setDialog] = useState<Dialog>(null);
  // Current members first; ended ones stay visible below for the record.
  const members = [...household.members].sort((a, b) => Number(a.endedOn !== null) - Number(b.endedOn !== null));
  const writable = canEdit && !household.endedOn;

  const flags = (m: Member) => (
    <Space size={2} wrap>
      {m.dibao && <Tag color="purple">{t('f.dibao')}</Tag>}
      {m.tekun && <Tag color="magenta">{t('f.tekun')}</Tag>}
      {m.welfarePost && <Tag color="cyan">{t('f.welfarePost')}</Tag>}
    </Space>
  );

  const columns: TableColumnsType<Member> = [
    { title: t('f.name'), dataIndex: 'name', width: 90, fixed: 'left' },
    { title: t('f.relation'), dataIndex: 'relation', width: 90, render: (v: string) => codeLabel('relation', v) },
    {
      title: t('f.idNumber'),
      dataIndex: 'idNumber',
      width: 300,
      render: (v: string, m) => <IdNumberCell memberId={m.id} masked={v} canReveal={canReveal} />,
    },
    { title: t('f.sex'), dataIndex: 'sex', width: 60, render: (v: string) => codeLabel('sex', v) },
    { title: t('f.age'), dataIndex: 'age', width: 60, align: 'right' },
    { title: t('f.health'), dataIndex: 'health', width: 100, render: (v: string | null) => codeLabel('health', v) },
    { title: t('f.labourAbility'), dataIndex: 'labourAbility', width: 130, render: (v: string | null) => codeLabel('labourAbility', v) },
    { title: t('f.schoolStatus'), dataIndex: 'schoolStatus', width: 120, render: (v: string | null) => codeLabel('schoolStatus', v) },
    { title: t('f.medicalInsurance'), dataIndex: 'medicalInsurance', width: 150, render: (v: string | null) => codeLabel('medicalInsurance', v) },
    { title: '', key: 'flags', width: 150, render: (_, m) => flags(m) },
    {
      title: t('household.statusCol'),
      key: 'status',
      width: 170,
      render: (_, m) =>
        m.endedOn ? (
          <Typography.Text type="secondary" data-testid={`member-ended-${m.id}`}>
            {t('member.ended')}：{codeLabel('memberEventKind', m.endReason)} {m.endedOn}
          </Typography.Text>
        ) : (
          <Tag color="green">{t('household.status.active')}</Tag>
        ),
    },
  ];
  if (writable) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      fixed: 'right',
      render: (_, m) =>
        m.endedOn ? null : (
          <Space size={0}>
            <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setDialog({ kind: 'edit', member: m })} data-testid={`member-edit-${m.id}`}>
              {t('common.edit')}
            </Button>
            <Button size="small" type="link" danger icon={<UserDeleteOutlined />} onClick={() => setDialog({ kind: 'end', member: m })} data-testid={`member-end-${m.id}`}>
              {t('member.end')}
            </Button>
          </Space>
        ),
    });
  }

  return (
    <Flex vertical gap={12}>
      {writable && (
        <Flex justify="flex-end">
          <Button type="primary" icon={<UserAddOutlined />} onClick={() => setDialog({ kind: 'add' })} data-testid="member-add">
            {t('member.add')}
          </Button>
        </Flex>
      )}
      <Table<Member>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={members}
        pagination={false}
        scroll={{ x: 1400 }}
        rowClassName={(m) => (m.endedOn ? 'jz-row-ended' : '')}
        onRow={(m) => rowTestId(`member-row-${m.id}`)}
        // What the departments hold about each member (部门数据), read only when a row is opened.
        expandable={{ expandedRowRender: (m) => <MemberDepartmentRecords memberId={m.id} /> }}
        data-testid="member-table"
      />
      <MemberFormModal
        householdId={household.id}
        member={dialog?.kind === 'edit' ? dialog.member : undefined}
        open={dialog?.kind === 'add' || dialog?.kind === 'edit'}
        onClose={() => setDialog(null)}
        onReload={onReload}
      />
      <EndMemberModal
        householdId={household.id}
        member={dialog?.kind === 'end' ? dialog.member : undefined}
        onClose={() => setDialog(null)}
        onReload={onReload}
      />
    </Flex>
  );
}
