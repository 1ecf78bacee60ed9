"""Relation extraction by rules: programmes, stakeholders, places, facilities and incidents in
sentences written for these tests (Dutch, English, French), with the entities given."""

from __future__ import annotations

import pytest

from nlp.extraction import Entity, Relation
from nlp.relations import _VERB_EVENTS, RelationFinder, parse_date
from ontology import OntologyModel, load_model

# surface → (type, id) of the entities the sentences below name
KNOWN: dict[str, tuple[str, str]] = {
    "Heerlen": ("Municipality", "GM0917"),
    "Heerlerheide": ("Area", "area:heerlerheide"),
    "Hoensbroek": ("Area", "area:hoensbroek"),
    "Passart": ("Neighbourhood", "BU09172100"),
    "Grasbroek": ("Neighbourhood", "BU09173101"),
    "Musschemig": ("Neighbourhood", "BU09173100"),
    "Schandelen": ("Neighbourhood", "BU09173102"),
    "Meezenbroek": ("Neighbourhood", "BU09173202"),
    "Mariarade": ("District", "WK091711"),
    "Akerstraat": ("Street", "street:akerstraat"),
    "Kloosterweg": ("Street", "street:kloosterweg"),
    "Weller": ("HousingCorporation", "stakeholder:weller"),
    "Woonpunt": ("HousingCorporation", "stakeholder:woonpunt"),
    "JENS": ("YouthCareProvider", "stakeholder:jens"),
    "Politie Limburg": ("Police", "stakeholder:politie-limburg"),
    "Gemeente Heerlen": ("LocalGovernment", "stakeholder:gemeente-heerlen"),
    "Heerlen municipality": ("LocalGovernment", "stakeholder:gemeente-heerlen"),
    "commune de Heerlen": ("LocalGovernment", "stakeholder:gemeente-heerlen"),
    "Maastricht University": ("ResearchInstitute", "stakeholder:maastricht-university"),
    "Stichting Buurtkracht": ("Foundation", "stakeholder:stichting-buurtkracht"),
    "Samen Sterk": ("Programme", "programme:samen-sterk"),
    "Veilige Buurt": ("Programme", "programme:veilige-buurt"),
    "Safe Streets": ("Programme", "programme:safe-streets"),
    "Quartier Sûr": ("Programme", "programme:quartier-sur"),
    "Wijkcentrum De Kroon": ("CommunityCentre", "community-centre:wijkcentrum-de-kroon"),
    "buurthuis De Ster": ("CommunityCentre", "community-centre:buurthuis-de-ster"),
    "community centre The Hub": ("CommunityCentre", "community-centre:the-hub"),
    "maison de quartier Le Phare": ("CommunityCentre", "community-centre:le-phare"),
    "explosie": ("IncidentType", "incident-type:explosion"),
    "explosion": ("IncidentType", "incident-type:explosion"),
    "hennepkwekerij": ("IncidentType", "incident-type:cannabis-cultivation"),
    "woninginbraken": ("IncidentType", "incident-type:burglary"),
    "inbraken": ("IncidentType", "incident-type:burglary"),
    "burglary": ("IncidentType", "incident-type:burglary"),
    "Burglary": ("IncidentType", "incident-type:burglary"),
    "cambriolages": ("IncidentType", "incident-type:burglary"),
    "drugsoverlast": ("IncidentType", "incident-type:drug-nuisance"),
    "youth nuisance": ("IncidentType", "incident-type:youth-nuisance"),
    "trafic de drogue": ("IncidentType", "incident-type:drug-dealing"),
    "fusillade": ("IncidentType", "incident-type:shooting"),
    "shooting": ("IncidentType", "incident-type:shooting"),
    "schietincident": ("IncidentType", "incident-type:shooting"),
    "vernielingen": ("IncidentType", "incident-type:vandalism"),
    "overlast": ("IncidentType", "incident-type:public-nuisance"),
    "explosions": ("IncidentType", "incident-type:explosion"),
    "Explosion": ("IncidentType", "incident-type:explosion"),
    "UM": ("ResearchInstitute", "stakeholder:maastricht-university"),
    "speeltuin": ("Playground", "class:Playground"),
    "jongeren": ("Theme", "theme:youth"),
}
NAMES = {
    "incident-type:explosion": "explosion",
    "incident-type:cannabis-cultivation": "cannabis cultivation",
    "incident-type:shooting": "shooting",
    "street:akerstraat": "Akerstraat",
    "BU09173101": "Grasbroek",
}


@pytest.fixture(scope="module")
def model() -> OntologyModel:
    return load_model()


@pytest.fixture(scope="module")
def finder(model: OntologyModel) -> RelationFinder:
    return RelationFinder(model)


def entities(model: OntologyModel, text: str, *surfaces: str) -> list[Entity]:
    """Entities for the surfaces, found in this order in the text."""
    found: list[Entity] = []
    position = 0
    for surface in surfaces:
        start = text.index(surface, position)
        type_, id_ = KNOWN[surface]
        found.append(
            Entity(
                type=type_,
                classes=model.lineage(type_),
                text=surface,
                start=start,
                end=start + len(surface),
                id=id_,
                name=NAMES.get(id_, surface),
                confidence=1.0,
            )
        )
        position = start + len(surface)
    return found


def run(
    finder: RelationFinder, model: OntologyModel, text: str, lang: str, *surfaces: str
) -> tuple[list[Relation], list[Entity]]:
    return finder.find(text, entities(model, text, *surfaces), lang)


def triples(
    finder: RelationFinder,
    model: OntologyModel,
    text: str,
    lang: str,
    *surfaces: str,
    types: tuple[str, ...] = (),
) -> set[tuple[str, str, str]]:
    relations, _ = run(finder, model, text, lang, *surfaces)
    return {(r.type, r.source, r.target) for r in relations if not types or r.type in types}


# ------------------------------------------------------------------ TARGETS


@pytest.mark.parametrize(
    ("text", "lang", "surfaces", "places"),
    [
        (
            "Het programma Samen Sterk richt zich op de wijken Heerlerheide en Passart.",
            "nl",
            ("Samen Sterk", "Heerlerheide", "Passart"),
            {"area:heerlerheide", "BU09172100"},
        ),
        (
            "Het project Veilige Buurt loopt in Grasbroek, Musschemig en Schandelen.",
            "nl",
            ("Veilige Buurt", "Grasbroek", "Musschemig", "Schandelen"),
            {"BU09173101", "BU09173100", "BU09173102"},
        ),
        (
            "In Heerlerheide start het project Samen Sterk.",
            "nl",
            ("Heerlerheide", "Samen Sterk"),
            {"area:heerlerheide"},
        ),
        (
            "The Safe Streets programme targets Meezenbroek and Schandelen.",
            "en",
            ("Safe Streets", "Meezenbroek", "Schandelen"),
            {"BU09173202", "BU09173102"},
        ),
        (
            "Safe Streets offers coaching for residents of Grasbroek.",
            "en",
            ("Safe Streets", "Grasbroek"),
            {"BU09173101"},
        ),
        (
            "Le projet Quartier Sûr se déroule dans le quartier de Mariarade.",
            "fr",
            ("Quartier Sûr", "Mariarade"),
            {"WK091711"},
        ),
        (
            "La commune de Heerlen lance le projet Quartier Sûr à Hoensbroek.",
            "fr",
            ("commune de Heerlen", "Quartier Sûr", "Hoensbroek"),
            {"area:hoensbroek"},
        ),
        (
            "Le projet Quartier Sûr, mené par la commune de Heerlen, cible Mariarade.",
            "fr",
            ("Quartier Sûr", "commune de Heerlen", "Mariarade"),
            {"WK091711"},
        ),
        (
            "Het project Samen Sterk wordt uitgevoerd door Weller in Passart.",
            "nl",
            ("Samen Sterk", "Weller", "Passart"),
            {"BU09172100"},
        ),
        (
            "Safe Streets will expand to Heerlerheide in 2025.",
            "en",
            ("Safe Streets", "Heerlerheide"),
            {"area:heerlerheide"},
        ),
        (
            "Het programma Samen Sterk richt zich op:\n- Grasbroek\n- Musschemig",
            "nl",
            ("Samen Sterk", "Grasbroek", "Musschemig"),
            {"BU09173101", "BU09173100"},
        ),
    ],
)
def test_programme_targets_places(
    finder: RelationFinder,
    model: OntologyModel,
    text: str,
    lang: str,
    surfaces: tuple[str, ...],
    places: set[str],
) -> None:
    found = triples(finder, model, text, lang, *surfaces, types=("TARGETS",))
    programme = next(KNOWN[s][1] for s in surfaces if KNOWN[s][0] == "Programme")
    assert found == {("TARGETS", programme, p) for p in places}


