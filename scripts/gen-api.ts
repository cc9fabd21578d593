// Writes web/src/api/schema.d.ts, the browser client's types, from the API's own OpenAPI document
// (the route schemas). `npm run gen:api` after changing a route; runtime/openapi-client.test.ts fails
// when the committed file and the routes disagree.
import { writeFileSync } from 'node:fs';
import { apiClientTypes, apiClientTypesPath } from '../runtime/openapi-client.ts';

writeFileSync(apiClientTypesPath, await apiClientTypes());
console.log(`wrote ${apiClientTypesPath}`);
