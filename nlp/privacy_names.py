"""Person names found by rules, in every language, before and besides the statistical back-ends.

The text is cut into *phrases*: runs of capitalised words, initials and name particles ("van
der", "de", "Le", "d'", "el"), on one line or wrapped onto the next. Each word gets a class
from ``nlp.privacy_lexicon`` (title, organisation, street, function word, first name, surname,
ordinary word, unknown, ...). Titles, organisation and function words split a phrase into
*runs*; a run is a person's name when

* a title or role comes right before it ("mevrouw De Vries", "wethouder Jeanine Huntjens",
  "le maire Dubois", "Voorzitter: R. Bemelmans", "wethouder Jansen (PvdA)" and "de
  burgemeester, Roel Wever,"), or it starts with initials ("J.P.M. Huntjens", "M. Dupont");
* it holds a common first name ("Sanne Verbeek", "Jean-Pierre"), or an ambiguous first name
  right before another name word ("Roos Jansen");
* a quoting word comes before it ("volgens Ramakers", "According to Mitchell", "Selon Dubois")
  or a speech verb after it ("Creemers zei", "Whitaker told", "Garnier a ajouté"), an age
  after it ("Kees Bakker (45)"), or it is a speaker label in minutes ("Lemmens: ..."), an item
  of an attendance list ("Aanwezig: A, B en C", "Present:", "Présents :"), the name line of a
  signature ("Met vriendelijke groet,\\nMarieke Lemmens") or "Jansen, P.J.";
  these contexts need a word that can be a name (a listed name or a word in no lexicon);
* it is a single known surname that is no ordinary word or place ("Creemers", "Huntjens"), or
  any known surname after a preposition inside a sentence ("het plan van Bakker"), a pair of
  name-like words with a known one ("Zjeraldo Pinas"), a surname with a capitalised particle
  inside a sentence ("met Op de Kamp"), or a name-like word joined by "en"/"and"/"et" to a
  person's name ("Kerckhoffs and Sprenkels"); or a role follows it in apposition
  ("Nwachukwu, a local shopkeeper,").

A run is *not* a person's name when it names an organisation, place or street after a person
("Stichting Jan Smeets Fonds", "rue Victor Hugo", "Jan van Eyckstraat", "Sint Jan"); such runs
and the names of facilities and programmes ("Wijkcentrum De Kroon", "het programma Samen
Sterk") are *kept*: the back-ends may not redact them either, and their names are protected
throughout the document. Capitalised words that no rule decided are reported, so that the
back-ends only look at sentences that still hold one.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from nlp.privacy_identifiers import PERSON, Span
from nlp.privacy_lexicon import (
    ARABIC_PARTICLES,
    BUSINESS_WORDS,
    CUE_WORDS,
    EPONYM_HEADS_AFTER_RE,
    EPONYM_HEADS_BEFORE,
    HONORIFICS,
    LOWER,
    ROLE_COMPOUND_RE,
    ROLE_MODIFIERS,
    ROLE_PHRASES,
    ROLE_WORDS,
    UPPER,
    WordClass,
    is_common,
    is_compound_of_common_words,
    surnames,
    word_class,
)

W = WordClass

# --- the shape of names ----------------------------------------------------------------------

_CAP = rf"[{UPPER}](?:[{LOWER}]+(?:[{UPPER}][{LOWER}]+)?|['’][{UPPER}][{LOWER}]+)"
_CAPS = rf"[{UPPER}](?:['’][{UPPER}])?[{UPPER}]+"
_SEG = rf"(?:{_CAP}|{_CAPS})"
_HYPHEN_PART = rf"(?:{_SEG}|[{UPPER}](?=-)|(?:el|al|ben|bin|de|van|den|der|la|le|du|di|da)(?=-))"
NAME_WORD = rf"{_SEG}(?:-{_HYPHEN_PART})*"
INITIAL = rf"(?:Th|Chr|Joh|Ph|Wm|Ch|Jac|Corn|Ant|Alb|Hub|Jos|Fr|IJ|Ij|[{UPPER}])\."
INITIALS = rf"{INITIAL}(?:[ \t]?-?[ \t]?{INITIAL})*"
_PARTICLE_WORDS = (
    "van der|van den|van de|van het|van 't|van ’t|in 't|in ’t|in de|in den|op de|op den|"
    "op 't|uit de|uit den|aan de|aan het|van|von|vom|zu|zum|der|den|de|het|ter|ten|te|'t|’t|"
    "la|le|les|du|des|del|della|di|da|dos|das|el|al|bin|ibn|abu|abou|ould"
)
_PARTICLE = rf"(?:(?i:{_PARTICLE_WORDS})[ \t]+|(?i:d|l)['’](?=[{UPPER}]))"
_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
_ITEM = rf"(?:{INITIALS}|{NAME_WORD})"
PHRASE_RE = re.compile(
    rf"(?<![\w'’@/-]){_PARTICLE}*{_ITEM}(?:(?:{_GAP}|(?<=\.)){_PARTICLE}*{_ITEM})*"
    rf"(?![\w-]|['’]\w\w)"
)
_ITEMS_RE = re.compile(
    rf"(?P<particle>(?i:{_PARTICLE_WORDS})(?=[ \t])|(?i:d|l)['’](?=[{UPPER}]))"
    rf"|(?P<initials>{INITIALS})|(?P<word>{NAME_WORD})"
)
_NAME_PARTICLES = frozenset(
    "van der den de het ter ten te 't ’t la le les du des del della di da dos das von vom zu "
    "zum d' d’ l' l’ van der van den van de van het van 't el al bin ibn abu abou ould".split()
)


def _alternation(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_TITLE_ALT = _alternation([*ROLE_PHRASES, *ROLE_WORDS])
_ROLE_PHRASE_SET = frozenset(ROLE_PHRASES)
# A role with its place or organisation in apposition: "de burgemeester van Heerlen, ".
_APPOSITION_TITLE_RE = re.compile(
    rf"(?<![\w-])(?i:{_TITLE_ALT})[ \t]+(?i:van|of|de|du|des|d['’]|voor|for|bij|at|of the|"
    r"van de|van het|de la|der)[ \t]+[^,:;\n()]{1,40},[ \t]*\Z"
)
# Words right before a name that quote it ("volgens X", "said X", "written by X").
_CUES_BEFORE = frozenset(
    (
        "volgens|aldus|according to|selon|d'après|d’après|dixit|zegt|zei|zeggen|vertelt|"
        "vertelde|stelt|stelde|benadrukt|benadrukte|says|said|told|adds|added|explains|"
        "explained|notes|noted|writes|wrote|explique|expliquait|déclare|ajoute|précise|"
        "souligne|raconte|estime|affirme|a dit|a déclaré|a expliqué|a ajouté|a précisé|"
        "met dank aan|dank aan|dankzij|bedankt|thanks to|thank|merci à|grâce à|in gesprek met|"
        "interview met|interview with|entretien avec|gesproken met|spoke with|spoke to|"
        "talked to|sprak met"
    ).split("|")
) | frozenset(
    f"{verb} {by}"
    for verb in (
        "ondertekend opgesteld geschreven gemaakt verzorgd ingediend gepresenteerd voorgezeten "
        "signed written prepared presented chaired submitted rédigé signé présenté présidé"
    ).split()
    for by in ("door", "by", "par")
)
_SPEECH_AFTER_RE = re.compile(
    r"[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?[ \t]+(?i:zei|zegt|zeggen|vertelt|vertelde|stelt|"
    r"stelde|benadrukt|benadrukte|legt uit|legde uit|licht toe|lichtte toe|antwoordt|"
    r"antwoordde|reageert|reageerde|vraagt|vroeg|erkent|erkende|waarschuwt|waarschuwde|beaamt|beaamde|bevestigt|bevestigde|sprak|"
    r"spreekt|vindt|vond|denkt|dacht|schrijft|schreef|said|says|told|added|adds|explained|"
    r"explains|noted|notes|stressed|argued|wrote|writes|asked|asks|replied|replies|believes|"
    r"thinks|confirmed|warned|admitted|insisted|recalled|agreed|suggested|pointed out|a dit|"
    r"a déclaré|a expliqué|a ajouté|a précisé|a souligné|a affirmé|a indiqué|a confirmé|"
    r"a raconté|a répondu|a rappelé|a estimé|a reconnu|a promis|a assuré|explique|déclare|"
    r"ajoute|précise|souligne|affirme|estime|indique|confirme|raconte|répond|rappelle|"
    r"reconnaît|assure|dit)(?![\w-])"
)
_AGE_AFTER_RE = re.compile(
    r"[ \t]*\((?:[1-9]\d?|1[01]\d)(?:[ \t]*(?:jaar|jr\.?|j\.?|ans|years?(?:[ \t]+old)?))?\)"
    r"|,[ \t]*(?:[1-9]\d?|1[01]\d)(?:[ \t]*(?:jaar|ans|years?(?:[ \t]+old)?))?,"
)
_APPOSITION_AFTER_RE = re.compile(
    r",[ \t]+(?i:a|an|the|de|het|een|le|la|l['’]|un|une|our|onze|ons|notre|their|hun|leur)"
    rf"[ \t]+(?:[{LOWER}-]+[ \t]+){{0,2}}(?P<role>[{LOWER}-]+)(?=[ \t]*[,;.)]|[ \t]+(?:van|of|de|"
    r"du|bij|at|in|from|uit|à|chez|voor|for)\b)"
)
_COMMA_INITIALS_RE = re.compile(rf",[ \t]*(?P<initials>{INITIALS})(?![ \t]*[{UPPER}][{LOWER}])")
_LABEL_AFTER_RE = re.compile(r"[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?:[ \t]*\S")
# Words right before a name that make it the name of a programme or facility.
_PROGRAMME_WORDS = frozenset(
    """programma project projet programme program aanpak approach approche initiatief
    initiative campagne campaign actie pilot plan werkgroep platform netwerk réseau wijkcentrum
    buurthuis buurtcentrum gemeenschapshuis jongerencentrum basisschool school café restaurant
    sporthal sportpark speeltuin buurtpark kerk moskee""".split()
) | {"community centre", "centre social", "maison de quartier"}
_EPONYM_WORDS = EPONYM_HEADS_BEFORE | BUSINESS_WORDS | {"groupe scolaire"}


def _words_before(window: str, phrases: frozenset[str] | set[str]) -> bool:
    """Whether the text before a name ends with one of ``phrases`` (of one to three words,
    lower case) and a space, maybe with an opening quote."""
    window = window.rstrip("\"“‘'")
    tail = window.rstrip()
    if len(tail) == len(window) or window.count("\n", len(tail)) > 1:
        return False  # no space before the name, or a blank line
    words = tail.rsplit(None, 3)[-3:]
    for size in range(len(words), 0, -1):
        written = " ".join(words[-size:])
        phrase = written.casefold()
        if phrase in phrases or (phrase.startswith(_ELIDED_PREFIXES) and phrase[2:] in phrases):
            start = len(tail) - len(written)
            return start == 0 or not (tail[start - 1].isalnum() or tail[start - 1] == "-")
    return False


_ELIDED_PREFIXES = ("l'", "l’", "d'", "d’")


# Lists: attendance, addressees, authors. The header ends with a colon.
_LIST_HEADER_RE = re.compile(
    r"(?im)^[ \t]*(?:[-*•][ \t]*)?(?:aanwezig(?:en)?|ook aanwezig|afwezig(?:en)?|afgemeld|"
    r"afmeldingen|met kennisgeving afwezig|afwezig met kennisgeving|verhinderd|deelnemers|"
    r"genodigden|gasten|sprekers|in aanwezigheid van|present|also present|attendees|"
    r"attendance|apologies|apologies received|absent|participants|guests|speakers|invitees|"
    r"étaient présents|étaient excusés|présents?|présentes?|excusés?|excusées?|absents?|"
    r"absentes?|invités?|van|aan|cc|bcc|from|to|de|à|auteurs?|authors?|opgesteld door|"
    r"written by|rédigé par|contactpersonen|contactpersoon|contactpersonnes?|contacts?|"
    r"signed|ondertekend|notulist(?:e)?|notulen door|minutes by|secrétaire de séance|"
    r"rapporteur|voorzitter|chair|présidente?|secretaris|secretary)"
    r"(?:[ \t]+\([^)\n]*\))?[ \t]*:"
)
_HEADER_LINE_RE = re.compile(r"^[ \t]*[^\s:]{1,30}(?:[ \t]+[^\s:]{1,30}){0,3}[ \t]*:")
_SENTENCE_END_RE = re.compile(rf"[.!?](?=[ \t]+[\"“(]?[{UPPER}])")
_ABBREVIATIONS = frozenset(
    "dr mr mrs ms prof ir drs ing dhr mevr mw st jr sr mme mlle mm m nr no bijv o.a e.g i.e "
    "vs ca resp".split()
)
_CLOSING_RE = re.compile(
    r"(?im)^[ \t]*(?:(?:met[ \t]+)?(?:(?:vriendelijke|hartelijke|beste|warme|collegiale|"
    r"sportieve|lieve)[ \t]+)?groet(?:en|jes)?|mvg|m\.v\.g\.|hoogachtend|(?:kind|best|warm|"
    r"warmest|kindest)[ \t]+(?:regards|wishes)|regards|sincerely|yours[ \t]+(?:sincerely|"
    r"faithfully|truly)|many[ \t]+thanks|best|cheers|cordialement|bien[ \t]+cordialement|"
    r"bien[ \t]+à[ \t]+vous|(?:sincères[ \t]+)?salutations(?:[ \t]+distinguées)?|amitiés|"
    r"mit[ \t]+freundlichen[ \t]+grüßen|viele[ \t]+grüße)[ \t]*[,.!]?[ \t]*"
)
_ON_BEHALF_RE = re.compile(r"(?i)[ \t]*(?:namens|on behalf of|au nom de|pour|for|p\.o\.)\b")


# --- items, runs and the analysis ------------------------------------------------------------


@dataclass(slots=True)
class _Item:
    kind: str  # "word", "initials" or "particle"
    start: int
    end: int
    text: str
    cls: WordClass = W.OTHER
    newline_before: bool = False
    protected: bool = False


@dataclass(slots=True)
class _Run:
    items: list[_Item]
    before: _Item | None  # the separating word before the run inside the phrase
    after: _Item | None  # the separating word after it
    first: bool  # the run starts the phrase
    last: bool  # the run ends the phrase
    after_newline: bool = False  # a line break separates it from the run before
    previous: _Run | None = None
    person: bool = False  # decided: a person's name

    @property
    def words(self) -> list[_Item]:
        return [i for i in self.items if i.kind == "word"]

    @property
    def start(self) -> int:
        return self.items[0].start

    @property
    def end(self) -> int:
        return self.items[-1].end


@dataclass
class NameAnalysis:
    """What the rules found in a text."""

    persons: list[Span] = field(default_factory=list)
    # runs that are organisation, facility, programme, street or place names (or parts of
    # them): no back-end may redact them
    kept: list[tuple[int, int]] = field(default_factory=list)
    # proper names of facilities and programmes seen in the text ("De Kroon"), protected
    # wherever else they occur in it
    kept_names: set[str] = field(default_factory=set)
    # capitalised words that may be names but that no rule decided: the back-ends look at
    # the sentences that hold them
    open_words: list[tuple[int, int]] = field(default_factory=list)


class _Regions:
    """Sorted, non-overlapping (start, end) stretches of the text with a membership test."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._spans = sorted(spans)
        self._starts = [s for s, _ in self._spans]

    def __contains__(self, position: object) -> bool:
        if not isinstance(position, int):
            return False
        i = bisect.bisect_right(self._starts, position) - 1
        return i >= 0 and self._spans[i][0] <= position < self._spans[i][1]

    def __bool__(self) -> bool:
        return bool(self._spans)


