"""Entities that are in no list, found by patterns in nl, en and fr on the redacted text.

- organisations by their legal or institutional form: "Stichting Thuis in de Wijk",
  "Coöperatie X", "Vereniging X", "X B.V.", "Hogeschool Zuyd", "Universiteit X",
  "University of X", "Université de X", "Association X";
- programmes by their introducing word: "het programma Samen Sterk", "project Veilige Buurt",
  "de Buurtaanpak"-style "X-aanpak", "the X programme", "approach X", "l'approche X",
  "le programme X", and quoted names after those words;
- facilities by a facility word of the ontology followed by a proper name: "wijkcentrum De
  Nieuwe Nor", "basisschool De Regenboog", "community centre The Hub";
- streets by their Dutch street-name suffix: "Akerstraat", "Kloosterweg" (never with a house
  number: the privacy filter has removed those).

A name is a run of capitalised words, optionally joined by short lower-case particles
("in de", "van", "of", "de la"). Nothing that contains a privacy placeholder ("[PERSON]") is
ever taken as a name. New entities get the stable id ``<class-kebab>:<slug of the name>``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from nlp.extraction import Entity
from nlp.spans import SpanIndex
from ontology.model import OntologyModel, kebab

_UPPER = r"[A-ZÀ-ÖØ-Þ]"
# a full stop belongs to a word only inside it ("St.Jan", "B.V"), never at its end: "De
# Pijler. Gants" is two sentences
_WORD = rf"(?:{_UPPER}(?:[\w'’&+-]|\.(?=\w))*|\d+\+?)"
_PARTICLE = r"(?:in|de|het|van|der|den|voor|the|for|la|le|les|des|du|d'|l')"
_NOT_ARTICLE = r"(?!(?:De|Het|Een|The|An|La|Le|Les|Une?)[ \t])"
_CONNECTOR = r"(?:en|and|et|&|und)"
# programme names are often short phrases: "Buurt aan Zet", "Veilig op Straat"
_PROGRAMME_PARTICLE = r"(?:aan|op|zonder|naar|uit|à|sur|sans|without|on|at|to)"


def _name(*joiners: str) -> str:
    """A run of up to six capitalised words (or numbers), with lower-case ``joiners`` allowed
    between them."""
    joiner = "|".join(joiners)
    return rf"{_WORD}(?:[ \t]+(?:(?:{joiner})[ \t]+)*{_WORD})" + "{0,5}"


NAME = _name(_PARTICLE)
TEAM_NAME = _name(_PARTICLE, _CONNECTOR)
PROGRAMME_NAME = _name(_PARTICLE, _CONNECTOR, _PROGRAMME_PARTICLE)
_QUOTED = r"[\"“‘'«][ \t]?(?P<quoted>[^\"”’'»\n]{3,60}?)[ \t]?[\"”’'»]"

ORGANISATION_FORMS = (
    "Stichting",
    "Coöperatie",
    "Cooperatie",
    "Vereniging",
    "Hogeschool",
    "Universiteit",
    "Woningcorporatie",
    "Woningstichting",
    "Zorggroep",
    "Zorgcentrum",
    "Association",
    "Fondation",
    "Université",
    "University",
    "Foundation",
    "Coopérative",
    "ASBL",
    "asbl",
    "Ville de",
    "Province de",
    "Parquet de",
    "Zone de police",
    "Zone de Police",
    "zone de police",
    "Politiezone",
    "Cellule",
)
LEGAL_SUFFIXES = ("B.V.", "BV", "N.V.", "NV", "V.O.F.", "Ltd", "S.A.", "SARL")
PROGRAMME_WORDS = {
    "nl": (
        "programma",
        "project",
        "aanpak",
        "pilot",
        "actieplan",
        "initiatief",
        "convenant",
        "campagne",
        "traject",
        "actie",
        "operatie",
        "wijkactie",
    ),
    "en": (
        "programme",
        "program",
        "project",
        "approach",
        "initiative",
        "pilot",
        "campaign",
        "operation",
        "scheme",
    ),
    "fr": (
        "programme",
        "projet",
        "approche",
        "plan",
        "initiative",
        "campagne",
        "dispositif",
        "opération",
        "action",
    ),
}
# Dutch compounds ending in a programme word ("jongerenproject", "wijkaanpak") introduce a
# name as well; these heads may carry a lower-case prefix.
COMPOUND_PROGRAMME_HEADS = ("project", "programma", "aanpak", "traject", "plan", "campagne")
# Dutch organisation names are often compounds with an institutional head, followed by the
# region or place they serve: "Omgevingsdienst Zuid-Limburg", "Ondernemersvereniging
# Hoensbroek", "Kredietbank Limburg".
ORGANISATION_HEADS = (
    "dienst",
    "vereniging",
    "bank",
    "raad",
    "bond",
    "federatie",
    "instituut",
    "bureau",
    "platform",
    "collectief",
    "netwerk",
    "coöperatie",
    "corporatie",
    "stichting",
    "partners",
    "groep",
)
TEAM_WORDS = ("team", "Team", "équipe", "Équipe")
STREET_SUFFIXES = (
    "straat",
    "weg",
    "laan",
    "plein",
    "singel",
    "gracht",
    "dijk",
    "kade",
    "steeg",
    "pad",
    "dreef",
    "plantsoen",
    "boulevard",
    "markt",
    "ring",
    "baan",
    "hof",
    "erf",
    "wal",
)


@dataclass(frozen=True)
class Found:
    type: str
    name: str
    start: int
    end: int
    confidence: float
    quoted: bool = False  # the name was between quotes: its extent is certain


def _words_before(text: str, start: int, limit: int) -> list[tuple[int, int]]:
    """Spans of up to ``limit`` words right before ``start``, separated by spaces or tabs
    only (a facility word and its name are on one line)."""
    spans: list[tuple[int, int]] = []
    j = start
    while len(spans) < limit:
        k = j
        while k > 0 and text[k - 1] in " \t":
            k -= 1
        if k in (j, 0) or text[k - 1].isspace():
            break
        end = k
        while k > 0 and not text[k - 1].isspace():
            k -= 1
        spans.insert(0, (k, end))
        j = k
    return spans


_TIS = frozenset({"'t", "’t"})
_LOWER_WORD = re.compile(r"[ \t]+([a-zà-ÿ]+)(?![\w-])")


def _words_after(text: str, end: int, limit: int) -> list[tuple[int, int]]:
    """Spans of up to ``limit`` lower-case words right after ``end`` on the same line."""
    spans: list[tuple[int, int]] = []
    while len(spans) < limit:
        match = _LOWER_WORD.match(text, end)
        if match is None:
            break
        spans.append(match.span(1))
        end = match.end()
    return spans


_TRAILING_JOINERS = re.compile(
    r"(?:[ \t]+(?:in|de|het|van|der|den|voor|the|for|of|la|le|les|des|du|d'|l'|en|and|et|&|,))+$",
    re.IGNORECASE,
)


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _is_subsequence(needle: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(any(c == h for h in it) for c in needle)


def _longest_first(found: list[Found]) -> list[Found]:
    """Drop finds that overlap a longer one (two patterns naming the same span)."""
    kept: list[Found] = []
    taken = SpanIndex()
    for f in sorted(found, key=lambda f: (-(f.end - f.start), f.start)):
        if not taken.overlaps(f.start, f.end):
            kept.append(f)
            taken.add(f.start, f.end)
    return sorted(kept, key=lambda f: f.start)


class PatternFinder:
    """Finds organisations, programmes, facilities and streets that no gazetteer lists."""

    def __init__(self, model: OntologyModel) -> None:
        self._model = model
        forms = _alternation(ORGANISATION_FORMS)
        self._organisation = re.compile(
            rf"(?<!\w)(?P<name>(?:{forms})[ \t]+(?:(?:de|van|of|du|des|d'|l')[ \t]*)?{NAME})"
        )
        self._university_of = re.compile(rf"(?<!\w)(?P<name>University[ \t]+of[ \t]+{NAME})")
        suffixes = _alternation(LEGAL_SUFFIXES)
        self._legal = re.compile(rf"(?<!\w)(?P<name>{NAME}[ \t]+(?:{suffixes}))(?!\w)")
        words = _alternation(w for ws in PROGRAMME_WORDS.values() for w in ws)
        heads = _alternation(COMPOUND_PROGRAMME_HEADS)
        self._programme_before = re.compile(
            rf"(?<!\w)(?i:{words}|[a-zà-ÿ]{{3,}}(?:{heads}))[ \t]+"
            rf"(?:(?P<name>{PROGRAMME_NAME})|{_QUOTED})"
        )
        self._quoted_before = re.compile(
            rf"{_QUOTED}[ \t]+(?:\([^)\n]{{1,60}}\)[ \t]+)?(?i:{words})(?!\w)"
        )
        # a quoted short title ("Samen Spelen", « Cash Border ») is most often a programme
        self._quoted_title = re.compile(_QUOTED)
        # a capitalised name with a programme word inside: "Nationaal Programma Heerlen-Noord"
        self._programme_titled = re.compile(
            rf"(?<!\w)(?P<name>(?:{_UPPER}[\w-]+[ \t]+){{1,3}}"
            rf"(?:Programma|Programme|Project|Projet|Aanpak)[ \t]+{NAME})"
        )
        org_heads = _alternation(ORGANISATION_HEADS)
        self._organisation_compound = re.compile(
            rf"(?<![\w\[])(?P<name>{_UPPER}[a-zà-ÿ]{{2,}}(?:{org_heads})"
            rf"(?:[ \t]+{_UPPER}[\w'’&.-]*){{0,3}})(?!\w)"
        )
        self._team = re.compile(
            rf"(?<!\w)(?P<name>(?:{_alternation(TEAM_WORDS)}|{_UPPER}[a-zà-ÿ]{{2,}}team)"
            rf"[ \t]+{TEAM_NAME})"
        )
        self._defined_acronym = re.compile(
            rf"(?<!\w)(?P<name>{_UPPER}[\w-]*(?:[ \t]+(?:(?:{_PARTICLE}|{_CONNECTOR})[ \t]+)*"
            rf"{_UPPER}[\w-]*){{1,7}})[ \t]+\((?P<acronym>{_UPPER}[A-Za-zÀ-ÿ]{{1,7}})\)"
        )
        self._programme_after = re.compile(
            rf"(?<!\w)(?i:the|de|het|la|le)[ \t]+(?P<name>{NAME})[ \t-]+"
            rf"(?:programme|program|project|aanpak|approach)(?!\w)"
        )
        self._aanpak = re.compile(
            rf"(?<!\w)(?P<name>(?:{_NOT_ARTICLE}{_UPPER}[\w]+[ \t]+){{0,3}}"
            rf"{_UPPER}[\w]+-aanpak)(?!\w)"
        )
        # facilities: a capitalised name preceded by (or starting with) a facility word of the
        # ontology; found by looking back from each name, not by a regex of all the words
        self._facility_class = {w.casefold(): c for w, c in self._facility_words().items()}
        self._facility_max_words = max((len(w.split()) for w in self._facility_class), default=0)
        self._facility_last_words = {w.split()[-1] for w in self._facility_class}
        self._capitalised = re.compile(rf"(?<![\w\[-])(?P<name>{NAME})")
        street = _alternation(STREET_SUFFIXES)
        self._street = re.compile(
            rf"(?<!\w)(?P<name>{_UPPER}[a-zà-ÿ]+(?:-{_UPPER}[a-zà-ÿ]+)*(?:{street}))(?!\w)"
        )
        # French and Belgian streets: "rue de la Fontaine", "avenue Blonden", "place du Marché"
        self._rue = re.compile(
            r"(?<!\w)(?P<name>(?i:rue|avenue|boulevard|chaussée|place|quai|impasse|allée|route)"
            rf"[ \t]+(?:(?:de[ \t]+la|de[ \t]+l'|de|du|des|d'|l')[ \t]*)?"
            rf"{_UPPER}[\w'’-]*(?:[ \t]+{_UPPER}[\w'’-]*)?)"
        )
        # whatever the privacy filter took a house number from is a street
        self._street_before_number = re.compile(
            rf"(?<![\w-])(?P<name>(?:{_UPPER}[a-zà-ÿ]+[ \t]+)?{_UPPER}[a-zà-ÿ][\w-]*)"
            rf"[ \t]+\[HOUSE_NUMBER\]"
        )

    def _facility_words(self) -> dict[str, str]:
        words: dict[str, str] = {}
        for label in self._model.subclasses("Facility"):
            cls = self._model.cls(label)
            for word in [
                *cls.labels.values(),
                *(a for alts in cls.alt_labels.values() for a in alts),
            ]:
                if len(word) >= 4:
                    words.setdefault(word, label)
        return words

    def find(self, text: str) -> list[Found]:
        found: list[Found] = []
        for pattern in (self._organisation, self._university_of, self._legal, self._team):
            found += self._matches(pattern, text, "Stakeholder", 0.7)
        found += self._matches(self._organisation_compound, text, "Stakeholder", 0.6)
        for pattern in (
            self._programme_before,
            self._programme_after,
            self._aanpak,
            self._programme_titled,
        ):
            found += self._matches(pattern, text, "Programme", 0.6)
        found += self._matches(self._quoted_before, text, "Programme", 0.7)
        found += self._quoted_titles(text)
        found += self._acronyms(text)
        found += self._matches(self._street_before_number, text, "Street", 0.8)
        found += self._facilities(text)
        found += self._matches(self._street, text, "Street", 0.8)
        found += self._matches(self._rue, text, "Street", 0.8)
        return _longest_first(found)

    def _facility_kind(self, words: list[str]) -> str | None:
        kind = " ".join(words).casefold()
        return self._facility_class.get(kind)

    def _facilities(self, text: str) -> list[Found]:
        """ "wijkcentrum De Nieuwe Nor", "Basisschool De Regenboog", "salle omnisports Le
        Mosan": the facility word and the name, as one facility of the word's class."""
        found: list[Found] = []
        if not self._facility_class:
            return found
        for match in self._capitalised.finditer(text):
            start, end = match.span()
            words = match.group("name").split()
            label, kind_start = None, start
            # the facility word may be the name's own first word(s), at a sentence start
            for k in range(min(self._facility_max_words, len(words) - 1), 0, -1):
                label = self._facility_kind(words[:k])
                if label:
                    break
            if label is None:
                words_before = _words_before(text, start, self._facility_max_words + 1)
                if words_before and text[words_before[-1][0] : words_before[-1][1]] in _TIS:
                    start = words_before[-1][0]  # "buurthuis 't Zeswegske"
                    words_before = words_before[:-1]
                words_before = words_before[-self._facility_max_words :]
                if words_before and (
                    text[words_before[-1][0] : words_before[-1][1]].casefold()
                    not in self._facility_last_words
                ):
                    words_before = []
                for k in range(len(words_before), 0, -1):
                    label = self._facility_kind([text[a:b] for a, b in words_before[-k:]])
                    if label:
                        kind_start = words_before[-k][0]
                        break
            if label is None:
                # English puts the name first: "De Regenboog primary school" (one capitalised
                # word opening a sentence is no name: "Better schools", "Nieuw jongerencentrum")
                window = text[max(0, start - 8) : start].rstrip(" \t\"'“(")
                opening = not window or window[-1] in ".!?:\n"
                after = (
                    []
                    if len(words) == 1 and opening
                    else _words_after(text, end, self._facility_max_words)
                )
                for k in range(len(after), 0, -1):
                    label = self._facility_kind([text[a:b] for a, b in after[:k]])
                    if label:
                        end = after[k - 1][1]
                        break
                if label is None:
                    continue
            name = text[kind_start:end].rstrip(",;:")
            if name.endswith(".") and not name.endswith(LEGAL_SUFFIXES):
                name = name[:-1]
            if "[" in name or "]" in name:
                continue
            found.append(Found(label, name, kind_start, kind_start + len(name), 0.7))
        return found

    def _quoted_titles(self, text: str) -> list[Found]:
        found = []
        for match in self._quoted_title.finditer(text):
            words = match.group("quoted").split()
            if not 1 <= len(words) <= 6 or not words[0][:1].isupper():
                continue
            if re.search(r"[.!?,;:]$|[.!?;:] ", match.group("quoted")):
                continue  # a quoted sentence, not a title
            capitalised = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
            if capitalised * 2 < len(words) + 1 or (len(words) == 1 and len(words[0]) < 4):
                continue
            found += self._named(match, text, "Programme", 0.5)
        return found

    def _acronyms(self, text: str) -> list[Found]:
        """ "Regionaal Informatie- en Expertise Centrum (RIEC)": the name, and every later use
        of the acronym, as one entity (a programme if the name says so, else an
        organisation)."""
        found: list[Found] = []
        for match in self._defined_acronym.finditer(text):
            name, acronym = match.group("name"), match.group("acronym")
            words = [w for w in re.split(r"[ \t-]+", name) if w]
            # the acronym's capitals are the initials of the name's last words, in order
            initials = [w[0] for w in words if w[0].isupper()]
            capitals = [c for c in acronym if c.isupper()]
            if len(capitals) < 2 or not _is_subsequence(capitals, initials):
                continue
            first = next(i for i, w in enumerate(words) if w[0] == capitals[0])
            start = match.start("name") + name.index(words[first])
            name = text[start : match.end("name")]
            label = (
                "Programme"
                if re.search(r"(?i)programm|project|aanpak|approach|approche", name)
                else "Stakeholder"
            )
            found.append(Found(label, name, start, match.end("name"), 0.8))
            for use in re.finditer(rf"(?<![\w(]){re.escape(acronym)}(?![\w)])", text):
                found.append(Found(label, name, use.start(), use.end(), 0.8))
        return found

    def _matches(
        self, pattern: re.Pattern[str], text: str, label: str, confidence: float
    ) -> list[Found]:
        result: list[Found] = []
        for match in pattern.finditer(text):
            result += self._named(match, text, label, confidence)
        return result

    def _named(
        self, match: re.Match[str], text: str, label: str, confidence: float, whole: bool = False
    ) -> list[Found]:
        group = "quoted" if "quoted" in match.re.groupindex and match.group("quoted") else "name"
        start, end = (match.start(), match.end()) if whole else match.span(group)
        name = text[start:end].strip().rstrip(",;:")
        if name.endswith(".") and not name.endswith(LEGAL_SUFFIXES):
            name = name[:-1]
        end = start + len(name)
        if not name or "[" in name or "]" in name or len(name) < 3:
            return []  # never build a name around a privacy placeholder
        return [Found(label, name, start, end, confidence, quoted=group == "quoted")]

    def entities(self, text: str, known: Sequence[Entity] = ()) -> list[Entity]:
        """The found names as entities with stable ids (type + normalised name).

        ``known`` are the names a gazetteer found. A find that starts inside a known name is
        dropped; one that runs into a known name through a joining word ("Samen Sterk van de
        Gemeente Heerlen") keeps the part before it; one that runs straight into it
        ("Stichting Centrummanagement Heerlen") or has quotes around it keeps it whole.
        """
        result = []
        known_index = SpanIndex((k.start, k.end) for k in known)
        for f in self.find(text):
            kept = f if f.quoted else _trimmed(f, text, known_index)
            if kept is None:
                continue
            result.append(
                Entity(
                    type=kept.type,
                    classes=self._model.lineage(kept.type),
                    text=text[kept.start : kept.end],
                    start=kept.start,
                    end=kept.end,
                    id=f"{kebab(kept.type)}:{slug(kept.name)}",
                    name=" ".join(kept.name.split()),
                    confidence=kept.confidence,
                )
            )
        return result


_FORM_WORDS = frozenset(f.split()[0] for f in ORGANISATION_FORMS) | {"University"}


def _trimmed(found: Found, text: str, known: SpanIndex) -> Found | None:
    clash = known.overlapping(found.start, found.end)
    if not clash:
        return found
    first = min(start for start, _ in clash)
    if first <= found.start:
        return None
    before = text[found.start : first]
    if not _TRAILING_JOINERS.search(before.rstrip()) and before[-1:].isspace():
        return found  # "Stichting Centrummanagement Heerlen": the place is part of the name
    name = _TRAILING_JOINERS.sub("", before.rstrip())
    if name in _FORM_WORDS:
        return found  # "Université de Liège", "Ville de Visé": the place names the body
    if len(name) < 3 or not any(ch.isupper() for ch in name) or "[" in name:
        return None
    return Found(found.type, name, found.start, found.start + len(name), found.confidence)


__all__ = ["NAME", "Found", "PatternFinder", "slug"]
