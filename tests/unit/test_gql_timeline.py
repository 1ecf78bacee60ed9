"""The asOf conditions (gql.timeline) and how the compiler applies them: pure text, no Neo4j
(the Cypher runs in tests/integration/test_graphql_time.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from gql.filters import FilterError, compile_sort, compile_where, filter_spec
from gql.timeline import AsOfError, checked, ingested_by, timeline
from ontology import OntologyModel


def test_the_dated_classes_come_from_the_ontology(model: OntologyModel) -> None:
    known = timeline(model)
    assert known.periods == {"Observation": "period"}  # sosa:Observation, sosa:phenomenonTime
    assert known.ingested["Document"] == "ingestedAt"  # prov:generatedAtTime


def test_node_conditions_by_class(model: OntologyModel) -> None:
    known = timeline(model)
    assert known.node("n", "Neighbourhood") == (
        "(n.firstSeen IS NULL OR n.firstSeen < datetime($asOf) + duration('P1D'))"
    )
    observation = known.node("n", "Observation")
    assert "n.period" in observation and "n.firstSeen" in observation
    assert "n.ingestedAt" in known.node("n", "Document")
    anything = known.node("m", None)
    assert anything.startswith("CASE WHEN m:Document") and "WHEN m:Observation" in anything
    assert known.relationship("r") == (
        "(r.firstSeen IS NULL OR r.firstSeen < datetime($asOf) + duration('P1D'))"
    )


def test_compiled_filters_carry_the_date_as_a_parameter(model: OntologyModel) -> None:
    spec = filter_spec(model)
    where = {"district": {"some": {"name": {"eq": "x"}}}, "within": "GM0917"}
    cond, params = compile_where(spec, "Neighbourhood", where, as_of="2025-06-30")
    assert params["asOf"] == "2025-06-30"
    assert cond.count("$asOf") >= 4  # the node, the PART_OF, the district, the within steps
    assert "2025" not in cond
    plain, plain_params = compile_where(spec, "Neighbourhood", where)
    assert "$asOf" not in plain and "asOf" not in plain_params
    keys, sort_params = compile_sort(
        spec, "District", [{"count": "neighbourhoods"}], as_of="2025-06-30"
    )
    assert "$asOf" in keys[0].expression and sort_params["asOf"] == "2025-06-30"
    keys, sort_params = compile_sort(spec, "District", [{"field": "name"}], as_of="2025-06-30")
    assert "asOf" not in sort_params  # a field's order does not depend on the date
    with pytest.raises(FilterError, match="asOf must be a date"):
        compile_where(spec, "Neighbourhood", {}, as_of="30-06-2025")


@pytest.mark.parametrize("value", ["2025-02-30", "yesterday", "", "2025-06-30T10:00"])
def test_as_of_must_be_an_iso_date(value: str) -> None:
    with pytest.raises(AsOfError):
        checked(value)


def test_documents_loaded_by_id_follow_the_same_rule() -> None:
    doc = {"ingestedAt": "2025-06-30T23:59:59+00:00"}
    assert ingested_by(doc, "2025-06-30", "ingestedAt")
    assert not ingested_by(doc, "2025-06-29", "ingestedAt")
    stamped = {"firstSeen": datetime(2025, 7, 1, 0, 0, tzinfo=UTC)}
    assert not ingested_by(stamped, "2025-06-30", "ingestedAt")
    assert ingested_by({}, "2000-01-01", "ingestedAt")  # undated: always known
