import { useState } from 'react';
import { Button, Space, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useRevealId } from '../../../api/households';
import { showError } from '../../../api/errors';
import { useT } from '../../../i18n';

interface Props {
  memberId: number;
  masked: string;
  canReveal: boolean;
}

/**
 * ID numbers arrive masked. Revealing one is a deliberate, audited act per member, so the full number is kept only
 * in this cell's state and never written into the shared query cache.
 */
export function IdNumberCell({ memberId, masked, canReveal }: Props) {
  const t = useT();
  const reveal = useRevealId();
  const [full, setFull] = useState<string | null>(null);

  if (full) {
    return (
      <Typography.Text copyable code data-testid={`member-id-${memberId}`}>
        {full}
      </Typography.Text>
    );
  }
  return (
    <Space size={4} wrap={false}>
      <Typography.Text style={{ whiteSpace: 'nowrap' }} data-testid={`member-id-${memberId}`}>
        {masked}
      </Typography.Text>
      {canReveal && (
        <Button
          size="small"
          type="link"
          icon={<EyeOutlined />}
          loading={reveal.isPending}
          onClick={(e) => {
            e.stopPropagation();
            reveal.mutate(memberId, { onSuccess: (r) => setFull(r.idNumber), onError: showError });
          }}
          data-testid={`member-reveal-${memberId}`}
        >
          {t('member.reveal')}
        </Button>
      )}
    </Space>
  );
}
