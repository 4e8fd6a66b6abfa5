// An Apollo Gateway over the contacts subgraph and the three sample product
// subgraphs (started here, see products.mjs), as a product suite would run it.
//
// Usage: node js/gateway.mjs --contacts-url http://127.0.0.1:8000/graphql
//          [--port N] [--host 127.0.0.1] [--contacts-token TOKEN]
//          [--deals-port N] [--ops-port N] [--inbox-port N]
// Options fall back to CONTACTS_URL, GATEWAY_PORT and CONTACTS_TOKEN; ports
// default to 0 (any free port). Everything binds to 127.0.0.1 unless told.
// Prints one JSON line {"event": "gateway.ready", "url", "subgraphs"} once it
// serves, and exits 1 if the supergraph cannot be built.

import { parseArgs } from "node:util";

import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";

import { PORT_OPTIONS, startProductsFromArgs } from "./products.mjs";

const OPTIONS = {
  ...PORT_OPTIONS,
  "contacts-url": { type: "string" },
  "contacts-token": { type: "string" },
  port: { type: "string" },
};

// The contacts subgraph checks the caller's session itself, so the gateway
// passes the caller's Authorization header on; the samples need none.
class ContactsDataSource extends RemoteGraphQLDataSource {
  willSendRequest({ request, context }) {
    if (context.authorization) {
      request.http.headers.set("authorization", context.authorization);
    }
  }
}

function buildGateway(subgraphs, contactsToken) {
  // Reading the contacts SDL may need a session of its own: there is no
  // caller while the gateway starts.
  const introspectionHeaders = (service) =>
    service.name === "contacts" && contactsToken
      ? { authorization: `Bearer ${contactsToken}` }
      : {};
  return new ApolloGateway({
    supergraphSdl: new IntrospectAndCompose({ subgraphs, introspectionHeaders }),
    buildService: ({ name, url }) =>
      name === "contacts" ? new ContactsDataSource({ url }) : new RemoteGraphQLDataSource({ url }),
  });
}

async function startGateway(values) {
  const contactsUrl = values["contacts-url"] ?? process.env.CONTACTS_URL;
  if (!contactsUrl) {
    throw new Error("give the contacts subgraph's URL: --contacts-url URL");
  }
  const products = await startProductsFromArgs(values);
  const subgraphs = [
    { name: "contacts", url: contactsUrl },
    ...products.map(({ name, url }) => ({ name, url: `${url}graphql` })),
  ];

  const gateway = buildGateway(subgraphs, values["contacts-token"] ?? process.env.CONTACTS_TOKEN);
  const server = new ApolloServer({ gateway, includeStacktraceInErrorResponses: false });
  const { url } = await startStandaloneServer(server, {
    listen: { host: values.host, port: Number(values.port ?? process.env.GATEWAY_PORT ?? 0) },
    context: async ({ req }) => ({ authorization: req.headers.authorization }),
  });
  return { url: `${url}graphql`, subgraphs };
}

async function main() {
  const { values } = parseArgs({ options: OPTIONS });
  let started;
  try {
    started = await startGateway(values);
  } catch (error) {
    console.error(`gateway: ${error.message}`);
    process.exit(1);
  }

  // Nothing here holds state worth draining; a graceful stop would wait for
  // the gateway's keep-alive connections to the samples to time out.
  process.on("SIGTERM", () => process.exit(0));
  process.on("SIGINT", () => process.exit(0));

  const { url, subgraphs } = started;
  const names = Object.fromEntries(subgraphs.map(({ name, url }) => [name, url]));
  console.log(JSON.stringify({ event: "gateway.ready", url, subgraphs: names }));
}

await main();
