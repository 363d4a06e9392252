import { HttpProblem } from '../problem.js';

/** No job with this id for the calling tenant (another tenant's job is "not found" too, never "forbidden"). */
export const notFound = (jobId: string) => new HttpProblem(404, 'Not found', `no job ${jobId}`);

/** The job cannot do what was asked in its current state (e.g. cancel a finished job). */
export const conflict = (detail: string) => new HttpProblem(409, 'Conflict', detail);
