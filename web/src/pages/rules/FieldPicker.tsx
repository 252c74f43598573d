import { useMemo, useState, type ReactNode } from 'react';
import { Card, Empty, Flex, Input, Tabs, Tag, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { FIELD_SCOPES, type LanguageCode, type RuleLanguage } from '../../api/rules';
import { MONOSPACE } from '../../components/RuleExpressionEditor';
import { useLang, useT, type MessageKey } from '../../i18n';

interface Item {
  /** What goes into the editor. */
  insert: string;
  /** Where the caret lands, counted back from the end of `insert` (inside a call's brackets). */
  back?: number;
  label: string;
  /** Shown in monospace beside the label. */
  code: string;
  hint?: string;
  codes?: LanguageCode[] | null;
}

interface Props {
  language: RuleLanguage | undefined;
  onInsert: (text: string, back?: number) => void;
}

const TYPE_KEYS: Record<string, MessageKey> = { number: 'rules.type.number', text: 'rules.type.text', bool: 'rules.type.bool', date: 'rules.type.date' };

function ItemRow({ item, onInsert }: { item: Item; onInsert: Props['onInsert'] }) {
  const [lang] = useLang();
  return (
    <div style={{ padding: '3px 0', borderBottom: '1px solid #f0f0f0' }}>
      <Flex
        gap={6}
        align="baseline"
        wrap
        role="button"
        tabIndex={0}
        style={{ cursor: 'pointer' }}
        onClick={() => onInsert(item.insert, item.back)}
        onKeyDown={(e) => e.key === 'Enter' && onInsert(item.insert, item.back)}
        data-testid={`picker-item-${item.code}`}
      >
        <Typography.Text>{item.label}</Typography.Text>
        <Typography.Text code style={{ fontFamily: MONOSPACE, fontSize: 12 }}>
          {item.code}
        </Typography.Text>
        {item.hint && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {item.hint}
          </Typography.Text>
        )}
      </Flex>
      {item.codes && (
        <Flex wrap gap={4} style={{ marginTop: 2 }}>
          {item.codes.map((c) => (
            <Tag
              key={c.code}
              style={{ cursor: 'pointer', marginInlineEnd: 0, fontSize: 12 }}
              onClick={() => onInsert(`'${c.code}'`)}
              data-testid={`picker-code-${item.code}-${c.code}`}
            >
              {lang === 'zh' ? c.zh : c.en} <span style={{ fontFamily: MONOSPACE }}>'{c.code}'</span>
            </Tag>
          ))}
        </Flex>
      )}
    </div>
  );
}

function ItemList({ items, onInsert }: { items: Item[]; onInsert: Props['onInsert'] }) {
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <div style={{ maxHeight: 420, overflow: 'auto', paddingInlineEnd: 4 }}>
      {items.map((item) => (
        <ItemRow key={item.code} item={item} onInsert={onInsert} />
      ))}
    </div>
  );
}

/**
 * 字段与函数: what a rule may name, grouped by scope (household, member, head, income, measure), then the standards,
 * functions and aggregates. A click inserts the name at the caret of the editor used last; a coded field's values
 * insert as quoted codes.
 */
export function FieldPicker({ language, onInsert }: Props) {
  const t = useT();
  const [lang] = useLang();
  const [search, setSearch] = useState('');

  const groups = useMemo(() => {
    if (!language) return [];
    const name = (x: { zh: string; en: string }) => (lang === 'zh' ? x.zh : x.en);
    const scopes = FIELD_SCOPES.map((scope) => ({
      key: scope,
      title: t(`rules.scope.${scope}`),
      items: language.fields
        .filter((f) => f.scope === scope)
        .map<Item>((f) => ({ insert: f.path, label: name(f), code: f.path, hint: TYPE_KEYS[f.type] ? t(TYPE_KEYS[f.type]!) : f.type, codes: f.codes })),
    }));
    const standards = {
      key: 'std',
      title: t('rules.picker.standards'),
      items: language.standards.map<Item>((s) => ({ insert: `std.${s.key}`, label: name(s), code: `std.${s.key}`, hint: s.unit })),
    };
    const functions = {
      key: 'functions',
      title: t('rules.picker.functions'),
      items: [
        { insert: 'ref_date', label: t('rules.picker.refDate'), code: 'ref_date', hint: t('rules.type.date') },
        ...language.functions.map<Item>((f) => ({ insert: `${f.name}()`, back: 1, label: f.zh, code: `${f.name}(${f.args.join(', ')})`, hint: f.returns })),
      ],
    };
    const aggregates = {
      key: 'aggregates',
      title: t('rules.picker.aggregates'),
      items: [
        ...language.aggregates.map<Item>((a) => ({ insert: `${a.name}(members where )`, back: 1, label: a.example, code: `${a.name}(…)` })),
        ...language.collections.map<Item>((c) => ({ insert: c.name, label: c.zh, code: c.name })),
      ],
    };
    return [...scopes, standards, functions, aggregates];
  }, [language, lang, t]);

  const needle = search.trim().toLowerCase();
  const found = useMemo(
    () => (needle ? groups.flatMap((g) => g.items.filter((i) => i.label.toLowerCase().includes(needle) || i.code.toLowerCase().includes(needle))) : []),
    [groups, needle],
  );

  let body: ReactNode;
  if (!language) body = <Card loading size="small" variant="borderless" />;
  else if (needle) body = <ItemList items={found} onInsert={onInsert} />;
  else
    body = (
      <Tabs
        size="small"
        items={groups.map((g) => ({ key: g.key, label: <span data-testid={`picker-tab-${g.key}`}>{g.title}</span>, children: <ItemList items={g.items} onInsert={onInsert} /> }))}
      />
    );

  return (
    <Card size="small" title={t('rules.picker.title')} data-testid="field-picker">
      <Input
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('rules.picker.search')}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        style={{ marginBottom: 8 }}
        data-testid="picker-search"
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 4 }}>
        {t('rules.picker.hint')}
      </Typography.Paragraph>
      {body}
    </Card>
  );
}