def test_a_place_of_an_event_before_the_programme_is_no_target(
    finder: RelationFinder, model: OntologyModel
) -> None:
    text = "Na een explosie aan de Akerstraat startte de gemeente het project Samen Sterk."
    found = triples(finder, model, text, "nl", "explosie", "Akerstraat", "Samen Sterk")
    assert not {t for t in found if t[0] == "TARGETS"}


def test_place_in_another_clause_is_no_target(finder: RelationFinder, model: OntologyModel) -> None:
    text = "Samen Sterk werd besproken; bewoners uit Heerlerheide waren er ook."
    assert triples(finder, model, text, "nl", "Samen Sterk", "Heerlerheide") == set()


# ------------------------------------------------------------------ ADDRESSES


@pytest.mark.parametrize(
    ("text", "lang", "surfaces", "expected"),
    [
        (
            "Het project Veilige Buurt pakt woninginbraken aan.",
            "nl",
            ("Veilige Buurt", "woninginbraken"),
            {("programme:veilige-buurt", "incident-type:burglary")},
        ),
        (
            "Samen Sterk zet in op de bestrijding van drugsoverlast en vernielingen.",
            "nl",
            ("Samen Sterk", "drugsoverlast", "vernielingen"),
            {
                ("programme:samen-sterk", "incident-type:drug-nuisance"),
                ("programme:samen-sterk", "incident-type:vandalism"),
            },
        ),
        (
            "Met Veilige Buurt wil de gemeente inbraken voorkomen.",
            "nl",
            ("Veilige Buurt", "inbraken"),
            {("programme:veilige-buurt", "incident-type:burglary")},
        ),
        (
            "Met Samen Sterk wil de gemeente de overlast in Passart verminderen.",
            "nl",
            ("Samen Sterk", "overlast", "Passart"),
            {("programme:samen-sterk", "incident-type:public-nuisance")},
        ),
        (
            "Safe Streets aims to reduce burglary and youth nuisance.",
            "en",
            ("Safe Streets", "burglary", "youth nuisance"),
            {
                ("programme:safe-streets", "incident-type:burglary"),
                ("programme:safe-streets", "incident-type:youth-nuisance"),
            },
        ),
        (
            "Le projet Quartier Sûr participe à la lutte contre le trafic de drogue.",
            "fr",
            ("Quartier Sûr", "trafic de drogue"),
            {("programme:quartier-sur", "incident-type:drug-dealing")},
        ),
        (
            "Quartier Sûr doit prévenir les cambriolages.",
            "fr",
            ("Quartier Sûr", "cambriolages"),
            {("programme:quartier-sur", "incident-type:burglary")},
        ),
    ],
)
def test_programme_addresses_incident_types(
    finder: RelationFinder,
    model: OntologyModel,
    text: str,
    lang: str,
    surfaces: tuple[str, ...],
    expected: set[tuple[str, str]],
) -> None:
    found = triples(finder, model, text, lang, *surfaces, types=("ADDRESSES",))
    assert found == {("ADDRESSES", p, i) for p, i in expected}


def test_a_programme_started_after_an_event_does_not_address_it(
    finder: RelationFinder, model: OntologyModel
) -> None:
    text = "Na een explosie aan de Akerstraat startte de gemeente het project Samen Sterk."
    found = triples(finder, model, text, "nl", "explosie", "Akerstraat", "Samen Sterk")
    assert not {t for t in found if t[0] == "ADDRESSES"}


# ------------------------------------------------------------------ RUNS / PARTNER_IN


def _roles(
    finder: RelationFinder, model: OntologyModel, text: str, lang: str, *surfaces: str
) -> set[tuple[str, str, str]]:
    return triples(finder, model, text, lang, *surfaces, types=("RUNS", "PARTNER_IN"))


@pytest.mark.parametrize(
    ("text", "lang", "surfaces", "runs", "partners"),
    [
        (
            "Het programma Samen Sterk wordt uitgevoerd door Weller in samenwerking met JENS "
            "en Woonpunt.",
            "nl",
            ("Samen Sterk", "Weller", "JENS", "Woonpunt"),
            {"weller"},
            {"jens", "woonpunt"},
        ),
        (
            "Onder leiding van Gemeente Heerlen werken Weller, Woonpunt en JENS samen in het "
            "project Veilige Buurt.",
            "nl",
            ("Gemeente Heerlen", "Weller", "Woonpunt", "JENS", "Veilige Buurt"),
            {"gemeente-heerlen"},
            {"weller", "woonpunt", "jens"},
        ),
        (
            "Weller voert samen met JENS het programma Samen Sterk uit.",
            "nl",
            ("Weller", "JENS", "Samen Sterk"),
            {"weller"},
            {"jens"},
        ),
        (
            "Sinds 2023 voert Woonpunt het project Veilige Buurt uit, met steun van Politie "
            "Limburg.",
            "nl",
            ("Woonpunt", "Veilige Buurt", "Politie Limburg"),
            {"woonpunt"},
            {"politie-limburg"},
        ),
        (
            "Veilige Buurt is een initiatief van Stichting Buurtkracht.",
            "nl",
            ("Veilige Buurt", "Stichting Buurtkracht"),
            {"stichting-buurtkracht"},
            set(),
        ),
        (
            "Safe Streets is led by Heerlen municipality together with Weller and JENS.",
            "en",
            ("Safe Streets", "Heerlen municipality", "Weller", "JENS"),
            {"gemeente-heerlen"},
            {"weller", "jens"},
        ),
        (
            "Weller launched the Safe Streets programme in cooperation with Politie Limburg.",
            "en",
            ("Weller", "Safe Streets", "Politie Limburg"),
            {"weller"},
            {"politie-limburg"},
        ),
        (
            "Maastricht University and JENS take part in Safe Streets.",
            "en",
            ("Maastricht University", "JENS", "Safe Streets"),
            set(),
            {"maastricht-university", "jens"},
        ),
        (
            "Le projet Quartier Sûr est porté par la commune de Heerlen en partenariat avec "
            "Weller, JENS et Politie Limburg.",
            "fr",
            ("Quartier Sûr", "commune de Heerlen", "Weller", "JENS", "Politie Limburg"),
            {"gemeente-heerlen"},
            {"weller", "jens", "politie-limburg"},
        ),
        (
            "La commune de Heerlen lance le projet Quartier Sûr avec Woonpunt.",
            "fr",
            ("commune de Heerlen", "Quartier Sûr", "Woonpunt"),
            {"gemeente-heerlen"},
            {"woonpunt"},
        ),
    ],
)
def test_who_runs_and_who_partners(
    finder: RelationFinder,
    model: OntologyModel,
    text: str,
    lang: str,
    surfaces: tuple[str, ...],
    runs: set[str],
    partners: set[str],
) -> None:
    found = _roles(finder, model, text, lang, *surfaces)
    programme = next(KNOWN[s][1] for s in surfaces if KNOWN[s][0] == "Programme")
    expected = {("RUNS", f"stakeholder:{s}", programme) for s in runs} | {
        ("PARTNER_IN", f"stakeholder:{s}", programme) for s in partners
    }
    assert found == expected


def test_bullet_list_of_partners_with_a_lead(finder: RelationFinder, model: OntologyModel) -> None:
    text = (
        "Het programma Samen Sterk kent de volgende partners:\n"
        "- Weller (trekker)\n"
        "- Woonpunt\n"
        "- JENS\n\n"
        "Bewoners zijn tevreden."
    )
    found = _roles(finder, model, text, "nl", "Samen Sterk", "Weller", "Woonpunt", "JENS")
    assert found == {
        ("RUNS", "stakeholder:weller", "programme:samen-sterk"),
        ("PARTNER_IN", "stakeholder:woonpunt", "programme:samen-sterk"),
        ("PARTNER_IN", "stakeholder:jens", "programme:samen-sterk"),
    }


def test_bullet_item_evidence_spans_head_and_item(
    finder: RelationFinder, model: OntologyModel
) -> None:
    text = "Partners van Samen Sterk:\n- Woonpunt\n- JENS"
    relations, _ = run(finder, model, text, "nl", "Samen Sterk", "Woonpunt", "JENS")
    by_source = {r.source: r for r in relations}
    assert text[by_source["stakeholder:jens"].start : by_source["stakeholder:jens"].end] == text
    woonpunt = by_source["stakeholder:woonpunt"]
    assert text[woonpunt.start : woonpunt.end] == "Partners van Samen Sterk:\n- Woonpunt"


def test_partner_list_after_the_programme_sentence(
    finder: RelationFinder, model: OntologyModel
) -> None:
    text = (
        "Samen Sterk startte in 2023 in Passart.\n\n"
        "Partners:\n"
        "- Weller\n"
        "- JENS\n\n"
        "Partenaires : Woonpunt et Politie Limburg."
    )
    found = _roles(
        finder,
        model,
        text,
        "nl",
        "Samen Sterk",
        "Passart",
        "Weller",
        "JENS",
        "Woonpunt",
        "Politie Limburg",
    )
    assert found == {
        ("PARTNER_IN", f"stakeholder:{s}", "programme:samen-sterk")
        for s in ("weller", "jens", "woonpunt", "politie-limburg")
    }


