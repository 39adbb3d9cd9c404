import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, relative, sep } from "node:path";
import { gzipSync } from "node:zlib";

/** The console's rules: Vite's own files only, nothing inline, nothing from another origin. */
export const CONSOLE_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self'",
  "script-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join("; ");

export const CONSOLE_PATH = "/console/";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".webp": "image/webp",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".woff2": "font/woff2",
};

/** Files kept on the server: the persisted documents are read by the gateway, not fetched by the page. */
const PRIVATE = /^persisted-documents(\.previous)?\.json$/;

interface StaticFile {
  contentType: string;
  body: Buffer;
  gzipped?: Buffer;
  /** Vite's hashed assets never change under their name. */
  immutable: boolean;
}

function walk(dir: string, root: string, files: Map<string, StaticFile>): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      walk(path, root, files);
      continue;
    }
    const rel = relative(root, path).split(sep).join("/");
    if (PRIVATE.test(rel)) continue;
    const contentType = CONTENT_TYPES[extname(name).toLowerCase()] ?? "application/octet-stream";
    const body = readFileSync(path);
    const compressible = /^(text\/|application\/json|image\/svg)/.test(contentType) && body.length > 1024;
    files.set(rel, { contentType, body, gzipped: compressible ? gzipSync(body) : undefined, immutable: rel.startsWith("assets/") });
  }
}

/**
 * The console's built files, read once at start: a request can only ever name a file that was listed then, so no path
 * it sends reaches the file system. Empty when the console is not built.
 */
export function loadConsoleFiles(distDir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  if (existsSync(distDir)) walk(distDir, distDir, files);
  return files;
}

function send(req: IncomingMessage, res: ServerResponse, file: StaticFile, status = 200): void {
  const gzip = file.gzipped && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  const body = gzip ? file.gzipped! : file.body;
  res.writeHead(status, {
    "content-type": file.contentType,
    "content-length": body.length,
    "content-security-policy": CONSOLE_CONTENT_SECURITY_POLICY,
    "cache-control": file.immutable ? "public, max-age=31536000, immutable" : "no-cache",
    vary: "Origin, Accept-Encoding",
    ...(gzip ? { "content-encoding": "gzip" } : {}),
  });
  res.end(req.method === "HEAD" ? undefined : body);
}

function notFound(res: ServerResponse, message: string): void {
  res.writeHead(404, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code: "NOT_FOUND" } }] }));
}

/**
 * `GET /` redirects to the console; `GET /console/*` answers a file of `console/dist/`, and any other path under
 * `/console/` the app's `index.html` (it routes in the browser). Nothing else is answered here.
 */
export function consoleStaticRoute(distDir: string): (req: IncomingMessage, res: ServerResponse) => boolean {
  const files = loadConsoleFiles(distDir);
  return (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path === "/" || path === "/console") {
      res.writeHead(302, { location: CONSOLE_PATH, "cache-control": "no-store" });
      res.end();
      return true;
    }
    if (!path.startsWith(CONSOLE_PATH)) return false;
    let rel: string;
    try {
      rel = decodeURIComponent(path.slice(CONSOLE_PATH.length));
    } catch {
      rel = "";
    }
    const file = files.get(rel === "" ? "index.html" : rel);
    if (file) send(req, res, file);
    else {
      const index = files.get("index.html");
      // A missing asset is a 404, not the app's page: a stale script name must not load HTML as JavaScript.
      if (!index) notFound(res, "the console is not built: run `npm run build`");
      else if (rel.startsWith("assets/")) notFound(res, `no console file ${path}`);
      else send(req, res, index);
    }
    return true;
  };
}
