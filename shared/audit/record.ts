import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import type { AUDIT_OPERATIONS } from '../enums.js';
import type { IdentifierResult } from '../identifiers/types.js';

/** What was checked: names the operation in audit records. */
export type AuditOperation = (typeof AUDIT_OPERATIONS)[number];

/** One identifier as the audit trail may hold it: keyed hash and last-4 mask, never the value. */
export interface ProtectedIdentifier {
  hmac: string;
  masked: string;
}

/** One audit record. It never holds a raw identifier. */
export interface AuditRecord {
  tenant: string;
  checkId: string;
  createdAt: string;
  operation: AuditOperation;
  country: string | null;
  kind: string | null;
  valid: boolean;
  errorCodes: string[];
  warningCodes: string[];
  rulesetVersion: string;
  /** The main identifier checked (the supplier's for an ESF pre-check), found again by `/v1/audit/lookup`. */
  identifier?: ProtectedIdentifier;
  /** Other identifiers of the same check (e.g. the ESF buyer). */
  otherIdentifiers?: Record<string, ProtectedIdentifier>;
  /** Operation-specific, non-personal facts (rates, deadlines, decisions). */
  facts?: Record<string, string | number | boolean | null>;
  /** Epoch seconds when the record may be deleted. */
  expiresAt: number;
}

/**
 * The form of a value that is hashed: the compact digits when the value normalizes, otherwise the
 * trimmed input, so a later lookup of the same text finds the same record.
 */
export function identifierKey(value: string, normalized: string | null): string {
  return normalized ?? value.trim();
}

/**
 * HMAC-SHA256 of an identifier, keyed with the server secret, hex-encoded. Without the secret the
 * hash cannot be reversed by enumerating the (small) space of valid identifiers.
 */
export function hmacIdentifier(secret: string, key: string): string {
  return createHmac('sha256', secretKey(secret)).update(key, 'utf8').digest('hex');
}

let lastSecret: { text: string; key: KeyObject } | undefined;

/** The secret as a KeyObject, prepared once: batches HMAC thousands of identifiers with the same key. */
function secretKey(secret: string): KeyObject {
  if (lastSecret?.text !== secret) lastSecret = { text: secret, key: createSecretKey(Buffer.from(secret, 'utf8')) };
  return lastSecret.key;
}

/**
 * Shows only the last 4 digits: every other character — and any non-digit, e.g. of text pasted into the
 * field by mistake — becomes `*`. Values shorter than 8 are masked entirely.
 */
export function maskIdentifier(key: string): string {
  let masked = '';
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    masked += key.length >= 8 && i >= key.length - 4 && c >= 48 && c <= 57 ? key[i] : '*';
  }
  return masked;
}

export function protectIdentifier(secret: string, value: string, normalized: string | null): ProtectedIdentifier {
  const key = identifierKey(value, normalized);
  return { hmac: hmacIdentifier(secret, key), masked: maskIdentifier(key) };
}

export interface RecordContext {
  tenant: string;
  checkId: string;
  now: Date;
  retentionDays: number;
  rulesetVersion: string;
}

/** Common fields of every record. */
export function recordBase(
  ctx: RecordContext,
): Pick<AuditRecord, 'tenant' | 'checkId' | 'createdAt' | 'rulesetVersion' | 'expiresAt'> {
  return {
    tenant: ctx.tenant,
    checkId: ctx.checkId,
    createdAt: ctx.now.toISOString(),
    rulesetVersion: ctx.rulesetVersion,
    expiresAt: Math.floor(ctx.now.getTime() / 1000) + ctx.retentionDays * 86_400,
  };
}

/** The audit record of one identifier check. */
export function identifierRecord(
  ctx: RecordContext,
  operation: AuditOperation,
  secret: string,
  value: string,
  result: IdentifierResult,
): AuditRecord {
  return {
    ...recordBase(ctx),
    operation,
    country: result.country,
    kind: result.kind,
    valid: result.valid,
    errorCodes: result.errors.map((e) => e.code),
    warningCodes: result.warnings.map((w) => w.code),
    identifier: protectIdentifier(secret, value, result.normalized),
  };
}

/** The audit record of a decision that involves no identifier (VAT assessment, residency): its outcome as facts. */
export function decisionRecord(
  ctx: RecordContext,
  operation: AuditOperation,
  country: string,
  facts: NonNullable<AuditRecord['facts']>,
): AuditRecord {
  return { ...recordBase(ctx), operation, country, kind: null, valid: true, errorCodes: [], warningCodes: [], facts };
}