def test_a_runner_that_is_also_named_a_partner_only_runs(
    finder: RelationFinder, model: OntologyModel
) -> None:
    text = (
        "Het programma Samen Sterk heeft drie partners: Weller, JENS en Woonpunt. "
        "Weller is trekker van het programma Samen Sterk."
    )
    found = _roles(
        finder,
        model,
        text,
        "nl",
        "Samen Sterk",
        "Weller",
        "JENS",
        "Woonpunt",
        "Weller",
        "Samen Sterk",
    )
    assert found == {
        ("RUNS", "stakeholder:weller", "programme:samen-sterk"),
        ("PARTNER_IN", "stakeholder:jens", "programme:samen-sterk"),
        ("PARTNER_IN", "stakeholder:woonpunt", "programme:samen-sterk"),
    }


def test_role_in_parentheses_in_a_running_list(
    finder: RelationFinder, model: OntologyModel
) -> None:
    text = "Partners in Safe Streets are Weller (lead), JENS and Woonpunt."
    found = _roles(finder, model, text, "en", "Safe Streets", "Weller", "JENS", "Woonpunt")
    assert found == {
        ("RUNS", "stakeholder:weller", "programme:safe-streets"),
        ("PARTNER_IN", "stakeholder:jens", "programme:safe-streets"),
        ("PARTNER_IN", "stakeholder:woonpunt", "programme:safe-streets"),
    }


@pytest.mark.parametrize(
    ("text", "lang", "surfaces", "expected"),
    [
        (
            "JENS, Weller en Woonpunt maken deel uit van Samen Sterk.",
            "nl",
            ("JENS", "Weller", "Woonpunt", "Samen Sterk"),
            {("PARTNER_IN", s) for s in ("jens", "weller", "woonpunt")},
        ),
        (
            "JENS en Weller zijn trekkers van Samen Sterk.",
            "nl",
            ("JENS", "Weller", "Samen Sterk"),
            {("RUNS", "jens"), ("RUNS", "weller")},
        ),
        (
            "Trekker van Samen Sterk is Weller; partners zijn JENS en Woonpunt.",
            "nl",
            ("Samen Sterk", "Weller", "JENS", "Woonpunt"),
            {("RUNS", "weller"), ("PARTNER_IN", "jens"), ("PARTNER_IN", "woonpunt")},
        ),
        (
            "Samen Sterk: trekker is Weller, partners zijn JENS en Woonpunt.",
            "nl",
            ("Samen Sterk", "Weller", "JENS", "Woonpunt"),
            {("RUNS", "weller"), ("PARTNER_IN", "jens"), ("PARTNER_IN", "woonpunt")},
        ),
        (
            "Het project Samen Sterk wordt gefinancierd door Woonpunt en uitgevoerd door JENS.",
            "nl",
            ("Samen Sterk", "Woonpunt", "JENS"),
            {("PARTNER_IN", "woonpunt"), ("RUNS", "jens")},
        ),
        (
            "Samen Sterk, een programma van de Gemeente Heerlen, loopt in Passart.",
            "nl",
            ("Samen Sterk", "Gemeente Heerlen", "Passart"),
            {("RUNS", "gemeente-heerlen")},
        ),
        (
            "Gemeente Heerlen heeft Samen Sterk in 2021 opgezet.",
            "nl",
            ("Gemeente Heerlen", "Samen Sterk"),
            {("RUNS", "gemeente-heerlen")},
        ),
        (
            "Binnen Samen Sterk werkt Woonpunt aan veilige portieken.",
            "nl",
            ("Samen Sterk", "Woonpunt"),
            {("PARTNER_IN", "woonpunt")},
        ),
        (
            "Safe Streets is a partnership between Weller, JENS and Politie Limburg.",
            "en",
            ("Safe Streets", "Weller", "JENS", "Politie Limburg"),
            {("PARTNER_IN", s) for s in ("weller", "jens", "politie-limburg")},
        ),
        (
            "Woonpunt and Weller are the lead partners of Safe Streets.",
            "en",
            ("Woonpunt", "Weller", "Safe Streets"),
            {("RUNS", "woonpunt"), ("RUNS", "weller")},
        ),
        (
            "Weller's Safe Streets project covers Schandelen.",
            "en",
            ("Weller", "Safe Streets", "Schandelen"),
            {("RUNS", "weller")},
        ),
        (
            "Le projet Quartier Sûr, mené par la commune de Heerlen et financé par Weller, "
            "cible Mariarade.",
            "fr",
            ("Quartier Sûr", "commune de Heerlen", "Weller", "Mariarade"),
            {("RUNS", "gemeente-heerlen"), ("PARTNER_IN", "weller")},
        ),
    ],
)
def test_more_ways_to_say_who_runs_and_who_partners(
    finder: RelationFinder,
    model: OntologyModel,
    text: str,
    lang: str,
    surfaces: tuple[str, ...],
    expected: set[tuple[str, str]],
) -> None:
    found = _roles(finder, model, text, lang, *surfaces)
    programme = next(KNOWN[s][1] for s in surfaces if KNOWN[s][0] == "Programme")
    assert found == {(t, f"stakeholder:{s}", programme) for t, s in expected}


@pytest.mark.parametrize(
    ("text", "lang", "surfaces"),
    [
        (
            "De evaluatie van Samen Sterk wordt uitgevoerd door Maastricht University.",
            "nl",
            ("Samen Sterk", "Maastricht University"),
        ),
        (
            "Weller en JENS waren aanwezig bij de presentatie van Samen Sterk.",
            "nl",
            ("Weller", "JENS", "Samen Sterk"),
        ),
        (
            "Weller notes that Safe Streets leads to fewer complaints.",
            "en",
            ("Weller", "Safe Streets"),
        ),
    ],
)
def test_no_role_without_a_cue(
    finder: RelationFinder, model: OntologyModel, text: str, lang: str, surfaces: tuple[str, ...]
) -> None:
    assert _roles(finder, model, text, lang, *surfaces) == set()


# ------------------------------------------------------------------ anaphora


def test_the_project_stands_for_the_programme_named_before(
    finder: RelationFinder, model: OntologyModel
) -> None:
    text = (
        "Samen Sterk startte in 2023. Het project wordt uitgevoerd door Weller en richt zich "
        "op Passart."
    )
    relations, _ = run(finder, model, text, "nl", "Samen Sterk", "Weller", "Passart")
    found = {(r.type, r.source, r.target): r.confidence for r in relations}
    assert set(found) == {
        ("RUNS", "stakeholder:weller", "programme:samen-sterk"),
        ("TARGETS", "programme:samen-sterk", "BU09172100"),
    }
    assert all(c < 0.85 for c in found.values())  # through an anaphor: less sure


def test_the_municipality_stands_for_the_one_local_government(
    finder: RelationFinder, model: OntologyModel
) -> None:
    text = "Gemeente Heerlen werkt aan veiligheid. De gemeente start het project Veilige Buurt."
    found = _roles(finder, model, text, "nl", "Gemeente Heerlen", "Veilige Buurt")
    assert found == {("RUNS", "stakeholder:gemeente-heerlen", "programme:veilige-buurt")}


def test_no_anaphor_without_a_programme_before(
    finder: RelationFinder, model: OntologyModel
) -> None:
    text = "Het project wordt uitgevoerd door Weller. Later kwam Samen Sterk."
    assert _roles(finder, model, text, "nl", "Weller", "Samen Sterk") == set()


# ------------------------------------------------------------------ incidents


def test_an_event_becomes_an_incident_at_the_most_specific_place(
    finder: RelationFinder, model: OntologyModel
) -> None:
    text = "Gisteravond vond een explosie plaats aan de Akerstraat in Heerlerheide."
    relations, incidents = run(finder, model, text, "nl", "explosie", "Akerstraat", "Heerlerheide")
    assert [i.id for i in incidents] == ["incident:explosion-street-akerstraat-undated"]
    incident = incidents[0]
    assert incident.type == "Incident"
    assert incident.classes == model.lineage("Incident")
    assert (incident.text, incident.start, incident.end) == ("explosie", 21, 29)
    assert incident.name == "explosion, Akerstraat"
    found = {(r.type, r.source, r.target) for r in relations}
    assert found == {
        ("OF_TYPE", incident.id, "incident-type:explosion"),
        ("OCCURRED_IN", incident.id, "street:akerstraat"),
    }
    assert all(r.start == 0 and r.end == len(text) for r in relations)


