import { Tag } from 'antd';
import { useCodeLabel } from '../api/codes';

// Colours follow what cadres expect from the national system: monitored households stand out.
const COLORS: Record<string, string> = { lifted: 'green', monitored: 'orange', ordinary: 'default' };

export function HouseholdTypeTag({ type }: { type: string | null | undefined }) {
  const codeLabel = useCodeLabel();
  if (!type) return null;
  return <Tag color={COLORS[type] ?? 'blue'}>{codeLabel('householdType', type)}</Tag>;
}
