import { useState } from 'react';
import { Alert, Button, Dropdown, List, Modal, Space, Typography } from 'antd';
import { DownOutlined } from '@ant-design/icons';
import { useMe } from '../../api/auth';
import { showError } from '../../api/errors';
import { useBulkAction, type BulkResult, type ProblemAction, type ProblemFilters } from '../../api/problems';
import { hasPermission } from '../../access';
import { useLang, useT } from '../../i18n';
import { ActionModal } from './ActionModal';

const HANDLE: ProblemAction[] = ['confirm', 'set_deadline'];
const REVIEW: ProblemAction[] = ['close_off', 'accept_rejection'];

interface Props {
  selected: number[];
  total: number;
  filters: ProblemFilters;
  onDone: () => void;
}

/** 批量处理: one step on the selected problems or on all the filter matches; refusals are listed with their reasons. */
export function BulkBar({ selected, total, filters, onDone }: Props) {
  const t = useT();
  const [lang] = useLang();
  const { data: me } = useMe();
  const bulk = useBulkAction();
  const [pending, setPending] = useState<{ action: ProblemAction; all: boolean }>();
  const [result, setResult] = useState<BulkResult>();
  const actions = [...(hasPermission(me, 'problems.handle') ? HANDLE : []), ...(hasPermission(me, 'problems.review') ? REVIEW : [])];
  if (actions.length === 0) return null;
  const menu = (all: boolean) => ({
    items: actions.map((a) => ({ key: a, label: t(`problems.action.${a}`) })),
    onClick: ({ key }: { key: string }) => setPending({ action: key as ProblemAction, all }),
  });

  return (
    <Space wrap style={{ marginBottom: 8 }}>
      <Dropdown menu={menu(false)} disabled={selected.length === 0}>
        <Button data-testid="problems-bulk-selected">
          {t('problems.bulkSelected', { n: selected.length })} <DownOutlined />
        </Button>
      </Dropdown>
      <Dropdown menu={menu(true)} disabled={total === 0}>
        <Button data-testid="problems-bulk-all">
          {t('problems.bulkAll', { n: total })} <DownOutlined />
        </Button>
      </Dropdown>
      <ActionModal
        action={pending?.action}
        count={pending?.all ? total : selected.length}
        busy={bulk.isPending}
        onClose={() => setPending(undefined)}
        onSubmit={(body) => {
          const { attachments: _ignored, ...rest } = body;
          bulk.mutate(pending!.all ? { ...rest, filter: filters } : { ...rest, ids: selected }, {
            onSuccess: (r) => {
              setPending(undefined);
              setResult(r);
              onDone();
            },
            onError: showError,
          });
        }}
      />
      <Modal open={result !== undefined} title={t('problems.bulkResult')} footer={null} onCancel={() => setResult(undefined)} data-testid="problems-bulk-result">
        {result && (
          <>
            <Alert type={result.refused.length ? 'warning' : 'success'} showIcon title={t('problems.bulkSummary', { done: result.done, refused: result.refused.length })} />
            {result.refused.length > 0 && (
              <List
                size="small"
                dataSource={result.refused}
                renderItem={(r) => (
                  <List.Item>
                    <Typography.Text>#{r.id}</Typography.Text> {lang === 'zh' ? r.reasonZh : r.reason}
                  </List.Item>
                )}
              />
            )}
          </>
        )}
      </Modal>
    </Space>
  );
}
