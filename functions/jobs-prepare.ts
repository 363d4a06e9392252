import { type PrepareInput, prepareJob } from './lib/jobs/prepare.js';

/** Step Functions task: the upload → the Distributed Map's items file (see `prepareJob`). */
export const handler = (event: PrepareInput) => prepareJob(event);