_CONTINUED_LINE_RE = re.compile(r"(?:[,;&]|\b(?:en|and|et|of|or|ou))[ \t]*\Z")


def _list_regions(text: str) -> list[tuple[int, int]]:
    """The stretches after "Aanwezig:"-like headers. An inline list ends with its sentence or
    its line, unless the line ends with a comma or "en"/"and"/"et"; a header alone on its line
    heads the lines after it, up to a blank line or a new "Header:" line."""
    regions: list[tuple[int, int]] = []
    for match in _LIST_HEADER_RE.finditer(text):
        line_end = _line_end(text, match.end())
        if text[match.end() : line_end].strip():
            end = line_end
            while _CONTINUED_LINE_RE.search(text, match.end(), end) and end < len(text):
                end = _line_end(text, end + 1)
            regions.append((match.end(), min(end, _sentence_end(text, match.end()))))
            continue
        end = cursor = line_end
        while cursor < len(text):
            next_end = _line_end(text, cursor + 1)
            line = text[cursor + 1 : next_end]
            if not line.strip() or _HEADER_LINE_RE.match(line):
                break
            end = cursor = next_end
        regions.append((match.end(), end))
    return regions


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _sentence_end(text: str, start: int) -> int:
    """The end of the sentence that goes on at ``start`` (a blank line ends it too)."""
    limit = text.find("\n\n", start)
    limit = len(text) if limit < 0 else limit
    for match in _SENTENCE_END_RE.finditer(text, start, limit):
        word_start = match.start()
        while word_start > start and not text[word_start - 1].isspace():
            word_start -= 1
        word = text[word_start : match.start()].casefold()
        if len(word) == 1 or word in _ABBREVIATIONS or (len(word) <= 4 and "." in word):
            continue
        return match.start()
    return limit


