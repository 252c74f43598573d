import { useEffect, useState, type Key } from 'react';
import { Empty, Flex, Spin, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { areaKeys, areasApi } from '../../api/areas';
import { showError } from '../../api/errors';
import type { AreaNode, Me } from '../../api/types';
import { useLang, useT } from '../../i18n';

interface Props {
  me: Me;
  selectedId: number | undefined;
  onSelect: (areaId: number | undefined) => void;
}

interface AreaTreeNode extends TreeDataNode {
  key: number;
  area: Pick<AreaNode, 'id' | 'name'> & Partial<AreaNode>;
  children?: AreaTreeNode[];
}

const KEY_TAG = { marginInlineEnd: 0, fontSize: 11, lineHeight: '16px', padding: '0 3px' } as const;

function replaceChildren(nodes: AreaTreeNode[], key: number, children: AreaTreeNode[]): AreaTreeNode[] {
  return nodes.map((node) => {
    if (node.key === key) return { ...node, children };
    if (node.children) return { ...node, children: replaceChildren(node.children, key, children) };
    return node;
  });
}

/** Area tree rooted at the user's own area; children load when a node is opened (a city has thousands of villages). */
export function AreaTree({ me, selectedId, onSelect }: Props) {
  const t = useT();
  const [lang] = useLang();
  const queryClient = useQueryClient();
  const [nodes, setNodes] = useState<AreaTreeNode[] | null>(null);

  const toNode = (area: AreaTreeNode['area']): AreaTreeNode => ({
    key: area.id,
    area,
    isLeaf: area.hasChildren === false,
  });

  const fetchChildren = (parentId: number | undefined) =>
    queryClient.fetchQuery({ queryKey: areaKeys.children(parentId), queryFn: () => areasApi.children(parentId), staleTime: 60_000 });

  useEffect(() => {
    let cancelled = false;
    fetchChildren(undefined)
      .then((list) => {
        if (cancelled) return;
        // "No parentId" may answer either [the user's own area] or that area's children; accept both.
        const own = list.length === 1 && list[0]?.id === me.area.id ? list[0] : undefined;
        if (own) {
          setNodes([toNode(own)]);
        } else {
          setNodes([{ ...toNode({ id: me.area.id, name: me.area.name, hasChildren: list.length > 0 }), children: list.map(toNode) }]);
        }
      })
      .catch((err: unknown) => {
        if (!cancelled) showError(err);
        if (!cancelled) setNodes([]);
      });
    return () => {
      cancelled = true;
    };
    // Rebuilt only when the user (and so the root) changes; the helpers above are stable in effect.
  }, [me.area.id]);

  const loadData = async (treeNode: { key: Key; children?: unknown }) => {
    if (treeNode.children) return;
    const id = Number(treeNode.key);
    try {
      const list = await fetchChildren(id);
      setNodes((current) => (current ? replaceChildren(current, id, list.map(toNode)) : current));
    } catch (err) {
      showError(err);
    }
  };

  const renderTitle = (node: AreaTreeNode) => {
    const { area } = node;
    const name = lang === 'en' && area.nameEn ? area.nameEn : area.name;
    return (
      <Flex gap={4} align="center" wrap={false} data-testid={`area-node-${area.id}`}>
        <span>{name}</span>
        {typeof area.households === 'number' && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            ({area.households})
          </Typography.Text>
        )}
        {area.provincialKeyVillage && (
          <Tag color="red" style={KEY_TAG} title={t('area.provincialKey')}>
            {t('area.provincialKeyShort')}
          </Tag>
        )}
        {area.cityKeyVillage && (
          <Tag color="orange" style={KEY_TAG} title={t('area.cityKey')}>
            {t('area.cityKeyShort')}
          </Tag>
        )}
      </Flex>
    );
  };

  if (nodes === null) return <Spin style={{ display: 'block', margin: '24px auto' }} />;
  if (nodes.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;

  return (
    <Tree<AreaTreeNode>
      data-testid="area-tree"
      aria-label={t('household.areaTree')}
      treeData={nodes}
      loadData={loadData}
      defaultExpandedKeys={[me.area.id]}
      selectedKeys={[selectedId ?? me.area.id]}
      titleRender={renderTitle}
      onSelect={(_, info) => {
        const id = Number(info.node.key);
        onSelect(id === me.area.id ? undefined : id);
      }}
      blockNode
    />
  );
}
