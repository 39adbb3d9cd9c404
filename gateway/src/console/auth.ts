import type { IncomingMessage, ServerResponse } from "node:http";
import { isIP } from "node:net";
import { signDevToken } from "@concert/auth";
import { HttpRefusal } from "@concert/edge";
import type { FlowState, OidcProviders } from "./oidc.js";
import { DEMO_PERSONAS, demoPersona } from "./personas.js";
import type { ConsoleSessionData, SessionStore } from "./sessions.js";

/** The header a console request carries to show it was sent by the page itself (CSRF). */
export const CSRF_HEADER = "x-concert-csrf";
/** `__Host-` needs Secure, which a browser refuses over plain http: development on loopback uses the bare name. */
export const SECURE_COOKIE = "__Host-concert-session";
export const LOOPBACK_COOKIE = "concert-session";
export const DEFAULT_SESSION_TTL_SECONDS = 8 * 3600;
const AUTH_BODY_LIMIT_BYTES = 4096;

export interface ConsoleAuthOptions {
  /** Where sessions live; without it no session can be opened and a cookie is answered 401. */
  sessions?: SessionStore;
  /** Production: the cookie is `__Host-` and Secure. */
  secure: boolean;
  sessionTtlSeconds?: number;
  /** Development sign-in (CONCERT_DEV_SIGN_IN under `npm start`): the data dir holding the development issuer's key. */
  devSignIn?: { dataDir: string };
  /** Partner codes of the operators: development sign-in never speaks for them. */
  operators: readonly string[];
  /** Where an unexpected failure of a route is reported (the gateway's logger). */
  logError?(err: unknown): void;
  /**
   * Where a sign-in or a token refresh that the provider or the token checks refused is reported: an expected outcome
   * (a person denied consent, a forged callback, a token for another partner), not a failure of Concert.
   */
  logRefusal?(reason: SignInRefusal, err: unknown): void;
  /** Sign-in through identity providers (OpenID Connect, issue 25). */
  oidc?: OidcProviders;
  /**
   * Every check an API request's token passes (signature, issuer, audience, issuer-to-partner binding, active partner,
   * revocation): the caller it names, or a rejection.
   */
  identify?(authorization: string): Promise<{ partner: string; subject: string; roles: readonly string[] } | null>;
  /** The gateway's public origin (redirect URIs); the request's `Host` otherwise. */
  publicOrigin?: string;
  /** Counts a `/auth/*` request against the client address's rate limit; throws an `HttpRefusal` (429) past it. */
  rateLimit?(req: IncomingMessage): Promise<void>;
  /** When the person's tokens were last revoked (epoch ms; the registry): a session opened before that is over. */
  revokedAt?(partner: string, subject: string): Promise<number | null>;
}

/** Why a sign-in or a session's refresh was refused; the first two are also the sign-in page's `error`. */
export type SignInRefusal = "refused" | "token-refused" | "refresh-refused";

/** A provider's access token is refreshed when it has less than this left. */
const REFRESH_MARGIN_MS = 60_000;
/** Where a failed sign-in sends the browser, with `error` naming why. */
const SIGN_IN_PAGE = "/console/sign-in";

/** What a request's cookie or header makes of its caller, before the token is verified. */
export interface ConsoleCredentials {
  /** The Authorization header to verify and forward: the caller's own, or the session's token. */
  authorization?: string;
  /** The session, when the request was authenticated by its cookie. */
  session: ConsoleSessionData | null;
}

function cookies(req: IncomingMessage): Map<string, string> {
  const found = new Map<string, string>();
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) found.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return found;
}

/** Only the socket's own address counts, and a request a proxy forwarded is never a loopback client's. */
export function isLoopbackClient(req: IncomingMessage): boolean {
  if (req.headers["x-forwarded-for"] !== undefined || req.headers.forwarded !== undefined || req.headers["x-real-ip"] !== undefined)
    return false;
  let address = req.socket.remoteAddress ?? "";
  if (address.startsWith("::ffff:")) address = address.slice(7);
  if (isIP(address) === 4) return address.startsWith("127.");
  return address === "::1";
}

/** The page's own requests: the CSRF header, or an `Origin` naming this very host. */
function fromOwnPage(req: IncomingMessage): boolean {
  if (req.headers[CSRF_HEADER] === "1") return true;
  const origin = req.headers.origin;
  if (!origin || !req.headers.host || !URL.canParse(origin)) return false;
  return new URL(origin).host === req.headers.host;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers });
  res.end(JSON.stringify(body));
}

const notFound = (res: ServerResponse) => json(res, 404, { errors: [{ message: "Not found", extensions: { code: "NOT_FOUND" } }] });

