"""Artefacts generated from the ontology for people: a Neo4j Browser style, a Browser guide and
an HTML reference page.

Everything here is a pure function of the model (``ontology.model``) and, for alignments and
scheme labels, of the rdflib graph of the ontology; nothing names a class by hand except the
example queries of the guide, which look their labels and types up in the model (and so fail
loudly if the ontology drops them).

- :func:`grass` writes a GraSS style sheet in the CSS-like form that Neo4j Browser 5 parses
  (``:style <url>`` and drag-and-drop): no comments, single-quoted captions, no ``:`` inside
  values, general rules before specific ones because Browser applies every matching rule in
  order (a ``Neighbourhood`` node also carries the ``Place`` label).
- :func:`guide` writes a remote guide for ``:play <url>`` / ``:guide <url>``: HTML whose
  ``<slide>`` elements become the carousel; ``pre.code.runnable`` blocks are clickable.
- :func:`reference_html` writes a self-contained page for ontology maintainers.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from rdflib import Graph

from ontology.artefacts.common import (
    DARK_TEXT,
    FILES,
    GUIDE_PATH,
    LIGHT_TEXT,
    MAX_DIAMETER,
    MIN_DIAMETER,
    REFERENCE_PATH,
    STYLE_PATH,
    Alignment,
    _e,
    alignments,
    class_tree,
)
from ontology.artefacts.guide import EXAMPLES, ExampleQuery, example_queries, guide
from ontology.artefacts.reference import reference_html
from ontology.artefacts.style import (
    NodeStyle,
    caption_property,
    class_colours,
    colour_distance,
    grass,
    grass_rules,
    node_styles,
)
from ontology.model import OntologyModel, bundled_graph, load_model


@dataclass(frozen=True)
class Artefacts:
    """The three generated documents, as text."""

    reference: str
    style: str
    guide: str


def build(
    model: OntologyModel | None = None, graph: Graph | None = None, base_url: str | None = None
) -> Artefacts:
    """Generate all three artefacts (default: the shipped ontology).

    ``base_url`` is the twin API as the user's web browser reaches it; the guide links to the
    style and the reference page there (the links are left out without it).
    """
    model = model or load_model()
    graph = graph if graph is not None else bundled_graph()
    return Artefacts(
        reference=reference_html(model, graph),
        style=grass(model, graph),
        guide=guide(model, base_url),
    )


def write(output: Path, artefacts: Artefacts) -> list[Path]:
    """Write the artefacts into ``output`` (created if needed); return the paths written."""
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for attribute, filename in FILES.items():
        path = output / filename
        path.write_text(getattr(artefacts, attribute), encoding="utf-8")
        written.append(path)
    return written


# ------------------------------------------------------------------ Browser settings


def api_base_url(host: str, port: int) -> str:
    """The API's URL as a web browser on this machine reaches it (wildcard binds → loopback)."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return f"http://{host}:{port}"
    if address.is_unspecified:
        return f"http://127.0.0.1:{port}"
    return f"http://[{host}]:{port}" if address.version == 6 else f"http://{host}:{port}"


def browser_post_connect_cmd(base_url: str) -> str:
    """``browser.post_connect_cmd``: apply the twin's style and open its guide after login.

    Browser splits the value on ``;`` and runs each part as ``:<part>``.
    """
    return f"style {base_url}{STYLE_PATH}; play {base_url}{GUIDE_PATH}"


def browser_content_allowlist(base_url: str) -> str:
    """The hosts Browser may fetch remote styles and guides from (it compares host names only,
    without the port): Neo4j's defaults plus the host of the twin API."""
    hosts = ["guides.neo4j.com", "localhost"]
    host = urlsplit(base_url).hostname or ""
    if host and host not in hosts:
        hosts.append(host)
    return ",".join(hosts)


__all__ = [
    "DARK_TEXT",
    "EXAMPLES",
    "GUIDE_PATH",
    "LIGHT_TEXT",
    "MAX_DIAMETER",
    "MIN_DIAMETER",
    "REFERENCE_PATH",
    "STYLE_PATH",
    "Alignment",
    "Artefacts",
    "ExampleQuery",
    "NodeStyle",
    "_e",
    "alignments",
    "api_base_url",
    "browser_content_allowlist",
    "browser_post_connect_cmd",
    "build",
    "caption_property",
    "class_colours",
    "class_tree",
    "colour_distance",
    "example_queries",
    "grass",
    "grass_rules",
    "guide",
    "node_styles",
    "reference_html",
    "write",
]
