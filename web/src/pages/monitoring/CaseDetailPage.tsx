import { useRef } from 'react';
import { Button, Card, Col, Descriptions, Flex, List, Row, Space, Tag } from 'antd';
import { FileTextOutlined, FileWordOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useMe } from '../../api/auth';
import { useCodeLabel } from '../../api/codes';
import { showError, showSuccess } from '../../api/errors';
import { monitoringApi, useCase } from '../../api/monitoring';
import { hasPermission } from '../../access';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { formatMoney } from '../../utils/format';
import { CaseStatusTag, OverdueTag } from './CaseTags';
import { CaseTimeline } from './CaseTimeline';
import { EliminationPanel } from './EliminationPanel';
import { StepForm } from './StepForm';

/** One monitoring case: facts, the step timeline with days, what this user may do now, the notice, attachments. */
export default function CaseDetailPage() {
  const t = useT();
  const id = Number(useParams().id);
  const codeLabel = useCodeLabel();
  const { data: me } = useMe();
  const qc = useQueryClient();
  const q = useCase(id);
  const fileInput = useRef<HTMLInputElement>(null);
  const c = q.data;
  if (!c) return <Card loading={q.isLoading}>{q.error ? t('common.notFound') : null}</Card>;
  const risks = c.riskTypes.map((r) => (r === 'other' && c.otherNote ? `${codeLabel('monitoringRiskType', r)}（${c.otherNote}）` : r === 'disaster' && c.disasterKind ? `${codeLabel('monitoringRiskType', r)}（${codeLabel('disasterKind', c.disasterKind)}）` : codeLabel('monitoringRiskType', r)));
  const upload = async (file: File | undefined) => {
    if (!file) return;
    try {
      await monitoringApi.upload(c.id, file);
      showSuccess(t('monitoring.uploaded'));
      await qc.invalidateQueries({ queryKey: ['monitoring', 'case', id] });
    } catch (e) {
      showError(e);
    }
  };
  return (
    <>
      <PageHeader
        title={`${t('monitoring.case')} #${c.id} · ${c.headName ?? ''}`}
        subTitle={[c.countyName, c.townshipName, c.villageName].filter(Boolean).join(' / ')}
        tags={
          <Space>
            <CaseStatusTag status={c.status} testId="case-status" />
            {c.step && <Tag data-testid="case-step">{t('monitoring.waitingFor', { step: t(`monitoring.step.${c.step}`) })}</Tag>}
            <OverdueTag overdue={c.overdue} />
          </Space>
        }
        extra={
          <>
            <Button icon={<FileTextOutlined />} href={monitoringApi.noticeUrl(c.id)} target="_blank" data-testid="case-notice">
              {t('monitoring.notice')}
            </Button>
            <Button icon={<FileWordOutlined />} href={monitoringApi.noticeUrl(c.id, 'docx')} data-testid="case-notice-docx">
              {t('monitoring.noticeWord')}
            </Button>
            <Link to="/monitoring/cases">
              <Button>{t('common.back')}</Button>
            </Link>
          </>
        }
      />
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={14}>
          <Flex vertical gap={12}>
            {c.allowed.step && <StepForm c={c} />}
            <EliminationPanel c={c} />
            <Card size="small" title={t('monitoring.timeline')}>
              <Flex gap={8} wrap style={{ marginBottom: 12 }}>
                {c.phases.map((p) => (
                  <Tag key={p.phase} color={p.overdue ? 'red' : 'blue'} data-testid={`phase-${p.phase}`}>
                    {t(`monitoring.phase.${p.phase}`)}：{t('monitoring.totalDays', { n: p.totalDays, limit: p.limitDays })}
                  </Tag>
                ))}
              </Flex>
              <CaseTimeline c={c} />
            </Card>
          </Flex>
        </Col>
        <Col xs={24} lg={10}>
          <Flex vertical gap={12}>
            <Card size="small" title={t('monitoring.facts')}>
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('f.householdNo')}><Link to={`/households/${c.householdId}`}>{c.householdNo}</Link></Descriptions.Item>
                <Descriptions.Item label={t('monitoring.persons')}>{c.persons}</Descriptions.Item>
                <Descriptions.Item label={t('monitoring.category')}>{codeLabel('monitoringCategory', c.category)}</Descriptions.Item>
                <Descriptions.Item label={t('monitoring.riskTypes')}>{risks.join('、')}</Descriptions.Item>
                <Descriptions.Item label={t('monitoring.identifiedOn')}>{c.identifiedOn}</Descriptions.Item>
                <Descriptions.Item label={t('monitoring.incomeAtIdentification')}>{formatMoney(c.incomeAtIdentification)}</Descriptions.Item>
                <Descriptions.Item label={t('monitoring.source')}>{codeLabel('warningSource', c.source)}</Descriptions.Item>
                <Descriptions.Item label={t('monitoring.openedOn')}>{c.openedOn}</Descriptions.Item>
                {c.includedOn && <Descriptions.Item label={t('monitoring.includedOn')}>{c.includedOn}</Descriptions.Item>}
                {c.eliminatedOn && <Descriptions.Item label={t('monitoring.eliminatedOn')}>{c.eliminatedOn}</Descriptions.Item>}
                {c.rejectReason && <Descriptions.Item label={t('monitoring.rejectReason')}>{c.rejectReason}</Descriptions.Item>}
              </Descriptions>
            </Card>
            <Card
              size="small"
              title={t('monitoring.attachments')}
              extra={
                hasPermission(me, 'registry.write') && (
                  <>
                    <input ref={fileInput} type="file" hidden accept=".pdf,.jpg,.jpeg,.png,.doc,.docx" onChange={(e) => void upload(e.target.files?.[0])} data-testid="attachment-input" />
                    <Button size="small" icon={<UploadOutlined />} onClick={() => fileInput.current?.click()}>
                      {t('monitoring.upload')}
                    </Button>
                  </>
                )
              }
            >
              <List
                size="small"
                dataSource={c.attachments}
                locale={{ emptyText: t('common.noData') }}
                renderItem={(a) => (
                  <List.Item>
                    <a href={monitoringApi.attachmentUrl(a.id)}>
                      <PaperClipOutlined /> {a.fileName}
                    </a>
                    <span>{Math.ceil(a.size / 1024)} KB · {a.by}</span>
                  </List.Item>
                )}
              />
            </Card>
            <Card size="small" title={t('monitoring.episodes')}>
              <List
                size="small"
                dataSource={c.episodes}
                renderItem={(e) => (
                  <List.Item>
                    <Link to={`/monitoring/cases/${e.id}`}>#{e.id}</Link>
                    <span>{e.openedOn} → {e.eliminatedOn ?? e.rejectedOn ?? '…'}</span>
                    <CaseStatusTag status={e.status} />
                  </List.Item>
                )}
              />
            </Card>
          </Flex>
        </Col>
      </Row>
    </>
  );
}
