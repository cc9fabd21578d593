// The lineage graph's types, as the API's generated schema declares them.
import type { paths } from '../../api/schema.d.ts';

export type Graph = paths['/api/lineage/records/{id}/graph']['get']['responses'][200]['content']['application/json'];
export type GraphNode = Graph['nodes'][number];
