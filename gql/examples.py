"""Example queries, one per feature of the API: listed on the dashboard, each a link that opens
GraphiQL with the query filled in (``/graphql?query=...``). A test runs every one of them
against the seeded database (the mutations with a maintainer key), so they stay true to the
schema."""

from __future__ import annotations

import html
from urllib.parse import quote

EXAMPLES: dict[str, str] = {
    "A neighbourhood with its district, figures and documents": """{
  neighbourhoods(where: {code: {eq: "BU09171000"}}) {
    edges { node {
      name codeStatus
      district { code name }
      observations { value period unit indicator { name } }
      documents { title sourceUri language }
    } }
  }
}""",
    "Filters: operators, AND/OR/NOT, relationships (some/none/all), within": """{
  neighbourhoods(where: {
    within: "GM0917"
    observations: {some: {value: {gt: 3000}}}
    NOT: {name: {startsWith: "Heerlerheide"}}
  }) {
    totalCount
    edges { node { code name } }
  }
}""",
    "Sort by an aggregate: neighbourhoods by inhabitants, programmes by partners": """{
  neighbourhoods(first: 5, sort: [{related: {observations: {field: VALUE, function: MAX,
      where: {indicator: {some: {id: {eq: "indicator:inhabitants"}}}}}}, direction: DESC}]) {
    edges { node { name } }
  }
  programmes(first: 5, sort: [{count: STAKEHOLDERS_VIA_PARTNER_IN, direction: DESC}]) {
    edges { node { name stakeholdersViaPartnerIn { name } } }
  }
}""",
    "Pages: cursors and totalCount": """{
  districts(first: 5, sort: [{field: NAME}]) {
    totalCount
    edges { cursor node { code name } }
    pageInfo { hasNextPage endCursor }
  }
}""",
    "Aggregates: observations per indicator": """{
  observationsAggregate(groupBy: [INDICATOR]) {
    count
    groups { key { indicator { id name } } count min max avg }
  }
}""",
    "Search names, aliases and document text": """{
  search(text: "Heerlen-Noord", first: 5) {
    score exact
    node { __typename id ... on Entity { name } }
  }
}""",
    "Profile of a place": """{
  profile(id: "WK091710") {
    name class childrenCount
    parents { id }
    latestObservations { indicator { id } value period unit }
    incidents { count byType { type { id } count } }
    documentCount
  }
}""",
    "Path between two things": """{
  path(from: "BU09171000", to: "GM0917", maxHops: 4) {
    nodes { __typename id }
    relationships { type from to }
  }
}""",
    "Provenance: where a fact comes from": """{
  neighbourhoods(first: 3, sort: [{count: DOCUMENTS, direction: DESC}]) {
    edges { node {
      name sources firstSeen
      supportingDocuments { id title }
      mentions { start end text document { title } }
    } }
  }
}""",
    "Relationships as connections: provenance on every edge": """{
  neighbourhoods(where: {code: {eq: "BU09171000"}}) {
    edges { node {
      name
      districtConnection { edges { node { name } sources confidence firstSeen extractor } }
      observationsConnection(first: 3) {
        totalCount
        edges { node { period value } sources }
        pageInfo { hasNextPage endCursor }
      }
    } }
  }
}""",
    "Concept schemes as enums": """{
  incidentTypes(where: {concept: {in: [EXPLOSION, ARSON, BURGLARY]}}) {
    edges { node { name concept definition } }
  }
  incidents(where: {ofType: {some: {concept: {eq: EXPLOSION}}}}) { totalCount }
}""",
    "Time (asOf): the twin as it knew things at the end of a day after your first load": """{
  neighbourhoods(asOf: "2026-12-31", where: {code: {eq: "BU09171000"}}) {
    edges { node { name district { name } observations { period value } documents { title } } }
  }
  observationsAggregate(asOf: "2026-12-31", groupBy: [INDICATOR]) {
    count
    groups { key { indicator { name } } count }
  }
}""",
    "Mutations (maintainer key in the X-API-Key header): upsert, ingest a note": """mutation {
  upsertProgramme(input: {id: "programme:voorbeeld", name: "Voorbeeldprogramma",
                          aliases: ["VP"]}) {
    id name aliases sources
  }
  ingestDocument(source: "api:notes/voorbeeld",
                 text: "In Maria Gewanden is het Voorbeeldprogramma gestart.") {
    id status entities
  }
}""",
}
MAINTAINER_EXAMPLES = frozenset(title for title, q in EXAMPLES.items() if q.startswith("mutation"))


def graphiql_link(query: str) -> str:
    """A link that opens GraphiQL with ``query`` in its editor."""
    return "/graphql?query=" + quote(query, safe="")


def examples_html() -> str:
    """The examples as an HTML list of GraphiQL links (for the dashboard)."""
    items = "".join(
        f'<li><a href="{html.escape(graphiql_link(query), quote=True)}">'
        f"{html.escape(title)}</a></li>"
        for title, query in EXAMPLES.items()
    )
    return f"<ul>{items}</ul>"


__all__ = ["EXAMPLES", "examples_html", "graphiql_link"]
