import * as tls from "node:tls";
import type { SignInSettings } from "@concert/auth";
import * as client from "openid-client";
import { Agent, fetch as undiciFetch } from "undici";

/** One identity provider people sign in with: its settings and its client secret (read from a file or a Secret's variable). */
export interface SignInProvider {
  settings: SignInSettings;
  /** The audience of Concert's access tokens at this provider (the issuer's `audience`). */
  audience: string;
  clientSecret: string;
  /** PEM certificate authorities trusted for this provider's endpoints besides the system's (`signIn.caFile`). */
  ca?: string;
}

/** Tokens from the provider's token endpoint, once the ID token was checked. */
export interface ProviderTokens {
  accessToken: string;
  refreshToken?: string;
  idToken?: string;
  /** When the access token expires, from `expires_in`. */
  expiresAt: Date | null;
}

/** What the start of a sign-in keeps (sealed, in a short-lived cookie) for its callback. */
export interface FlowState {
  provider: string;
  state: string;
  nonce: string;
  verifier: string;
  next: string;
  /** Epoch ms: a flow older than this is refused. */
  until: number;
}

/** Requests that trust `ca` besides the system's certificate authorities (undici's fetch, whose agent takes them). */
function caFetch(ca: string): client.CustomFetch {
  const dispatcher = new Agent({ connect: { ca: [...tls.rootCertificates, ca] } });
  return ((url: string, options: client.CustomFetchOptions) =>
    undiciFetch(url, { ...(options as object), dispatcher } as never)) as unknown as client.CustomFetch;
}

const isLoopbackUrl = (url: URL) => url.hostname === "127.0.0.1" || url.hostname === "localhost" || url.hostname === "[::1]";

/**
 * The authorization-code flow with PKCE, `state` and `nonce` through openid-client; discovery happens on first use
 * and is kept. Plain http is accepted only for a loopback provider outside production.
 */
export class OidcProviders {
  private readonly configs = new Map<string, Promise<client.Configuration>>();
  private readonly byId: Map<string, SignInProvider>;

  constructor(
    providers: readonly SignInProvider[],
    private readonly production: boolean,
  ) {
    this.byId = new Map(providers.map((p) => [p.settings.id, p]));
    for (const p of providers) {
      const url = new URL(p.settings.discoveryUrl);
      if (url.protocol === "http:" && (production || !isLoopbackUrl(url)))
        throw new Error(`sign-in provider ${p.settings.id}: plain http is allowed only for a loopback provider outside production`);
    }
  }

  list(): { id: string; name: string }[] {
    return [...this.byId.values()].map((p) => ({ id: p.settings.id, name: p.settings.displayName }));
  }

  get(id: string): SignInProvider | undefined {
    return this.byId.get(id);
  }

  private config(id: string): Promise<client.Configuration> {
    let found = this.configs.get(id);
    if (!found) {
      const p = this.byId.get(id)!;
      const url = new URL(p.settings.discoveryUrl);
      const trusting = p.ca ? caFetch(p.ca) : undefined;
      found = client
        .discovery(url, p.settings.clientId, p.clientSecret, undefined, {
          execute: url.protocol === "http:" && !this.production ? [client.allowInsecureRequests] : [],
          timeout: 10,
          ...(trusting ? { [client.customFetch]: trusting } : {}),
        })
        .then((config) => {
          // Every later request (token, refresh) trusts the same authorities.
          if (trusting) config[client.customFetch] = trusting;
          return config;
        });
      // A failed discovery is tried again on the next sign-in.
      found.catch(() => this.configs.delete(id));
      this.configs.set(id, found);
    }
    return found;
  }

  /** Where to send the browser, and the state its callback must come back with. */
  async start(id: string, redirectUri: string, next: string): Promise<{ url: string; flow: FlowState }> {
    const p = this.byId.get(id)!;
    const config = await this.config(id);
    const flow: FlowState = {
      provider: id,
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
      next,
      until: Date.now() + 10 * 60_000,
    };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: p.settings.scopes.join(" "),
      response_type: "code",
      code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: "S256",
      state: flow.state,
      nonce: flow.nonce,
      resource: p.settings.resource ?? p.audience,
    });
    return { url: url.href, flow };
  }

  /** Exchanges the callback's code (checking state, PKCE and the ID token's nonce); throws on any mismatch. */
  async finish(flow: FlowState, callbackUrl: URL, redirectUri: string): Promise<ProviderTokens> {
    const config = await this.config(flow.provider);
    const p = this.byId.get(flow.provider)!;
    const tokens = await client.authorizationCodeGrant(
      config,
      callbackUrl,
      { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true },
      { redirect_uri: redirectUri, resource: p.settings.resource ?? p.audience },
    );
    return this.tokensOf(tokens);
  }

  async refresh(id: string, refreshToken: string): Promise<ProviderTokens> {
    const p = this.byId.get(id);
    if (!p) throw new Error(`unknown sign-in provider ${id}`);
    const tokens = await client.refreshTokenGrant(await this.config(id), refreshToken, { resource: p.settings.resource ?? p.audience });
    return this.tokensOf(tokens);
  }

  /** The provider's RP-initiated logout URL, when it offers one. */
  async logoutUrl(id: string, idToken: string | null | undefined, returnTo: string): Promise<string | undefined> {
    if (!this.byId.has(id)) return undefined;
    const config = await this.config(id);
    if (!config.serverMetadata().end_session_endpoint) return undefined;
    return client.buildEndSessionUrl(config, { post_logout_redirect_uri: returnTo, ...(idToken ? { id_token_hint: idToken } : {}) }).href;
  }

  private tokensOf(tokens: client.TokenEndpointResponse): ProviderTokens {
    const expiresIn = typeof tokens.expires_in === "number" ? tokens.expires_in : undefined;
    return {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      idToken: tokens.id_token,
      expiresAt: expiresIn === undefined ? null : new Date(Date.now() + expiresIn * 1000),
    };
  }
}
