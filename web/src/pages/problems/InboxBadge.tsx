import { Badge, Button } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useMe } from '../../api/auth';
import { useInbox } from '../../api/problems';
import { hasPermission } from '../../access';
import { useT } from '../../i18n';

/** The header's 我的待办 count, for users who handle, review or supervise problems. */
export function InboxBadge() {
  const t = useT();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const enabled = hasPermission(me, 'problems.handle') || hasPermission(me, 'problems.review') || hasPermission(me, 'problems.supervise');
  const { data } = useInbox(enabled);
  if (!enabled) return null;
  return (
    <Badge count={data?.total ?? 0} size="small" overflowCount={999}>
      <Button type="text" size="small" icon={<InboxOutlined />} onClick={() => navigate('/inbox')} data-testid="header-inbox">
        {t('menu.inbox')}
      </Button>
    </Badge>
  );
}
