import { useState } from 'react';
import { App, Button, DatePicker, Modal, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useRefreshAssessments } from '../../api/assessment';
import { showError } from '../../api/errors';
import { useT } from '../../i18n';
import { DATE_FORMAT, toDateString } from '../../utils/format';
import { testId } from '../../utils/testId';

/** 重新测算 (standards.manage): an area on a date, by default the date on screen; a new date becomes a stored one. */
export function RefreshButton({ area, date, onDone }: { area: { id: number; name: string }; date: string | undefined; onDone: (date: string) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const refresh = useRefreshAssessments();
  const [open, setOpen] = useState(false);
  const [on, setOn] = useState<Dayjs>(() => dayjs(date));
  const chosen = toDateString(on) ?? undefined;

  const run = () =>
    refresh.mutate(
      { areaId: area.id, referenceDate: chosen },
      {
        onSuccess: (r) => {
          setOpen(false);
          void message.success(t('assessment.refreshed', { n: r.households, s: (r.ms / 1000).toFixed(1) }));
          onDone(r.referenceDate);
        },
        onError: showError,
      },
    );

  return (
    <>
      <Button
        icon={<ReloadOutlined />}
        onClick={() => {
          setOn(date ? dayjs(date) : dayjs());
          setOpen(true);
        }}
        data-testid="assessment-refresh"
      >
        {t('assessment.refresh')}
      </Button>
      <Modal
        open={open}
        title={t('assessment.refresh')}
        onCancel={() => setOpen(false)}
        onOk={run}
        confirmLoading={refresh.isPending}
        okButtonProps={testId('assessment-refresh-ok')}
        destroyOnHidden
      >
        <DatePicker value={on} format={DATE_FORMAT} allowClear={false} onChange={(d: Dayjs | null) => d && setOn(d)} data-testid="assessment-refresh-date" />
        <Typography.Paragraph style={{ marginTop: 12 }}>{t('assessment.refreshConfirm', { area: area.name, date: chosen ?? '' })}</Typography.Paragraph>
      </Modal>
    </>
  );
}
