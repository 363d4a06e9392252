import * as z from 'zod';
import type * as store from '../audit/store.js';
import { AUDIT_OPERATIONS } from '../enums.js';
import { Identifier, IsoDate, REFINEMENT_KEYS } from './common.js';
import type { Expect, Same } from './same.js';

export const AuditListQuery = z
  .strictObject({
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    cursor: z.string().max(2048).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: '"from" must not be after "to"',
    path: ['from'],
    params: { key: REFINEMENT_KEYS.fromAfterTo },
  });

export const AuditLookupRequest = z
  .strictObject({
    value: Identifier,
    limit: z.number().int().min(1).max(1000).default(100),
    cursor: z.string().max(2048).optional(),
  })
  .meta({ id: 'AuditLookupRequest' });

const AuditItem = z
  .object({
    checkId: z.string(),
    createdAt: z.string(),
    operation: z.enum(AUDIT_OPERATIONS),
    country: z.string().nullable(),
    kind: z.string().nullable(),
    valid: z.boolean(),
    errorCodes: z.array(z.string()),
    warningCodes: z.array(z.string()),
    rulesetVersion: z.string(),
    identifierMasked: z.string().optional(),
    identifierHmac: z.string().optional(),
    otherIdentifiersMasked: z.record(z.string(), z.string()).optional(),
    facts: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'AuditItem' });

export const AuditListResponse = z
  .object({ items: z.array(AuditItem), cursor: z.string().optional() })
  .meta({ id: 'AuditListResponse' });

// The store's query type and this schema must describe the same shape: drift fails `tsc` here.
type _AuditChecks = [Expect<Same<z.output<typeof AuditListQuery>, store.AuditListQuery>>];