def _signature_regions(text: str) -> list[tuple[int, int]]:
    """The name line after a closing formula ("Met vriendelijke groet,"): the rest of its
    line, or the first following line that is not "namens ...", within three lines."""
    regions: list[tuple[int, int]] = []
    for match in _CLOSING_RE.finditer(text):
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end < 0 else line_end
        if text[match.end() : line_end].strip():
            if match.group().rstrip().endswith((",", ".")):
                regions.append((match.end(), line_end))
            continue
        cursor = line_end
        for _ in range(3):
            if cursor >= len(text):
                break
            next_end = text.find("\n", cursor + 1)
            next_end = len(text) if next_end < 0 else next_end
            line = text[cursor + 1 : next_end]
            if line.strip() and not _ON_BEHALF_RE.match(line):
                regions.append((cursor + 1, next_end))
                break
            cursor = next_end
    return regions


def _items(text: str, start: int, end: int, protected: _Regions) -> list[_Item]:
    items: list[_Item] = []
    last_end = start
    for match in _ITEMS_RE.finditer(text, start, end):
        kind = match.lastgroup or "word"
        item = _Item(kind, match.start(), match.end(), match.group())
        item.newline_before = "\n" in text[last_end : match.start()]
        if kind == "word":
            item.cls = word_class(item.text)
            item.protected = item.start in protected or (item.end - 1) in protected
        last_end = match.end()
        items.append(item)
    return items


