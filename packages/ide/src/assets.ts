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
  var baseFetcher = GraphiQL.createFetcher({ url: config.endpoint });
  // The token of the persona chosen in the "sign in as" menu, kept in this tab's memory only.
  var personaToken = null;
  // A header left as the bare "Bearer " placeholder gets the chosen persona's token; one typed by hand wins.
  function fetcher(params, options) {
    options = options || {};
    var headers = Object.assign({}, options.headers || {});
    var given = headers.Authorization || headers.authorization || "";
    if (personaToken && /^\\s*(Bearer\\s*)?$/i.test(given)) {
      delete headers.authorization;
      headers.Authorization = "Bearer " + personaToken;
    } else if (/^\\s*(Bearer\\s*)?$/i.test(given)) {
      // The Headers pane starts with "Authorization: Bearer " as a hint: until a token follows it, no
      // Authorization header is sent, so that a fresh page loads the schema and runs anonymous queries.
      delete headers.authorization;
      delete headers.Authorization;
    }
    return baseFetcher(params, Object.assign({}, options, { headers: headers }));
  }
  var mounts = 0;
  function render(headers) {
    var tabs = config.tabs && config.tabs.map(function (tab) { return Object.assign({}, tab, { headers: headers }); });
    root.render(React.createElement(GraphiQL, {
      key: String(mounts++),
      fetcher: fetcher,
      defaultHeaders: headers,
      headers: headers,
      defaultTabs: tabs,
      defaultEditorToolsVisibility: "headers",
      isHeadersEditorEnabled: true,
      // A pasted token stays in this tab's memory, never in localStorage.
      shouldPersistHeaders: false
    }));
  }
  render(config.headers);
  var menu = document.getElementById("concert-sign-in-as");
  if (!menu) return;
  // The gateway lists the personas only when development sign-in is on and the browser is on this machine.
  fetch("/auth/personas", { headers: { accept: "application/json" } }).then(function (response) {
    if (!response.ok) return;
    return response.json().then(function (body) {
      var select = menu.querySelector("select");
      body.personas.forEach(function (persona) {
        var option = document.createElement("option");
        option.value = persona.id;
        option.textContent = persona.label + " (" + persona.partner + ", " + persona.roles.join(", ") + ")";
        select.appendChild(option);
      });
      menu.hidden = false;
      select.addEventListener("change", function () {
        if (!select.value) {
          personaToken = null;
          return render(config.headers);
        }
        fetch("/auth/dev/token", {
          method: "POST",
          headers: { "content-type": "application/json", "x-concert-csrf": "1" },
          body: JSON.stringify({ persona: select.value })
        }).then(function (answer) {
          if (!answer.ok) throw new Error("HTTP " + answer.status);
          return answer.json();
        }).then(function (answer) {
          personaToken = answer.token;
          render(JSON.stringify({ Authorization: "Bearer " + answer.token }, null, 2));
        }).catch(function () { select.value = ""; });
      });
    });
  }).catch(function () {});
})();
`;

const PAGE_CSS = `html, body { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; font-family: system-ui, sans-serif; }
.concert-note { padding: 6px 12px; font-size: 14px; background: #fff8db; border-bottom: 1px solid #e5d9a8; }
.concert-note code { background: #f3ecd0; padding: 0 3px; border-radius: 3px; }
.concert-note label { margin-left: 12px; }
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
