import { routes } from '../shared/routes.js';
import { apiHandler } from './lib/api-handler.js';

/** GET /health — no key, no dependencies: says the function answers. */
export const handler = apiHandler(routes.health, async () => ({ body: { status: 'ok' as const } }));
