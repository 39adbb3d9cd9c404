import { existsSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { buildSchema, graphql } from "graphql";
import { runIde } from "../../../test/support/ide-browser";
import { ideEnabled, ideHandler } from "./ide.js";

const schema = buildSchema(`
  type Query {
    "Whether the request carried a bearer token."
    authorized: Boolean!
    "A fixed greeting."
    greeting: String!
  }
`);

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    req.on("data", (chunk) => (text += chunk));
    req.on("end", () => resolve(text));
    req.on("error", reject);
  });
}

/** A tiny front: the IDE first, then a real graphql-js endpoint that says whether a token came. */
async function startFront(
  development: boolean,
): Promise<{ url: string; server: Server; authorizations: (string | undefined)[]; queries: string[] }> {
  const ide = ideHandler({ development, exampleTabs: [{ name: "Who am I", query: "query WhoAmI { authorized greeting }" }] });
  const authorizations: (string | undefined)[] = [];
  const queries: string[] = [];
  const server = createServer(async (req, res) => {
    if (ide(req, res)) return;
    if (req.method === "POST" && req.url === "/graphql") {
      const { query, variables, operationName } = JSON.parse(await body(req));
      authorizations.push(req.headers.authorization);
      queries.push(query);
      const authorized = /^Bearer \S+$/.test(req.headers.authorization ?? "");
      const result = await graphql({
        schema,
        source: query,
        variableValues: variables,
        operationName,
        rootValue: { authorized, greeting: "hello" },
      });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(result));
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, server, authorizations, queries };
}

describe("ideHandler", () => {
  let front: Awaited<ReturnType<typeof startFront>>;
  beforeAll(async () => {
    front = await startFront(true);
  });
  afterAll(() => new Promise((resolve) => front.server.close(resolve)));

  it("serves the page to browsers only, its assets from node_modules, and nothing from another host", async () => {
    const html = await fetch(front.url, { headers: { accept: "text/html,application/xhtml+xml" } });
    expect(html.headers.get("content-type")).toContain("text/html");
    expect(html.headers.get("content-security-policy")).toContain("default-src 'self'");
    const page = await html.text();
    expect(page).toContain("npm run token -- --partner");
    expect(page).toContain('"Authorization": "Bearer "'.replace(/"/g, '\\"'));
    expect(page.match(/(src|href)="[^"]*"/g)?.every((ref) => ref.includes('="/graphql/ide/'))).toBe(true);
    for (const file of ["graphiql.min.js", "graphiql.min.css", "react.production.min.js", "react-dom.production.min.js", "start.js"]) {
      const answer = await fetch(`${front.url}/ide/${file}`);
      expect(answer.status).toBe(200);
      expect((await answer.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
    const react = await (await fetch(`${front.url}/ide/react.production.min.js`)).text();
    expect(react).toContain("18.3.1");
    // Not for the IDE: JSON GETs, POSTs and unknown assets fall through to the next handler.
    expect((await fetch(front.url, { headers: { accept: "application/json" } })).status).toBe(404);
    expect((await fetch(`${front.url}/ide/../../etc/passwd`)).status).toBe(404);
    expect((await fetch(`${front.url}/ide/package.json`)).status).toBe(404);
  });

  it("leaves out the token note outside development", async () => {
    const production = await startFront(false);
    try {
      const page = await (await fetch(production.url, { headers: { accept: "text/html" } })).text();
      expect(page).not.toContain("npm run token");
    } finally {
      production.server.close();
    }
  });

  it("is on in development, off in production unless CONCERT_IDE=on", () => {
    expect(ideEnabled(undefined, true)).toBe(true);
    expect(ideEnabled(undefined, false)).toBe(false);
    expect(ideEnabled("on", false)).toBe(true);
    expect(ideEnabled("off", true)).toBe(false);
  });

  it("runs a query with a pasted token in Chromium, offline", async () => {
    const token = "dev-token-for-the-browser-test";
    const run = await runIde({
      url: front.url,
      token,
      query: "query Typed { authorized greeting }",
      expect: '"authorized": true',
      screenshot: "ide.png",
    });
    expect(run.outside).toEqual([]);
    expect(run.note).toContain("npm run token");
    expect(run.result).toContain('"greeting": "hello"');
    // On the fresh page, before the token was pasted, the schema was fetched with no Authorization header at all
    // (the prefilled "Bearer " is a hint, not a header to send), so an anonymous caller gets the schema.
    const introspection = front.queries.findIndex((q) => q.includes("__schema"));
    expect(introspection).toBeGreaterThanOrEqual(0);
    expect(front.authorizations[introspection]).toBeUndefined();
    // GraphiQL also sends its introspection query; the typed one came with the pasted token.
    expect(front.authorizations[front.queries.indexOf("query Typed { authorized greeting }")]).toBe(`Bearer ${token}`);
    expect(existsSync(run.screenshot)).toBe(true);
  }, 600_000);
});
