import { Tabs } from 'antd';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { RecheckSection } from './RecheckSection';
import { SupervisionSection } from './SupervisionSection';

/** 督办与回头看: listed supervision of areas and re-checks of closed-off problems. */
export default function SupervisionPage() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('menu.supervision')} />
      <Tabs items={[
        { key: 'supervision', label: t('problems.sup.tab'), children: <SupervisionSection /> },
        { key: 'recheck', label: t('problems.re.tab'), children: <RecheckSection /> },
      ]} />
    </>
  );
}
