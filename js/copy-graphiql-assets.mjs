// Copy the GraphiQL files that strawberry's IDE page loads from unpkg into the
// service's static folder, so GraphiQL works with no internet.
//
// Each file gets a flat name, `<package without scope>-<version>-<file name>`,
// e.g. `graphiql-3.8.3-graphiql.min.js`. contacts_graph/graphiql.py derives the
// same name from each unpkg URL in the page, so a strawberry upgrade that asks
// for another version shows up as a missing file instead of a silent mismatch.
//
// Usage: node js/copy-graphiql-assets.mjs (from any folder).

import { copyFileSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const JS_DIR = dirname(fileURLToPath(import.meta.url));
const NODE_MODULES = join(JS_DIR, "node_modules");
const VENDOR_DIR = join(
  JS_DIR,
  "..",
  "src",
  "contacts_graph",
  "static",
  "graphiql",
  "vendor",
);

// The files of strawberry's static/graphiql.html, as paths inside each package.
const ASSETS = [
  ["react", "umd/react.production.min.js"],
  ["react-dom", "umd/react-dom.production.min.js"],
  ["js-cookie", "dist/js.cookie.min.js"],
  ["graphiql", "graphiql.min.css"],
  ["graphiql", "graphiql.min.js"],
  ["@graphiql/plugin-explorer", "dist/style.css"],
  ["@graphiql/plugin-explorer", "dist/index.umd.js"],
];

function installedVersion(pkg) {
  const manifest = join(NODE_MODULES, pkg, "package.json");
  return JSON.parse(readFileSync(manifest, "utf8")).version;
}

function flatName(pkg, version, path) {
  return `${pkg.split("/").pop()}-${version}-${basename(path)}`;
}

function main() {
  // Start from an empty folder so files of a previous version never linger.
  rmSync(VENDOR_DIR, { recursive: true, force: true });
  mkdirSync(VENDOR_DIR, { recursive: true });

  for (const [pkg, path] of ASSETS) {
    const name = flatName(pkg, installedVersion(pkg), path);
    copyFileSync(join(NODE_MODULES, pkg, path), join(VENDOR_DIR, name));
  }
  console.log(`copied ${ASSETS.length} GraphiQL assets to ${VENDOR_DIR}`);
}

try {
  main();
} catch (error) {
  console.error(`copy-graphiql-assets: ${error.message}`);
  console.error("Install the packages first: npm ci --prefix js");
  process.exit(1);
}
