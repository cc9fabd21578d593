// The steward API's shapes, from the generated OpenAPI types (npm run gen:api).
import type { paths } from '../../api/schema.d.ts';

export type QueueAnswer = paths['/api/steward/tasks']['get']['responses'][200]['content']['application/json'];
export type QueueItem = QueueAnswer['tasks'][number];
export type QueueQuery = NonNullable<paths['/api/steward/tasks']['get']['parameters']['query']>;
export type TaskView = paths['/api/steward/tasks/{id}']['get']['responses'][200]['content']['application/json'];
export type FieldPair = TaskView['fields'][number];
export type DecisionBody = paths['/api/steward/tasks/{id}/decision']['post']['requestBody'] extends infer B
  ? B extends { content: { 'application/json': infer J } } ? J : never : never;
export type Decision = DecisionBody['decision'];
export type BulkPreview = paths['/api/steward/bulk/preview']['post']['responses'][200]['content']['application/json'];
export type BulkResult = paths['/api/steward/bulk/apply']['post']['responses'][200]['content']['application/json'];
export type Source = NonNullable<TaskView['sides']['a']>;

export interface Choice { take: 'a' | 'b' | 'value'; value?: string }
/** The linked subject, chosen like a field. */
export const SUBJECT = '$subject';
