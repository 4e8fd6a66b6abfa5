// The three sample product subgraphs of tests/federation (Deals, Ops, Inbox)
// as real @apollo/subgraph servers over small in-memory data, so a gateway can
// join their fields onto the contacts subgraph's contacts.
//
// Usage: node js/products.mjs [--host 127.0.0.1] [--deals-port N]
//                             [--ops-port N] [--inbox-port N]
// Ports default to DEALS_PORT, OPS_PORT and INBOX_PORT, then to 0 (any free
// port). Prints one JSON line {"event": "products.ready", "subgraphs": {...}}.

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { startStandaloneServer } from "@apollo/server/standalone";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { parse } from "graphql";

const SDL_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "tests", "federation");

// The roles whose contacts Ops looks after (DESIGN.md, roles and products).
const OPS_ROLES = new Set([
  "GUEST",
  "TENANT",
  "OWNER",
  "VENDOR",
  "CONTRACTOR",
  "EMPLOYEE",
  "PATIENT",
]);

// Ids of product records embed the contact id, so every contact id the
// contacts subgraph hands out has data here without a shared store.
function childId(contactId, kind, n) {
  return `${contactId}:${kind}:${n}`;
}

function parseChildId(id, kind) {
  const at = id.lastIndexOf(`:${kind}:`);
  if (at < 0) {
    return null;
  }
  return { contactId: id.slice(0, at), n: Number(id.slice(at + kind.length + 2)) };
}

// Deals: two deals per contact.

const DEAL_STAGES = ["QUALIFIED", "PROPOSAL"];

function deal(contactId, n) {
  return {
    id: childId(contactId, "deal", n),
    title: n === 1 ? "Annual service agreement" : "Portfolio review",
    stage: DEAL_STAGES[(n - 1) % DEAL_STAGES.length],
    value: 125000 * n,
    currency: "EUR",
    contactId,
  };
}

function dealById(id) {
  const parent = parseChildId(id, "deal");
  return parent && parent.n >= 1 && parent.n <= 2 ? deal(parent.contactId, parent.n) : null;
}

const dealsResolvers = {
  Query: { deal: (_, { id }) => dealById(id) },
  Contact: {
    __resolveReference: (reference) => reference,
    deals: (contact) => [deal(contact.id, 1), deal(contact.id, 2)],
    followUpEligible: (contact) => Boolean(contact.email && contact.consentMarketing),
  },
  Organization: {
    __resolveReference: (reference) => reference,
    // Limitation: the sample keeps no organization deals.
    deals: () => [],
  },
  Deal: {
    __resolveReference: ({ id }) => dealById(id),
    contact: (deal) => ({ __typename: "Contact", id: deal.contactId }),
  },
};

// Ops: one move-in inspection per contact in an Ops role; tenants have an
// active tenancy.

function inspection(contactId, n) {
  return {
    id: childId(contactId, "inspection", n),
    kind: "MOVE_IN",
    scheduledAt: "2025-01-15T10:00:00Z",
    propertyAddress: "12 Harbour Street, Flat 3",
    completed: true,
  };
}

function inspectionById(id) {
  const parent = parseChildId(id, "inspection");
  return parent && parent.n === 1 ? inspection(parent.contactId, 1) : null;
}

const opsResolvers = {
  Query: { inspection: (_, { id }) => inspectionById(id) },
  Contact: {
    __resolveReference: (reference) => reference,
    inspections: (contact) => (OPS_ROLES.has(contact.role) ? [inspection(contact.id, 1)] : []),
    tenancyStatus: (contact) => (contact.role === "TENANT" ? "ACTIVE" : null),
  },
  Inspection: { __resolveReference: ({ id }) => inspectionById(id) },
};

// Inbox: two threads per contact with an email. It learns which contact is
// behind an address from the references the gateway sends it.

const contactsByEmail = new Map();

function thread(contactId, n) {
  return {
    id: childId(contactId, "thread", n),
    subject: n === 1 ? "Welcome aboard" : "Your documents",
    lastMessageAt: `2025-02-0${n}T09:30:00Z`,
    unreadCount: n - 1,
    contactId,
  };
}

function threadById(id) {
  const parent = parseChildId(id, "thread");
  return parent && parent.n >= 1 && parent.n <= 2 ? thread(parent.contactId, parent.n) : null;
}

function rememberContact(reference) {
  if (reference.email) {
    const ids = contactsByEmail.get(reference.email.toLowerCase()) ?? new Set();
    contactsByEmail.set(reference.email.toLowerCase(), ids.add(reference.id));
  }
  return reference;
}

const inboxResolvers = {
  Query: {
    inboxContacts: (_, { email }) =>
      [...(contactsByEmail.get(email.toLowerCase()) ?? [])].map((id) => ({ id })),
    thread: (_, { id }) => threadById(id),
  },
  Contact: {
    __resolveReference: rememberContact,
    threads: (contact, { first }) =>
      contact.email ? [thread(contact.id, 1), thread(contact.id, 2)].slice(0, first) : [],
  },
  Thread: {
    __resolveReference: ({ id }) => threadById(id),
    participants: (thread) => [{ id: thread.contactId }],
  },
};

export const PRODUCTS = {
  deals: dealsResolvers,
  ops: opsResolvers,
  inbox: inboxResolvers,
};

async function startProduct(name, resolvers, listen) {
  const typeDefs = parse(readFileSync(join(SDL_DIR, `${name}.graphql`), "utf8"));
  const server = new ApolloServer({
    schema: buildSubgraphSchema({ typeDefs, resolvers }),
    // Traces only serve Apollo's hosted reporting, which nothing here uses.
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  const { url } = await startStandaloneServer(server, { listen });
  return { name, url, server };
}

/** Start the three product subgraphs; resolve to [{name, url, server}]. */
export async function startProducts({ host = "127.0.0.1", ports = {} } = {}) {
  return Promise.all(
    Object.entries(PRODUCTS).map(([name, resolvers]) =>
      startProduct(name, resolvers, { host, port: ports[name] ?? 0 }),
    ),
  );
}

function portsFromArgs(values) {
  const port = (arg, env) => Number(values[arg] ?? process.env[env] ?? 0);
  return {
    deals: port("deals-port", "DEALS_PORT"),
    ops: port("ops-port", "OPS_PORT"),
    inbox: port("inbox-port", "INBOX_PORT"),
  };
}

export const PORT_OPTIONS = {
  host: { type: "string", default: "127.0.0.1" },
  "deals-port": { type: "string" },
  "ops-port": { type: "string" },
  "inbox-port": { type: "string" },
};

export async function startProductsFromArgs(values) {
  return startProducts({ host: values.host, ports: portsFromArgs(values) });
}

async function main() {
  const { values } = parseArgs({ options: PORT_OPTIONS });
  const products = await startProductsFromArgs(values);
  const subgraphs = Object.fromEntries(products.map(({ name, url }) => [name, `${url}graphql`]));
  console.log(JSON.stringify({ event: "products.ready", subgraphs }));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
