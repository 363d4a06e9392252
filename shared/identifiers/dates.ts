/** Kept so `cli/supplier-list.ts` keeps compiling: the date helpers live in `shared/calendar.ts`. */
export { todayUtc } from '../calendar.js';