_SEPARATORS = frozenset({W.TITLE, W.ORGANISATION, W.STREET, W.SAINT, W.CUE, W.OTHER})
_NAMEISH = frozenset({W.FIRST, W.SURNAME, W.WEAK_FIRST, W.UNKNOWN})


def _runs(items: list[_Item]) -> list[_Run]:
    runs: list[_Run] = []
    current: list[_Item] = []
    before: _Item | None = None
    after_newline = False

    def close(after: _Item | None) -> None:
        nonlocal current
        if current and any(i.kind != "particle" for i in current):
            previous = runs[-1] if runs and runs[-1].end <= current[0].start else None
            runs.append(_Run(current, before, after, not runs, False, after_newline, previous))
        current = []

    for item in items:
        if item.kind == "word":
            cls = item.cls
            if (
                cls in (W.TITLE, W.ORGANISATION)
                and current
                and current[-1].kind == "word"
                and current[-1].cls in _NAMEISH
                and not item.newline_before
                and item.text.casefold() in surnames()
            ):
                cls = item.cls = W.SURNAME  # "Maria Arts", "Emily Hall"
            if item.protected or cls in _SEPARATORS:
                close(item)
                before, after_newline = item, False
                continue
        if item.newline_before and current:
            close(None)
            before, after_newline = None, True
        current.append(item)
    close(None)
    if runs:
        runs[-1].last = True
    for run in runs:
        run.first = run.before is None and run.previous is None
    return runs


