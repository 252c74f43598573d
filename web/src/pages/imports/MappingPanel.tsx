import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Flex, Form, Input, Modal, Popconfirm, Row, Select, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import { reportSaveError, showError, showSuccess } from '../../api/errors';
import {
  useDeleteTemplate,
  useImportTemplates,
  useSaveTemplate,
  useSetImportOptions,
  type ImportColumn,
  type ImportField,
  type ImportJob,
  type ImportOptions,
} from '../../api/imports';
import { useLang, useT } from '../../i18n';

/** The Select's value for "not imported" (a mapping to null). */
const NONE = '';
const HEADER_ROW_CHOICES = Array.from({ length: 10 }, (_, i) => i + 1);

type Edits = Record<number, string | null>;

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

interface Props {
  job: ImportJob;
  fields: ImportField[];
  /** Only the uploader may change a job; others see the layout read-only. */
  editable: boolean;
}

/**
 * Step 3's choices: which sheets, where the header is, which column is which field, templates. Changes stay local
 * until "重新预检" sends them all (POST /options replaces the job's choices) and the dry run runs again.
 */
export function MappingPanel({ job, fields, editable }: Props) {
  const t = useT();
  const [lang] = useLang();
  const [sheets, setSheets] = useState<string[]>(job.selectedSheets);
  const [headerRows, setHeaderRows] = useState<number[]>(job.headerRows);
  const [encoding, setEncoding] = useState(job.options.encoding);
  const [delimiter, setDelimiter] = useState(job.options.delimiter);
  const [edits, setEdits] = useState<Edits>({});
  const [templateId, setTemplateId] = useState<number | undefined>(job.options.templateId);
  const [saveOpen, setSaveOpen] = useState(false);
  const setOptions = useSetImportOptions(job.id);
  const templates = useImportTemplates();
  const deleteTemplate = useDeleteTemplate();

  const byKey = useMemo(() => new Map(fields.map((f) => [f.key, f])), [fields]);
  const fieldLabel = (key: string) => {
    const f = byKey.get(key);
    return f ? (lang === 'zh' ? f.label : f.labelEn) : key;
  };
  const effective = (c: ImportColumn): string | null => (Object.hasOwn(edits, c.index) ? (edits[c.index] ?? null) : c.field);

  const pendingMapping = Object.keys(edits).length > 0;
  const sheetsChanged = !sameList(sheets, job.selectedSheets);
  const headerChanged = !sameList(headerRows, job.headerRows);
  const csvChanged = encoding !== job.options.encoding || delimiter !== job.options.delimiter;
  const pending = pendingMapping || sheetsChanged || headerChanged || csvChanged;

  // Required fields no column maps to: the server's list, or ours while the user is still choosing.
  const mapped = new Set(job.columns.map(effective).filter((f): f is string => f !== null));
  const missing = pendingMapping ? fields.filter((f) => f.required && !mapped.has(f.key)).map((f) => f.key) : job.missingRequired;

  const choose = (column: ImportColumn, value: string) => {
    const field = value === NONE ? null : value;
    setEdits((prev) => {
      const next: Edits = { ...prev, [column.index]: field };
      // A field belongs to one column: the column that had it lets it go.
      if (field !== null) {
        for (const other of job.columns) {
          if (other.index !== column.index && (Object.hasOwn(prev, other.index) ? prev[other.index] : other.field) === field) next[other.index] = null;
        }
      }
      // Choosing the detected field again is no change.
      for (const c of job.columns) if (Object.hasOwn(next, c.index) && next[c.index] === c.field) delete next[c.index];
      return next;
    });
  };

  const baseOptions = (): ImportOptions => ({
    ...(sheetsChanged || job.options.sheets ? { sheets } : {}),
    ...(headerChanged ? { headerRows } : job.options.headerRows ? { headerRows: job.options.headerRows } : {}),
    ...(encoding ? { encoding } : {}),
    ...(delimiter ? { delimiter } : {}),
  });

  const recheck = () => {
    const mapping = { ...job.options.mapping, ...Object.fromEntries(Object.entries(edits).map(([k, v]) => [k, v ?? null])) };
    const options: ImportOptions = {
      ...baseOptions(),
      ...(Object.keys(mapping).length > 0 ? { mapping } : {}),
      ...(job.options.templateId ? { templateId: job.options.templateId } : {}),
    };
    setOptions.mutate(options, { onError: (err) => showError(err) });
  };

  const applyTemplate = () => {
    // A template replaces the column choices; sheets and header stay as chosen.
    setOptions.mutate({ ...baseOptions(), ...(templateId ? { templateId } : {}) }, { onError: (err) => showError(err) });
  };

  const fieldOptions = [
    { value: NONE, label: t('import.layout.notImported') },
    ...(['household', 'member'] as const).map((level) => ({
      label: t(level === 'household' ? 'import.layout.householdFields' : 'import.layout.memberFields'),
      options: fields.filter((f) => f.level === level).map((f) => ({ value: f.key, label: `${fieldLabel(f.key)}${f.required ? ' *' : ''}` })),
    })),
  ];

  const columns: TableColumnsType<ImportColumn> = [
    { title: t('import.layout.column'), dataIndex: 'letter', width: 56 },
    {
      title: t('import.layout.header'),
      dataIndex: 'header',
      width: 200,
      render: (header: string, c) => (
        <Flex wrap gap={4} align="center">
          <Typography.Text>{header || '—'}</Typography.Text>
          {c.hidden && <Tag>{t('import.layout.hiddenColumn')}</Tag>}
        </Flex>
      ),
    },
    {
      title: t('import.layout.field'),
      key: 'field',
      width: 240,
      render: (_, c) => (
        <Flex gap={4} align="center">
          <Select
            value={effective(c) ?? NONE}
            options={fieldOptions}
            onChange={(v: string) => choose(c, v)}
            disabled={!editable}
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: '100%', minWidth: 160 }}
            data-testid={`import-map-${c.letter}`}
          />
          {Object.hasOwn(edits, c.index) && <Tag color="orange">{t('import.layout.changed')}</Tag>}
        </Flex>
      ),
    },
  ];

  const templateItems = templates.data?.items ?? [];
  const currentTemplate = templateItems.find((x) => x.id === job.options.templateId);

  return (
    <Card size="small" title={t('import.layout.title')} data-testid="import-layout">
      <Flex vertical gap={12}>
        <Row gutter={[12, 8]}>
          <Col xs={24} md={12} xl={8}>
            <Typography.Text type="secondary">{t('import.layout.sheets')}</Typography.Text>
            <Select<string[]>
              mode="multiple"
              value={sheets}
              onChange={setSheets}
              disabled={!editable}
              style={{ width: '100%' }}
              options={job.sheets.map((s) => ({
                value: s.name,
                label: s.state === 'visible' ? s.name : `${s.name}（${t('import.layout.sheetHidden')}）`,
              }))}
              data-testid="import-sheets"
            />
          </Col>
          <Col xs={24} md={12} xl={5}>
            <Typography.Text type="secondary">{t('import.layout.headerRows')}</Typography.Text>
            <Select<number[]>
              mode="multiple"
              value={headerRows}
              onChange={(v) => setHeaderRows([...v].sort((a, b) => a - b).slice(0, 3))}
              disabled={!editable}
              style={{ width: '100%' }}
              options={HEADER_ROW_CHOICES.map((n) => ({ value: n, label: t('import.layout.rowN', { n }) }))}
            />
          </Col>
          {job.format === 'csv' && (
            <>
              <Col xs={12} md={6} xl={3}>
                <Typography.Text type="secondary">{t('import.layout.encoding')}</Typography.Text>
                <Select
                  allowClear
                  value={encoding}
                  onChange={setEncoding}
                  disabled={!editable}
                  style={{ width: '100%' }}
                  placeholder={t('import.layout.auto')}
                  options={[
                    { value: 'utf-8', label: 'UTF-8' },
                    { value: 'gb18030', label: 'GB18030 (GBK)' },
                  ]}
                />
              </Col>
              <Col xs={12} md={6} xl={3}>
                <Typography.Text type="secondary">{t('import.layout.delimiter')}</Typography.Text>
                <Select
                  allowClear
                  value={delimiter}
                  onChange={setDelimiter}
                  disabled={!editable}
                  style={{ width: '100%' }}
                  placeholder={t('import.layout.auto')}
                  options={[
                    { value: ',', label: t('import.layout.comma') },
                    { value: '\t', label: t('import.layout.tab') },
                    { value: ';', label: t('import.layout.semicolon') },
                  ]}
                />
              </Col>
            </>
          )}
          <Col xs={24} xl={job.format === 'csv' ? 5 : 11}>
            <Typography.Text type="secondary">{t('import.template.label')}</Typography.Text>
            <Flex gap={4} wrap>
              <Select<number>
                allowClear
                value={templateId}
                onChange={setTemplateId}
                disabled={!editable}
                placeholder={t('import.template.placeholder')}
                options={templateItems.map((x) => ({ value: x.id, label: x.name }))}
                style={{ flex: 1, minWidth: 160 }}
                data-testid="import-template"
              />
              <Button onClick={applyTemplate} disabled={!editable || templateId === undefined || setOptions.isPending}>
                {t('import.template.apply')}
              </Button>
              {templateId !== undefined && (
                <Popconfirm
                  title={t('import.template.deleteConfirm', { name: templateItems.find((x) => x.id === templateId)?.name ?? '' })}
                  onConfirm={() =>
                    deleteTemplate.mutate(templateId, {
                      onSuccess: () => {
                        setTemplateId(undefined);
                        showSuccess(t('import.template.deleted'));
                      },
                      onError: (err) => showError(err),
                    })
                  }
                >
                  <Button icon={<DeleteOutlined />} aria-label={t('import.template.delete')} disabled={!editable} />
                </Popconfirm>
              )}
              <Tooltip title={pending ? t('import.template.saveFirst') : undefined}>
                <Button icon={<SaveOutlined />} onClick={() => setSaveOpen(true)} disabled={!editable || pending || job.columns.length === 0}>
                  {t('import.template.save')}
                </Button>
              </Tooltip>
            </Flex>
          </Col>
        </Row>
        {currentTemplate && <Typography.Text type="secondary">{t('import.template.inUse', { name: currentTemplate.name })}</Typography.Text>}

        {missing.length > 0 && (
          <Alert
            type="error"
            showIcon
            title={t('import.layout.missing', { fields: missing.map(fieldLabel).join('、') })}
            data-testid="import-missing-required"
          />
        )}

        <Table<ImportColumn>
          rowKey="index"
          size="small"
          columns={columns}
          dataSource={job.columns}
          pagination={false}
          scroll={{ x: 520 }}
          data-testid="import-mapping"
        />

        <Flex wrap gap={8} align="center" justify="flex-end">
          {pending && <Typography.Text type="warning">{t('import.layout.pending')}</Typography.Text>}
          <Button
            type={pending ? 'primary' : 'default'}
            icon={<ReloadOutlined />}
            onClick={recheck}
            loading={setOptions.isPending}
            disabled={!editable}
            data-testid="import-recheck"
          >
            {t('import.layout.recheck')}
          </Button>
        </Flex>
      </Flex>
      <SaveTemplateModal open={saveOpen} jobId={job.id} onClose={() => setSaveOpen(false)} />
    </Card>
  );
}

function SaveTemplateModal({ open, jobId, onClose }: { open: boolean; jobId: number; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ name: string }>();
  const save = useSaveTemplate();
  const submit = ({ name }: { name: string }) =>
    save.mutate(
      { name: name.trim(), jobId },
      {
        onSuccess: () => {
          showSuccess(t('import.template.saved'));
          form.resetFields();
          onClose();
        },
        onError: (err) => reportSaveError(err, { form, mapPath: (p) => (p[0] === 'name' ? ['name'] : null) }),
      },
    );
  return (
    <Modal
      open={open}
      title={t('import.template.save')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="name"
          label={t('import.template.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('import.template.name') }) }, { max: 60 }]}
        >
          <Input maxLength={60} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
