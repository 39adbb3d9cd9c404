import type { IncomingMessage, ServerResponse } from "node:http";
import { asset, SCRIPTS, STYLES } from "./assets.js";

export interface ExampleTab {
  /** Shown as a comment on the tab's first line. */
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}

export interface IdeOptions {
  /** Shows the note on `npm run token`. */
  development: boolean;
  exampleTabs?: ExampleTab[];
  /** The GraphQL endpoint's path; the assets live under `<path>/ide/`. */
  path?: string;
  /**
   * A "sign in as" menu over the gateway's development sign-in (`/auth/personas`, `/auth/dev/token`): choosing a demo
   * persona fills in its Bearer token. The menu shows only when the gateway lists the personas.
   */
  signInAs?: boolean;
}

export const PREFILLED_HEADERS = JSON.stringify({ Authorization: "Bearer " }, null, 2);

/** The page's own rules: nothing from any other host, whatever the front adds. */
export const IDE_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const TOKEN_NOTE =
  "Development mode: print a token with <code>npm run token -- --partner USA --role analyst</code> " +
  "and paste it after <code>Bearer </code> in the Headers editor below.";

/** Filled by start.js from `/auth/personas`; hidden until the gateway lists them. */
const SIGN_IN_AS =
  ' <label id="concert-sign-in-as" hidden>Or sign in as <select aria-label="Sign in as a demo persona"><option value="">(nobody)</option></select></label>';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(options: IdeOptions, base: string): string {
  const tabs = (options.exampleTabs ?? []).map((t) => ({
    query: t.query.trimStart().startsWith(`# ${t.name}`) ? t.query : `# ${t.name}\n${t.query}`,
    variables: t.variables ? JSON.stringify(t.variables, null, 2) : undefined,
    headers: PREFILLED_HEADERS,
  }));
  const config = { endpoint: options.path ?? "/graphql", headers: PREFILLED_HEADERS, tabs: tabs.length ? tabs : undefined };
  // `<` escaped so that no string in the config can close the script element.
  const json = JSON.stringify(config).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Concert GraphQL IDE</title>
${STYLES.map((s) => `<link rel="stylesheet" href="${base}${s}">`).join("\n")}
</head>
<body>
${options.development ? `<div class="concert-note">${TOKEN_NOTE}${options.signInAs ? SIGN_IN_AS : ""}</div>\n` : ""}<div id="graphiql">Loading the IDE…</div>
<script type="application/json" id="concert-ide-config">${json}</script>
${SCRIPTS.map((s) => `<script src="${base}${escapeHtml(s)}"></script>`).join("\n")}
</body>
</html>
`;
}

function wantsHtml(req: IncomingMessage): boolean {
  return (req.headers.accept ?? "").includes("text/html");
}

/**
 * GraphiQL for browsers, offline: `GET <path>` with `Accept: text/html` gets the page, `GET <path>/ide/*`
 * its scripts and styles, all from node_modules. Answers and returns true for those; returns false for
 * any other request (GraphQL POSTs, JSON GETs) so that the HTTP front goes on to the GraphQL server.
 */
export function ideHandler(options: IdeOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  const path = options.path ?? "/graphql";
  const base = `${path}/ide/`;
  const html = Buffer.from(page(options, base));
  return (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const url = (req.url ?? "").split("?")[0]!;
    if (url === path && wantsHtml(req)) {
      res.writeHead(200, {
        "content-type": "text/html; charset=utf-8",
        "content-length": html.length,
        "content-security-policy": IDE_CONTENT_SECURITY_POLICY,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      });
      res.end(req.method === "HEAD" ? undefined : html);
      return true;
    }
    if (!url.startsWith(base)) return false;
    const found = asset(url.slice(base.length));
    if (!found) return false;
    res.writeHead(200, {
      "content-type": found.contentType,
      "content-length": found.body.length,
      "cache-control": "public, max-age=3600",
      "x-content-type-options": "nosniff",
    });
    res.end(req.method === "HEAD" ? undefined : found.body);
    return true;
  };
}

/** On by default in development, off in production unless `CONCERT_IDE=on`; `CONCERT_IDE=off` turns it off. */
export function ideEnabled(concertIde: string | undefined, development: boolean): boolean {
  const setting = concertIde?.toLowerCase();
  if (setting === "on" || setting === "true" || setting === "1") return true;
  if (setting === "off" || setting === "false" || setting === "0") return false;
  return development;
}