def _is_eponym_after(run: _Run) -> bool:
    after = run.after
    return (
        after is not None
        and not after.newline_before
        and bool(EPONYM_HEADS_AFTER_RE.fullmatch(after.text.casefold()))
    )


_STREET_STEM_RE = re.compile(
    r"(.+?)(?:straat|straatje|laan|plein|singel|gracht|steeg|dreef|plantsoen|boulevard|markt|"
    r"weg|pad|kade|dijk|hof|wal|dam|allee|passage|straße|strasse|gasse|platz)"
)
_ARTICLE_BEFORE_RE = re.compile(
    r"(?<![\w-])(?i:de|het|the|la|le|l['’]|aan|in|op|naar|langs|via|at|on|rue|avenue)[ \t]+\Z"
)


def _street_after(run: _Run, context: _Context) -> bool:
    """A first name (with particles) glued to a street word: "de Jan van Eyckstraat". Not
    "Mariëlle van de Kerkstraat" (Mariëlle from the Kerkstraat): the stem of a street named
    after a person is no ordinary word, or an article comes before the street's name."""
    after = run.after
    if after is None or after.cls != W.STREET or after.newline_before:
        return False
    if not all(i.kind != "word" or i.cls in (W.FIRST, W.WEAK_FIRST) for i in run.items):
        return False
    stem = _STREET_STEM_RE.fullmatch(after.text.casefold())
    if stem is None or not is_common(stem.group(1)):
        return True
    return run.first and bool(_ARTICLE_BEFORE_RE.search(context.before))


class _Context:
    """Lazily computed context of a phrase in the text."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        self._before: str | None = None

    @property
    def before(self) -> str:
        if self._before is None:
            self._before = self.text[max(0, self.start - 70) : self.start]
        return self._before


def _trigger(run: _Run, context: _Context) -> str | None:
    """ "honorific" or "role" when a title or role comes right before the run."""
    before = run.before
    if before is not None:
        if before.cls == W.TITLE:
            return "honorific" if before.text.casefold().rstrip(".") in HONORIFICS else "role"
        return None
    if (run.previous is not None and run.after_newline) or not run.first:
        return None
    window = context.before
    if not window or window[-1] not in " \t\n,:)(":
        return None
    return _title_at_end(window)


_QUOTE_CHARS = "\"“”‘’'(["


def _title_at_end(window: str) -> str | None:
    """The kind of title or role that ends the text before a name: "mevrouw ", "wethouder
    (PvdA) ", "Voorzitter: ", "officier van justitie ", "de burgemeester van Heerlen, "."""
    tail = window.rstrip()
    if window.count("\n", len(tail)) > 1:
        return None  # a blank line between
    comma = tail.endswith(",")
    if tail.endswith((",", ":")):
        tail = tail[:-1].rstrip()
    if tail.endswith(")"):
        opening = tail.rfind("(")
        if opening >= 0 and len(tail) - opening <= 32:
            tail = tail[:opening].rstrip()  # a party tag: "wethouder (PvdA) Jansen"
    words = [w.strip(_QUOTE_CHARS) for w in tail.rsplit(None, 4)[-4:]]
    if not words or not words[-1]:
        return None
    if words[-1] in ("M.", "MM.") and (len(tail) == len(words[-1]) or not tail[-3].isalpha()):
        return "honorific"
    last = words[-1].casefold().rstrip(".")
    if last in HONORIFICS or (last == "heer" and len(words) > 1 and words[-2].casefold() == "de"):
        return "honorific"
    for size in range(min(4, len(words)), 0, -1):
        phrase = " ".join(words[-size:]).casefold()
        if phrase.startswith(_ELIDED_PREFIXES):
            phrase = phrase[2:]
        if phrase in _ROLE_PHRASE_SET or (size == 1 and is_role_word(phrase)):
            return "role"
    if comma and _APPOSITION_TITLE_RE.search(window):
        return "role"  # "de burgemeester van Heerlen, Roel Wever"
    return None


def _cue(run: _Run, context: _Context) -> bool:
    before = run.before
    if before is not None:
        return before.cls == W.CUE or before.text.casefold() in CUE_WORDS
    return run.first and _words_before(context.before, _CUES_BEFORE)


