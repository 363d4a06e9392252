import { Construct } from 'constructs';
import { type RouteName, routes } from '../shared/routes.js';
import { ApiFunction } from './api-function.js';
import type { AuditStorage } from './audit-storage.js';
import { ROUTE_ACCESS } from './route-access.js';

export interface RouteFunctionsProps {
  /** The audit table and HMAC secret the functions are granted access to, route by route. */
  storage: AuditStorage;
  /** Days an audit record is kept (the functions set its TTL). */
  auditRetentionDays: number;
}

/**
 * One Lambda function per row of `shared/routes.ts`, sized by the route, with the permissions its row
 * of `ROUTE_ACCESS` allows and nothing more.
 */
export class RouteFunctions extends Construct {
  /** The functions, by route name. */
  readonly byRoute: Readonly<Record<RouteName, ApiFunction>>;

  /**
   * @param scope - The stack.
   * @param id - Construct id.
   * @param props - Storage to grant and the audit retention.
   */
  constructor(scope: Construct, id: string, props: RouteFunctionsProps) {
    super(scope, id);
    const environment = {
      TABLE_NAME: props.storage.table.tableName,
      HMAC_SECRET_ARN: props.storage.hmacSecret.secretArn,
      AUDIT_RETENTION_DAYS: String(props.auditRetentionDays),
    };
    const byRoute: Partial<Record<RouteName, ApiFunction>> = {};
    for (const [name, route] of Object.entries(routes) as [RouteName, (typeof routes)[RouteName]][]) {
      const fn = new ApiFunction(this, route.id, {
        entry: route.handler,
        description: `Salyk ${route.method} ${route.path}`,
        memoryMb: 'memoryMb' in route ? route.memoryMb : undefined,
        timeoutSeconds: 'timeoutSeconds' in route ? route.timeoutSeconds : undefined,
        environment,
      });
      props.storage.grantRouteAccess(fn, ROUTE_ACCESS[name]);
      byRoute[name] = fn;
    }
    this.byRoute = byRoute as Record<RouteName, ApiFunction>;
  }

  /** The functions with their route names, in route-table order. */
  entries(): [RouteName, ApiFunction][] {
    return Object.entries(this.byRoute) as [RouteName, ApiFunction][];
  }
}
