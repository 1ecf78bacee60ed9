"""Known place names that are someone's surname, and addresses whose street is in no list."""

from __future__ import annotations

import pytest

from nlp.privacy import PrivacyFilter, default_filter


@pytest.fixture(scope="module")
def privacy() -> PrivacyFilter:
    return default_filter()


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        ("Mevrouw Beek sprak met dhr. Stein.", ["Beek", "Stein"], []),
        ("Daarna belde Jan Weert met J. Keulen.", ["Weert", "Keulen", "Jan"], []),
        ("In Beek en Stein werkt Weller.", [], ["Beek", "Stein", "Weller"]),
        ("Anna Heerlen verhuisde.", ["Anna Heerlen"], []),
    ],
)
def test_a_title_first_name_or_initials_make_a_known_name_a_surname(
    privacy: PrivacyFilter, text: str, gone: list[str], kept: list[str]
) -> None:
    redacted = privacy.redact(text, "nl").text
    for word in gone:
        assert word not in redacted, redacted
    for word in kept:
        assert word in redacted, redacted


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Plaats: Buurtcentrum De Ark, Putgraaf 9, Heerlen", "Putgraaf [HOUSE_NUMBER], Heerlen"),
        ("Adres: In de Cramer 3, 6411 RS Heerlen", "Cramer [HOUSE_NUMBER], 6411 RS"),
        ("Sinds 2020, Heerlen groeit.", "Sinds 2020, Heerlen"),
        ("Artikel 12, Heerlen heeft een verordening.", "Artikel 12, Heerlen"),
    ],
)
def test_a_number_between_a_word_and_a_place_or_postcode_is_a_house_number(
    privacy: PrivacyFilter, text: str, expected: str
) -> None:
    assert expected in privacy.redact(text, "nl").text
