// Compose subgraph SDL files into a supergraph with both Apollo's composer and
// The Guild's, since gateways built on either must accept the contacts graph.
//
// Usage: node js/compose.mjs contacts.graphql deals.graphql ...
//
// Each file is one subgraph, named after the file (deals.graphql is "deals",
// served at http://deals.local/graphql). Prints one JSON object,
//   {"apollo": {"ok", "errors", "hints", "supergraphSdl"?, "apiSchemaSdl"?},
//    "guild": {"ok", "errors", "supergraphSdl"?, "apiSchemaSdl"?}}
// where apiSchemaSdl is the schema that clients of a gateway see.
// and exits 1 when either composer fails, 2 when a file cannot be read.

import { readFileSync } from "node:fs";
import { basename, extname } from "node:path";

import { composeServices as composeWithApollo } from "@apollo/composition";
import { composeServices as composeWithGuild } from "@theguild/federation-composition";
import { parse, printSchema } from "graphql";

function readSubgraph(file) {
  const name = basename(file, extname(file));
  const typeDefs = parse(readFileSync(file, "utf8"), { noLocation: false });
  return { name, typeDefs, url: `http://${name}.local/graphql` };
}

function describe(error) {
  return { code: error.extensions?.code ?? null, message: error.message };
}

// A composer that throws is reported like one that refuses, so the caller
// always gets both results.
function run(compose, subgraphs) {
  try {
    return compose(subgraphs);
  } catch (error) {
    return { errors: [{ message: `composer crashed: ${error.stack}` }] };
  }
}

function apolloResult(subgraphs) {
  const result = run(composeWithApollo, subgraphs);
  if (result.errors) {
    return { ok: false, errors: result.errors.map(describe), hints: [] };
  }
  const hints = result.hints.map((hint) => ({
    code: hint.definition.code,
    message: hint.message,
  }));
  const apiSchemaSdl = printSchema(result.schema.toAPISchema().toGraphQLJSSchema());
  return {
    ok: true,
    errors: [],
    hints,
    supergraphSdl: result.supergraphSdl,
    apiSchemaSdl,
  };
}

function guildResult(subgraphs) {
  const result = run(composeWithGuild, subgraphs);
  if (result.errors) {
    return { ok: false, errors: result.errors.map(describe) };
  }
  return {
    ok: true,
    errors: [],
    supergraphSdl: result.supergraphSdl,
    apiSchemaSdl: result.publicSdl,
  };
}

function main(files) {
  if (files.length === 0) {
    console.error("usage: node js/compose.mjs SUBGRAPH.graphql [SUBGRAPH.graphql ...]");
    return 2;
  }
  let subgraphs;
  try {
    subgraphs = files.map(readSubgraph);
  } catch (error) {
    console.error(`compose: ${error.message}`);
    return 2;
  }

  const report = { apollo: apolloResult(subgraphs), guild: guildResult(subgraphs) };
  console.log(JSON.stringify(report, null, 2));
  return report.apollo.ok && report.guild.ok ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
