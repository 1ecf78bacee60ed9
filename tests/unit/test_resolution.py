"""Entity resolution without a database: comparison keys, fuzzy scores, context conflicts,
grouping and the choice of survivor."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from graph.resolution import (
    FUZZY_THRESHOLD,
    Candidate,
    Entity,
    Place,
    choose_survivor,
    conflict,
    fuzzy_score,
    group_entities,
    resolution_key,
)

DOC = "doc:" + "a" * 64
DOC2 = "doc:" + "b" * 64
DATASET = "dataset:organisations"
HEERLEN = Place("GM0917")
KERKRADE = Place("GM0928")
HEERLERBAAN = Place("WK091702", frozenset({"GM0917"}))
HOENSBROEK = Place("WK091705", frozenset({"GM0917"}))


def _at(day: int) -> datetime:
    return datetime(2024, 1, day, tzinfo=UTC)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Stichting Buurtkracht", "buurtkracht"),
        ("Buurtkracht", "buurtkracht"),
        ("BuurtKracht", "buurtkracht"),
        ("Buurt-kracht", "buurtkracht"),
        ("  Buurt   Kracht ", "buurtkracht"),
        ("Buurtkracht B.V.", "buurtkracht"),
        ("Vereniging De Nieuwe Nor", "nieuwenor"),
        ("De Nieuwe Nor", "nieuwenor"),
        ("Het Buurthuis", "buurthuis"),
        ("The Foundation Buurtkracht", "buurtkracht"),
        ("L'Escaut", "escaut"),
        ("l’Escaut", "escaut"),
        ("a.s.b.l. Les Amis du Quartier", "amisduquartier"),
        ("ASBL Ponts", "ponts"),
        ("Ponts vzw", "ponts"),
        ("Université de Liège", "universitedeliege"),
        ("Sportverein e.V.", "sportverein"),
        ("Jugendhilfe gGmbH", "jugendhilfe"),
        ("Café de Kroon", "cafedekroon"),  # articles go only at the start
        ("Straße", "strasse"),
        ("Heerlen-Noord", "heerlennoord"),
        ("Stichting", "stichting"),  # nothing but a legal form: kept
        ("De", "de"),
        ("", ""),
    ],
)
def test_resolution_key(name: str, key: str) -> None:
    assert resolution_key(name) == key


def test_legal_forms_inside_a_name_stay() -> None:
    assert resolution_key("Bewonersvereniging Stichting Oost") != resolution_key("Oost")
    assert resolution_key("Huis De Stichting") == "huisdestichting"
    assert resolution_key("Rabobank Foundation") != resolution_key("Rabobank")
    assert resolution_key("De Stichting Buurtkracht") == "buurtkracht"


def test_fuzzy_score_needs_long_keys_with_the_same_numbers() -> None:
    assert fuzzy_score("buurtkracht", "buurtkrachtt") >= FUZZY_THRESHOLD
    assert fuzzy_score("stationsstraat", "stationstraat") >= FUZZY_THRESHOLD
    assert fuzzy_score("ggdzl", "ggdzll") == 0  # too short to compare fuzzily
    assert fuzzy_score("heerlennoord1", "heerlennoord2") == 0  # different numbers
    assert fuzzy_score("hoofdstraat", "hoogstraat") < FUZZY_THRESHOLD


def test_survivor_reference_first_then_oldest_then_smallest_id() -> None:
    old_doc = Entity("stakeholder:b", sources=(DOC,), first_seen=_at(1))
    new_ref = Entity("stakeholder:c", sources=(DOC, DATASET), first_seen=_at(9))
    assert choose_survivor([old_doc, new_ref]) == new_ref
    newer_doc = Entity("stakeholder:a", sources=(DOC2,), first_seen=_at(2))
    assert choose_survivor([newer_doc, old_doc]) == old_doc
    same_time = Entity("stakeholder:a", sources=(DOC2,), first_seen=_at(1))
    assert choose_survivor([old_doc, same_time]) == same_time
    unknown_time = Entity("stakeholder:0", sources=(DOC2,))
    assert choose_survivor([unknown_time, old_doc]) == old_doc
    assert not Entity("x", sources=(DOC, DOC2)).reference
    assert not Entity("x").reference


def test_conflict_by_place() -> None:
    def street(node_id: str, *places: Place) -> Entity:
        return Entity(node_id, name="Kerkstraat", places=places)

    assert conflict(street("a", HEERLEN), street("b", KERKRADE))
    assert not conflict(street("a", HEERLEN), street("b", HEERLEN))
    assert not conflict(street("a", HEERLEN), street("b", HEERLERBAAN))  # nested
    assert conflict(street("a", HEERLERBAAN), street("b", HOENSBROEK))  # siblings
    assert not conflict(street("a"), street("b", KERKRADE))  # no context: no conflict
    assert conflict(street("a", HEERLEN, HEERLERBAAN), street("b", HOENSBROEK))
    # a thing is not part of itself
    assert conflict(street("GM0917"), street("b", HEERLERBAAN))


def test_groups_by_name_or_alias_and_reasons() -> None:
    entities = [
        Entity("stakeholder:buurtkracht", name="Buurtkracht", sources=(DOC,), first_seen=_at(2)),
        Entity("stakeholder:sb", name="Stichting Buurtkracht", sources=(DOC,), first_seen=_at(1)),
        Entity("stakeholder:x", name="BK", aliases=("BuurtKracht",), sources=(DOC2,)),
        Entity("stakeholder:other", name="Wijkteam Noord", sources=(DOC,)),
    ]
    assert group_entities(entities) == [
        Candidate(
            "stakeholder:sb",
            ("stakeholder:buurtkracht", "stakeholder:x"),
            "same key 'buurtkracht'",
        )
    ]


def test_fuzzy_groups_and_their_reason() -> None:
    entities = [
        Entity("programme:a", name="Weerbare Wijken", sources=(DOC,), first_seen=_at(1)),
        Entity("programme:b", name="Weerbare Wijkken", sources=(DOC2,), first_seen=_at(2)),
    ]
    [candidate] = group_entities(entities)
    assert candidate.survivor == "programme:a"
    assert candidate.merged == ("programme:b",)
    assert candidate.reason == "fuzzy 97 'weerbarewijken'~'weerbarewijkken'"


def test_two_reference_nodes_never_group() -> None:
    entities = [
        Entity("stakeholder:a", name="Wijkteam", sources=(DATASET,)),
        Entity("stakeholder:b", name="Wijkteam", sources=("dataset:other",)),
        Entity("stakeholder:c", name="Wijkteam", sources=(DOC,)),
    ]
    [candidate] = group_entities(entities)
    assert (candidate.survivor, candidate.merged) == ("stakeholder:a", ("stakeholder:c",))


def test_context_keeps_groups_apart_and_a_second_pass_finds_nothing() -> None:
    """A (Heerlen) matches B (Heerlerbaan) and C (Hoensbroek), but B and C are in different
    districts: C stays out. After the merge the survivor is in Heerlen and Heerlerbaan, which
    still keeps C out, so resolving again merges nothing."""
    a = Entity("facility:a", name="Buurthuis", places=(HEERLEN,), first_seen=_at(1))
    b = Entity("facility:b", name="Het Buurthuis", places=(HEERLERBAAN,), first_seen=_at(2))
    c = Entity("facility:c", name="buurthuis", places=(HOENSBROEK,), first_seen=_at(3))
    [candidate] = group_entities([a, b, c])
    assert (candidate.survivor, candidate.merged) == ("facility:a", ("facility:b",))
    survivor = Entity(
        "facility:a",
        name="Buurthuis",
        aliases=("Het Buurthuis",),
        places=(HEERLEN, HEERLERBAAN),
        first_seen=_at(1),
    )
    assert group_entities([survivor, c]) == []


def test_short_and_empty_names_do_not_match() -> None:
    entities = [
        Entity("area:a", name="X", sources=(DOC,)),
        Entity("area:b", name="x", sources=(DOC2,)),
        Entity("area:c", name=None, sources=(DOC,)),
        Entity("area:d", name="", sources=(DOC2,)),
    ]
    assert group_entities(entities) == []