def _after_context(run: _Run, text: str) -> bool:
    """A speech verb, an age or a role in apposition right after the run ("Creemers zei",
    "Bakker (45)", "Nwachukwu, a local shopkeeper,", "Rijnders, de eigenaar,")."""
    end = run.end
    if _SPEECH_AFTER_RE.match(text, end) or _AGE_AFTER_RE.match(text, end):
        return True
    apposition = _APPOSITION_AFTER_RE.match(text, end)
    return apposition is not None and is_role_word(apposition.group("role"))


_LINE_PREFIX_RE = re.compile(r"[ \t]*(?:[-*•–·][ \t]*|\d{1,2}[.)][ \t]*)?")


def _speaker_label(run: _Run, text: str) -> bool:
    """The run alone at the start of its line, before a colon: "Lemmens: ..."."""
    if not run.last or not _LABEL_AFTER_RE.match(text, run.end):
        return False
    line_start = text.rfind("\n", 0, run.start) + 1
    prefix = _LINE_PREFIX_RE.match(text, line_start, run.start)
    return prefix is not None and prefix.end() == run.start


def _has_listed_or_plain_name(run: _Run) -> bool:
    """A listed name, or an unknown word that is not two ordinary words run together: in a
    name context ("volgens X", "X zei", "X:", "Aanwezig: X") an invented organisation name is
    often a compound ("Buurtkracht", "Namespace"), a surname seldom is."""
    return any(
        i.cls in (W.FIRST, W.SURNAME, W.WEAK_FIRST)
        or (i.cls == W.UNKNOWN and not is_compound_of_common_words(i.text))
        for i in run.words
    )


_PREPOSITION_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:van|door|met|aan|voor|bij|naar|namens|by|with|from|to|for|par|avec|pour|"
    r"chez|à)[ \t]+\Z"
)
_AND_BEFORE_RE = re.compile(r"(?:,|[ \t](?:en|and|et|of|or|ou|&))[ \t]+\Z")


def _single_surname(run: _Run, context: _Context) -> bool:
    """One known surname: a person when it is no ordinary word or place, or when it follows a
    preposition inside a sentence ("het plan van Kicken", "met Bakker", "by Green")."""
    words = run.words
    if len(words) != 1 or any(i.kind == "initials" for i in run.items):
        return False
    word = words[0]
    if word.cls != W.SURNAME:
        return False
    parts = [p for p in word.text.split("-") if p.casefold() not in ARABIC_PARTICLES]
    if not any(is_common(p) for p in parts):
        return True
    if not run.first or run.before is not None:
        return False
    items = run.items
    if len(items) == 2 and items[0].kind == "particle" and items[0].text in ("van", "von", "de"):
        return not _SENTENCE_START_RE.search(context.before)  # "het plan van Kicken"
    return len(items) == 1 and bool(_PREPOSITION_BEFORE_RE.search(context.before))


def _listed_name_pair(run: _Run) -> bool:
    """Two or three name-like words of which one is a listed surname or first name
    ("Zjeraldo Pinas", "Kuypers Otten"), none of them an ordinary word."""
    words = run.words
    if not 2 <= len(words) <= 3 or any(i.cls not in _NAMEISH for i in words):
        return False
    return any(i.cls in (W.SURNAME, W.WEAK_FIRST) for i in words)


def _coordinated_with_person(run: _Run, context: _Context, result: NameAnalysis) -> bool:
    """A name-like run joined by "en", "and", "et" or a comma to the person just before it
    ("door Kerckhoffs en Sprenkels")."""
    if not run.first or run.before is not None or not result.persons or not _coordinable(run):
        return False
    last = result.persons[-1]
    gap = context.text[last.end : context.start]
    return len(gap) <= 6 and bool(_AND_BEFORE_RE.search(context.text, last.end, context.start))


def _not_a_name(item: _Item) -> bool:
    """A department or an adjective after a role word ("wethouder Financiën Jansen")."""
    key = item.text.casefold()
    return key in ROLE_MODIFIERS or (item.cls == W.COMMON and key not in surnames())


def _person_items(run: _Run, trigger: str | None) -> list[_Item]:
    """The items of a run that make up the name (trailing particles dropped)."""
    items = list(run.items)
    if (
        trigger == "role"
        and len(items) > 1
        and items[0].kind == "particle"
        and items[0].text in ("van", "de", "von", "du", "des", "of")
    ):
        items.pop(0)
    if trigger == "role":
        while items:
            words = [i for i in items if i.kind == "word"]
            if items[0].kind == "particle" and (
                items[0].text[:1].isupper() or (words and not _not_a_name(words[0]))
            ):
                break
            if items[0].kind == "word" and not _not_a_name(items[0]):
                break
            if items[0].kind == "initials":
                break
            items.pop(0)
    elif trigger is None:
        while len(items) > 1 and items[0].kind == "particle" and items[0].text[:1].islower():
            items.pop(0)  # a preposition ("van A.B. Jansen", "het plan van Kicken")
    while items and items[-1].kind == "particle":
        items.pop()
    if len(items) > 1 and items[0].text in ("M.", "MM.") and items[1].kind == "word":
        items.pop(0)  # French "M." is Monsieur; a single initial says little anyway
    return items


