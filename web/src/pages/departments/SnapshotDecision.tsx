import { useState } from 'react';
import { Alert, Button, Card, Flex, Popconfirm, Radio, Typography } from 'antd';
import { CloudUploadOutlined, DeleteOutlined } from '@ant-design/icons';
import { errorText, showSuccess } from '../../api/errors';
import { useCommitSnapshot, useDiscardSnapshot, type CommitMode, type Snapshot } from '../../api/departments';
import { useT } from '../../i18n';

const MODES: CommitMode[] = ['all_or_nothing', 'valid_only'];

/**
 * 确认入库 / 作废: a previewed upload becomes the snapshot in force for its as-of date, or is thrown away. With rows
 * that could not be read, "all or nothing" is refused by the server; the user fixes the file or takes the valid rows.
 */
export function SnapshotDecision({ snap, canCommit, canDiscard }: { snap: Snapshot; canCommit: boolean; canDiscard: boolean }) {
  const t = useT();
  const rejected = snap.counts.rejected ?? 0;
  const [mode, setMode] = useState<CommitMode>(rejected > 0 ? 'valid_only' : 'all_or_nothing');
  const commit = useCommitSnapshot(snap.id);
  const discard = useDiscardSnapshot(snap.id);
  const error = commit.error ?? discard.error;
  const previewed = snap.status === 'previewed';
  if (!(previewed && canCommit) && !canDiscard) return null;

  return (
    <Card size="small" title={t('dept.decision.title')} data-testid="dept-decision">
      <Flex vertical gap={12}>
        {previewed && canCommit && (
          <>
            <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as CommitMode)}>
              <Flex vertical gap={8}>
                {MODES.map((m) => (
                  <Radio key={m} value={m}>
                    <span data-testid={`dept-commit-mode-${m}`}>
                      <Typography.Text strong>{t(`dept.commit.${m}`)}</Typography.Text>
                      <br />
                      <Typography.Text type="secondary">{t(`dept.commit.${m}Hint`)}</Typography.Text>
                    </span>
                  </Radio>
                ))}
              </Flex>
            </Radio.Group>
            {rejected > 0 && (
              <Alert type="warning" showIcon title={t('dept.commit.rejected', { n: rejected })} description={t('dept.commit.rejectedHint')} data-testid="dept-commit-rejected" />
            )}
          </>
        )}
        {error && <Alert type="error" showIcon title={errorText(error)} data-testid="dept-decision-error" />}
        <Flex justify="flex-end" gap={8} wrap>
          {canDiscard && (
            <Popconfirm
              title={t('dept.discard.confirm')}
              okText={t('common.ok')}
              cancelText={t('common.cancel')}
              onConfirm={() => discard.mutate(undefined, { onSuccess: () => showSuccess(t('dept.discard.done')) })}
            >
              <Button danger icon={<DeleteOutlined />} loading={discard.isPending} data-testid="dept-discard">
                {t('dept.discard.button')}
              </Button>
            </Popconfirm>
          )}
          {previewed && canCommit && (
            <Button
              type="primary"
              icon={<CloudUploadOutlined />}
              loading={commit.isPending}
              onClick={() => commit.mutate(mode, { onSuccess: () => showSuccess(t('dept.commit.done')) })}
              data-testid="dept-commit"
            >
              {t('dept.commit.submit')}
            </Button>
          )}
        </Flex>
      </Flex>
    </Card>
  );
}
