import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

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
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.EChartsType | null>(null);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;

  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chartRef.current = chart;
    // Clicks anywhere in a bar's column count, not only on the bar: short bars are hard to hit on a phone.
    chart.getZr().on('click', (event) => {
      const point = [event.offsetX, event.offsetY];
      if (!chart.containPixel('grid', point)) return;
      const [index] = chart.convertFromPixel({ seriesIndex: 0 }, point) as number[];
      const datum = index === undefined ? undefined : data[Math.round(index)];
      if (datum) onSelectRef.current(datum.id);
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
    // The click handler reads `data` by index, so the chart is rebuilt when the data changes.
  }, [data]);

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