function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > AUTH_BODY_LIMIT_BYTES) {
        req.removeAllListeners("data");
        req.resume();
        reject(new HttpRefusal(413, "BAD_REQUEST", `request body is larger than ${AUTH_BODY_LIMIT_BYTES} bytes`));
      } else chunks.push(chunk);
    });
    req.on("end", () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as unknown;
        if (typeof body !== "object" || body === null || Array.isArray(body)) throw new Error();
        resolve(body as Record<string, unknown>);
      } catch {
        reject(new HttpRefusal(400, "BAD_REQUEST", "request body must be a JSON object"));
      }
    });
    req.on("error", reject);
  });
}

/**
 * Console sessions at the gateway: the cookie, CSRF, the `/auth/*` routes, and turning a session into the Authorization
 * header that a Bearer caller would send (so that every subgraph verifies and enforces exactly as for a Bearer caller).
 */
export class ConsoleAuth {
  readonly cookieName: string;
  private readonly flowCookieName: string;
  private readonly ttlSeconds: number;

  constructor(private readonly options: ConsoleAuthOptions) {
    this.cookieName = options.secure ? SECURE_COOKIE : LOOPBACK_COOKIE;
    this.flowCookieName = options.secure ? "__Host-concert-sign-in" : "concert-sign-in";
    this.ttlSeconds = options.sessionTtlSeconds ?? DEFAULT_SESSION_TTL_SECONDS;
  }

  private origin(req: IncomingMessage): string {
    return this.options.publicOrigin ?? `${this.options.secure ? "https" : "http"}://${req.headers.host ?? "localhost"}`;
  }

  private flowCookie(value: string, maxAge: number): string {
    return `${this.flowCookieName}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${this.options.secure ? "; Secure" : ""}`;
  }

  /** A provider's session whose access token is about to expire gets a fresh one; a failed refresh ends the session. */
  private async fresh(id: string, session: ConsoleSessionData): Promise<ConsoleSessionData | null> {
    const { oidc, sessions } = this.options;
    if (!session.provider || !session.tokenExpiresAt || session.tokenExpiresAt.getTime() - Date.now() > REFRESH_MARGIN_MS) return session;
    if (!oidc || !sessions || !session.refreshToken) return session;
    try {
      const tokens = await oidc.refresh(session.provider, session.refreshToken);
      await sessions.refreshed(id, { token: tokens.accessToken, refreshToken: tokens.refreshToken, tokenExpiresAt: tokens.expiresAt });
      return { ...session, token: tokens.accessToken, tokenExpiresAt: tokens.expiresAt };
    } catch (err) {
      this.options.logRefusal?.("refresh-refused", err);
      await sessions.delete(id);
      return null;
    }
  }

  /** A relative URL under the console, or the console itself: never a redirect elsewhere. */
  private static nextOf(raw: string | null): string {
    return raw?.startsWith("/console/") && !raw.startsWith("//") && !raw.includes("\\") ? raw : "/console/";
  }

  private signInFailed(res: ServerResponse, reason: string, next = "/console/"): void {
    const location = `${SIGN_IN_PAGE}?error=${encodeURIComponent(reason)}&next=${encodeURIComponent(next)}`;
    res.writeHead(303, { location, "set-cookie": this.flowCookie("", 0), "cache-control": "no-store" });
    res.end();
  }

  private async oidcStart(req: IncomingMessage, res: ServerResponse, id: string, url: URL): Promise<void> {
    const { oidc, sessions } = this.options;
    if (!oidc?.get(id)) return notFound(res);
    if (!sessions)
      throw new HttpRefusal(503, "SERVICE_UNAVAILABLE", "console sessions need the gateway's database", {}, { serviceName: "gateway" });
    const redirectUri = `${this.origin(req)}/auth/oidc/${id}/callback`;
    const { url: target, flow } = await oidc.start(id, redirectUri, ConsoleAuth.nextOf(url.searchParams.get("next")));
    res.writeHead(302, {
      location: target,
      "set-cookie": this.flowCookie(sessions.seal(JSON.stringify(flow)), 600),
      "cache-control": "no-store",
    });
    res.end();
  }

