"""Neo4j: the managed local server, the schema derived from the ontology, reads and writes."""

from __future__ import annotations
