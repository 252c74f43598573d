import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';

/**
 * One ECharts instance for a div, resized with its box and disposed with the component. With `onColumnClick`, a
 * click anywhere in a category's column counts (not only on the bar: short bars are hard to hit on a phone); the
 * latest callback is used, so the chart is not rebuilt when the data changes. Callers register their chart types
 * with `echarts.use` and set options on `chartRef.current` in their own effect, declared after this hook.
 */
export function useEChart(onColumnClick?: (index: number) => void) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.EChartsType | null>(null);
  const clickRef = useRef(onColumnClick);
  clickRef.current = onColumnClick;

  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chartRef.current = chart;
    chart.getZr().on('click', (event) => {
      const point = [event.offsetX, event.offsetY];
      if (!clickRef.current || !chart.containPixel('grid', point)) return;
      const [index] = chart.convertFromPixel({ seriesIndex: 0 }, point) as number[];
      if (index !== undefined) clickRef.current(Math.round(index));
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  return { ref, chartRef };
}
