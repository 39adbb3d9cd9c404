import { readFileSync } from "node:fs";
import type { TrustedIssuer } from "@concert/auth";
import { ROLES } from "@concert/policy";
import { z } from "zod";
import { isLoopbackHost } from "./fields.js";

/**
 * The trusted issuers (CONCERT_ISSUERS, or the file CONCERT_ISSUERS_FILE names): a JSON list checked by zod schemas
 * when the configuration is read. Each problem names the value's path, e.g. `CONCERT_ISSUERS[1].signIn.accessTokenFormat`,
 * and is reported with the configuration's other problems.
 */

const ASYMMETRIC = /^(RS|PS|ES)(256|384|512)$|^EdDSA$|^Ed25519$/;
const CLAIM_NAME = /^[A-Za-z0-9_:./-]{1,200}$/;
/** RFC 6749's scope-token characters. */
const SCOPE = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

export const OPAQUE_ACCESS_TOKENS =
  "is opaque: Concert needs JWT access tokens for its audience (it verifies them at the gateway and at every subgraph); configure the provider to issue JWTs for it";
export const PLAIN_HTTP = "is plain http: a plain-http discoveryUrl is allowed only on loopback outside production";
export const PLAIN_HTTP_KEYS =
  "is plain http: whoever sits on the path could swap the keys and sign tokens; plain http is allowed only on loopback outside production";

const nonEmpty = (error = "must be a non-empty string") => z.string({ error }).min(1, error);

/** A non-empty list of `item`s; `error` names what the list must be. */
const listOf = <T extends string>(item: z.ZodType<T>, error: string) => z.array(item, { error }).min(1, error);

/** A strict object: a misspelt setting is named rather than ignored. */
const settings = <T extends z.core.$ZodLooseShape>(shape: T) =>
  z.strictObject(shape, {
    error: (issue) => (issue.code === "unrecognized_keys" ? `has unknown settings: ${issue.keys.join(", ")}` : "must be an object"),
  });

/** Rules across an object's settings run even when one setting is bad, so that every problem is reported at once. */
const evenWithOtherProblems = { when: (payload: { value: unknown }) => typeof payload.value === "object" && payload.value !== null };

const claimName = z.string({ error: "must be a claim name" }).regex(CLAIM_NAME, "must be a claim name").optional();

/** An http(s) URL; plain http only on loopback, and only outside production. */
const secureUrl = (development: boolean, error: string, plainHttp: string) =>
  z.url({ protocol: /^https?$/, error }).refine((raw) => {
    if (!URL.canParse(raw)) return true; // reported as no http(s) URL already
    const url = new URL(raw);
    // Any other scheme is reported as no http(s) URL already.
    return url.protocol !== "http:" || (development && isLoopbackHost(url.hostname.replace(/^\[|\]$/g, "")));
  }, plainHttp);

/** One of Concert's roles (`ROLES`): a misspelt role would grant nothing, silently. */
const role = z.enum(ROLES, {
  error: (issue) =>
    typeof issue.input === "string" && issue.input !== ""
      ? `is ${JSON.stringify(issue.input.slice(0, 50))}: not one of Concert's roles (${ROLES.join(", ")})`
      : "must be a role",
});

const SCOPES = "must be a list of scopes including openid";

/** What the console's sign-in through one provider needs (`SignInSettings`). */
const signInSchema = (development: boolean) =>
  settings({
    id: z
      .string({ error: "must be lowercase letters, digits and dashes" })
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "must be lowercase letters, digits and dashes"),
    displayName: z
      .string({ error: "must be a name of at most 200 characters" })
      .trim()
      .min(1, "must be a name of at most 200 characters")
      .max(200, "must be a name of at most 200 characters"),
    discoveryUrl: secureUrl(development, "must be the http(s) URL of the provider's discovery document", PLAIN_HTTP),
    clientId: nonEmpty(),
    clientSecret: z.never({ error: "may not be written in the configuration: use `clientSecretFile` or `clientSecretEnv`" }).optional(),
    clientSecretFile: nonEmpty("must be the path of a mounted Secret's file").optional(),
    clientSecretEnv: z
      .string({ error: "must be the name of a variable a Secret fills" })
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be the name of a variable a Secret fills")
      .optional(),
    scopes: z
      .array(z.string({ error: "must be a scope" }).regex(SCOPE, "must be a scope"), { error: SCOPES })
      .refine((scopes) => scopes.includes("openid"), SCOPES)
      .default(["openid"]),
    caFile: nonEmpty("must be the path of a PEM file").optional(),
    resource: nonEmpty().optional(),
    accessTokenFormat: z
      .literal("jwt", { error: (issue) => (issue.input === "opaque" ? OPAQUE_ACCESS_TOKENS : "must be jwt") })
      .default("jwt"),
  }).refine((s) => (s.clientSecretFile === undefined) !== (s.clientSecretEnv === undefined), {
    message: "needs exactly one of `clientSecretFile` (a mounted Secret) or `clientSecretEnv` (a variable filled from a Secret)",
    ...evenWithOtherProblems,
  });

