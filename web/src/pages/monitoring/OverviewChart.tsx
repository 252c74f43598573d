import { useEffect } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useEChart } from '../../components/useEChart';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

interface Props {
  kind: 'bar' | 'line';
  labels: string[];
  series: { name: string; data: number[] }[];
  height?: number;
  testId?: string;
}

/** A small ECharts chart of households and persons per label (month, category, risk type, area). */
export function OverviewChart({ kind, labels, series, height = 260, testId }: Props) {
  const { ref, chartRef } = useEChart();
  useEffect(() => {
    chartRef.current?.setOption(
      {
        grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
        legend: { top: 0 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: labels.length > 6 ? 35 : 0 } },
        yAxis: { type: 'value', minInterval: 1 },
        series: series.map((s) => ({ name: s.name, type: kind, data: s.data, barMaxWidth: 40, smooth: kind === 'line' })),
      },
      true,
    );
  }, [kind, labels, series]);
  return <div ref={ref} style={{ width: '100%', height }} data-testid={testId} />;
}
