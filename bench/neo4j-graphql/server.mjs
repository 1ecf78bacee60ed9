// The comparison server of bench/graphql.py: @neo4j/graphql 7 over the bench database.
//
// Environment: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE (default neo4j),
// BENCH_TYPEDEFS (a file with the type definitions bench/neo4j_graphql_typedefs.py generates),
// PORT (default 4000), HOST (default 127.0.0.1).
//
// POST /graphql takes {query, variables, operationName} as JSON and answers like any GraphQL
// server; GET /healthz answers once the schema is built. Parsed and validated documents are
// cached by their text (as Apollo Server's and GraphQL Yoga's default document caches do), there
// is no logging per request and no introspection on the hot path. `node server.mjs
// --print-schema` prints the augmented schema @neo4j/graphql generates and exits.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

import { Neo4jGraphQL } from "@neo4j/graphql";
import { execute, parse, printSchema, specifiedRules, validate } from "graphql";
import neo4j from "neo4j-driver";

const env = process.env;
const typeDefs = readFileSync(env.BENCH_TYPEDEFS, "utf-8");
const database = env.NEO4J_DATABASE || "neo4j";
const driver = neo4j.driver(
    env.NEO4J_URI || "bolt://127.0.0.1:7687",
    neo4j.auth.basic(env.NEO4J_USER || "neo4j", env.NEO4J_PASSWORD || ""),
);
const library = new Neo4jGraphQL({ typeDefs, driver });
const schema = await library.getSchema();

if (process.argv.includes("--print-schema")) {
    process.stdout.write(printSchema(schema));
    await driver.close();
    process.exit(0);
}

const MAX_CACHED = 1000;
const documents = new Map(); // query text -> {document} or {errors}

function prepared(query) {
    let found = documents.get(query);
    if (found === undefined) {
        try {
            const document = parse(query);
            const errors = validate(schema, document, specifiedRules);
            found = errors.length ? { errors } : { document };
        } catch (error) {
            found = { errors: [error] };
        }
        if (documents.size >= MAX_CACHED) documents.clear();
        documents.set(query, found);
    }
    return found;
}

function send(response, status, body) {
    const text = JSON.stringify(body);
    response.writeHead(status, {
        "Content-Type": "application/json",
        "Content-Length": Buffer.byteLength(text),
    });
    response.end(text);
}

async function graphql(request, response) {
    const chunks = [];
    for await (const chunk of request) chunks.push(chunk);
    let body;
    try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf-8"));
    } catch {
        send(response, 400, { errors: [{ message: "the body is not JSON" }] });
        return;
    }
    const { document, errors } = prepared(String(body.query ?? ""));
    if (errors) {
        send(response, 400, { errors: errors.map((e) => ({ message: e.message })) });
        return;
    }
    const result = await execute({
        schema,
        document,
        variableValues: body.variables ?? undefined,
        operationName: body.operationName ?? undefined,
        contextValue: { sessionConfig: { database } },
    });
    send(response, 200, result);
}

const server = createServer((request, response) => {
    const path = (request.url || "/").split("?")[0];
    if (path === "/graphql" && request.method === "POST") {
        graphql(request, response).catch((error) => {
            send(response, 500, { errors: [{ message: String(error?.message ?? error) }] });
        });
    } else if (path === "/healthz") {
        send(response, 200, { status: "ok" });
    } else {
        send(response, 404, { errors: [{ message: "POST /graphql" }] });
    }
});
server.keepAliveTimeout = 65_000;

const port = Number(env.PORT || 4000);
server.listen(port, env.HOST || "127.0.0.1", () => {
    process.stdout.write(`listening on http://${env.HOST || "127.0.0.1"}:${port}/graphql\n`);
});

async function stop() {
    server.close();
    await driver.close();
    process.exit(0);
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
