import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

export interface Asset {
  contentType: string;
  body: Buffer;
}

/** Where each file the page loads comes from: only the project's own dependencies. */
const VENDOR: Record<string, { from: string; file: string; contentType: string }> = {
  "graphiql.min.js": { from: "graphiql", file: "graphiql.min.js", contentType: "text/javascript; charset=utf-8" },
  "graphiql.min.css": { from: "graphiql", file: "graphiql.min.css", contentType: "text/css; charset=utf-8" },
  "react.production.min.js": { from: "react", file: "umd/react.production.min.js", contentType: "text/javascript; charset=utf-8" },
  "react-dom.production.min.js": {
    from: "react-dom",
    file: "umd/react-dom.production.min.js",
    contentType: "text/javascript; charset=utf-8",
  },
};

/** Reads the page's config from the inert JSON block and renders GraphiQL; kept out of the HTML for CSP. */
const START_SCRIPT = `"use strict";
(function () {
  var config = JSON.parse(document.getElementById("concert-ide-config").textContent);
  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  var send = GraphiQL.createFetcher({ url: config.endpoint });
  // The Headers pane starts with "Authorization: Bearer " as a hint: until a token follows it, no
  // Authorization header is sent, so that a fresh page loads the schema and runs anonymous queries.
  function withoutEmptyToken(headers) {
    var kept = {};
    Object.keys(headers || {}).forEach(function (name) {
      var value = headers[name];
      var token = typeof value === "string" ? value.trim().toLowerCase() : "";
      if (name.toLowerCase() === "authorization" && (token === "" || token === "bearer")) return;
      kept[name] = value;
    });
    return kept;
  }
  root.render(React.createElement(GraphiQL, {
    fetcher: function (params, options) {
      return send(params, Object.assign({}, options, { headers: withoutEmptyToken(options && options.headers) }));
    },
    defaultHeaders: config.headers,
    defaultTabs: config.tabs,
    defaultEditorToolsVisibility: "headers",
    isHeadersEditorEnabled: true,
    // A pasted token stays in this tab's memory, never in localStorage.
    shouldPersistHeaders: false
  }));
})();
`;

const PAGE_CSS = `html, body { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; font-family: system-ui, sans-serif; }
.concert-note { padding: 6px 12px; font-size: 14px; background: #fff8db; border-bottom: 1px solid #e5d9a8; }
.concert-note code { background: #f3ecd0; padding: 0 3px; border-radius: 3px; }
#graphiql { flex: 1; min-height: 0; }
`;

const OWN: Record<string, Asset> = {
  "start.js": { contentType: "text/javascript; charset=utf-8", body: Buffer.from(START_SCRIPT) },
  "page.css": { contentType: "text/css; charset=utf-8", body: Buffer.from(PAGE_CSS) },
};

const cache = new Map<string, Asset>();

/** The names the page loads, in order for scripts. */
export const SCRIPTS = ["react.production.min.js", "react-dom.production.min.js", "graphiql.min.js", "start.js"];
export const STYLES = ["graphiql.min.css", "page.css"];

/** One asset by file name, read from node_modules on first use; undefined for any other name. */
export function asset(name: string): Asset | undefined {
  if (Object.hasOwn(OWN, name)) return OWN[name];
  if (!Object.hasOwn(VENDOR, name)) return undefined;
  let found = cache.get(name);
  if (!found) {
    const { from, file, contentType } = VENDOR[name]!;
    const root = dirname(require.resolve(`${from}/package.json`));
    found = { contentType, body: readFileSync(join(root, file)) };
    cache.set(name, found);
  }
  return found;
}
