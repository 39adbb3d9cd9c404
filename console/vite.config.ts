import { copyFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

// The manifest GraphQL Code Generator wrote goes beside the app, where the gateway loads it at start.
function persistedDocuments(): Plugin {
  return {
    name: "concert-persisted-documents",
    apply: "build",
    writeBundle(options) {
      copyFileSync(
        fileURLToPath(new URL("./src/gql/persisted-documents.json", import.meta.url)),
        `${options.dir}/persisted-documents.json`,
      );
    },
  };
}

export default defineConfig({
  base: "/console/",
  plugins: [react(), persistedDocuments()],
  resolve: { dedupe: ["react", "react-dom"] },
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false, assetsInlineLimit: 0, target: "es2022" },
});
