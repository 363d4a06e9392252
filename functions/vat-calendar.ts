import type { Country } from '../shared/identifiers/types.js';
import { routes } from '../shared/routes.js';
import { filingCalendar } from '../shared/vat/filing.js';
import { apiHandler } from './lib/api-handler.js';

/**
 * The calendar as the route answers it: `periods` holds the resident returns (the v1 shape) and
 * `schedules` only the other filers', so that no period is listed twice. The library's
 * `filingCalendar` keeps every schedule; this view drops the one `periods` already shows.
 */
export function calendarAnswer(country: Country, year: number) {
  const calendar = filingCalendar(country, year);
  return { ...calendar, schedules: calendar.schedules.filter((s) => s.filer !== 'resident') };
}

/** GET /v1/vat/calendar?country=&year= — VAT return due dates of the year, per period, each listed once. */
export const handler = apiHandler(routes.vatCalendar, async ({ query }) => ({
  body: calendarAnswer(query.country, query.year),
}));
