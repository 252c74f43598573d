import { useEffect } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { FindingSummary } from '../../api/findings';
import { useEChart } from '../../components/useEChart';
import { useT } from '../../i18n';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

interface Props {
  data: FindingSummary['byArea'];
  onSelect: (areaId: number) => void;
  height?: number;
}

const SERIES = [
  { key: 'open', colour: '#f5222d' },
  { key: 'exempted', colour: '#faad14' },
  { key: 'closed', colour: '#52c41a' },
] as const;

/** Findings per child area, stacked by status; a click on an area's column narrows the page to that area. */
export function FindingAreaChart({ data, onSelect, height = 280 }: Props) {
  const t = useT();
  const { ref, chartRef } = useEChart((i) => {
    const datum = data[i];
    if (datum) onSelect(datum.areaId);
  });

  useEffect(() => {
    chartRef.current?.setOption({
      grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: data.map((d) => d.name), axisLabel: { interval: 0, rotate: data.length > 6 ? 35 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: SERIES.map((s) => ({
        name: t(`findings.status.${s.key}`),
        type: 'bar',
        stack: 'status',
        itemStyle: { color: s.colour },
        barMaxWidth: 48,
        cursor: 'pointer',
        data: data.map((d) => d[s.key]),
      })),
    });
  }, [data, t]);

  return <div ref={ref} style={{ width: '100%', height }} data-testid="findings-area-chart" />;
}
