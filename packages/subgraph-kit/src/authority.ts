import type { Decision } from "@concert/policy";
import type { SubgraphContext } from "./context.js";
import { forbidden, unauthenticated } from "./errors.js";

/** Enforces a policy decision: anonymous callers get UNAUTHENTICATED, others FORBIDDEN with the reason. */
export function enforce(ctx: SubgraphContext, decision: Decision): void {
  if (decision.allowed) return;
  if (ctx.viewer.partner === null) throw unauthenticated("sign in to make changes");
  throw forbidden(`not allowed: ${decision.reason}`);
}