_PLAIN_WORD_RE = re.compile(r"[^\s.'’]+")


def analyse(
    text: str, protected: Sequence[tuple[int, int]], start: int = 0, end: int | None = None
) -> NameAnalysis:
    """Person names (and kept names and open words) by rules in ``text[start:end]``."""
    end = len(text) if end is None else end
    result = NameAnalysis()
    protected_regions = _Regions(list(protected))
    lists = _Regions(_list_regions(text))
    signatures = _Regions(_signature_regions(text))
    undecided: list[_Run] = []
    for phrase in PHRASE_RE.finditer(text, start, end):
        word = phrase.group()
        if _PLAIN_WORD_RE.fullmatch(word) and (
            word_class(word) in _SEPARATORS or phrase.start() in protected_regions
        ):
            continue  # a lone function word, title or known name: nothing to decide
        items = _items(text, phrase.start(), phrase.end(), protected_regions)
        if not items:
            continue
        context = _Context(text, phrase.start(), phrase.end())
        for run in _runs(items):
            if _decide(run, text, context, lists, signatures, result):
                undecided.append(run)
    if undecided and result.persons:
        _coordinated_before_person(text, undecided, result)
    return result


def _coordinated_before_person(text: str, undecided: list[_Run], result: NameAnalysis) -> None:
    """A name-like run joined by "en", "and", "et" or a comma to the person right after it
    ("Mathurin et Apolline", "Tanisha en Jeroen")."""
    starts = sorted(span.start for span in result.persons)
    for run in undecided:
        if not (run.last and _coordinable(run)):
            continue
        n = bisect.bisect_left(starts, run.end)
        if n == len(starts) or starts[n] - run.end > 6:
            continue
        if _AND_BETWEEN_RE.fullmatch(text, run.end, starts[n]):
            items = _person_items(run, None)
            result.persons.append(Span(PERSON, items[0].start, items[-1].end))
            decided = {(i.start, i.end) for i in run.words}
            result.open_words = [w for w in result.open_words if w not in decided]


_AND_BETWEEN_RE = re.compile(r"(?:,|[ \t]+(?:en|and|et|&))[ \t]+")


def _coordinable(run: _Run) -> bool:
    """A run that may be a name next to another name: a listed surname, an ambiguous first
    name, or one unknown word that is not two ordinary words run together."""
    words = run.words
    return 1 <= len(words) <= 2 and all(
        i.cls in (W.SURNAME, W.WEAK_FIRST)
        or (i.cls == W.UNKNOWN and not is_compound_of_common_words(i.text))
        for i in words
    )


def _decide(
    run: _Run,
    text: str,
    context: _Context,
    lists: _Regions,
    signatures: _Regions,
    result: NameAnalysis,
) -> bool:
    """Records the run as a person's name, a kept name, or open words (then True)."""
    words = run.words
    if not words:
        return False
    if _names_something_else(run, context):
        _keep(run, result, text, named=False)
        return False
    trigger = _trigger(run, context)
    if not _is_person(run, trigger, text, context, lists, signatures, result):
        before = run.before
        if (before is not None and before.cls == W.ORGANISATION) or (
            run.first and before is None and _words_before(context.before, _PROGRAMME_WORDS)
        ):
            _keep(run, result, text, named=True)  # "Wijkcentrum De Kroon", "project X"
            return False
        result.open_words.extend(
            (i.start, i.end) for i in words if i.cls in _NAMEISH and not i.protected
        )
        return True
    items = _person_items(run, trigger)
    if not any(i.kind != "particle" for i in items):
        return False
    run.person = True
    result.persons.append(Span(PERSON, items[0].start, items[-1].end))
    after = _COMMA_INITIALS_RE.match(text, run.end) if run.last else None
    if after is not None:
        result.persons.append(Span(PERSON, after.start("initials"), after.end("initials")))
    return False


def _names_something_else(run: _Run, context: _Context) -> bool:
    """An organisation, place or street named after a person or saint: "Stichting Jan
    Smeets", "Sint Jan", "rue Victor Hugo", "Jan Smeets Fonds", "de Jan van Eyckstraat"."""
    before = run.before
    if before is not None and not run.after_newline:
        key = before.text.casefold()
        if before.cls == W.SAINT or key in EPONYM_HEADS_BEFORE or key in BUSINESS_WORDS:
            return True
    elif run.first and before is None and _words_before(context.before, _EPONYM_WORDS):
        return True
    return _is_eponym_after(run) or _street_after(run, context)


