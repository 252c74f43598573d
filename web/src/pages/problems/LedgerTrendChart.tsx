import { useEffect } from 'react';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { Ledger } from '../../api/problems';
import { useEChart } from '../../components/useEChart';
import { useT } from '../../i18n';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Problems opened vs closed off (销号) per week: whether rectification keeps up with what the runs find. */
export function LedgerTrendChart({ trend, height = 280 }: { trend: Ledger['trend']; height?: number }) {
  const t = useT();
  const { ref, chartRef } = useEChart();
  useEffect(() => {
    chartRef.current?.setOption({
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
  }, [trend, t, chartRef]);
  return <div ref={ref} style={{ height }} data-testid="ledger-trend" />;
}
