import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

interface Props {
  title: ReactNode;
  subTitle?: ReactNode;
  extra?: ReactNode;
  tags?: ReactNode;
}

/** The title row of a page (Ant Design Pro's PageContainer header, without the dependency). */
export function PageHeader({ title, subTitle, extra, tags }: Props) {
  return (
    <Flex wrap justify="space-between" align="center" gap={8} style={{ marginBottom: 12 }}>
      <Flex vertical gap={2} style={{ minWidth: 0 }}>
        <Flex wrap align="center" gap={8}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {tags}
        </Flex>
        {subTitle && <Typography.Text type="secondary">{subTitle}</Typography.Text>}
      </Flex>
      {extra && (
        <Flex wrap gap={8}>
          {extra}
        </Flex>
      )}
    </Flex>
  );
}