  private async oidcCallback(req: IncomingMessage, res: ServerResponse, id: string, url: URL): Promise<void> {
    const { oidc, sessions, identify } = this.options;
    if (!oidc?.get(id) || !sessions || !identify) return notFound(res);
    const sealed = cookies(req).get(this.flowCookieName);
    const opened = sealed ? sessions.unseal(sealed) : null;
    const flow = opened ? (JSON.parse(opened) as FlowState) : null;
    if (!flow || flow.provider !== id || flow.until < Date.now()) return this.signInFailed(res, "expired");
    const redirectUri = `${this.origin(req)}/auth/oidc/${id}/callback`;
    let tokens: Awaited<ReturnType<OidcProviders["finish"]>>;
    try {
      tokens = await oidc.finish(flow, new URL(url.pathname + url.search, this.origin(req)), redirectUri);
    } catch (err) {
      this.options.logRefusal?.("refused", err);
      return this.signInFailed(res, "refused", flow.next);
    }
    let caller: Awaited<ReturnType<NonNullable<ConsoleAuthOptions["identify"]>>>;
    try {
      caller = await identify(`Bearer ${tokens.accessToken}`);
    } catch (err) {
      this.options.logRefusal?.("token-refused", err);
      return this.signInFailed(res, "token-refused", flow.next);
    }
    if (!caller) return this.signInFailed(res, "token-refused", flow.next);
    // Without a mapped group a person has no role in Concert, and is not signed in.
    if (caller.roles.length === 0) return this.signInFailed(res, "no-role", flow.next);
    const old = this.sessionId(req);
    if (old !== undefined) await sessions.delete(old);
    const newId = await sessions.create({
      subject: caller.subject,
      partner: caller.partner,
      partnerName: caller.partner,
      roles: [...caller.roles],
      persona: null,
      token: tokens.accessToken,
      expiresAt: new Date(Date.now() + this.ttlSeconds * 1000),
      provider: id,
      refreshToken: tokens.refreshToken,
      idToken: tokens.idToken,
      tokenExpiresAt: tokens.expiresAt,
    });
    res.writeHead(303, {
      location: flow.next,
      "set-cookie": [this.cookie(newId, this.ttlSeconds), this.flowCookie("", 0)],
      "cache-control": "no-store",
    });
    res.end();
  }

  private sessionId(req: IncomingMessage): string | undefined {
    return cookies(req).get(this.cookieName);
  }

  private cookie(id: string, maxAge: number): string {
    return `${this.cookieName}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${this.options.secure ? "; Secure" : ""}`;
  }

  private get clearCookie(): Record<string, string> {
    return { "set-cookie": this.cookie("", 0) };
  }

  /** Refuses a cookie sent with a Bearer token, and a cookie-authenticated request that is not a GET without the CSRF proof. */
  private checkCookieRequest(req: IncomingMessage): void {
    if (req.headers.authorization)
      throw new HttpRefusal(400, "BAD_REQUEST", "send either the session cookie or `Authorization: Bearer`, not both");
    if (req.method !== "GET" && req.method !== "HEAD" && !fromOwnPage(req))
      throw new HttpRefusal(
        403,
        "FORBIDDEN",
        `a request signed in by cookie needs the header \`${CSRF_HEADER}: 1\` or this origin's \`Origin\``,
      );
  }

  /** For GraphQL requests, before the token is verified: throws an `HttpRefusal` (400, 403, 401) or says whom to verify. */
  async credentials(req: IncomingMessage): Promise<ConsoleCredentials> {
    const id = this.sessionId(req);
    if (id === undefined) return { authorization: req.headers.authorization, session: null };
    this.checkCookieRequest(req);
    const found = await this.find(id);
    // A refreshed token is newer than a revocation, so the session itself must not outlive it.
    const revoked = found && this.options.revokedAt ? await this.options.revokedAt(found.partner, found.subject) : null;
    if (found && revoked !== null && revoked !== undefined && (found.createdAt?.getTime() ?? 0) < revoked) {
      await this.options.sessions?.delete(id);
      throw new HttpRefusal(401, "UNAUTHENTICATED", "the session has expired or ended: sign in again", this.clearCookie);
    }
    const session = found && (await this.fresh(id, found));
    if (!session) throw new HttpRefusal(401, "UNAUTHENTICATED", "the session has expired or ended: sign in again", this.clearCookie);
    return { authorization: `Bearer ${session.token}`, session };
  }

  /** The live session of a cookie's id; 503 naming the gateway when its database does not answer. */
  private async find(id: string): Promise<ConsoleSessionData | null> {
    if (!this.options.sessions) return null;
    try {
      return await this.options.sessions.find(id);
    } catch (err) {
      this.options.logError?.(err);
      throw new HttpRefusal(
        503,
        "SERVICE_UNAVAILABLE",
        "console sessions are unavailable: try again shortly",
        { "retry-after": "5" },
        {
          serviceName: "gateway",
        },
      );
    }
  }

  /** Development sign-in answers only when turned on, and only to this machine. */
  private devSignInOpen(req: IncomingMessage): boolean {
    return this.options.devSignIn !== undefined && isLoopbackClient(req);
  }

  private async mint(persona: NonNullable<ReturnType<typeof demoPersona>>): Promise<string> {
    return signDevToken(this.options.devSignIn!.dataDir, {
      partner: persona.partner,
      roles: persona.roles,
      subject: `dev:${persona.id}`,
      ttl: `${this.ttlSeconds}s`,
    });
  }