/** One trusted issuer (`TrustedIssuer`). */
const issuerSchema = (development: boolean) =>
  settings({
    issuer: nonEmpty(),
    audience: nonEmpty(),
    jwksUri: secureUrl(development, "must be an http(s) URL", PLAIN_HTTP_KEYS).optional(),
    jwksFile: nonEmpty("must be a path").optional(),
    partners: listOf(nonEmpty("must be a partner code"), "must be a non-empty list of partner codes"),
    algorithms: listOf(
      z.string({ error: "must be an algorithm's name" }).regex(ASYMMETRIC, {
        error: (issue) => `is ${String(issue.input)}: only asymmetric algorithms are accepted (RS, PS or ES 256/384/512, EdDSA)`,
      }),
      "must be a non-empty list",
    ),
    roles: listOf(role, "must be a non-empty list of the roles this issuer may grant").optional(),
    partnerClaim: claimName,
    groupsClaim: claimName,
    roleMapping: z
      .record(z.string(), listOf(role, "must be a non-empty list of roles"), {
        error: "must map the provider's groups to lists of Concert roles",
      })
      .refine((mapping) => Object.keys(mapping).length > 0, "must map the provider's groups to lists of Concert roles")
      .optional(),
    signIn: signInSchema(development).optional(),
  })
    .refine((i) => (i.jwksUri === undefined) !== (i.jwksFile === undefined), {
      message: "needs exactly one of `jwksUri` or `jwksFile`",
      ...evenWithOtherProblems,
    })
    .refine((i) => i.signIn === undefined || i.roleMapping !== undefined, {
      message: "is required with `signIn`: without one, nobody could sign in",
      path: ["roleMapping"],
      ...evenWithOtherProblems,
    });

/** The list, as JSON text: the schema of CONCERT_ISSUERS and of CONCERT_ISSUERS_FILE's contents. */
export const trustedIssuersSchema = (development: boolean) =>
  z
    .string()
    .transform((raw, ctx): unknown => {
      try {
        return JSON.parse(raw);
      } catch {
        // Not the parser's message: it quotes the text, which could hold a secret pasted by mistake.
        ctx.issues.push({ code: "custom", message: "is not valid JSON", input: raw });
        return z.NEVER;
      }
    })
    .pipe(
      z.array(issuerSchema(development), { error: "must be a JSON list of issuers" }).superRefine(
        (issuers, ctx) => {
          // Entries may be bad here (the check runs anyway, to report everything at once): read them warily.
          const seen = new Map<string, number>();
          issuers.forEach((issuer, i) => {
            const id = (issuer as { signIn?: { id?: unknown } } | null)?.signIn?.id;
            if (typeof id !== "string") return;
            const first = seen.get(id);
            if (first === undefined) seen.set(id, i);
            else
              ctx.addIssue({
                code: "custom",
                path: [i, "signIn", "id"],
                message: `is also entry ${first}'s: sign-in provider ids must differ`,
              });
          });
        },
        { when: (payload) => Array.isArray(payload.value) },
      ),
    );

/** `[1].signIn.accessTokenFormat`, `.roleMapping["Concert Analysts"]`. */
export const pathOf = (path: readonly PropertyKey[]) =>
  path
    .map((key) =>
      typeof key === "number"
        ? `[${key}]`
        : /^[A-Za-z_$][\w$]*$/.test(String(key))
          ? `.${String(key)}`
          : `[${JSON.stringify(String(key))}]`,
    )
    .join("");

/**
 * The trusted issuers from CONCERT_ISSUERS_FILE (a JSON file holding the list) or CONCERT_ISSUERS (the list itself).
 * Neither given: no external issuer is trusted. Problems are pushed onto `problems`, each naming its value's path.
 */
export function issuersFrom(values: Record<string, unknown>, development: boolean, problems: string[]): TrustedIssuer[] {
  const file = values.CONCERT_ISSUERS_FILE as string | undefined;
  const source = file ? "CONCERT_ISSUERS_FILE" : "CONCERT_ISSUERS";
  let raw: string | undefined;
  if (file) {
    try {
      raw = readFileSync(file, "utf8");
    } catch (err) {
      problems.push(`CONCERT_ISSUERS_FILE cannot be read: ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
      return [];
    }
  } else raw = values.CONCERT_ISSUERS as string | undefined;
  if (!raw) return [];
  const parsed = trustedIssuersSchema(development).safeParse(raw);
  if (parsed.success) return parsed.data satisfies TrustedIssuer[];
  problems.push(...parsed.error.issues.map((issue) => `${source}${pathOf(issue.path)} ${issue.message}`));
  return [];
}
