import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { isBlockedAddress } from "./addresses";
import { DeliveryFailed, sendWebhook, urlFormProblem, webhookUrlProblem } from "./deliver";
import { newWebhookSecret, openSecret, parseSecretKey, sealSecret } from "./secrets";

describe("blocked addresses", () => {
  it.each([
    "127.0.0.1",
    "127.8.9.10",
    "0.0.0.0",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "100.64.0.1",
    "169.254.169.254",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fe80::1",
    "fc00::1",
    "fd12:3456::1",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "64:ff9b::a00:1",
    "not-an-address",
  ])("refuses %s", (address) => {
    expect(isBlockedAddress(address)).toBe(true);
  });

  it.each(["93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111"])("allows the public %s", (address) => {
    expect(isBlockedAddress(address)).toBe(false);
  });
});

describe("URL rules", () => {
  const production = { httpsOnly: true, allowPrivateAddresses: false };
  const development = { httpsOnly: false, allowPrivateAddresses: false };

  it("wants https in production, and no credentials or fragment anywhere", () => {
    expect(urlFormProblem("http://example.org/hook", production)).toBe("must use https");
    expect(urlFormProblem("https://example.org/hook", production)).toBeNull();
    expect(urlFormProblem("http://example.org/hook", development)).toBeNull();
    expect(urlFormProblem("ftp://example.org/hook", development)).toBe("must use http or https");
    expect(urlFormProblem("https://u:p@example.org/", production)).toBe("must not hold credentials");
    expect(urlFormProblem("https://example.org/#x", production)).toBe("must not hold a fragment");
    expect(urlFormProblem("nonsense", production)).toBe("must be an absolute URL");
  });

  it("refuses names and literals that resolve to loopback or private addresses, unless allowed", async () => {
    for (const url of ["http://localhost:9/", "http://127.0.0.1:9/", "http://[::1]:9/", "http://10.0.0.1/", "http://169.254.169.254/"]) {
      expect(await webhookUrlProblem(url, development)).toBe("must not point at a private or local address");
      expect(await webhookUrlProblem(url, { ...development, allowPrivateAddresses: true })).toBeNull();
    }
  });
});

describe("sending", () => {
  let server: Server;
  let port: number;
  const received: { headers: Record<string, string>; body: string }[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        received.push({ headers: req.headers as Record<string, string>, body });
        if (req.url === "/slow") {
          // Cleared when the sender gives up, so that no timer outlives the test (jest's worker would not exit).
          const late = setTimeout(() => res.end(), 2_000);
          return res.on("close", () => clearTimeout(late));
        }
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const message = (url: string, allowPrivateAddresses: boolean, timeoutMs = 2_000) => ({
    url,
    id: "msg_1",
    body: JSON.stringify({ type: "test" }),
    secret: newWebhookSecret(),
    timeoutMs,
    rules: { httpsOnly: false, allowPrivateAddresses },
  });

  it("checks the resolved address when it connects: a name resolving to loopback is refused, and nothing arrives", async () => {
    const before = received.length;
    await expect(sendWebhook(message(`http://localhost:${port}/hook`, false))).rejects.toThrow(
      new DeliveryFailed("URL resolves to a private or local address"),
    );
    await expect(sendWebhook(message(`http://127.0.0.1:${port}/hook`, false))).rejects.toThrow(DeliveryFailed);
    expect(received.length).toBe(before);
  });

  it("sends a signed message where private addresses are allowed (tests)", async () => {
    const m = message(`http://localhost:${port}/hook`, true);
    expect(await sendWebhook(m)).toBe(200);
    const last = received.at(-1)!;
    expect(last.headers["webhook-id"]).toBe("msg_1");
    expect(new Webhook(m.secret).verify(last.body, last.headers)).toEqual({ type: "test" });
  });

  it("gives up on a receiver slower than the timeout", async () => {
    await expect(sendWebhook(message(`http://127.0.0.1:${port}/slow`, true, 300))).rejects.toThrow("no answer within 300 ms");
  });
});

describe("sealed secrets", () => {
  const key = parseSecretKey(Buffer.alloc(32, 7).toString("base64"), "KEY");

  it("round-trips, differs each time, and refuses another key or an altered value", () => {
    const secret = newWebhookSecret();
    const a = sealSecret(key, secret);
    expect(a).not.toContain(secret.slice(6));
    expect(sealSecret(key, secret)).not.toBe(a);
    expect(openSecret(key, a)).toBe(secret);
    expect(() => openSecret(Buffer.alloc(32, 8), a)).toThrow();
    const parts = a.split(".");
    parts[3] = Buffer.from("x".repeat(10)).toString("base64url");
    expect(() => openSecret(key, parts.join("."))).toThrow();
  });

  it("wants a 32-byte key", () => {
    expect(() => parseSecretKey("c2hvcnQ=", "ALERTS_SECRET_KEY")).toThrow(/ALERTS_SECRET_KEY must be 32 bytes/);
  });
});
