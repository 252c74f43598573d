import { useState } from 'react';
import { Button, Flex } from 'antd';
import { AuditOutlined, PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useMe } from '../../api/auth';
import type { DatasetType } from '../../api/departments';
import { hasPermission } from '../../access';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { DatasetCatalogue } from './DatasetCatalogue';
import { SnapshotList } from './SnapshotList';
import { UploadModal } from './UploadModal';
import { DatasetTypeModal } from './DatasetTypeModal';

/** 部门数据上传: the datasets departments share (template, snapshot in force, upload) and the uploads made so far. */
export default function DepartmentsPage() {
  const t = useT();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const [uploading, setUploading] = useState<DatasetType | null>(null);
  const [adding, setAdding] = useState(false);
  return (
    <>
      <PageHeader
        title={t('menu.departmentData')}
        subTitle={t('dept.subTitle')}
        extra={
          <>
            {hasPermission(me, 'rules.manage') && (
              <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="dept-add-type">
                {t('dept.addType')}
              </Button>
            )}
            <Button icon={<AuditOutlined />} onClick={() => navigate('/departments/reviews')} data-testid="dept-to-reviews">
              {t('menu.departmentReviews')}
            </Button>
          </>
        }
      />
      <Flex vertical gap={16}>
        <DatasetCatalogue canUpload={hasPermission(me, 'departments.upload')} onUpload={setUploading} />
        <SnapshotList />
      </Flex>
      <UploadModal dataset={uploading} onClose={() => setUploading(null)} />
      <DatasetTypeModal open={adding} onClose={() => setAdding(false)} />
    </>
  );
}
