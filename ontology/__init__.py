"""The social-twin ontology: the Turtle source and the in-memory model every package reads."""

from __future__ import annotations

from ontology.model import OntologyClass, OntologyModel, Relationship, load_model

__all__ = ["OntologyClass", "OntologyModel", "Relationship", "load_model"]
