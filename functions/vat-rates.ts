import { routes } from '../shared/routes.js';
import { ratesOn } from '../shared/vat/rates.js';
import { apiHandler } from './lib/api-handler.js';

/** GET /v1/vat/rates?country=&date= — the rate rows in force on that date, with citations. */
export const handler = apiHandler(routes.vatRates, async ({ query }) => ({
  body: ratesOn(query.country, query.date),
}));
