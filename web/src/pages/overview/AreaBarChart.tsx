import { useEffect } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useEChart } from '../../components/useEChart';

// Only what this chart uses is registered, so the bundle carries no other chart types.
echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export interface BarDatum {
  id: number;
  name: string;
  value: number;
}

interface Props {
  data: BarDatum[];
  seriesName: string;
  onSelect: (id: number) => void;
  height?: number;
}

export function AreaBarChart({ data, seriesName, onSelect, height = 320 }: Props) {
  const { ref, chartRef } = useEChart((i) => {
    const datum = data[i];
    if (datum) onSelect(datum.id);
  });

  useEffect(() => {
    chartRef.current?.setOption({
      grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: {
        type: 'category',
        data: data.map((d) => d.name),
        axisLabel: { interval: 0, rotate: data.length > 6 ? 35 : 0 },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ name: seriesName, type: 'bar', data: data.map((d) => d.value), barMaxWidth: 56, cursor: 'pointer' }],
    });
  }, [data, seriesName]);

  return <div ref={ref} style={{ width: '100%', height }} data-testid="overview-chart" />;
}
