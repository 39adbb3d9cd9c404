import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { signDevToken } from "./dev-issuer";
import { TokenRejected } from "./identity";
import { createServiceTokenVerifier, ensureServiceIssuer, isServiceToken, serviceIssuerKeys, signServiceToken } from "./service-issuer";

describe("the service issuer", () => {
  let dataDir: string;
  let otherDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), "service-issuer-"));
    otherDir = mkdtempSync(join(tmpdir(), "service-issuer-other-"));
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(otherDir, { recursive: true, force: true });
  });

  it("signs a token naming the part, which its key set verifies", async () => {
    const verify = createServiceTokenVerifier(await ensureServiceIssuer(dataDir));
    const token = await signServiceToken(dataDir, "alerts");
    expect(isServiceToken(token)).toBe(true);
    await expect(verify(token)).resolves.toEqual({ service: "alerts" });
  });

  it("refuses a token of another key, one living too long, and a partner's token", async () => {
    const verify = createServiceTokenVerifier(await ensureServiceIssuer(dataDir));
    await expect(verify(await signServiceToken(otherDir, "alerts"))).rejects.toThrow(TokenRejected);
    const long = await signServiceToken(dataDir, "alerts", 3600);
    await expect(verify(long)).rejects.toThrow("service token lives too long");
    const partner = await signDevToken(dataDir, { partner: "USA", roles: ["admin"], subject: "u", ttl: "1h" });
    expect(isServiceToken(partner)).toBe(false);
    await expect(verify(partner)).rejects.toThrow(TokenRejected);
  });

  it("takes its keys from configuration in production, and accepts none without them", async () => {
    const dev = await ensureServiceIssuer(dataDir);
    expect(await serviceIssuerKeys(dataDir, { development: false })).toBeNull();
    expect(await serviceIssuerKeys(dataDir, { jwksJson: '{"keys":[]}', development: false })).toBeNull();
    const configured = await serviceIssuerKeys(otherDir, {
      jwksJson: JSON.stringify(dev.jwks),
      privateKeyJson: JSON.stringify(dev.privateKey),
      development: false,
    });
    expect(configured).toEqual(dev);
    await expect(serviceIssuerKeys(dataDir, { jwksJson: "nope", development: false })).rejects.toThrow(
      "CONCERT_SERVICE_JWKS: not valid JSON",
    );
  });
});
