import { Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { ExportFormat } from '../api/client';
import { useT } from '../i18n';

interface Props {
  /** The download address of the list as it is filtered on screen, in a format. */
  url: (format: ExportFormat) => string;
  /** Test ids `${testId}-xlsx` and `${testId}-csv`. */
  testId?: string;
}

/** Excel and CSV downloads of a list with its current filters. */
export function ExportButtons({ url, testId = 'export' }: Props) {
  const t = useT();
  return (
    <>
      <Button icon={<DownloadOutlined />} href={url('xlsx')} data-testid={`${testId}-xlsx`}>
        {t('export.xlsx')}
      </Button>
      <Button icon={<DownloadOutlined />} href={url('csv')} data-testid={`${testId}-csv`}>
        {t('export.csv')}
      </Button>
    </>
  );
}
