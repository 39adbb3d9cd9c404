// A real OpenID provider for the sign-in tests (issue 25): oidc-provider 9, which is ESM only, run as a child process.
// Its settings come as JSON in OIDC_TEST_PROVIDER: { port, clientId, clientSecret, redirectUris, postLogoutRedirectUris,
// audience, accessTokenTtl, users: { <login>: { groups: [...], org?: "USA" } }, tls?: { key, cert } (PEM files),
// jwks?: { keys: [private JWKs] } }. With `tls` it serves https. It prints "ready <issuer>" once listening.
import { readFileSync } from "node:fs";
import { createServer } from "node:https";
import Provider from "oidc-provider";

const settings = JSON.parse(process.env.OIDC_TEST_PROVIDER);
const issuer = `${settings.tls ? "https" : "http"}://127.0.0.1:${settings.port}`;

const provider = new Provider(issuer, {
  ...(settings.jwks ? { jwks: settings.jwks } : {}),
  clients: [
    {
      client_id: settings.clientId,
      client_secret: settings.clientSecret,
      redirect_uris: settings.redirectUris,
      post_logout_redirect_uris: settings.postLogoutRedirectUris,
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
    },
  ],
  async findAccount(_ctx, id) {
    const user = settings.users[id];
    if (!user) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, groups: user.groups }) };
  },
  claims: { openid: ["sub"], groups: ["groups"] },
  pkce: { required: () => true },
  ttl: { AccessToken: settings.accessTokenTtl ?? 3600, IdToken: 3600, RefreshToken: 86400, Session: 86400, Grant: 86400, Interaction: 600 },
  // Every test user consents by signing in: the consent screen is not what these tests are about.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope("openid offline_access groups");
    grant.addResourceScope(settings.audience, "openid offline_access groups");
    await grant.save();
    return grant;
  },
  issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed("refresh_token"),
  async extraTokenClaims(_ctx, token) {
    const user = settings.users[token.accountId];
    if (!user) return undefined;
    return { groups: user.groups, ...(user.org ? { org: user.org } : {}) };
  },
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: async () => settings.audience,
      useGrantedResource: async () => true,
      getResourceServerInfo: async () => ({
        scope: "openid offline_access groups",
        audience: settings.audience,
        accessTokenTTL: settings.accessTokenTtl ?? 3600,
        accessTokenFormat: settings.opaque ? "opaque" : "jwt",
      }),
    },
  },
});

if (settings.tls) {
  const tls = { key: readFileSync(settings.tls.key), cert: readFileSync(settings.tls.cert) };
  createServer(tls, provider.callback()).listen(settings.port, "127.0.0.1", () => console.log(`ready ${issuer}`));
} else provider.listen(settings.port, "127.0.0.1", () => console.log(`ready ${issuer}`));
