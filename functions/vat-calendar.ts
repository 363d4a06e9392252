import { routes } from '../shared/routes.js';
import { filingCalendar } from '../shared/vat/filing.js';
import { apiHandler } from './lib/api-handler.js';

/** GET /v1/vat/calendar?country=&year= — VAT return due dates of the year, per period. */
export const handler = apiHandler(routes.vatCalendar, async ({ query }) => ({
  body: filingCalendar(query.country, query.year),
}));