@pytest.mark.parametrize(
    ("text", "lang", "surfaces", "incident_id"),
    [
        (
            "Op 3 maart 2024 werd in Grasbroek een hennepkwekerij opgerold.",
            "nl",
            ("Grasbroek", "hennepkwekerij"),
            "incident:cannabis-cultivation-bu09173101-2024-03-03",
        ),
        (
            "On 12 May 2023 a shooting occurred in Grasbroek.",
            "en",
            ("shooting", "Grasbroek"),
            "incident:shooting-bu09173101-2023-05-12",
        ),
        (
            "Last night an explosion on Akerstraat in Heerlen damaged three houses.",
            "en",
            ("explosion", "Akerstraat", "Heerlen"),
            "incident:explosion-street-akerstraat-undated",
        ),
        (
            "Le 3 mars 2024, une fusillade a eu lieu dans le quartier de Grasbroek.",
            "fr",
            ("fusillade", "Grasbroek"),
            "incident:shooting-bu09173101-2024-03-03",
        ),
        (
            "Hier soir, une explosion s'est produite rue Akerstraat à Heerlen.",
            "fr",
            ("explosion", "Akerstraat", "Heerlen"),
            "incident:explosion-street-akerstraat-undated",
        ),
        (
            "Bij een schietincident aan de Akerstraat raakte niemand gewond.",
            "nl",
            ("schietincident", "Akerstraat"),
            "incident:shooting-street-akerstraat-undated",
        ),
        (
            "In Heerlen, in de wijk Mariarade, werd op 03-03-2024 een explosie gemeld aan de "
            "Kloosterweg.",
            "nl",
            ("Heerlen", "Mariarade", "explosie", "Kloosterweg"),
            "incident:explosion-street-kloosterweg-2024-03-03",
        ),
    ],
)
def test_incidents_in_three_languages(
    finder: RelationFinder,
    model: OntologyModel,
    text: str,
    lang: str,
    surfaces: tuple[str, ...],
    incident_id: str,
) -> None:
    relations, incidents = run(finder, model, text, lang, *surfaces)
    assert [i.id for i in incidents] == [incident_id]
    occurred = [r for r in relations if r.type == "OCCURRED_IN"]
    assert len(occurred) == 1 and occurred[0].source == incident_id


@pytest.mark.parametrize(
    ("text", "lang", "surfaces"),
    [
        ("Inbraken nemen toe in Heerlerheide.", "nl", ("Heerlerheide",)),
        (
            "Het aantal woninginbraken in Passart daalde in 2023.",
            "nl",
            ("woninginbraken", "Passart"),
        ),
        ("Hier is veel overlast in Grasbroek.", "nl", ("overlast", "Grasbroek")),
        ("Burglary rates fell in Meezenbroek last year.", "en", ("Burglary", "Meezenbroek")),
        (
            "On 3 May 2024 the council discussed burglary in Meezenbroek.",
            "en",
            ("burglary", "Meezenbroek"),
        ),
        (
            "La lutte contre le trafic de drogue à Grasbroek reste une priorité.",
            "fr",
            ("trafic de drogue", "Grasbroek"),
        ),
        ("Bewoners melden meer overlast in Schandelen.", "nl", ("overlast", "Schandelen")),
        ("Elke dinsdag is er drugsoverlast in Grasbroek.", "nl", ("drugsoverlast", "Grasbroek")),
        (
            "In 2023 werden in Heerlen 14 hennepkwekerijen opgerold.",
            "nl",
            ("Heerlen", "hennepkwekerij"),
        ),
        ("Gisteren vond er een explosie plaats.", "nl", ("explosie",)),  # no place
    ],
)
def test_generic_crime_talk_is_no_incident(
    finder: RelationFinder, model: OntologyModel, text: str, lang: str, surfaces: tuple[str, ...]
) -> None:
    relations, incidents = run(finder, model, text, lang, *surfaces)
    assert incidents == []
    assert not [r for r in relations if r.type in {"OCCURRED_IN", "OF_TYPE"}]


def test_two_events_in_one_sentence_each_get_their_place(
    finder: RelationFinder, model: OntologyModel
) -> None:
    text = "Vannacht was er een explosie aan de Akerstraat en een schietincident in Grasbroek."
    relations, incidents = run(
        finder, model, text, "nl", "explosie", "Akerstraat", "schietincident", "Grasbroek"
    )
    assert {i.id for i in incidents} == {
        "incident:explosion-street-akerstraat-undated",
        "incident:shooting-bu09173101-undated",
    }
    occurred = {(r.source, r.target) for r in relations if r.type == "OCCURRED_IN"}
    assert occurred == {
        ("incident:explosion-street-akerstraat-undated", "street:akerstraat"),
        ("incident:shooting-bu09173101-undated", "BU09173101"),
    }


def test_the_same_event_gets_the_same_id_in_two_documents(
    finder: RelationFinder, model: OntologyModel
) -> None:
    nl = "Op 3 maart 2024 vond een explosie plaats aan de Akerstraat."
    en = "An explosion occurred on Akerstraat on 3 March 2024, police said."
    _, first = run(finder, model, nl, "nl", "explosie", "Akerstraat")
    _, second = run(finder, model, en, "en", "explosion", "Akerstraat")
    assert [i.id for i in first] == [i.id for i in second]
    assert first[0].id == "incident:explosion-street-akerstraat-2024-03-03"
    assert first[0].name == "explosion, Akerstraat, 2024-03-03"


