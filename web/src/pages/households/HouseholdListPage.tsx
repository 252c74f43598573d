import { useState } from 'react';
import { Card, Col, Drawer, Grid, Row } from 'antd';
import { useMe } from '../../api/auth';
import { useHouseholdList } from '../../api/households';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { AreaTree } from './AreaTree';
import { HouseholdFilterBar } from './HouseholdFilterBar';
import { HouseholdTable } from './HouseholdTable';
import { useHouseholdSearch } from './useHouseholdSearch';

export default function HouseholdListPage() {
  const t = useT();
  const { data: me } = useMe();
  const screens = Grid.useBreakpoint();
  const narrow = screens.lg === false;
  const phone = screens.md === false;
  const [treeOpen, setTreeOpen] = useState(false);
  const { filters, list, update, reset } = useHouseholdSearch();
  // "Active" is what a cadre means by the registry; ended households are asked for explicitly.
  const query = useHouseholdList({ ...filters, status: filters.status ?? 'active' }, list);

  if (!me) return null;
  const tree = (
    <AreaTree
      me={me}
      selectedId={filters.areaId}
      onSelect={(areaId) => {
        update({ areaId });
        setTreeOpen(false);
      }}
    />
  );

  return (
    <>
      <PageHeader title={t('menu.households')} subTitle={query.data ? t('household.householdsUnit', { n: query.data.total }) : undefined} />
      <Row gutter={[12, 12]}>
        {!narrow && (
          <Col lg={6} xxl={5}>
            <Card size="small" title={t('household.areaTree')} styles={{ body: { maxHeight: 'calc(100vh - 200px)', overflow: 'auto' } }}>
              {tree}
            </Card>
          </Col>
        )}
        <Col xs={24} lg={18} xxl={19}>
          <Card size="small">
            <HouseholdFilterBar
              filters={filters}
              sort={list.sort}
              update={update}
              reset={reset}
              onOpenAreas={narrow ? () => setTreeOpen(true) : undefined}
            />
            <HouseholdTable data={query.data} loading={query.isFetching} list={list} update={update} asCards={phone} />
          </Card>
        </Col>
      </Row>
      {narrow && (
        <Drawer open={treeOpen} onClose={() => setTreeOpen(false)} title={t('household.areaTree')} placement="left" size={300}>
          {tree}
        </Drawer>
      )}
    </>
  );
}
