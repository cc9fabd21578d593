import { describe, expect, it } from 'vitest';
import { filtersOf, listEndpoints, searchTerms } from './endpoints.ts';
import { assetsOf, pageRows, summarise, verdictOf } from './measure.ts';
import { slowPlans } from './plans.ts';

const samples = { subjectName: '天津河西区川贵网络科技有限责任公司', subjectUscc: '91120103610815776B', decisionNo: '津河西区市罚〔2024〕1773号' };
const page = (key: string) => ({ content: { 'application/json': { schema: { properties: { total: { type: 'integer' }, [key]: { type: 'array' } } } } } });

describe('the page benchmark harness', () => {
  it('finds the paged lists in an OpenAPI document, with their query parameters', () => {
    const doc = {
      paths: {
        '/api/steward/tasks': {
          get: {
            parameters: [
              { name: 'limit', in: 'query' }, { name: 'offset', in: 'query' }, { name: 'status', in: 'query', schema: { enum: ['open', 'decided'] } },
              { name: 'dataset', in: 'query' }, { name: 'sort', in: 'query', schema: { enum: ['age', 'score'] } },
            ],
            responses: { 200: page('tasks') },
          },
        },
        '/api/batches/{id}/rejects': { get: { responses: { 200: page('rejects') } } },
        '/api/labels': { get: { responses: { 200: { content: { 'application/json': { schema: { properties: { fields: { type: 'object' } } } } } } } } },
        '/api/uploads': { post: { responses: { 200: page('x') } } },
      },
    };
    const lists = listEndpoints(doc);
    expect(lists.map((l) => l.path)).toEqual(['/api/steward/tasks']);
    expect(lists[0]!.params.map((p) => p.name)).toEqual(['status', 'dataset', 'sort']);
    expect(filtersOf(lists[0]!, samples)).toEqual([{}, { dataset: 'admin_penalty' }, { status: 'open' }]);
  });

  it('fills a required parameter or leaves the endpoint out', () => {
    expect(filtersOf({ path: '/api/records/search', params: [{ name: 'q', required: true }] }, samples)).toEqual([{ q: samples.subjectName }]);
    expect(filtersOf({ path: '/api/x', params: [{ name: 'mystery', required: true }] }, samples)).toEqual([]);
    expect(searchTerms(samples).map(([k, v]) => `${k}:${v}`)).toEqual([
      `name:${samples.subjectName}`, `uscc:${samples.subjectUscc}`, `docno:${samples.decisionNo}`, 'name part:川贵网络',
    ]);
  });

  it('reports the median and the 95th percentile, and judges them against the budget', () => {
    const samplesMs = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(summarise(samplesMs)).toEqual({ medianMs: 10, p95Ms: 19 });
    expect(verdictOf(120, 250, 300)).toBe('ok');
    expect(verdictOf(120, 350, 300)).toBe('p95_over');
    expect(verdictOf(320, 350, 300)).toBe('over');
  });

  it('reads the rows of a page and the assets index.html names', () => {
    expect(pageRows({ total: 1234, tasks: [1, 2, 3] })).toEqual({ rows: 3, total: 1234 });
    const html = '<script type="module" crossorigin src="/assets/index-a1.js"></script><link rel="modulepreload" href="/assets/react-b2.js">'
      + '<link rel="stylesheet" href="/assets/index-c3.css"><link rel="icon" href="/favicon.svg">';
    expect(assetsOf(html)).toEqual(['/assets/index-a1.js', '/assets/react-b2.js', '/assets/index-c3.css']);
  });

  it('keeps the slowest plan of each statement auto_explain logged', () => {
    const log = [
      '2026-11-30 04:00:00.000 UTC [1] LOG:  duration: 120.5 ms  plan:',
      '\tQuery Text: select 1 from t where a = $1',
      '\tSeq Scan on t  (cost=0.00..1.00 rows=1 width=4) (actual time=0.1..120.0 rows=1 loops=1)',
      '2026-11-30 04:00:01.000 UTC [1] LOG:  duration: 300.25 ms  plan:',
      '\tQuery Text: select 1 from t where a = $1',
      '\tSeq Scan on t  (cost=0.00..1.00 rows=1 width=4) (actual time=0.1..300.0 rows=1 loops=1)',
      '2026-11-30 04:00:02.000 UTC [1] LOG:  checkpoint starting: time',
    ].join('\n');
    const plans = slowPlans(log);
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatchObject({ ms: 300.25, query: 'select 1 from t where a = $1' });
    expect(plans[0]!.plan).toContain('actual time=0.1..300.0');
  });
});
