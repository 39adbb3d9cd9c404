import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, relative, sep } from "node:path";
import { gzipSync } from "node:zlib";
import { ChangeCheck, CONSOLE_RELOAD_INTERVAL_MS, modifiedAt } from "./reload.js";

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
  /** An asset of the previous build, kept for pages loaded before the rebuild. */
  carried?: boolean;
}

/** Bounds on what is held in memory: a build is a few dozen files and a few megabytes. */
const MAX_FILES = 2_000;
const MAX_BYTES = 64 * 1024 * 1024;

function walk(dir: string, root: string, files: Map<string, StaticFile>, budget = { bytes: 0 }): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      walk(path, root, files, budget);
      continue;
    }
    if (files.size >= MAX_FILES) throw new Error(`${root}: more than ${MAX_FILES} files`);
    const rel = relative(root, path).split(sep).join("/");
    if (PRIVATE.test(rel)) continue;
    const contentType = CONTENT_TYPES[extname(name).toLowerCase()] ?? "application/octet-stream";
    const body = readFileSync(path);
    budget.bytes += body.length;
    if (budget.bytes > MAX_BYTES) throw new Error(`${root}: more than ${MAX_BYTES} bytes`);
    const compressible = /^(text\/|application\/json|image\/svg)/.test(contentType) && body.length > 1024;
    files.set(rel, { contentType, body, gzipped: compressible ? gzipSync(body) : undefined, immutable: rel.startsWith("assets/") });
  }
}

/**
 * The console's built files, read into memory: a request can only ever name a file that was listed when they were read,
 * so no path it sends reaches the file system. Empty when the console is not built.
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
 * The console's files, and the build after it once one is complete: a rebuild is served without a restart. The build's
 * manifest is written last (after every asset), so a new build is read only once its manifest is at least as new as its
 * `index.html`; a build under way (an emptied folder, a page without its manifest yet) keeps the old one served. The
 * previous build's hashed assets stay served beside the new ones (one build back only), so that a page loaded before the
 * rebuild can still fetch its lazy chunks.
 */
export class ConsoleFiles {
  private files: Map<string, StaticFile>;
  private readonly check: ChangeCheck;
  /** A build with a manifest (any real one) is complete only once its manifest is written. */
  private readonly withManifest: boolean;

  constructor(
    private readonly distDir: string,
    intervalMs = CONSOLE_RELOAD_INTERVAL_MS,
  ) {
    this.files = loadConsoleFiles(distDir);
    this.withManifest = modifiedAt(join(distDir, "persisted-documents.json")) !== null;
    this.check = new ChangeCheck([join(distDir, "index.html"), join(distDir, "persisted-documents.json")], intervalMs);
  }

  private complete(): boolean {
    const index = modifiedAt(join(this.distDir, "index.html"));
    const manifest = modifiedAt(join(this.distDir, "persisted-documents.json"));
    return index !== null && (manifest === null ? !this.withManifest : manifest >= index);
  }

  get(rel: string): StaticFile | undefined {
    if (this.check.changed() && this.complete()) {
      try {
        const next = loadConsoleFiles(this.distDir);
        for (const [name, file] of this.files) {
          if (name.startsWith("assets/") && !next.has(name) && !file.carried) next.set(name, { ...file, carried: true });
        }
        this.files = next;
      } catch {
        // A build half written or too large: keep serving the one read before.
      }
    }
    return this.files.get(rel);
  }
}

/**
 * `GET /` redirects to the console; `GET /console/*` answers a file of `console/dist/`, and any other path under
 * `/console/` the app's `index.html` (it routes in the browser). Nothing else is answered here.
 */
export function consoleStaticRoute(distDir: string, intervalMs?: number): (req: IncomingMessage, res: ServerResponse) => boolean {
  const files = new ConsoleFiles(distDir, intervalMs);
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