def _is_person(
    run: _Run,
    trigger: str | None,
    text: str,
    context: _Context,
    lists: _Regions,
    signatures: _Regions,
    result: NameAnalysis,
) -> bool:
    words = run.words
    lead = [i for i in run.items if i.kind != "particle" or i.text[:1].isupper()]
    initials_start = (
        bool(lead)
        and lead[0].kind == "initials"
        and any(i.kind == "word" and i.cls != W.COMMON for i in lead[1:3])
    )
    previous = run.previous
    previous_person = (
        run.after_newline
        and previous is not None
        and previous.person
        and words[0].cls in _NAMEISH
        # a name wrapped between its first and last name ("Emily\nHargreaves"), not the
        # next item or label of a list
        and all(i.kind != "word" or i.cls in (W.FIRST, W.WEAK_FIRST) for i in previous.items)
        and not _speaker_label(run, text)
    )
    if trigger is not None or initials_start or previous_person:
        # after a title or role, or from initials on: a name unless only ordinary words
        # follow a role ("directeur Bedrijfsvoering")
        return (
            trigger == "honorific"
            or initials_start
            or any(i.cls != W.COMMON or i.text.casefold() in surnames() for i in words)
            or any(i.kind == "particle" and i.text[:1].isupper() for i in run.items)
        )
    if any(i.cls == W.FIRST for i in words):
        first = next(n for n, i in enumerate(run.items) if i.kind == "word" and i.cls == W.FIRST)
        run.items = run.items[first:]
        return True
    if _weak_first_then_name(run):
        return True
    if _has_listed_or_plain_name(run) and (
        _cue(run, context)
        or (run.last and _after_context(run, text))
        or (run.last and _COMMA_INITIALS_RE.match(text, run.end) is not None)
        or run.start in lists
        or run.start in signatures
        or _speaker_label(run, text)
    ):
        return True
    return (
        _single_surname(run, context)
        or _listed_name_pair(run)
        or _capitalised_particle_name(run, context)
        or _coordinated_with_person(run, context, result)
    )


_SURNAME_PARTICLE_RE = re.compile(
    r"(?:Op (?:de|den|'t|’t)|In (?:'t|’t|de|den|het)|Uit (?:de|den|het)"
    r"|Van(?: (?:der|den|de|het|'t|’t))?|Ten|Ter|Von|Vander|Vanden|Vande)"
)
_SENTENCE_START_RE = re.compile(r"(?:\A|[.!?:;\n\"“(])[ \t]*\Z")


def _capitalised_particle_name(run: _Run, context: _Context) -> bool:
    """A Dutch surname with a capitalised particle inside a sentence ("met Op de Kamp",
    "en Van Mulken"): such a particle starts no place, street or organisation name."""
    items = run.items
    if len(items) < 2 or items[0].kind != "particle" or not run.first or run.before is not None:
        return False
    if not _SURNAME_PARTICLE_RE.fullmatch(items[0].text):
        return False
    if _SENTENCE_START_RE.search(context.before):
        return False
    return items[1].kind == "word" and items[1].cls in _NAMEISH | {W.COMMON}


def _weak_first_then_name(run: _Run) -> bool:
    """An ambiguous first name right before another name word ("Roos Jansen")."""
    items = run.items
    for n, item in enumerate(items[:-1]):
        if item.kind == "word" and item.cls == W.WEAK_FIRST:
            rest = [i for i in items[n + 1 :] if i.kind != "particle"]
            if rest and rest[0].kind == "word" and rest[0].cls in _NAMEISH:
                run.items = items[n:]
                return True
    return False


def _keep(run: _Run, result: NameAnalysis, text: str, *, named: bool) -> None:
    result.kept.append((run.start, run.end))
    if named:
        name = " ".join(text[run.start : run.end].split())
        if len(name) >= 3:
            result.kept_names.add(name)


def name_words(text: str, spans: Sequence[Span]) -> set[str]:
    """The words of redacted names (and the parts of double names), for finding them again."""
    words: set[str] = set()
    for span in spans:
        for match in _WORD_RE.finditer(text, span.start, span.end):
            word = match.group()
            for part in (word, *word.split("-")):
                key = part.casefold()
                if (
                    len(part) >= 2
                    and key not in _NAME_PARTICLES
                    and key not in HONORIFICS
                    and word_class(part) not in (W.OTHER, W.TITLE, W.ORGANISATION, W.STREET)
                ):
                    words.add(part)
    return words


_WORD_RE = re.compile(NAME_WORD)


def repeat_mentions(text: str, words: set[str]) -> Iterator[Span]:
    """Other mentions of the name words, also possessive ("Jansens", "Jansen's") and in
    capitals; only where they start with a capital letter."""
    if not words:
        return
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?i:{alternatives})(?:['’]s|['’]|s)?(?![\w-])")
    for match in pattern.finditer(text):
        if match.group()[0].isupper():
            yield Span(PERSON, match.start(), match.end())


def is_role_word(word: str) -> bool:
    """A role, function or title, also a Dutch compound ("jongerenwerker", "oud-wethouder")."""
    key = word.casefold().rstrip(".")
    return key in ROLE_WORDS or key in HONORIFICS or bool(ROLE_COMPOUND_RE.fullmatch(key))


__all__ = [
    "INITIALS",
    "NAME_WORD",
    "PHRASE_RE",
    "NameAnalysis",
    "analyse",
    "name_words",
    "repeat_mentions",
]