def test_an_event_told_twice_is_one_incident(finder: RelationFinder, model: OntologyModel) -> None:
    text = (
        "Gisteren ontplofte een explosief; het was een explosie aan de Akerstraat. "
        "De explosie aan de Akerstraat werd gisteren door buren gemeld."
    )
    _, incidents = run(
        finder, model, text, "nl", "explosie", "Akerstraat", "explosie", "Akerstraat"
    )
    assert [i.id for i in incidents] == ["incident:explosion-street-akerstraat-undated"]
    assert incidents[0].start == text.index("explosie")


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("op 3 maart 2024", "2024-03-03"),
        ("le 1er mars 2024", "2024-03-01"),
        ("on 12 May 2023", "2023-05-12"),
        ("May 12, 2023", "2023-05-12"),
        ("op 03-03-2024", "2024-03-03"),
        ("3/11/2022", "2022-11-03"),
        ("2024-03-03", "2024-03-03"),
        ("zaterdag 17 augustus 2024", "2024-08-17"),
        ("le 3 août 2024", "2024-08-03"),
        ("op 3 maart", None),
        ("31 februari 2024", None),
        ("in 2024", None),
    ],
)
def test_dates_in_three_languages(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


# ------------------------------------------------------------------ facilities


@pytest.mark.parametrize(
    ("text", "lang", "surfaces", "expected"),
    [
        (
            "Wijkcentrum De Kroon aan de Akerstraat wordt beheerd door Stichting Buurtkracht.",
            "nl",
            ("Wijkcentrum De Kroon", "Akerstraat", "Stichting Buurtkracht"),
            {
                ("LOCATED_IN", "community-centre:wijkcentrum-de-kroon", "street:akerstraat"),
                (
                    "OPERATES",
                    "stakeholder:stichting-buurtkracht",
                    "community-centre:wijkcentrum-de-kroon",
                ),
            },
        ),
        (
            "Weller beheert buurthuis De Ster in Hoensbroek.",
            "nl",
            ("Weller", "buurthuis De Ster", "Hoensbroek"),
            {
                ("LOCATED_IN", "community-centre:buurthuis-de-ster", "area:hoensbroek"),
                ("OPERATES", "stakeholder:weller", "community-centre:buurthuis-de-ster"),
            },
        ),
        (
            "The community centre The Hub, located in Meezenbroek, is run by Weller.",
            "en",
            ("community centre The Hub", "Meezenbroek", "Weller"),
            {
                ("LOCATED_IN", "community-centre:the-hub", "BU09173202"),
                ("OPERATES", "stakeholder:weller", "community-centre:the-hub"),
            },
        ),
        (
            "La maison de quartier Le Phare, située à Hoensbroek, est gérée par Woonpunt.",
            "fr",
            ("maison de quartier Le Phare", "Hoensbroek", "Woonpunt"),
            {
                ("LOCATED_IN", "community-centre:le-phare", "area:hoensbroek"),
                ("OPERATES", "stakeholder:woonpunt", "community-centre:le-phare"),
            },
        ),
        (
            "In Grasbroek ligt buurthuis De Ster.",
            "nl",
            ("Grasbroek", "buurthuis De Ster"),
            {("LOCATED_IN", "community-centre:buurthuis-de-ster", "BU09173101")},
        ),
    ],
)
def test_facilities_where_and_by_whom(
    finder: RelationFinder,
    model: OntologyModel,
    text: str,
    lang: str,
    surfaces: tuple[str, ...],
    expected: set[tuple[str, str, str]],
) -> None:
    assert triples(finder, model, text, lang, *surfaces) == expected


def test_a_programme_run_by_a_stakeholder_is_not_operated(
    finder: RelationFinder, model: OntologyModel
) -> None:
    text = "Safe Streets is run by Weller."
    assert triples(finder, model, text, "en", "Safe Streets", "Weller") == {
        ("RUNS", "stakeholder:weller", "programme:safe-streets")
    }


def test_class_words_are_not_entities(finder: RelationFinder, model: OntologyModel) -> None:
    text = "De speeltuin aan de Akerstraat wordt beheerd door Weller."
    relations, incidents = run(finder, model, text, "nl", "speeltuin", "Akerstraat", "Weller")
    assert relations == [] and incidents == []


# ------------------------------------------------------------------ ACTIVE_IN


@pytest.mark.parametrize(
    ("text", "lang", "surfaces", "expected"),
    [
        (
            "JENS is actief in Grasbroek en Musschemig.",
            "nl",
            ("JENS", "Grasbroek", "Musschemig"),
            {("stakeholder:jens", "BU09173101"), ("stakeholder:jens", "BU09173100")},
        ),
        (
            "In Hoensbroek zijn Weller en JENS actief.",
            "nl",
            ("Hoensbroek", "Weller", "JENS"),
            {("stakeholder:weller", "area:hoensbroek"), ("stakeholder:jens", "area:hoensbroek")},
        ),
        (
            "Politie Limburg patrols Schandelen at night.",
            "en",
            ("Politie Limburg", "Schandelen"),
            {("stakeholder:politie-limburg", "BU09173102")},
        ),
        (
            "Woonpunt est présent dans le quartier de Mariarade.",
            "fr",
            ("Woonpunt", "Mariarade"),
            {("stakeholder:woonpunt", "WK091711")},
        ),
        (
            "Samen Sterk wordt gedragen door Weller, dat ook in Hoensbroek actief is.",
            "nl",
            ("Weller", "Hoensbroek"),
            {("stakeholder:weller", "area:hoensbroek")},
        ),
        (
            "Stichting Buurtkracht works with young people in Meezenbroek.",
            "en",
            ("Stichting Buurtkracht", "Meezenbroek"),
            {("stakeholder:stichting-buurtkracht", "BU09173202")},
        ),
    ],
)
def test_stakeholders_active_in_places(
    finder: RelationFinder,
    model: OntologyModel,
    text: str,
    lang: str,
    surfaces: tuple[str, ...],
    expected: set[tuple[str, str]],
) -> None:
    found = triples(finder, model, text, lang, *surfaces)
    assert found == {("ACTIVE_IN", s, p) for s, p in expected}


@pytest.mark.parametrize(
    ("text", "lang", "surfaces"),
    [
        (
            "Politie Limburg meldt meer overlast in Grasbroek.",
            "nl",
            ("Politie Limburg", "overlast", "Grasbroek"),
        ),
        ("Weller bespreekt de situatie in Passart.", "nl", ("Weller", "Passart")),
        ("Residents of Meezenbroek asked Woonpunt for help.", "en", ("Meezenbroek", "Woonpunt")),
    ],
)
def test_no_activity_from_talk_about_a_place(
    finder: RelationFinder, model: OntologyModel, text: str, lang: str, surfaces: tuple[str, ...]
) -> None:
    assert not {t for t in triples(finder, model, text, lang, *surfaces) if t[0] == "ACTIVE_IN"}


# ------------------------------------------------------------------ the document as a whole


def test_one_relation_per_triple_with_the_highest_confidence(
    finder: RelationFinder, model: OntologyModel
) -> None:
    text = (
        "Samen Sterk en Heerlerheide worden vaak samen genoemd. "
        "In Heerlerheide start Samen Sterk. "
        "Het programma Samen Sterk richt zich op Heerlerheide. "
        "Samen Sterk richt zich op Heerlerheide."
    )
    relations, _ = run(
        finder,
        model,
        text,
        "nl",
        "Samen Sterk",
        "Heerlerheide",
        "Heerlerheide",
        "Samen Sterk",
        "Samen Sterk",
        "Heerlerheide",
        "Samen Sterk",
        "Heerlerheide",
    )
    assert len(relations) == 1
    (targets,) = relations
    assert (targets.type, targets.source, targets.target) == (
        "TARGETS",
        "programme:samen-sterk",
        "area:heerlerheide",
    )
    third = text.index("Het programma")
    assert targets.confidence == 0.9
    assert (targets.start, targets.end) == (third, text.index(" Samen Sterk richt", third + 20))


def test_confidence_is_higher_with_an_explicit_cue(
    finder: RelationFinder, model: OntologyModel
) -> None:
    cue = "JENS is actief in Grasbroek."
    plain = "JENS start een jongerenproject in Grasbroek."
    explicit = run(finder, model, cue, "nl", "JENS", "Grasbroek")[0]
    weak = run(finder, model, plain, "nl", "JENS", "Grasbroek")[0]
    assert explicit[0].confidence >= 0.8
    assert 0.5 <= weak[0].confidence <= 0.6


def test_ambiguous_surface_takes_the_class_word_before_it(
    finder: RelationFinder, model: OntologyModel
) -> None:
    text = "Het project Samen Sterk loopt in de wijk De Koumen."
    start = text.index("De Koumen")
    shared = [
        Entity(t, model.lineage(t), "De Koumen", start, start + 9, i, "De Koumen", 0.5)
        for t, i in (("Neighbourhood", "BU09171400"), ("District", "WK091714"))
    ]
    found, _ = finder.find(text, [*entities(model, text, "Samen Sterk"), *shared], "nl")
    assert {(r.type, r.target) for r in found} == {("TARGETS", "WK091714")}


def test_nothing_in_an_empty_or_entity_free_text(
    finder: RelationFinder, model: OntologyModel
) -> None:
    assert finder.find("", [], "nl") == ([], [])
    assert finder.find("Het regent in de stad. Iedereen blijft binnen.", [], "nl") == ([], [])


def test_relations_only_use_entity_ids_and_valid_spans(
    finder: RelationFinder, model: OntologyModel
) -> None:
    text = (
        "Het programma Samen Sterk wordt uitgevoerd door Weller en richt zich op Passart.\n"
        "Gisteren vond een explosie plaats aan de Akerstraat."
    )
    relations, incidents = run(
        finder, model, text, "nl", "Samen Sterk", "Weller", "Passart", "explosie", "Akerstraat"
    )
    ids = {KNOWN[s][1] for s in ("Samen Sterk", "Weller", "Passart", "explosie", "Akerstraat")}
    ids |= {i.id for i in incidents}
    for r in relations:
        assert r.source in ids and r.target in ids
        assert 0 <= r.start < r.end <= len(text)
        assert 0.0 < r.confidence <= 1.0
        assert model.rel(r.type)


# ------------------------------------------------------------------ lists, colons, subjects


@pytest.mark.parametrize(
    ("text", "lang", "surfaces", "partners"),
    [
        (
            "Samen Sterk wordt uitgevoerd samen met Weller, het Bureau Wijkzaken (BWZ), "
            "Woonpunt en de zorgaanbieder JENS.",
            "nl",
            ("Samen Sterk", "Weller", "Woonpunt", "JENS"),
            {"stakeholder:weller", "stakeholder:woonpunt", "stakeholder:jens"},
        ),
        (
            "Safe Streets works in partnership with Weller, a small tenants' forum and "
            "Politie Limburg.",
            "en",
            ("Safe Streets", "Weller", "Politie Limburg"),
            {"stakeholder:weller", "stakeholder:politie-limburg"},
        ),
        (
            "Quartier Sûr est mené en partenariat avec Woonpunt, la Maison des Aînés et JENS.",
            "fr",
            ("Quartier Sûr", "Woonpunt", "JENS"),
            {"stakeholder:woonpunt", "stakeholder:jens"},
        ),
    ],
)
def test_a_list_runs_on_across_unrecognised_items(
    finder: RelationFinder,
    model: OntologyModel,
    text: str,
    lang: str,
    surfaces: tuple[str, ...],
    partners: set[str],
) -> None:
    found = triples(finder, model, text, lang, *surfaces, types=("PARTNER_IN",))
    assert {s for _, s, _ in found} == partners


def test_a_list_stops_at_a_clause_word(finder: RelationFinder, model: OntologyModel) -> None:
    text = "Samen Sterk werkt samen met Weller, waarbij volgens Woonpunt weinig verandert."
    found = triples(finder, model, text, "nl", "Samen Sterk", "Weller", "Woonpunt")
    assert ("PARTNER_IN", "stakeholder:weller", "programme:samen-sterk") in found
    assert not any(s == "stakeholder:woonpunt" for _, s, _ in found)


@pytest.mark.parametrize(
    ("text", "lang", "surfaces", "types"),
    [
        (
            "Safe Streets tackles two problems of the night: burglary by organised gangs "
            "and youth nuisance near the station.",
            "en",
            ("Safe Streets", "burglary", "youth nuisance"),
            {"incident-type:burglary", "incident-type:youth-nuisance"},
        ),
        (
            "Het programma Samen Sterk wil twee dingen verminderen: inbraken in garageboxen "
            "en drugsoverlast rond de scholen.",
            "nl",
            ("Samen Sterk", "inbraken", "drugsoverlast"),
            {"incident-type:burglary", "incident-type:drug-nuisance"},
        ),
    ],
)
def test_a_combating_cue_before_a_colon_holds_for_the_whole_list(
    finder: RelationFinder,
    model: OntologyModel,
    text: str,
    lang: str,
    surfaces: tuple[str, ...],
    types: set[str],
) -> None:
    found = triples(finder, model, text, lang, *surfaces, types=("ADDRESSES",))
    assert {t for _, _, t in found} == types


def test_no_addresses_from_a_colon_without_a_cue(
    finder: RelationFinder, model: OntologyModel
) -> None:
    text = "Safe Streets reported two figures: burglary rose and youth nuisance fell."
    surfaces = ("Safe Streets", "burglary", "youth nuisance")
    assert not triples(finder, model, text, "en", *surfaces, types=("ADDRESSES",))


@pytest.mark.parametrize(
    ("text", "lang", "surfaces"),
    [
        (
            "Met Samen Sterk wil de gemeente de overlast in drie buurten halveren: "
            "Passart, Grasbroek en Musschemig.",
            "nl",
            ("Samen Sterk", "overlast", "Passart", "Grasbroek", "Musschemig"),
        ),
        (
            "Safe Streets will be tried in the following neighbourhoods first: Passart, "
            "Grasbroek and Musschemig.",
            "en",
            ("Safe Streets", "Passart", "Grasbroek", "Musschemig"),
        ),
    ],
)
def test_places_listed_after_a_colon_are_targets(
    finder: RelationFinder,
    model: OntologyModel,
    text: str,
    lang: str,
    surfaces: tuple[str, ...],
) -> None:
    found = triples(finder, model, text, lang, *surfaces, types=("TARGETS",))
    assert {t for _, _, t in found} == {"BU09172100", "BU09173101", "BU09173100"}


def test_a_place_chain_with_in_particular(finder: RelationFinder, model: OntologyModel) -> None:
    text = (
        "Safe Streets targets Heerlerheide and in particular the neighbourhoods Passart "
        "and Grasbroek."
    )
    found = triples(
        finder,
        model,
        text,
        "en",
        "Safe Streets",
        "Heerlerheide",
        "Passart",
        "Grasbroek",
        types=("TARGETS",),
    )
    assert {t for _, _, t in found} == {"area:heerlerheide", "BU09172100", "BU09173101"}


@pytest.mark.parametrize(
    ("text", "lang", "surfaces"),
    [
        (
            "Quartier Sûr cible en priorité le quartier de Passart.",
            "fr",
            ("Quartier Sûr", "Passart"),
        ),
        (
            "Het project Samen Sterk richt zich vooral op Passart.",
            "nl",
            ("Samen Sterk", "Passart"),
        ),
    ],
)
def test_an_adverb_inside_a_targeting_cue(
    finder: RelationFinder,
    model: OntologyModel,
    text: str,
    lang: str,
    surfaces: tuple[str, ...],
) -> None:
    found = triples(finder, model, text, lang, *surfaces, types=("TARGETS",))
    assert {t for _, _, t in found} == {"BU09172100"}


@pytest.mark.parametrize(
    ("text", "lang", "surfaces", "expected"),
    [
        (
            "Samen Sterk startte in 2022. Het richt zich op drugsoverlast in Passart.",
            "nl",
            ("Samen Sterk", "drugsoverlast", "Passart"),
            {
                ("ADDRESSES", "programme:samen-sterk", "incident-type:drug-nuisance"),
                ("TARGETS", "programme:samen-sterk", "BU09172100"),
            },
        ),
        (
            "Safe Streets is a two-year pilot. It tackles youth nuisance in Grasbroek.",
            "en",
            ("Safe Streets", "youth nuisance", "Grasbroek"),
            {
                ("ADDRESSES", "programme:safe-streets", "incident-type:youth-nuisance"),
                ("TARGETS", "programme:safe-streets", "BU09173101"),
            },
        ),
        (
            "Quartier Sûr a débuté en mars. Il vise les cambriolages à Passart.",
            "fr",
            ("Quartier Sûr", "cambriolages", "Passart"),
            {
                ("ADDRESSES", "programme:quartier-sur", "incident-type:burglary"),
                ("TARGETS", "programme:quartier-sur", "BU09172100"),
            },
        ),
        (
            "Het convenant Veilige Buurt is getekend. Het convenant is gericht op drugsoverlast.",
            "nl",
            ("Veilige Buurt", "drugsoverlast"),
            {("ADDRESSES", "programme:veilige-buurt", "incident-type:drug-nuisance")},
        ),
    ],
)
def test_a_sentence_opening_pronoun_continues_the_programme(
    finder: RelationFinder,
    model: OntologyModel,
    text: str,
    lang: str,
    surfaces: tuple[str, ...],
    expected: set[tuple[str, str, str]],
) -> None:
    assert triples(finder, model, text, lang, *surfaces) >= expected


def test_a_pronoun_far_from_the_programme_stands_for_nothing(
    finder: RelationFinder, model: OntologyModel
) -> None:
    filler = " ".join(["Daarna volgde een lange discussie over de begroting."] * 14)
    text = f"Samen Sterk startte in 2022. {filler} Het richt zich op drugsoverlast."
    assert not triples(finder, model, text, "nl", "Samen Sterk", "drugsoverlast")


def test_a_pronoun_before_a_non_programme_verb_stands_for_nothing(
    finder: RelationFinder, model: OntologyModel
) -> None:
    text = "Safe Streets began in May. It is hard to reduce youth nuisance in Grasbroek."
    found = triples(finder, model, text, "en", "Safe Streets", "youth nuisance", "Grasbroek")
    assert not found


@pytest.mark.parametrize(
    ("text", "lang", "surfaces", "expected"),
    [
        (
            'Zij lichtte het project "Samen Sterk" toe, dat Weller samen met JENS uitvoert.',
            "nl",
            ("Samen Sterk", "Weller", "JENS"),
            {
                ("RUNS", "stakeholder:weller", "programme:samen-sterk"),
                ("PARTNER_IN", "stakeholder:jens", "programme:samen-sterk"),
            },
        ),
        (
            "We studied the Safe Streets approach, which Heerlen municipality has run since "
            "2021 together with Woonpunt.",
            "en",
            ("Safe Streets", "Heerlen municipality", "Woonpunt"),
            {
                ("RUNS", "stakeholder:gemeente-heerlen", "programme:safe-streets"),
                ("PARTNER_IN", "stakeholder:woonpunt", "programme:safe-streets"),
            },
        ),
        (
            "Het onderzoek hoort bij de aanpak Veilige Buurt, waarmee Weller, Woonpunt en "
            "Politie Limburg overlast aanpakken.",
            "nl",
            ("Veilige Buurt", "Weller", "Woonpunt", "Politie Limburg"),
            {
                ("PARTNER_IN", "stakeholder:weller", "programme:veilige-buurt"),
                ("PARTNER_IN", "stakeholder:woonpunt", "programme:veilige-buurt"),
                ("PARTNER_IN", "stakeholder:politie-limburg", "programme:veilige-buurt"),
            },
        ),
    ],
)
def test_the_subject_of_a_relative_clause_on_a_programme(
    finder: RelationFinder,
    model: OntologyModel,
    text: str,
    lang: str,
    surfaces: tuple[str, ...],
    expected: set[tuple[str, str, str]],
) -> None:
    found = triples(finder, model, text, lang, *surfaces, types=("RUNS", "PARTNER_IN"))
    assert found == expected


def test_a_relative_clause_about_talk_gives_no_role(
    finder: RelationFinder, model: OntologyModel
) -> None:
    text = "Zij noemde het project Samen Sterk, dat Weller een goed idee vindt."
    assert not triples(finder, model, text, "nl", "Samen Sterk", "Weller", types=("RUNS",))


def test_a_monitoring_project_developed_by_a_stakeholder_is_run_by_it(
    finder: RelationFinder, model: OntologyModel
) -> None:
    text = (
        'She presented "Safe Streets", a monitoring project developed by Maastricht '
        "University together with Weller."
    )
    found = triples(finder, model, text, "en", "Safe Streets", "Maastricht University", "Weller")
    assert ("RUNS", "stakeholder:maastricht-university", "programme:safe-streets") in found
    assert ("PARTNER_IN", "stakeholder:weller", "programme:safe-streets") in found


def test_a_programme_evaluated_by_a_stakeholder_is_not_run_by_it(
    finder: RelationFinder, model: OntologyModel
) -> None:
    text = "Samen Sterk wordt geëvalueerd door Maastricht University."
    assert not triples(
        finder, model, text, "nl", "Samen Sterk", "Maastricht University", types=("RUNS",)
    )


@pytest.mark.parametrize(
    ("text", "lang", "surfaces", "source"),
    [
        (
            "Since 2020 Woonpunt has run Safe Streets in Passart.",
            "en",
            ("Woonpunt", "Safe Streets", "Passart"),
            "stakeholder:woonpunt",
        ),
        (
            "Weller heeft Samen Sterk jarenlang geleid.",
            "nl",
            ("Weller", "Samen Sterk"),
            "stakeholder:weller",
        ),
        (
            "JENS a piloté Quartier Sûr pendant deux ans.",
            "fr",
            ("JENS", "Quartier Sûr"),
            "stakeholder:jens",
        ),
    ],
)
def test_perfect_tense_leading_verbs(
    finder: RelationFinder,
    model: OntologyModel,
    text: str,
    lang: str,
    surfaces: tuple[str, ...],
    source: str,
) -> None:
    found = triples(finder, model, text, lang, *surfaces, types=("RUNS",))
    assert {s for _, s, _ in found} == {source}


def test_a_list_does_not_run_on_across_a_preposition(
    finder: RelationFinder, model: OntologyModel
) -> None:
    text = "Safe Streets is led by Weller, with Politie Limburg and a local club as partners."
    found = triples(finder, model, text, "en", "Safe Streets", "Weller", "Politie Limburg")
    assert ("RUNS", "stakeholder:weller", "programme:safe-streets") in found
    assert ("RUNS", "stakeholder:politie-limburg", "programme:safe-streets") not in found


# ------------------------------------------------------------------ events told with a verb


def _occurred(
    finder: RelationFinder, model: OntologyModel, text: str, lang: str, *surfaces: str
) -> set[tuple[str, str]]:
    """(incident type, place) of each incident found."""
    relations, _ = run(finder, model, text, lang, *surfaces)
    types = {r.source: r.target for r in relations if r.type == "OF_TYPE"}
    return {(types[r.source], r.target) for r in relations if r.type == "OCCURRED_IN"}


def test_verb_table_uses_ontology_ids(model: OntologyModel) -> None:
    known = {c.id for c in model.concepts_of("IncidentType")}
    assert {type_id for _, type_id, _ in _VERB_EVENTS} <= known


@pytest.mark.parametrize(
    ("text", "lang", "surfaces", "expected"),
    [
        (
            "In de nacht van dinsdag op woensdag is ingebroken in een woning aan de Akerstraat.",
            "nl",
            ("Akerstraat",),
            {("incident-type:burglary", "street:akerstraat")},
        ),
        (
            "Bij een garage aan de Kloosterweg in Heerlerheide werd vannacht een auto in brand "
            "gestoken.",
            "nl",
            ("Kloosterweg", "Heerlerheide"),
            {("incident-type:arson", "street:kloosterweg")},
        ),
        (
            "Vannacht werd een geldautomaat aan de Akerstraat opgeblazen.",
            "nl",
            ("Akerstraat",),
            {("incident-type:atm-explosion", "street:akerstraat")},
        ),
        (
            "Last week a scooter was stolen outside a shop in Passart.",
            "en",
            ("Passart",),
            {("incident-type:vehicle-theft", "BU09172100")},
        ),
        (
            "An e-bike was stolen from a garden shed on the Kloosterweg on 3 June.",
            "en",
            ("Kloosterweg",),
            {("incident-type:bicycle-theft", "street:kloosterweg")},
        ),
        (
            "Samedi soir, deux voitures ont été incendiées sur le parking de l'Akerstraat.",
            "fr",
            ("Akerstraat",),
            {("incident-type:arson", "street:akerstraat")},
        ),
        (
            "Trois appartements de Meezenbroek ont été cambriolés pendant les vacances.",
            "fr",
            ("Meezenbroek",),
            {("incident-type:burglary", "BU09173202")},
        ),
        (
            # two events in two parts of one sentence, each at its own place
            "Op 3 mei ontplofte een explosief aan de Kloosterweg, en op 9 mei werden in "
            "Passart twee bushokjes vernield.",
            "nl",
            ("Kloosterweg", "Passart"),
            {
                ("incident-type:explosion", "street:kloosterweg"),
                ("incident-type:vandalism", "BU09172100"),
            },
        ),
    ],
)
def test_events_told_with_a_verb(
    finder: RelationFinder,
    model: OntologyModel,
    text: str,
    lang: str,
    surfaces: tuple[str, ...],
    expected: set[tuple[str, str]],
) -> None:
    assert _occurred(finder, model, text, lang, *surfaces) == expected


@pytest.mark.parametrize(
    ("text", "lang", "surfaces"),
    [
        ("In Heerlerheide wordt vaak ingebroken in schuurtjes.", "nl", ("Heerlerheide",)),
        ("Bikes can be stolen anywhere in Passart, so lock them.", "en", ("Passart",)),
        ("Er is dit jaar in Passart geen enkele auto gestolen.", "nl", ("Passart",)),
        (
            "Des voitures sont régulièrement incendiées à Meezenbroek.",
            "fr",
            ("Meezenbroek",),
        ),
        ("The number of cars stolen in Passart rose in 2023.", "en", ("Passart",)),
    ],
)
def test_generic_or_unreal_verbs_are_no_events(
    finder: RelationFinder, model: OntologyModel, text: str, lang: str, surfaces: tuple[str, ...]
) -> None:
    relations, incidents = run(finder, model, text, lang, *surfaces)
    assert not incidents
    assert not relations


def test_a_verb_event_names_its_incident_type_once(
    finder: RelationFinder, model: OntologyModel
) -> None:
    text = "Gisteren is ingebroken aan de Akerstraat."
    _, created = run(finder, model, text, "nl", "Akerstraat")
    kinds = {(e.type, e.id) for e in created}
    assert ("IncidentType", "incident-type:burglary") in kinds
    assert any(e.type == "Incident" for e in created)
    # named with a noun elsewhere in the text: no second incident-type entity
    text = "Vorig jaar waren er veel inbraken in Heerlen. Gisteren is ingebroken aan de Akerstraat."
    _, created = run(finder, model, text, "nl", "inbraken", "Heerlen", "Akerstraat")
    assert [e.type for e in created] == ["Incident"]


# ------------------------------------------------------------------ event cues and windows


def test_a_month_of_a_year_is_an_event_cue(finder: RelationFinder, model: OntologyModel) -> None:
    text = "In March 2024 the shooting in Meezenbroek shocked the neighbourhood."
    assert _occurred(finder, model, text, "en", "shooting", "Meezenbroek") == {
        ("incident-type:shooting", "BU09173202")
    }
    text = "En octobre 2023, une fusillade à Meezenbroek a choqué le quartier."
    assert _occurred(finder, model, text, "fr", "fusillade", "Meezenbroek") == {
        ("incident-type:shooting", "BU09173202")
    }
    # the start of a period is no event
    text = "Since March 2024 the shooting in Meezenbroek dominates the neighbourhood council."
    assert not _occurred(finder, model, text, "en", "shooting", "Meezenbroek")


def test_the_date_of_a_message_is_no_event_cue(
    finder: RelationFinder, model: OntologyModel
) -> None:
    text = "Date: 12 March 2024\nSubject: the shooting in Meezenbroek and the follow-up"
    assert not _occurred(finder, model, text, "en", "shooting", "Meezenbroek")


def test_a_bullet_title_with_an_event_in_its_lead(
    finder: RelationFinder, model: OntologyModel
) -> None:
    text = "Highlights\n\n- Explosion on the Akerstraat. On 4 May 2024 a front door was destroyed."
    assert _occurred(finder, model, text, "en", "Explosion", "Akerstraat") == {
        ("incident-type:explosion", "street:akerstraat")
    }
    text = "Highlights\n\n- Explosion on the Akerstraat. The council will discuss cameras."
    assert not _occurred(finder, model, text, "en", "Explosion", "Akerstraat")


def test_a_sentence_going_on_about_an_event_type(
    finder: RelationFinder, model: OntologyModel
) -> None:
    text = (
        "Three explosions were reported in the region this year. "
        "The latest was on 8 May 2024 at a shop in Hoensbroek."
    )
    assert _occurred(finder, model, text, "en", "explosions", "Hoensbroek") == {
        ("incident-type:explosion", "area:hoensbroek")
    }
    # no word that refers back to the event, or another paragraph: nothing
    text = (
        "Three explosions were reported in the region this year. "
        "On 8 May 2024 the mayor visited Hoensbroek."
    )
    assert not _occurred(finder, model, text, "en", "explosions", "Hoensbroek")
    text = (
        "Three explosions were reported in the region this year.\n\n"
        "The latest was on 8 May 2024 at a shop in Hoensbroek."
    )
    assert not _occurred(finder, model, text, "en", "explosions", "Hoensbroek")


def test_a_similar_event_in_the_same_sentence(finder: RelationFinder, model: OntologyModel) -> None:
    text = (
        "On 2 May 2024 a burglary was reported on the Akerstraat, and a similar one "
        "followed in Passart on 9 May 2024."
    )
    assert _occurred(finder, model, text, "en", "burglary", "Akerstraat", "Passart") == {
        ("incident-type:burglary", "street:akerstraat"),
        ("incident-type:burglary", "BU09172100"),
    }


def test_an_event_in_coordinated_places(finder: RelationFinder, model: OntologyModel) -> None:
    text = "In mei 2024 werd een hennepkwekerij ontmanteld in Heerlerheide en in Hoensbroek."
    found = _occurred(finder, model, text, "nl", "hennepkwekerij", "Heerlerheide", "Hoensbroek")
    assert found == {
        ("incident-type:cannabis-cultivation", "area:heerlerheide"),
        ("incident-type:cannabis-cultivation", "area:hoensbroek"),
    }
    # a street in an area is one spot: only the street
    text = "Gisteren werd een hennepkwekerij ontmanteld aan de Akerstraat in Heerlerheide."
    found = _occurred(finder, model, text, "nl", "hennepkwekerij", "Akerstraat", "Heerlerheide")
    assert found == {("incident-type:cannabis-cultivation", "street:akerstraat")}


# ------------------------------------------------------------------ more roles


@pytest.mark.parametrize(
    ("text", "lang", "surfaces", "expected"),
    [
        (
            # a joint launch names partners, not a lead
            "Weller, Woonpunt en JENS lanceren het project Samen Sterk.",
            "nl",
            ("Weller", "Woonpunt", "JENS", "Samen Sterk"),
            {("PARTNER_IN", "weller"), ("PARTNER_IN", "woonpunt"), ("PARTNER_IN", "jens")},
        ),
        (
            "Weller, Maastricht University (UM) and JENS today launched Safe Streets.",
            "en",
            ("Weller", "Maastricht University", "UM", "JENS", "Safe Streets"),
            {
                ("PARTNER_IN", "weller"),
                ("PARTNER_IN", "maastricht-university"),
                ("PARTNER_IN", "jens"),
            },
        ),
        (
            "Woonpunt launched Safe Streets last spring.",
            "en",
            ("Woonpunt", "Safe Streets"),
            {("RUNS", "woonpunt")},
        ),
        (
            "Safe Streets is run by volunteers of Stichting Buurtkracht.",
            "en",
            ("Safe Streets", "Stichting Buurtkracht"),
            {("RUNS", "stichting-buurtkracht")},
        ),
        (
            "Samen Sterk wordt uitgevoerd door Weller, samen met de jongerenwerkers van JENS.",
            "nl",
            ("Samen Sterk", "Weller", "JENS"),
            {("RUNS", "weller"), ("PARTNER_IN", "jens")},
        ),
        (
            "Het consortium van Samen Sterk bestaat uit:\n- Weller (trekker);\n- JENS;\n"
            "- Woonpunt.",
            "nl",
            ("Samen Sterk", "Weller", "JENS", "Woonpunt"),
            {("RUNS", "weller"), ("PARTNER_IN", "jens"), ("PARTNER_IN", "woonpunt")},
        ),
        (
            "Partners in Safe Streets: Woonpunt, represented by Stichting Buurtkracht.",
            "en",
            ("Safe Streets", "Woonpunt", "Stichting Buurtkracht"),
            {("PARTNER_IN", "woonpunt")},
        ),
        (
            "Weller en JENS delen gegevens in het kader van het project Samen Sterk.",
            "nl",
            ("Weller", "JENS", "Samen Sterk"),
            {("PARTNER_IN", "weller"), ("PARTNER_IN", "jens")},
        ),
        (
            "Weller et JENS échangent des données dans le cadre de l'opération « Quartier Sûr ».",
            "fr",
            ("Weller", "JENS", "Quartier Sûr"),
            {("PARTNER_IN", "weller"), ("PARTNER_IN", "jens")},
        ),
        (
            'De cijfers komen uit het project "Samen Sterk" van Woonpunt.',
            "nl",
            ("Samen Sterk", "Woonpunt"),
            {("RUNS", "woonpunt")},
        ),
    ],
)
def test_joint_launches_people_of_and_work_within(
    finder: RelationFinder,
    model: OntologyModel,
    text: str,
    lang: str,
    surfaces: tuple[str, ...],
    expected: set[tuple[str, str]],
) -> None:
    found = _roles(finder, model, text, lang, *surfaces)
    programme = next(KNOWN[s][1] for s in surfaces if KNOWN[s][0] == "Programme")
    assert found == {(t, f"stakeholder:{s}", programme) for t, s in expected}


# ------------------------------------------------------------------ names and places again


def test_a_programme_named_again_without_a_mention(
    finder: RelationFinder, model: OntologyModel
) -> None:
    text = "Weller voert het project Samen Sterk uit. Samen Sterk richt zich op inbraken."
    # only the first naming is given as an entity
    found = triples(
        finder, model, text, "nl", "Weller", "Samen Sterk", "inbraken", types=("ADDRESSES",)
    )
    assert found == {("ADDRESSES", "programme:samen-sterk", "incident-type:burglary")}
    # a name inside another word is not the name
    text = "Weller voert Samen Sterk uit. Samen Sterker maken we Passart niet."
    found = triples(finder, model, text, "nl", "Weller", "Samen Sterk", "Passart")
    assert ("TARGETS", "programme:samen-sterk", "BU09172100") not in found


def test_an_opening_place_only_sets_the_scene_for_an_explicit_target(
    finder: RelationFinder, model: OntologyModel
) -> None:
    text = "In Heerlen, Safe Streets targets Passart and Grasbroek."
    found = triples(
        finder,
        model,
        text,
        "en",
        "Heerlen",
        "Safe Streets",
        "Passart",
        "Grasbroek",
        types=("TARGETS",),
    )
    assert found == {
        ("TARGETS", "programme:safe-streets", "BU09172100"),
        ("TARGETS", "programme:safe-streets", "BU09173101"),
    }
    text = "In Heerlerheide start het project Samen Sterk."
    found = triples(finder, model, text, "nl", "Heerlerheide", "Samen Sterk", types=("TARGETS",))
    assert found == {("TARGETS", "programme:samen-sterk", "area:heerlerheide")}


@pytest.mark.parametrize(
    ("text", "lang", "surfaces", "expected"),
    [
        (
            # the relative clause is about the last item of the list
            "Safe Streets is led by Weller together with JENS and Woonpunt, which owns most "
            "homes in Passart.",
            "en",
            ("Safe Streets", "Weller", "JENS", "Woonpunt", "Passart"),
            {("stakeholder:woonpunt", "BU09172100")},
        ),
        (
            "Woonpunt, die ook in Grasbroek en Passart wijkcentra beheert, doet mee.",
            "nl",
            ("Woonpunt", "Grasbroek", "Passart"),
            {("stakeholder:woonpunt", "BU09173101"), ("stakeholder:woonpunt", "BU09172100")},
        ),
        (
            "JENS, the youth care provider covering Heerlen, joined the meeting.",
            "en",
            ("JENS", "Heerlen"),
            {("stakeholder:jens", "GM0917")},
        ),
        # a visit or an answer is no activity in a place
        ("Weller bezocht vorige week Passart.", "nl", ("Weller", "Passart"), set()),
        ("Antwoord JENS: in Passart zijn geen klachten.", "nl", ("JENS", "Passart"), set()),
    ],
)
def test_more_ways_to_be_active_in_a_place(
    finder: RelationFinder,
    model: OntologyModel,
    text: str,
    lang: str,
    surfaces: tuple[str, ...],
    expected: set[tuple[str, str]],
) -> None:
    found = triples(finder, model, text, lang, *surfaces, types=("ACTIVE_IN",))
    assert {(s, t) for _, s, t in found} == expected


@pytest.mark.parametrize(
    ("text", "lang", "surfaces"),
    [
        (
            "La maison de quartier Le Phare, gérée par l'association Stichting Buurtkracht, "
            "ouvre le samedi.",
            "fr",
            ("maison de quartier Le Phare", "Stichting Buurtkracht"),
        ),
        (
            "Stichting Buurtkracht, Heerlen: a volunteer foundation that runs community centre "
            "The Hub.",
            "en",
            ("Stichting Buurtkracht", "Heerlen", "community centre The Hub"),
        ),
    ],
)
def test_more_ways_to_operate_a_facility(
    finder: RelationFinder, model: OntologyModel, text: str, lang: str, surfaces: tuple[str, ...]
) -> None:
    found = triples(finder, model, text, lang, *surfaces, types=("OPERATES",))
    facility = next(KNOWN[s][1] for s in surfaces if "community-centre" in KNOWN[s][1])
    assert found == {("OPERATES", "stakeholder:stichting-buurtkracht", facility)}


def test_a_stakeholder_between_does_not_operate(
    finder: RelationFinder, model: OntologyModel
) -> None:
    text = "Woonpunt, with JENS as a partner, runs community centre The Hub."
    found = triples(
        finder,
        model,
        text,
        "en",
        "Woonpunt",
        "JENS",
        "community centre The Hub",
        types=("OPERATES",),
    )
    assert ("OPERATES", "stakeholder:jens", "community-centre:the-hub") not in found
