// The lineage graph drawn with ECharts' graph series, one column per stage (source rows → clean →
// link → decisions → versions → deliveries). A node's click opens its evidence; a traced field's
// path is drawn strong and the rest faded.
import * as echarts from 'echarts';
import { useEffect, useRef } from 'react';
import type { Lang } from '../../i18n/index.tsx';
import type { Graph, GraphNode } from './graph-types.ts';

const COLOURS: Record<string, string> = {
  source: '#5470c6', clean: '#91cc75', link: '#fac858', decision: '#ee6666', version: '#73c0de', delivery: '#3ba272',
};

export function LineageChart({ graph, lang, onPick }: { graph: Graph; lang: Lang; onPick(node: GraphNode): void }) {
  const box = useRef<HTMLDivElement>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const columns = graph.columns.map((c) => c.id);
  const perColumn = columns.map((c) => graph.nodes.filter((n) => n.column === c).length);
  const height = Math.max(320, Math.max(...perColumn, 1) * 72 + 80);
  useEffect(() => {
    if (!box.current) return undefined;
    const chart = echarts.init(box.current);
    const traced = new Set(graph.trace?.nodes ?? []);
    const tracing = traced.size > 0;
    // A row's clean and link nodes sit level with the row; other columns stack from the top.
    const rowOf = new Map(graph.nodes.filter((n) => n.column === 'source').map((n, i) => [n.id.slice('source:'.length), i]));
    const seen: Record<string, number> = {};
    const data = graph.nodes.map((n) => {
      const col = columns.indexOf(n.column);
      const own = n.column === 'clean' || n.column === 'link' ? rowOf.get(n.id.slice(n.id.indexOf(':') + 1)) : undefined;
      const row = own ?? (seen[n.column] = (seen[n.column] ?? -1) + 1);
      const on = !tracing || traced.has(n.id);
      return {
        id: n.id, name: n.id, x: col * 200, y: row * 72, symbolSize: traced.has(n.id) ? 30 : 22,
        itemStyle: { color: COLOURS[n.column] ?? '#999', opacity: on ? 1 : 0.25, borderColor: traced.has(n.id) ? '#000' : '#fff', borderWidth: 2 },
        label: {
          show: true, position: 'bottom' as const, opacity: on ? 1 : 0.4, width: 180, overflow: 'truncate' as const,
          formatter: [n.title[lang], n.codeName ? n.codeName[lang] : ''].filter(Boolean).join('\n'),
        },
      };
    });
    const links = graph.edges.map((e) => ({
      source: e.from, target: e.to,
      lineStyle: { opacity: !tracing || (traced.has(e.from) && traced.has(e.to)) ? 0.9 : 0.15, width: traced.has(e.from) && traced.has(e.to) ? 3 : 1 },
    }));
    chart.setOption({
      tooltip: { formatter: (p: { data?: { id?: string } }) => graph.nodes.find((n) => n.id === p.data?.id)?.title[lang] ?? '' },
      xAxis: { show: false, min: -60, max: (columns.length - 1) * 200 + 60 }, yAxis: { show: false, inverse: true },
      graphic: graph.columns.map((c, i) => ({
        type: 'text', left: `${3 + (i * 88) / Math.max(columns.length - 1, 1)}%`, top: 4, style: { text: c.name[lang], fontWeight: 'bold' },
      })),
      series: [{
        type: 'graph', layout: 'none', coordinateSystem: undefined, roam: true, edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 7, top: 40, bottom: 40,
        left: 60, right: 60, data, links,
      }],
    });
    chart.on('click', (p) => {
      const id = (p.data as { id?: string } | undefined)?.id;
      const node = graph.nodes.find((n) => n.id === id);
      if (node) pick.current(node);
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [graph, lang]);
  return <div ref={box} data-testid="lineage-chart" style={{ width: '100%', height }} />;
}
