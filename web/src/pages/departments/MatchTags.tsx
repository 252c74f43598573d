import { Flex, Tag, Tooltip } from 'antd';
import type { MatchStatus, SnapshotStatus } from '../../api/departments';
import { useLang, useT } from '../../i18n';

const MATCH_COLORS: Record<MatchStatus, string> = {
  id_exact: 'green',
  auto: 'cyan',
  confirmed: 'blue',
  review: 'orange',
  unmatched: 'default',
  rejected: 'red',
};

/** 匹配结果: how a department record was tied to a registry person (or why not). */
export function MatchStatusTag({ status }: { status: MatchStatus }) {
  const t = useT();
  return (
    <Tag color={MATCH_COLORS[status]} data-testid="dept-match-status" data-status={status}>
      {t(`dept.match.${status}`)}
    </Tag>
  );
}

const SNAPSHOT_COLORS: Record<SnapshotStatus, string> = { reading: 'processing', previewed: 'gold', committed: 'success', failed: 'error', discarded: 'default' };

export function SnapshotStatusTag({ status, testId }: { status: SnapshotStatus; testId?: string }) {
  const t = useT();
  return (
    <Tag color={SNAPSHOT_COLORS[status]} data-testid={testId} data-status={status}>
      {t(`dept.status.${status}`)}
    </Tag>
  );
}

/**
 * The matcher's reason codes (src/domain/matching/score.ts: `id_<level>`, `name_<level>`, `birth_<level>`,
 * `sex_<level>`, the area levels) in words a reviewer reads; "positive" reasons are green, disagreements red.
 */
const REASONS: Record<string, { zh: string; en: string; tone: 'good' | 'bad' | 'weak' }> = {
  id_exact: { zh: '身份证号一致', en: 'Same ID number', tone: 'good' },
  id_equal: { zh: '身份证号一致', en: 'Same ID number', tone: 'good' },
  id_from_15: { zh: '15位证号升位后一致', en: 'Same after 15→18 digits', tone: 'good' },
  id_one_digit: { zh: '身份证号差一位', en: 'ID differs by one digit', tone: 'weak' },
  id_transposition: { zh: '身份证号两位颠倒', en: 'Two ID digits swapped', tone: 'weak' },
  id_excel_prefix: { zh: '身份证号被Excel截断', en: 'ID cut by Excel', tone: 'weak' },
  id_conflict: { zh: '身份证号不同', en: 'Different ID numbers', tone: 'bad' },
  id_different: { zh: '身份证号不符', en: 'ID numbers differ', tone: 'bad' },
  id_name_conflict: { zh: '证号相同但姓名不同', en: 'Same ID, different name', tone: 'bad' },
  name_exact: { zh: '姓名一致', en: 'Same name', tone: 'good' },
  name_equal: { zh: '姓名一致', en: 'Same name', tone: 'good' },
  name_traditional: { zh: '繁简体姓名一致', en: 'Same name (traditional characters)', tone: 'good' },
  name_homophone: { zh: '姓名同音', en: 'Name sounds the same', tone: 'weak' },
  name_pinyin_close: { zh: '姓名拼音相近', en: 'Name pinyin close', tone: 'weak' },
  name_partial: { zh: '姓名部分相同', en: 'Name partly the same', tone: 'weak' },
  name_different: { zh: '姓名不同', en: 'Different name', tone: 'bad' },
  birth_equal: { zh: '出生日期一致', en: 'Same birth date', tone: 'good' },
  birth_near: { zh: '出生日期相近', en: 'Birth date close', tone: 'weak' },
  birth_different: { zh: '出生日期不同', en: 'Different birth date', tone: 'bad' },
  sex_equal: { zh: '性别一致', en: 'Same sex', tone: 'good' },
  sex_different: { zh: '性别不同', en: 'Different sex', tone: 'bad' },
  same_village: { zh: '同村', en: 'Same village', tone: 'good' },
  same_township: { zh: '同乡镇', en: 'Same township', tone: 'weak' },
  same_county: { zh: '同县', en: 'Same county', tone: 'weak' },
  area_different: { zh: '不在同一地区', en: 'Different area', tone: 'bad' },
};

const TONE_COLORS = { good: 'green', weak: 'gold', bad: 'red' } as const;

export function ReasonTags({ reasons }: { reasons: readonly string[] }) {
  const [lang] = useLang();
  return (
    <Flex wrap gap={4} data-testid="dept-reasons">
      {reasons.map((code) => {
        const r = REASONS[code];
        // A reason this map does not know yet is shown by its code rather than hidden.
        return (
          <Tooltip key={code} title={code}>
            <Tag color={r ? TONE_COLORS[r.tone] : 'default'} style={{ marginInlineEnd: 0 }}>
              {r ? r[lang] : code}
            </Tag>
          </Tooltip>
        );
      })}
    </Flex>
  );
}

/** A matcher score (0–1) as a percent. */
export function scorePercent(score: number | null): string {
  return score == null ? '—' : `${Math.round(score * 1000) / 10}%`;
}