  private async persona(req: IncomingMessage) {
    const body = await readJson(req);
    const persona = demoPersona(body.persona, this.options.operators);
    if (!persona)
      throw new HttpRefusal(
        400,
        "BAD_USER_INPUT",
        `persona must be one of ${DEMO_PERSONAS.map((p) => p.id).join(", ")}`,
        {},
        { field: "persona" },
      );
    return persona;
  }

  private async handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const id = this.sessionId(req);
    if (path === "/auth/providers" && req.method === "GET") return json(res, 200, { providers: this.options.oidc?.list() ?? [] });
    const oidcRoute = /^\/auth\/oidc\/([a-z0-9-]{1,63})\/(start|callback)$/.exec(path);
    if (oidcRoute && req.method === "GET") {
      const url = new URL(req.url ?? "/", "http://localhost");
      return oidcRoute[2] === "start" ? this.oidcStart(req, res, oidcRoute[1]!, url) : this.oidcCallback(req, res, oidcRoute[1]!, url);
    }
    if (path === "/auth/session" && req.method === "GET") {
      const session = id ? await this.find(id) : null;
      if (!session) return json(res, 200, { signedIn: false }, id ? this.clearCookie : {});
      return json(res, 200, {
        signedIn: true,
        partner: session.partner,
        partnerName: session.partnerName,
        roles: session.roles,
        subject: session.subject,
        persona: session.persona,
        expiresAt: session.expiresAt.toISOString(),
      });
    }
    if (path === "/auth/personas" && req.method === "GET") {
      if (!this.devSignInOpen(req)) return notFound(res);
      const personas = DEMO_PERSONAS.filter((p) => demoPersona(p.id, this.options.operators)).map(({ id, label, partner, roles }) => ({
        id,
        label,
        partner,
        roles,
      }));
      return json(res, 200, { personas });
    }
    if (path === "/auth/sign-out" && req.method === "POST") {
      if (id !== undefined) this.checkCookieRequest(req);
      else if (!fromOwnPage(req)) throw new HttpRefusal(403, "FORBIDDEN", `sign-out needs the header \`${CSRF_HEADER}: 1\``);
      const session = id !== undefined ? await this.find(id) : null;
      if (id !== undefined) await this.options.sessions?.delete(id);
      // A provider that offers RP-initiated logout ends its own session too: the page goes there next.
      const logoutUrl =
        session?.provider && this.options.oidc
          ? await this.options.oidc.logoutUrl(session.provider, session.idToken, `${this.origin(req)}/console/`).catch(() => undefined)
          : undefined;
      if (logoutUrl) return json(res, 200, { logoutUrl }, this.clearCookie);
      res.writeHead(204, { ...this.clearCookie, "cache-control": "no-store" });
      return void res.end();
    }
    if ((path === "/auth/dev/sign-in" || path === "/auth/dev/token") && req.method === "POST") {
      if (!this.devSignInOpen(req)) return notFound(res);
      // Sign-in is CSRF-checked too: another site must not sign the browser in as someone else.
      if (!fromOwnPage(req)) throw new HttpRefusal(403, "FORBIDDEN", `development sign-in needs the header \`${CSRF_HEADER}: 1\``);
      const persona = await this.persona(req);
      const token = await this.mint(persona);
      if (path === "/auth/dev/token") return json(res, 200, { token });
      const sessions = this.options.sessions;
      if (!sessions)
        throw new HttpRefusal(503, "SERVICE_UNAVAILABLE", "console sessions need the gateway's database", {}, { serviceName: "gateway" });
      // A new session replaces the browser's old one, whose id is never reused.
      if (id !== undefined) await sessions.delete(id);
      const newId = await sessions.create({
        subject: `dev:${persona.id}`,
        partner: persona.partner,
        partnerName: persona.partnerName,
        roles: persona.roles,
        persona: persona.id,
        token,
        expiresAt: new Date(Date.now() + this.ttlSeconds * 1000),
      });
      res.writeHead(204, { "set-cookie": this.cookie(newId, this.ttlSeconds), "cache-control": "no-store" });
      return void res.end();
    }
    return notFound(res);
  }

  /** The `/auth/*` routes (an HTTP front route): answers and returns true for paths under `/auth/`. */
  route(): (req: IncomingMessage, res: ServerResponse) => boolean {
    return (req, res) => {
      const path = new URL(req.url ?? "/", "http://localhost").pathname;
      if (!path.startsWith("/auth/")) return false;
      (async () => {
        await this.options.rateLimit?.(req);
        await this.handle(req, res, path);
      })().catch((err: unknown) => {
        if (res.headersSent) return void res.destroy();
        if (err instanceof HttpRefusal) {
          return json(
            res,
            err.status,
            { errors: [{ message: err.message, extensions: { code: err.code, ...err.extensions } }] },
            err.headers,
          );
        }
        this.options.logError?.(err);
        json(res, 500, { errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }] });
      });
      return true;
    };
  }
}
