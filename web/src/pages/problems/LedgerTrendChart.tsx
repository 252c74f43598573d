import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { Ledger } from '../../api/problems';
import { useT } from '../../i18n';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Problems opened vs closed off (销号) per week: whether rectification keeps up with what the runs find. */
export function LedgerTrendChart({ trend, height = 280 }: { trend: Ledger['trend']; height?: number }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, []);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.getInstanceByDom(ref.current);
    chart?.setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 32, bottom: 24 },
      xAxis: { type: 'category', data: trend.map((w) => w.week.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('problems.ledger.opened'), type: 'line', data: trend.map((w) => w.opened), itemStyle: { color: '#cf1322' } },
        { name: t('problems.ledger.closedOff'), type: 'line', data: trend.map((w) => w.closedOff), itemStyle: { color: '#389e0d' } },
      ],
    });
  }, [trend, t]);
  return <div ref={ref} style={{ height }} data-testid="ledger-trend" />;
}
