"""Relation extraction: which programme targets which place and addresses which incident type,
who runs it or partners in it, where facilities are and who operates them, where stakeholders
are active, and which incidents happened where: rules over the entity mentions of each
sentence, in Dutch, English and French.

The finder works on the redacted text and the entities already found in it (ids starting
``class:`` are class words, not entities). It never scans the whole text per entity pair: the
text is cut into sentences (``nlp.sentences``) and each sentence is read once, with its
mentions masked (``§`` for places, facilities, stakeholders, programmes and incident types,
``¤`` for class words and other concepts) so that the cue regexes see only the words between
the mentions. Kinds of things are ontology tests (``model.is_a``), never lists of classes.

Rules in brief (``S`` stakeholder, ``P`` programme, ``L`` place, ``F`` facility, ``I``
incident type):

- *Lists.* Mentions of one kind separated only by commas, conjunctions, articles or a short
  parenthesis ("A, B en C", "A, B and C", "A (trekker), B et C") form a group; a cue for the
  group holds for each member. A list runs on across a few unrecognised items ("A, het
  Regionaal Centrum (RIC), B en de corporaties C"), never across a clause word or a
  preposition. A cue before a colon holds for the list after it ("tackles three problems:
  A …, B and C", "in vier wijken …: A, B en C"). A sentence ending in ":" or a short heading
  ("Partners") is read together with each bullet or numbered line after it.
- *RUNS / PARTNER_IN.* ``S`` runs ``P`` after an agent cue ("uitgevoerd door", "onder leiding
  van", "led by", "an initiative of", "porté par", a bare passive "door/by/par" after ``P``),
  as the subject of a leading verb ("voert … uit", "start", "launched", "coordinates",
  "lance", "pilote", "is trekker van"), when named "trekker", "penvoerder", "lead", "pilote"
  (also in parentheses or before ``P``: "Trekker van P is S") or as the owner ("P van S",
  "S's P"). ``S`` partners after a partnership cue ("partners: …", "samen met", "in
  samenwerking met", "met steun van", "gefinancierd door", "together with", "in partnership
  with", "avec", "en partenariat avec", "Partners van P: …"), as the subject of a taking-part
  verb ("neemt deel aan", "maakt deel uit van", "joins", "participe à"), or inside ``P``
  ("Binnen P werkt S …", "A en B delen informatie in het kader van P"). A list of
  stakeholders that starts or launches ``P`` together ("A, B and C launched P") partners in
  it; "bestaat uit:", "consists of:" before a list are partnership cues; people of an
  organisation stand for it ("run by volunteers of S", "samen met het jongerenwerk van S");
  "S, represented by T" gives T no role. A stakeholder that runs a programme is not also its
  partner.
  "De evaluatie van P door S" is neither.
- *TARGETS.* A place attaches to the mention right before it in its clause (places in a row
  chain on). After ``P`` (or after a stakeholder or incident type in a sentence with ``P``)
  with a locative cue ("in", "in de wijk", "for residents of", "dans le quartier de", "à") or
  a targeting verb ("richt zich op", "targets", "expands to", "cible") it is a target; a place
  opening the clause targets the programme that follows ("In Heerlerheide start P"), unless
  the programme has an explicit target after it ("In Heerlen, P targets X": X only). A
  programme named again with the same words where no entity was found ("P richt zich op …"
  after "het programma P") is a mention too.
- *ADDRESSES.* ``I`` after a combating cue ("tegen", "bestrijding van", "minder", "tackles",
  "to reduce", "lutte contre", "prévenir") or before a Dutch final verb ("… te voorkomen",
  "pakt … aan", "… in Passart verminderen") is addressed by the nearest programme.
- *LOCATED_IN / OPERATES / ACTIVE_IN.* ``F`` followed within a few words by a locative cue
  and a place ("aan de Akerstraat", "located in", "située à", "(Hoensbroek)") is located
  there. ``S`` operates ``F`` after "beheerd door", "run by", "géré par", or as the subject
  of "beheert", "runs", "exploite". ``S`` is active in ``L`` with "actief in", "werkzaam in",
  "works in", "patrols", "présent dans", "In L zijn S actief"; with lower confidence when it
  is the subject of a clause with a locative place and no programme, facility or event in it
  ("JENS start jongerenwerk in Terschuren"), never for talk ("meldt", "bespreekt", "says"),
  a visit or an answer. A relative clause after a list ("A and B, which owns homes in X") is
  about its last item. "géré par l'association S" and "S, Heerlen : fondation qui gère F"
  are OPERATES.
- *Incidents.* An incident-type mention is a concrete event when its sentence has an event
  cue (a date, a time word such as "gisteren"/"last night"/"hier soir", a weekday, a past
  event verb such as "vond plaats"/"exploded"/"a eu lieu", or "een explosie aan de …") and
  nothing generic around it (counts and trends: "aantal", "14 hennepkwekerijen", "in 2023",
  "rates"; combating or talk: "tegen", "lutte contre", "discussed"; "meer", "geen"). Its
  place is the most specific of its part of the sentence (specificity from the ontology's
  PART_OF/COVERS restrictions: street, neighbourhood, district, area, municipality). Each
  event becomes an ``Incident`` entity with the id
  ``incident:<type>-<slug of the place id>-<ISO date|undated>`` (the same event in two
  documents gets the same id) and the relations OF_TYPE and OCCURRED_IN. A month of a year
  ("in maart 2023", "en octobre 2023") is an event cue unless it opens a period ("sinds",
  "since", "depuis"); the date of a message ("Datum: …") is none. A sentence is cut into parts
  at ";" and ", en/and/et …": each part tells its own event, at a place of that part; places
  of one kind coordinated ("à Liège et à Heerlen") each get the event. Events told with a verb
  and no incident noun ("is ingebroken", "was stolen", "ont été cambriolées", "ontplofte")
  come from a table of verbs per incident-type id (checked against the ontology), refined by
  their object (a stolen bicycle or car, an ATM blown up); a participle needs a past auxiliary
  or a date or time word, and negation, frequency or modality ("vaak", "can", "sont
  régulièrement") makes it no event. Such a verb also yields the ``IncidentType`` entity when
  the type is not named otherwise. A short bullet title ("- Address fraud on the X.") is an
  event when the next sentence of its paragraph has an event cue; a part with a place, a cue
  and a word referring back ("The latest was on …", "a similar dump was found near …") is an
  event of the type named just before (in the sentence, or in the two sentences before in the
  paragraph).
- *Anaphora.* "het project", "the programme", "ce projet", "au projet" (and a role list head
  such as "Partners:" without a programme) stand for the last programme named before them;
  "de gemeente", "the municipality", "la commune" for the document's one local government
  if it names exactly one. A sentence (or clause) opening with "Het/It/Il/Elle" and a
  programme verb ("Het richt zich op", "It tackles", "Il vise") continues the programme named
  within a few sentences before. The subject of a relative clause on a programme runs it
  ("P, dat S samen met X uitvoert", "P, which S has run") or, as a list, partners in it.
  Relations through them get lower confidence.

Confidence is 0.8-0.9 with an explicit cue, 0.7-0.75 for weaker cues (ownership, a bare
"met"/"with", a place opening the clause), 0.6 for co-occurrence that is usually right.
One relation per (type, source, target) is kept per document: the highest confidence, with
the evidence span (the sentence, or list head and item) where that was first seen.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from nlp.extraction import Entity, Relation
from nlp.gazetteer import CLASS_ID_PREFIX
from nlp.patterns import slug
from nlp.sentences import sentence_spans
from ontology.model import OntologyModel

PLACE = "Place"
FACILITY = "Facility"
STAKEHOLDER = "Stakeholder"
PROGRAMME = "Programme"
INCIDENT_TYPE = "IncidentType"
INCIDENT = "Incident"
KINDS = (PLACE, FACILITY, STAKEHOLDER, PROGRAMME, INCIDENT_TYPE)
LOCAL_GOVERNMENT = "LocalGovernment"

TARGETS = "TARGETS"
ADDRESSES = "ADDRESSES"
RUNS = "RUNS"
PARTNER_IN = "PARTNER_IN"
OCCURRED_IN = "OCCURRED_IN"
OF_TYPE = "OF_TYPE"
LOCATED_IN = "LOCATED_IN"
OPERATES = "OPERATES"
ACTIVE_IN = "ACTIVE_IN"
RELATION_TYPES = (
    TARGETS,
    ADDRESSES,
    RUNS,
    PARTNER_IN,
    OCCURRED_IN,
    OF_TYPE,
    LOCATED_IN,
    OPERATES,
    ACTIVE_IN,
)

MENTION_MARK = "§"  # a relevant mention, masked
OTHER_MARK = "¤"  # a class word or another concept, masked
ANAPHOR_WEIGHT = 0.85
MAX_ANTECEDENT_DISTANCE = 1500  # characters back to the programme an anaphor stands for

_I = re.IGNORECASE


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of phrases (given as regex fragments), longest first."""
    return "|".join(sorted(set(words), key=len, reverse=True))


def _phrases(text: str) -> list[str]:
    """Regex phrases separated by ``|`` or line breaks outside brackets (a line break inside
    a bracket is one more alternative there); a space matches any run of white space."""
    phrases: list[str] = []
    current: list[str] = []
    depth = 0
    lines = text.splitlines()
    for n, line in enumerate(lines):
        for i, ch in enumerate(line.strip()):
            escaped = i > 0 and line.strip()[i - 1] == "\\"
            if ch == "(" and not escaped:
                depth += 1
            elif ch == ")" and not escaped:
                depth -= 1
            if ch == "|" and depth == 0:
                phrases.append("".join(current))
                current = []
            else:
                current.append(ch)
        if n + 1 < len(lines):
            if depth == 0:
                phrases.append("".join(current))
                current = []
            else:
                current.append("|")
    phrases.append("".join(current))
    return [r"\s+".join(p.split()) for p in (p.strip() for p in phrases) if p]


# ------------------------------------------------------------------ shared vocabulary

_ART = _alt(
    _phrases(
        """de|het|een|'t|the|a|an|le|la|les|un|une|des|du|d'|d’|l'|l’|die|deze|dit|dat|this|these
        those|that|ce|cet|cette|ces|zijn|haar|hun|its|their|son|sa|ses|leur|leurs|onze|our
        notre|nos|ons|alle|all|tous|toutes|beide|both|les deux|volgende|following|suivants
        drie|twee|three|two|trois|deux|plusieurs|verschillende|several|various|diverse
        vier|vijf|zes|four|five|six|quatre|cinq|hele|heel|geheel|whole|entire|the whole
        the entire|tout|toute|tout le|toute la|tous les|l'ensemble du|l’ensemble du"""
    )
)
_COPULA = "is|zijn|are|was|were|waren|est|sont|worden|wordt|werd|werden|will be|sera|seront"
# what may stand between a cue and the mention it introduces
# adverbs that may stand inside a cue or between a cue and its mention ("targets in
# particular", "cible en priorité", "samen met onder meer")
_ADVERB = _alt(
    _phrases(
        """vooral|met name|in het bijzonder|voornamelijk|hoofdzakelijk|onder meer|onder andere
        ook|eveneens|nadrukkelijk|specifiek|in particular|particularly|especially|mainly
        primarily|chiefly|specifically|notably|also|among others|inter alia|en priorité
        en particulier|notamment|surtout|principalement|particulièrement|aussi|également
        entre autres|prioritairement"""
    )
)
_FILL = rf"(?:\s|{OTHER_MARK}|[\"“”‘'’(:•*–—-]|\b(?:{_ART}|{_COPULA}|{_ADVERB})(?!\w))"
# a preposition right before a mention: the mention is not the subject of its clause
_PREPOSITION = _alt(
    _phrases(
        """met|van|door|voor|bij|aan|op|in|uit|naar|over|tegen|tussen|zonder|onder|tot|na
        with|of|by|for|at|on|in|from|to|into|about|against|between|without|under|after
        avec|de|par|pour|à|au|aux|dans|chez|sur|du|des|entre|sans|sous|contre|vers|après
        d'|d’"""
    )
)
_LOCATIVE = _alt(
    _phrases(
        """in|op|aan|bij|te|rond|rondom|rondom de|nabij|binnen|uit|in en rond|in en om
        in|on|at|near|around|across|throughout|within|inside|from
        à|au|aux|dans|en|sur|près de|autour de|sur le territoire de|rue|avenue"""
    )
)
_POPULATION = _alt(
    _phrases(
        """bewoners|inwoners|jongeren|ouderen|kinderen|gezinnen|ondernemers|huurders|buurtbewoners
        residents|people|young people|families|tenants|inhabitants|children|youth|households
        habitants|jeunes|familles|résidents|locataires|ménages|enfants"""
    )
)
# words that open a clause: a list does not run on across them
_CLAUSE_WORD = _alt(
    _phrases(
        r"""die|dat|wat|waar|waarbij|waarmee|waarin|waarvan|welke|terwijl|omdat|maar|want|als
        wanneer|zodat|who|which|that|where|whose|whom|while|when|because|but|as|if|since|so
        qui|que|qu'|qu’|où|dont|lequel|laquelle|lesquels|lorsque|quand|mais|car|parce|si"""
    )
)
_CONJ = "en|alsmede|evenals|en ook|and|or|as well as|and also|et|ou|ainsi que|de même que|plus"
_LIST_CONJ = {"nl": f"{_CONJ}|of", "en": _CONJ, "fr": _CONJ}  # Dutch "of" is "or"

# ------------------------------------------------------------------ RUNS / PARTNER_IN cues

_RUN_AGENT = _alt(
    _phrases(
        r"""(?:uitgevoerd|geleid|getrokken|gecoördineerd|gecoordineerd|georganiseerd|opgezet
        gestart|geïnitieerd|geinitieerd|ontwikkeld|bedacht|opgericht|gerund|aangestuurd
        gedragen|gelanceerd|uitgerold|opgestart|begeleid|trokken) door
        onder (?:leiding|regie|coördinatie|coordinatie|verantwoordelijkheid|aansturing) van
        (?:een )?initiatief van|op initiatief van|(?:een )?(?:project|programma|aanpak) van
        trekker|trekkers|penvoerder|kartrekker|projectleider|uitvoerder|uitvoerders
        uitvoering|leiding|coördinatie|regie|projectleiding|lead partner|lead
        (?:led|run|coordinated|co-ordinated|organised|organized|managed|launched|initiated
        started|set up|developed|delivered|implemented|headed|spearheaded|driven|overseen
        established|introduced|rolled out|carried out|conducted|steered|designed|created
        jointly led|co-led) by
        (?:an )?initiative (?:of|by|from)|under the (?:leadership|direction|responsibility
        coordination|auspices|guidance) of|lead organisation|coordinator|organiser|organizer
        (?:porté|piloté|coordonné|mené|lancé|organisé|initié|mis en (?:œ|oe)uvre|conduit
        animé|dirigé|développé|créé|réalisé|déployé|mis en place|orchestré)(?:e|s|es)? par
        à l['’]initiative|sous (?:la direction|l['’]égide|la houlette|le pilotage
        la coordination|la responsabilité|la conduite)
        pilote|porteur|porteuse|chef de file|coordinateur|coordinatrice|piloté|porté"""
    )
)
_PARTNER_PREP = _alt(
    _phrases(
        r"""samen met|in samenwerking met|met steun van|met ondersteuning van|met medewerking van
        met hulp van|met financiering van|met subsidie van|met bijdragen van|in overleg met
        in nauwe samenwerking met|in partnerschap met
        (?:gefinancierd|ondersteund|gesteund|gesubsidieerd|medegefinancierd) door
        partners?|partnerorganisaties|samenwerkingspartners|ketenpartners|deelnemers
        deelnemende organisaties|betrokken partners|betrokken partijen|betrokken organisaties
        partijen|andere partners|overige partners|partners (?:zijn|waren|omvatten)
        together with|in cooperation with|in co-operation with|in collaboration with
        in partnership with|with support from|with the support of|with funding from
        (?:supported|funded|co-funded|financed|sponsored|backed|joined) by|alongside
        partners? (?:are|were|include|includes)|partner organisations|participants
        participating organisations|other partners|involved partners|the partners
        en partenariat avec|en collaboration avec|en lien avec|en coopération avec
        avec le soutien|avec l['’]appui|(?:soutenu|financé|cofinancé|accompagné)(?:e|s|es)? par
        aux côtés|partenaires?|les partenaires sont|partenaires (?:sont|incluent)|associant
        samenwerking tussen|samenwerkingsverband (?:van|tussen)|een gezamenlijk (?:project
        initiatief|programma) van|partnership (?:between|of)|collaboration between|cooperation
        between|a joint (?:project|initiative|programme) (?:of|by)|partenariat entre
        collaboration entre|un projet commun (?:de|à)
        bestaat uit|bestond uit|bestaan uit|consists of|consisted of|comprises|is made up of
        is composed of|se compose de|est composé de|est composée de|regroupe|réunit"""
    )
)
_WEAK_PARTNER_PREP = r"met|with|avec"
_BARE_AGENT = r"door|by|par"
_OWNER = _alt(_phrases(r"""van|of|from|de|du|des|d'|d’|de la|de l'|de l’|uit handen van"""))
_RUN_VERB = _alt(
    _phrases(
        r"""voert|voeren|voerde|voerden|leidt|leiden|leidde|leidden|coördineert|coordineert
        coördineren|coördineerde|trekt|trekken|trok|organiseert|organiseren|organiseerde
        start|starten|startte|startten|begint|beginnen|begon|lanceert|lanceren|lanceerde
        initieert|initieerde|introduceert|introduceerde|rolt|rolde
        (?:heeft|hebben|had) (?:\S+ ){0,4}?(?:opgezet|gestart|ontwikkeld|gelanceerd|opgericht
        geïnitieerd|bedacht|opgestart|uitgerold|geïntroduceerd|geleid|gecoördineerd|getrokken
        georganiseerd|uitgevoerd)
        (?:is|zijn) (?:de )?(?:trekker|trekkers|penvoerder|eigenaar|projectleider|kartrekker
        initiatiefnemer|initiatiefnemers)
        runs|ran|leads|led|coordinates|coordinated|organises|organizes|organised|organized
        (?:has|have|had) (?:\S+ ){0,2}?(?:run|been running|led|been leading|coordinated
        organised|organized|launched|started|set up|developed|initiated|introduced
        established|implemented|rolled out|headed)
        launches|launched|starts|started|initiates|initiated|introduced|introduces|set up|sets up
        is running|is leading|heads|headed|rolls out|rolled out|delivers|delivered|implements
        implemented|spearheads|spearheaded|established|(?:is|are) (?:the )?(?:lead|leads
        lead partner|lead partners|coordinator|coordinators|organiser|organisers|organizer
        initiator|initiators)|(?:is|are) responsible for|takes the lead|take the lead
        lance|lancent|a lancé|ont lancé|lancera|pilote|pilotent|porte|portent|coordonne
        (?:a|ont) (?:\S+ ){0,2}?(?:piloté|coordonné|porté|mené|organisé|initié|développé|créé
        mis en place|mis en œuvre|mis en oeuvre|déployé|dirigé)
        coordonnent|organise|organisent|met en place|mettent en place|a mis en place
        met en œuvre|met en oeuvre|mène|mènent|dirige|dirigent|initie|déploie|a créé|crée
        (?:est|sont) (?:le |la |les )?(?:pilote|pilotes|porteur|porteurs|porteuse|responsable
        responsables|chef de file|coordinateur|coordinatrice)"""
    )
)
# starting something together does not say who leads it: "A, B and C launched P"
_LAUNCH = _alt(
    _phrases(
        r"""start|starten|startte|startten|begint|beginnen|begon|begonnen|lanceert|lanceren
        lanceerde|lanceerden|introduceren|introduceerden|richten (?:\S+ )?op|richtten (?:\S+ )?op
        (?:hebben|heeft) (?:\S+ ){0,4}?(?:gestart|gelanceerd|opgezet|opgericht|opgestart)
        launch|launches|launched|start|starts|started|set up|initiate|initiated|introduce
        introduced|establish|established|(?:have|has) (?:\S+ ){0,2}?(?:launched|started|set up)
        lancent|ont lancé|lancera|lanceront|créent|ont créé|mettent en place|ont mis en place
        initient|ont initié|démarrent|ont démarré"""
    )
)
_NOT_RUN_VERB = r"leidt tot|leiden tot|leidde tot|leads to|led to|conduit à|porte sur|portent sur"
_RUN_VERB_AFTER = _alt(
    _phrases(
        r"""uitvoert|uitvoeren|uitvoerde|leidt|leiden|coördineert|organiseert|trekt|opzet
        opzetten|opzette|start|startte|heeft opgezet|heeft gestart|is gestart|heeft ontwikkeld
        uitrolt|initieert|lanceert|gestart|opgezet|uitgevoerd|ontwikkeld|gelanceerd
        heeft uitgevoerd|heeft geleid|uitvoeren|coördineren|organiseren|trekken|geleid
        gecoördineerd|georganiseerd|getrokken"""
    )
)
_PARTNER_VERB = _alt(
    _phrases(
        r"""neemt deel|nemen deel|nam deel|namen deel|doet mee|doen mee|deed mee|deden mee
        werkt mee|werken mee|werkte mee|werkten mee|werkt samen|werken samen|werkten samen
        sluit aan|sluiten aan|sloot aan|sloten aan|is partner|zijn partner|zijn partners
        is aangesloten|zijn aangesloten|ondersteunt|ondersteunen|financiert|financieren
        draagt bij|dragen bij|droeg bij|levert een bijdrage|leveren een bijdrage
        participeert|participeren|mee aan|deel aan|aan bij|haakt aan|haken aan
        samen in|samen aan|samen binnen|together on|together in|ensemble sur|ensemble dans
        werken samen|werkt samen|work together|works together|working together|worked together
        maakt deel uit|maken deel uit|is onderdeel|zijn onderdeel|zit in de stuurgroep
        zitten in de stuurgroep|is part of|are part of|is a member of|are members of
        fait partie|font partie|est membre|sont membres|siège au comité
        travaillent ensemble|collaborent
        participates|participate|participated|takes part|take part|took part|joins|joined
        contributes|contribute|contributed|supports|supported|is a partner|are partners
        is partner|partners in|funds|funded|co-funds|works with|work with|cooperates
        collaborates|collaborate
        participe|participent|a participé|prend part|prennent part|contribue|contribuent
        rejoint|rejoignent|a rejoint|soutient|soutiennent|finance|financent
        est partenaire|sont partenaires|s'associe|s’associe|s'associent|collabore
        collaborent|s'engage|s’engage|s'engagent|coopère|coopèrent"""
    )
)
_ROLE_RUN = _alt(
    _phrases(
        r"""trekker|penvoerder|kartrekker|projectleider|hoofdaanvrager|coördinator|coordinator
        lead|lead partner|leader|lead organisation|organiser|organizer|initiatiefnemer
        pilote|porteur|porteuse|chef de file|coordinateur|coordinatrice|initiateur"""
    )
)
_ROLE_PARTNER = r"partner|partenaire|deelnemer|participant|mede-uitvoerder|co-financier|funder"
_EVALUATION = _alt(
    _phrases(
        r"""evaluatie|evalueren|geëvalueerd|onderzoek|effectmeting|monitoring|monitor|analyse
        evaluation|evaluated|evaluates|study|research|assessment|analysis|monitored
        évaluation|évalué|évaluée|étude|suivi"""
    )
)

# ------------------------------------------------------------------ TARGETS / ADDRESSES cues

_TARGET_VERB = _alt(
    _phrases(
        r"""richt(?:en|te|ten)? zich (?:\S+ ){0,3}?op|gericht op|focust op|focussen op
        concentreert zich op|zet in op|zetten in op|is bedoeld voor|bedoeld voor|omvat|beslaat
        bestrijkt|loopt in|draait in|vindt plaats in|speelt zich af in|uitgebreid naar
        uitbreiden naar|breidt uit naar|wordt uitgerold in|komt naar|gaat naar
        expands to|expand to|expanded to|extended to|extends to|rolled out to|rolls out to
        moves to|comes to|étendu à|étendue à|s'étend à|s’étend à|arrive à|s'installe à
        targets|targeting|targeted at|aimed at|aims at|focuses on|focused on|focusing on
        concentrates on|covers|is intended for|intended for|is for|runs in|takes place in
        vise|visent|visant|cible|ciblent|ciblant|se concentre sur|se concentrent sur|couvre
        couvrent|s'adresse aux|s’adresse aux|est destiné aux|destiné aux|se déroule à
        se déroule dans|concerne"""
    )
)
_ADDRESS_LEFT = _alt(
    _phrases(
        r"""tegen|tegengaan van|aanpak van|aanpakken van|aanpak|bestrijding van|bestrijden van
        bestrijden|terugdringen van|terugdringen|vermindering van|verminderen van|verminderen
        voorkomen van|voorkoming van|voorkomen|preventie van|minder|minimaliseren van|gericht op
        richt(?:en|te|ten)? zich (?:\S+ ){0,3}?(?:op|naast)|focust op|zet in op|zetten in op
        inzet op|pakt|pakken
        pakte|aanpakt|strijd tegen|beperken van|reductie van|afname van|vermindert
        against|tackle|tackles|tackling|tackled|combat|combats|combating|combatting|reduce
        reduces|reducing|reduction of|reduction in|prevent|prevents|preventing|prevention of
        address|addresses|addressing|fight|fights|fighting|fight against|curb|curbs|curbing
        fewer|less|cut|cuts|cutting|aimed at|focus on|focuses on|focused on|targets|targeting
        deal with|deals with|dealing with|crack down on|cracks down on|crackdown on|stop|stops
        lutte contre|lutter contre|luttant contre|contre|prévenir|prévention des
        prévention de|prévention du|réduire|réduction des|réduction de|combattre|vise|visent
        s'attaque à|s'attaque aux|s’attaque à|s’attaque aux|moins de|endiguer|enrayer
        s['’]attaqu(?:ent|era|eront|erait|eraient) (?:à|aux)|s['’]attaquer (?:à|aux)
        faire reculer|faire baisser|diminuer|limiter|cible|ciblent|lutte contre les"""
    )
)
_ADDRESS_RIGHT = _alt(
    _phrases(
        r"""te voorkomen|voorkomen|tegen te gaan|tegengaan|te verminderen|verminderen
        te bestrijden|bestrijden|terug te dringen|terugdringen|aan te pakken|aanpakken
        te beperken|beperken|te reduceren|reduceren|te voorkomen|voorkomt|bestrijdt|vermindert
        terugdringt|aanpakt|aan|omlaag|terug"""
    )
)

# ------------------------------------------------------------------ LOCATED_IN / OPERATES

_LOCATION_VERB = _alt(
    _phrases(
        r"""ligt|liggen|lag|staat|staan|stond|bevindt zich|bevinden zich|zit|zitten|opent|opende
        komt|kwam|is gevestigd|is gelegen|gelegen|gevestigd|vind je|vindt u|is|zijn
        is located|located|situated|is situated|lies|stands|opened|opens|is based|based|is
        se trouve|se trouvent|est situé|est située|situé|située|ouvre|a ouvert|est implanté
        est implantée|implanté|implantée|est|sont|il y a|there is|there are|er is|er zijn"""
    )
)
_OPERATE_AGENT = _alt(
    _phrases(
        r"""(?:beheerd|geëxploiteerd|geexploiteerd|gerund|uitgebaat|bemand|onderhouden
        gedreven) (?:door|van)|in beheer (?:bij|van)|eigendom van|beheerder|exploitant|eigenaar
        uitbater|(?:run|managed|operated|owned|staffed|maintained) by|operator|owner|manager
        (?:géré|exploité|tenu|détenu|animé)(?:e|s|es)? par|gestionnaire|propriétaire"""
    )
)
_OPERATE_VERB = _alt(
    _phrases(
        r"""beheert|beheren|beheerde|exploiteert|exploiteren|runt|runnen|baat|baten
        is eigenaar van|is beheerder van|is exploitant van|heeft (?:\S+ ){0,3}?in beheer
        beheerder van|eigenaar van|exploitant van
        operates|operate|operated|manages|manage|managed|runs|run|owns|own|is the operator of
        operator of|owner of|manager of
        gère|gèrent|exploite|exploitent|est propriétaire de|est gestionnaire de
        gestionnaire de|exploitant de|propriétaire de"""
    )
)

# ------------------------------------------------------------------ ACTIVE_IN

_ACTIVE = _alt(
    _phrases(
        r"""actief|werkzaam|aanwezig|werkt|werken|werkte|werkten|patrouilleert|patrouilleren
        surveilleert|surveilleren|surveilleerde|opereert|opereren|gevestigd|verhuurt|verhuren
        bezit|bezitten|heeft (?:\S+ ){0,3}?(?:woningen|huurwoningen|woningbezit|vestiging
        vestigingen|kantoor|locatie|locaties|steunpunt)|houdt (?:\S+ ){0,2}?(?:spreekuur
        toezicht)|zet zich in|zetten zich in|is betrokken|zijn betrokken|vertegenwoordigd
        active|works|work|working|worked|operates|operate|operating|present|patrols|patrol
        patrolled|patrolling|based|has (?:\S+ ){0,2}?(?:office|offices|homes|branch)|owns
        rents out|provides|deployed|is involved|are involved
        actif|actifs|active|actives|présent|présente|présents|présentes|intervient
        interviennent|travaille|travaillent|opère|opèrent|patrouille|patrouillent|implanté
        implantée|implantés|basé|basée|basés|possède|accompagne|est engagé|est engagée
        beheert|beheren|exploiteert|gère|gèrent|manages|covering|covers|serving|serves
        bestrijkt|bedient|couvre|couvrant|desservant|dessert"""
    )
)
_ACTIVE_BEFORE_PLACE = _alt(
    _phrases(
        r"""patrouilleert|surveilleert|patrols|patrolled|patrouille|covering|covers|serving
        serves|bestrijkt|bedient|couvre|couvrant|dessert|desservant"""
    )
)
_NOT_ACTIVE_VERB = _alt(
    _phrases(
        r"""meldt|melden|meldde|meldden|zegt|zeggen|zei|zeiden|bespreekt|bespreken|besprak
        bespraken|vraagt|vragen|vroeg|wil|willen|wilde|ziet|zien|zag|presenteert|presenteerde
        maakt zich zorgen|maken zich zorgen|is bezorgd|signaleert|signaleren|rapporteert
        says|said|say|reports|reported|report|discusses|discussed|asks|asked|wants|wanted
        sees|saw|presents|presented|is concerned|are concerned|warns|warned|notes|noted
        dit|disent|a dit|signale|signalent|a signalé|discute|discutent|demande|demandent
        veut|veulent|voit|présente|présentent|s'inquiète|s’inquiète|rapporte|constate
        antwoord|antwoordt|antwoordde|answer|answers|answered|réponse|répond|répondent
        bezoek|bezoekt|bezocht|werkbezoek|visit|visits|visited|visiting|study visit
        visite|visitent|a visité|ont visité"""
    )
)

# ------------------------------------------------------------------ incidents

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "januari jan january janvier janv",
        "februari feb february février fevrier févr fevr",
        "maart mrt march mar mars",
        "april apr avril avr",
        "mei may mai",
        "juni jun june juin",
        "juli jul july juillet juil",
        "augustus aug august août aout",
        "september sep sept septembre",
        "oktober okt october oct octobre",
        "november nov novembre",
        "december dec décembre decembre déc",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number
_MONTH = _alt(_MONTHS)
_YEAR = r"(?:19|20)\d{2}"
_DATE = re.compile(
    rf"\b(?P<d>\d{{1,2}})(?:e|er|ste|de|st|nd|rd|th)?\.?\s+(?P<m>{_MONTH})\b\.?"
    rf"(?:,?\s+(?P<y>{_YEAR})\b)?"
    rf"|\b(?P<m2>{_MONTH})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y2>{_YEAR})\b)?"
    rf"|\b(?P<d3>\d{{1,2}})[-/.](?P<m3>\d{{1,2}})[-/.](?P<y3>{_YEAR})\b"
    rf"|\b(?P<y4>{_YEAR})-(?P<m4>\d{{1,2}})-(?P<d4>\d{{1,2}})\b",
    _I,
)
_WEEKDAYS = (
    "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|monday|tuesday|wednesday|"
    "thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
)
_TIME_WORD = re.compile(
    r"\b(?:"
    + _alt(
        _phrases(
            rf"""gisteren|gisteravond|gistermiddag|gisterochtend|gistermorgen|gisternacht
            vannacht|vanochtend|vanmorgen|vanmiddag|afgelopen (?:nacht|weekend|week|maand
            {_WEEKDAYS})|(?:{_WEEKDAYS})(?:avond|nacht|ochtend|middag|morgen)
            in de nacht van|eerder deze week|rond \d{{1,2}}[.:]\d{{2}} uur
            om \d{{1,2}}[.:]\d{{2}} uur
            rond \d{{1,2}} uur|om \d{{1,2}} uur|op (?:{_WEEKDAYS})|vorige week|vorig weekend
            yesterday|last (?:night|week|weekend|month|{_WEEKDAYS})|on (?:{_WEEKDAYS})
            this morning|earlier this week|overnight|in the early hours|at around \d
            at \d{{1,2}}(?::\d{{2}})? ?(?:am|pm|a\.m\.|p\.m\.)|(?:{_WEEKDAYS}) (?:night|evening
            morning|afternoon)
            avant-hier|cette nuit|la nuit dernière|le week-end dernier|ce week-end
            ce matin|dans la nuit de|dans la nuit du|vers \d{{1,2}} ?h|(?:{_WEEKDAYS}) (?:soir
            matin|dernier|après-midi)|la semaine dernière"""
        )
    )
    + r")(?!\w)",
    _I,
)
_EVENT_VERB = re.compile(
    r"\b(?:"
    + _alt(
        _phrases(
            r"""vond plaats|vonden plaats|heeft plaatsgevonden|hebben plaatsgevonden
            (?:werd|werden|is|zijn) (?:\S+ ){0,4}?(?:gepleegd|opgerold|ontmanteld|aangetroffen
            ontdekt|gevonden|aangehouden|gearresteerd|beschoten|overvallen|beroofd|mishandeld
            neergestoken|vernield|beklad|gestolen|ingebroken|opgepakt|in brand gestoken
            geplaatst|doorzocht|binnengevallen|geraakt|gewond|ontploft|aangevallen
            neergeschoten|bedreigd|weggenomen|verwoest|aangestoken|geïntimideerd)
            ontplofte|ontploften|explodeerde|explodeerden|ging af|brak uit|raakte gewond
            raakten gewond|rukte uit|rukten uit|trof|troffen|vielen schoten|werd ingebroken
            zijn ingebroken|is ingebroken|hield aan|hielden aan|pakte op|rolde op|rolden op
            ontmantelde|ontmantelden|doorzocht|viel binnen|vielen binnen|overviel|overvielen
            (?:heeft|hebben) (?:\S+ ){0,5}?(?:aangehouden|opgepakt|gearresteerd|opgerold
            ontmanteld|aangetroffen|ontdekt|doorzocht|in beslag genomen|beschoten|overvallen
            neergestoken|gepleegd)
            occurred|took place|happened|was (?:\S+ ){0,2}?(?:arrested|committed|found
            discovered|dismantled|raided|shot|stabbed|robbed|burgled|attacked|damaged|set on fire
            detonated|broken into|injured|hit|seized|targeted|vandalised|vandalized|stolen)
            were (?:\S+ ){0,2}?(?:arrested|committed|found|discovered|dismantled|raided|shot
            stabbed|robbed|injured|seized|fired|stolen|damaged|targeted)
            exploded|went off|broke out|erupted|raided|dismantled|arrested|seized|rounded up
            a eu lieu|ont eu lieu|s'est produit|s’est produit|s'est produite|s’est produite
            se sont produits|(?:a|ont) été (?:\S+ ){0,2}?(?:commis|commise|arrêté|arrêtés
            interpellé|interpellés|démantelé|démantelée|découvert|découverte|cambriolé|cambriolée
            attaqué|attaquée|incendié|incendiée|visé|visée|blessé|blessée|blessés|saisi|saisie
            volé|volée|tiré|tirés|braqué|braquée|vandalisé|vandalisée)
            a explosé|ont explosé|a éclaté|ont éclaté|est survenu|est survenue|sont survenus
            ont interpellé|a interpellé|a démantelé|ont démantelé|a découvert|ont découvert
            ont été tirés|a été signalé|a été signalée"""
        )
    )
    + r")(?!\w)",
    _I,
)
_AGGREGATE = re.compile(
    r"\b(?:"
    + _alt(
        _phrases(
            r"""aantal|aantallen|cijfers|percentage|procent|per 1\.?000|toename|afname|stijging
            daling|stijgt|stegen|steeg|daalt|daalde|daalden|neemt toe|nemen toe|nam toe|namen toe
            nam af|namen af|neemt af|nemen af|vaker|trend|gemiddeld|jaarlijks|structureel
            risico op|zorgen over|beleid|thema|signalen van|meldingen van|registreerde
            rates?|number of|numbers|figures|statistics|increase|increases|decrease|rose|rising
            fell|falling|decline|declined|declining|trend|average|per year|annual|risk of
            concerns about|policy|fear of|recorded|registered
            nombre|taux|chiffres|hausse|baisse|augmentation|diminution|augmenté|diminué
            en moyenne|statistiques|risque de|politique|enregistrés|enregistrées
            (?:in|over|sinds|since|during|tijdens|en|depuis|durant) (?:19|20)\d\d(?![-/]\d)
            dit jaar|vorig jaar|per jaar|this year|last year|per year|cette année|l'an dernier
            l'année dernière|par an"""
        )
    )
    + r")(?!\w)",
    _I,
)
# words right before an incident type that make it generic: "meer overlast", "over inbraken"
_GENERIC_BEFORE = re.compile(
    r"(?<!\w)(?:"
    + _alt(
        _phrases(
            r"""meer|minder|geen|zonder|over|tegen|aanpak|aanpak van|bestrijding van|bestrijden
            preventie van|voorkomen van|tegengaan van|soorten|vormen van|zoals|bijvoorbeeld
            more|fewer|less|no|without|about|against|tackling|tackle|combat|combating
            prevention of|prevent|preventing|reduce|reducing|types of|forms of|such as
            plus de|moins de|aucun|aucune|sans|contre|lutte contre|lutter contre|prévenir
            prévention des|prévention de|prévention du|réduire|types de|formes de|comme
            besproken|bespraken|bespreekt|bespreken|sprak over|spraken over|discussed|discuss
            discusses|debated|talked about|discuté|discutent|discute|évoqué|abordé
            tientallen|honderden|dozens|hundreds|dizaines|centaines"""
        )
    )
    + rf")(?!\w)(?:{_FILL}|\w+\s){{0,2}}$",
    _I,
)
# a count right before an incident type: "14 hennepkwekerijen", "1.200 inbraken" (not a year)
_COUNT_BEFORE = re.compile(
    r"(?<![\d/.:-])\b(?:\d{1,3}|\d{1,3}(?:[.,]\d{3})+)\s+"
    r"(?!(?:een|a|an|une|un|de|het|the|le|la|les)\s)(?:[\w-]+\s+)?$"
)
_GENERIC_WINDOW = 30  # characters either side of an incident-type mention
_INDEFINITE_EVENT = re.compile(
    rf"\b(?:een|an|a|une|un)\s+(?:\w+\s+)?{MENTION_MARK}+\s+(?:\w+\s+)?(?:aan|op|in|bij|at|on|in"
    rf"|near|à|dans|rue|sur|près)\b",
    _I,
)

# "in maart 2023", "en octobre 2023", "in March 2023": a month of a year tells of an event,
# unless it opens a period ("sinds maart 2023", "since March 2023", "depuis mars 2023")
_MONTH_YEAR = re.compile(rf"(?:(?P<before>[\w'’]+)\s+)?\b(?:{_MONTH})\.?\s+{_YEAR}\b(?![-/]\d)", _I)
_PERIOD_OPENER = frozenset(
    """sinds vanaf sedert tot sindsdien since from until till through depuis dès jusqu'en
    jusqu’en jusqu'à jusqu’à partir""".split()
)
# events told with a verb instead of an incident noun: (verb phrase, incident-type id, finite).
# A finite verb is a past form on its own ("ontplofte", "exploded"); the others are participles
# that tell of an event with a past auxiliary ("is ingebroken", "was stolen", "ont été
# cambriolées") or in a sentence with a date or time word. Ids are checked against the
# ontology when the finder is built.
_VERB_EVENTS: tuple[tuple[str, str, bool], ...] = (
    # Dutch
    (r"ingebroken|inbraak gepleegd", "incident-type:burglary", False),
    (
        r"in brand (?:gestoken|gezet)|brand gesticht|aangestoken",
        "incident-type:arson",
        False,
    ),
    (r"sta(?:k|ken) (?:\S+ ){1,3}?in brand", "incident-type:arson", True),
    (r"ontplofte|ontploften|explodeerde|explodeerden", "incident-type:explosion", True),
    (
        r"ontploft|geëxplodeerd|geexplodeerd|opgeblazen|tot ontploffing gebracht",
        "incident-type:explosion",
        False,
    ),
    (
        r"(?:explosief|explosieven|bom|springlading|explosive|explosives|bomb|device)"
        r" (?:afgegaan|ging af|gingen af|went off|detonated)",
        "incident-type:explosion",
        True,
    ),
    (r"beschoten|neergeschoten|schoten gelost|schoten afgevuurd", "incident-type:shooting", False),
    (r"vielen (?:\S+ )?schoten|werd (?:\S+ ){0,3}?geschoten", "incident-type:shooting", True),
    (r"neergestoken", "incident-type:stabbing-incident", False),
    (r"overvallen|beroofd", "incident-type:robbery", False),
    (r"mishandeld", "incident-type:assault", False),
    (r"gestolen|ontvreemd", "incident-type:theft", False),
    (r"vernield|vernielde|vernielden", "incident-type:vandalism", False),
    (r"beklad|bekladden|bekladde", "incident-type:graffiti", False),
    (r"gedeald", "incident-type:drug-dealing", False),
    (r"dealde|dealden", "incident-type:drug-dealing", True),
    # English
    (r"burgled|burglarised|burglarized|broken into", "incident-type:burglary", False),
    (r"broke into", "incident-type:burglary", True),
    (r"set (?:on fire|alight|ablaze)|torched", "incident-type:arson", False),
    (r"set fire to", "incident-type:arson", True),
    (r"exploded|blew up", "incident-type:explosion", True),
    (r"blown up", "incident-type:explosion", False),
    (r"shot dead|shot at|shot", "incident-type:shooting", False),
    (r"shots (?:were )?fired", "incident-type:shooting", True),
    (r"stabbed", "incident-type:stabbing-incident", False),
    (r"robbed|mugged", "incident-type:robbery", False),
    (r"assaulted|beaten up", "incident-type:assault", False),
    (r"stolen", "incident-type:theft", False),
    (r"vandalised|vandalized", "incident-type:vandalism", False),
    (r"defaced|sprayed with graffiti", "incident-type:graffiti", False),
    # French
    (r"cambriol(?:é|ée|és|ées)", "incident-type:burglary", False),
    (r"incendi(?:é|ée|és|ées)|mis le feu", "incident-type:arson", False),
    (
        r"a explosé|ont explosé|a sauté|ont sauté|(?:a|ont) fait (?:exploser|sauter)",
        "incident-type:explosion",
        True,
    ),
    (r"dynamit(?:é|ée|és|ées)", "incident-type:explosion", False),
    (r"coups? de feu|tirs? d['’]arme", "incident-type:shooting", True),
    (r"poignard(?:é|ée|és|ées)", "incident-type:stabbing-incident", False),
    (r"braqu(?:é|ée|és|ées)|dévalis(?:é|ée|és|ées)", "incident-type:robbery", False),
    (r"agress(?:é|ée|és|ées)|tabass(?:é|ée|és|ées)", "incident-type:assault", False),
    (r"vol(?:é|ée|és|ées)|dérob(?:é|ée|és|ées)", "incident-type:theft", False),
    (r"vandalis(?:é|ée|és|ées)|saccag(?:é|ée|és|ées)", "incident-type:vandalism", False),
    (r"tagu(?:é|ée|és|ées)", "incident-type:graffiti", False),
)
_SPACE = r"\s+"
_VERB_EVENT = re.compile(
    # the first letters as a lookahead: a quick test before the alternatives
    r"(?<!\w)(?=["
    + "".join(sorted({c for p, _, _ in _VERB_EVENTS for c in re.findall(r"(?:^|\||\(\?:)(\w)", p)}))
    + r"])(?:"
    + "|".join(
        f"(?P<v{n}>{_SPACE.join(phrase.split(' '))})"
        for n, (phrase, _, _) in enumerate(_VERB_EVENTS)
    )
    + r")(?!\w)",
    _I,
)
# a past auxiliary before the participle (within a few words) or right after it
_PAST_AUX_BEFORE = re.compile(
    r"(?<!\w)(?:is|zijn|werd|werden|was|waren|heeft|hebben|had|hadden|were|has been|have been"
    r"|had been|got|a|ont|avait|avaient|a été|ont été|avait été|avaient été|été)"
    r"(?!\w)(?:\s+[^\s.;!?]+){0,8}?\s*$",
    _I,
)
_PAST_AUX_AFTER = re.compile(r"^\s+(?:is|zijn|werd|werden|was|waren)(?!\w)", _I)
# what makes a told event generic or unreal: negation, frequency, modality, prevention
_NOT_EVENT_BEFORE = re.compile(
    r"(?<!\w)(?:niet|geen|nooit|not|no|never|pas|jamais|aucun|aucune|vaak|regelmatig|soms"
    r"|often|regularly|frequently|sometimes|souvent|régulièrement|parfois|elke|iedere|every"
    r"|chaque|kan|kunnen|kon|konden|zou|zouden|can|could|may|might|would|peut|peuvent"
    r"|pourrait|risque|risk|voorkomen|prevent|prévenir|zonder|without|sans|wordt|worden"
    r"|is being|are being|zijn er|vaker|steeds)(?!\w)[^.;!?]{0,40}$",
    _I,
)
# the object of a theft makes it a bicycle or vehicle theft, or a theft from a vehicle
_FROM_VEHICLE = re.compile(
    r"(?<!\w)(?:uit|from|dans|in)\s+(?:een|de|a|the|une|la|sa|zijn|haar|their|his|her)?\s*"
    r"(?:auto|auto's|wagen|bestelbus|car|cars|van|vehicle|voiture|véhicule|camionnette)(?!\w)",
    _I,
)
_BICYCLE = re.compile(
    r"(?<!\w)(?:fiets|fietsen|e-bike|e-bikes|bakfiets|bike|bikes|bicycle|bicycles|vélo|vélos"
    r"|vtt)(?!\w)",
    _I,
)
_VEHICLE = re.compile(
    r"(?<!\w)(?:auto|auto's|personenauto|wagen|bestelbus|busje|motor|scooter|car|cars|van"
    r"|vehicle|vehicles|motorbike|voiture|voitures|véhicule|véhicules|camionnette|moto|audi"
    r"|bmw|mercedes|volkswagen|vw|toyota|opel|renault|peugeot|ford|tesla|volvo|skoda|seat|kia"
    r"|hyundai|fiat|citroën|citroen|porsche|range rover)(?!\w)",
    _I,
)
_ATM = re.compile(
    r"(?<!\w)(?:geldautomaat|geldautomaten|pinautomaat|pinautomaten|atm|atms|cash machine"
    r"|cashpoint|distributeur|distributeurs|bancontact)(?!\w)",
    _I,
)
# the parts of a sentence that tell separate events: "…, en op 2 november werd …"
_PART_BREAK = re.compile(
    r";|,\s+(?:en|and|et|maar|but|mais|terwijl|while|whereas|tandis que|alors que)(?!\w)", _I
)
# places of one kind coordinated: "in Liège en in Heerlen", "de Liège et de Heerlen"
_COORDINATED_GAP = re.compile(
    r"^\s*,?\s*(?:en|and|et|of|or|ou)\s+(?:(?:in|te|at|on|à|a|dans|de|du|van|of)\s+)?"
    r"(?:(?:de|het|the|la|le|l['’])\s*)?$",
    _I,
)
# places that name one spot together: "aan de Kloosterweg in Heerlerheide", "Rue X, à Liège"
_CHAIN_GAP = re.compile(
    r"^[\s,()–-]*(?:(?:in|te|at|on|à|a|dans|en|bij|near|nabij|près de|de|of|van)\s+)?"
    r"(?:(?:de|het|the|la|le|les|l['’])\s*)?(?:\w+\s+)?[\s,()]*$",
    _I,
)


# a sentence that goes on about an event named just before: "The latest was on …", "a
# similar dump was found near …", "L'incident s'est produit …"
_INCIDENT_ANAPHOR = re.compile(
    r"(?<!\w)(?:the (?:latest|last one|most recent|incident|attack)|this (?:incident|attack)"
    r"|(?:a|another) (?:similar|comparable|second|new)|another one"
    r"|het (?:laatste|incident)|de (?:laatste|meest recente|aanslag)|dit incident"
    r"|(?:een )?(?:soortgelijke|vergelijkbare|tweede|nieuwe) (?:\w+ )?(?:werd|is|vond)"
    r"|le (?:dernier|plus récent)|la dernière|l['’](?:incident|attaque|attentat)|cet incident"
    r"|(?:un|une) (?:autre|second|seconde|nouvelle|nouvel)|(?:un|une) [\w-]+ (?:similaire"
    r"|comparable|semblable))(?!\w)",
    _I,
)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_EARLIER_SENTENCES = 2
# the date of a document or message is not the date of what it tells
_HEADER_DATE_LINE = re.compile(
    r"^[ \t]*(?:datum|date|dated|verzonden|sent|envoyé|gedateerd)[ \t]*:[^\n]*$", _I | re.M
)


# ------------------------------------------------------------------ anaphora

# verbs that, after a sentence-opening pronoun, say what a programme does
_PRONOUN_VERB = _alt(
    _phrases(
        r"""richt|richtte|pakt|pakte|biedt|bood|omvat|bestrijkt|combineert|focust|concentreert
        zet zich|wordt uitgevoerd|wordt geleid|wordt getrokken|loopt in|brengt
        tackles|targets|aims|focuses|addresses|covers|combines|offers|provides|brings|seeks
        concentrates|is run|is led|is carried out|is implemented|runs in|works with|connects
        vise|cible|s'attaque|s’attaque|lutte|propose|couvre|combine|réunit|s'adresse|s’adresse
        se concentre|est porté|est portée|est mené|est menée|est piloté|est pilotée|associe"""
    )
)
PRONOUN_DISTANCE = 600  # characters back to the programme a sentence-opening pronoun stands for
_PROGRAMME_ANAPHOR = re.compile(
    r"\b(?:(?:het|dit|dat|the|this|that|le|ce|cet|cette|au|du)\s+"
    r"(?:programma|project|initiatief|actieplan|programme|program|project|initiative|scheme"
    r"|projet|dispositif|convenant|covenant|convention|wijkaanpak)"
    r"|(?:de|deze|dit|the|this|cette|la)\s+(?:aanpak|pilot|approach|approche))(?!\w)"
    r"(?!\s+(?:van|of|de|du|des|voor|for|pour|tegen|against|contre)\b)"
    r"|\b(?:l['’]|cette\s+)(?:approche|initiative|opération|action)(?!\w)"
    r"(?!\s+(?:de|du|des|pour|contre)\b)"
    r"|^\s*(?:het|it|il|elle)(?=\s+(?:wordt|werd|is|was|will\s+be|est|sera|a\s+été)\s+"
    r"\w+\s+(?:door|by|par)\s)"
    # subject continuity: a sentence or clause opening with a pronoun and a programme verb
    r"|(?:^|(?<=;))\s*(?P<pronoun>het|it|il|elle)(?=\s+(?:" + _PRONOUN_VERB + r")(?!\w))",
    _I,
)
_ROLE_HEAD = re.compile(
    r"(?:^|\n)[ \t]*(?:[-*•–][ \t]*)?(?P<cue>(?:de |the |les )?(?:partners?|partenaires?|"
    r"samenwerkingspartners|partnerorganisaties|deelnemers|trekkers?|penvoerder|uitvoerders?|"
    r"uitvoering|lead partner|lead|porteurs?|pilotes?|coordinator|coördinator|coordinateur)"
    r"(?:\s+(?:zijn|are|include|sont))?\s*:?\s*)(?=\S)",
    _I,
)
_GOVERNMENT_ANAPHOR = re.compile(
    r"\b(?:de\s+gemeente|the\s+municipality|the\s+council|the\s+city\s+council|la\s+commune"
    r"|la\s+municipalité|la\s+ville)(?!\w)(?!\s+(?:van|of|de|d['’])\s)",
    _I,
)
_ANAPHOR_HINT = re.compile(
    r"programm|proje|aanpak|approach|approche|initiati|pilot|scheme|dispositif|actieplan"
    r"|convenant|covenant|convention|opération|action"
    r"|(?:^|;)\s*(?:het|it|il|elle)\s",
    _I,
)
_ROLE_HINT = re.compile(
    r"partner|partenaire|trekker|penvoerder|uitvoer|deelnemer|lead|porteu|pilote|coordinat"
    r"|coördinat",
    _I,
)
_GOVERNMENT_HINT = re.compile(r"gemeente|municipali|council|commune|ville", _I)
_PLACE_SENSE_BEFORE = re.compile(
    r"\b(?:in|binnen|buiten|within|across|throughout|dans|à|de)\s*$", _I
)

# ------------------------------------------------------------------ compiled cue tests


def _ends(cues: str) -> re.Pattern[str]:
    """The cue, then only fillers, up to the end (the left context of a mention)."""
    return re.compile(rf"(?<!\w)(?:{cues})(?!\w){_FILL}*$", _I)


def _anywhere(cues: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{cues})(?!\w)", _I)


_RUN_AGENT_END = _ends(_RUN_AGENT)
_PARTNER_PREP_END = _ends(_PARTNER_PREP)
_WEAK_PARTNER_END = _ends(_WEAK_PARTNER_PREP)
_BARE_AGENT_END = _ends(_BARE_AGENT)
_OPERATE_AGENT_END = _ends(_OPERATE_AGENT)
_PREPOSITION_END = _ends(_PREPOSITION)
_RUN_VERB_END = _ends(_RUN_VERB)
_RUN_VERB_ANY = _anywhere(_RUN_VERB)
_LAUNCH_ANY = _anywhere(_LAUNCH)
_NOT_RUN_VERB_ANY = _anywhere(_NOT_RUN_VERB)
_RUN_VERB_AFTER_START = re.compile(rf"^{_FILL}*(?:\w+\s+){{0,2}}?(?:{_RUN_VERB_AFTER})(?!\w)", _I)
_PARTNER_VERB_ANY = _anywhere(_PARTNER_VERB)
_PARTNER_VERB_START = re.compile(
    rf"^{_FILL}*(?:(?:ook|also|aussi|eveneens|daarbij)\s+)?(?:{_PARTNER_VERB})(?!\w)", _I
)
_FUNDING_ANY = _anywhere(
    r"gefinancierd|gesubsidieerd|ondersteund|gesteund|funded|supported|financed|sponsored"
    r"|financé|financée|soutenu|soutenue|subventionné"
)
_ROLE_PREFIX = (
    r"^\s*(?:\(|:|–|—|-|,)?\s*(?:is\s+|als\s+|as\s+|en\s+tant\s+que\s+|comme\s+)?"
    r"(?:de\s+|het\s+|the\s+|le\s+|la\s+|een\s+|a\s+|un\s+)?"
)
_ROLE_RUN_AFTER = re.compile(rf"{_ROLE_PREFIX}(?:{_ROLE_RUN})(?!\w)", _I)
_ROLE_PARTNER_AFTER = re.compile(rf"{_ROLE_PREFIX}(?:{_ROLE_PARTNER})(?!\w)", _I)
_EVALUATION_OF_END = re.compile(
    rf"(?<!\w)(?:{_EVALUATION})\s+(?:van|of|de|du|des|d['’]){_FILL}*$", _I
)
_EVALUATION_AGENT_END = re.compile(
    rf"(?<!\w)(?:{_EVALUATION})(?:\s+\w+)?\s+(?:door|by|par){_FILL}*$", _I
)
# "P, dat S (samen met …) uitvoert", "the P approach, which S has run …": S is the subject
# of a relative clause on P
_RELATIVE_GAP = re.compile(
    r"^[\s\"“”»«’'()]*(?:\([^()§]{0,60}\)\s*)?(?:[\w-]+\s*){0,2}?,?\s*"
    r"(?:dat|die|waarmee|waarin|which|that|with which|through which|qui|que|qu['’]"
    r"|avec lequel|avec laquelle|grâce auquel)\s+"
    rf"{_FILL}*$",
    _I,
)
_TOGETHER = _anywhere(r"samen met|together with|alongside|avec|en partenariat avec|met")
_OF = r"\s+(?:van|in|bij|voor|of|for|de|du|des|d['’]|au|aux|à)"
# "Partners van P: A, B" / "Trekker van P is A": the role noun stands before the programme
_PARTNER_NOUN_BEFORE = re.compile(
    rf"(?<!\w)(?:partners?|partnerorganisaties|samenwerkingspartners|deelnemers|participants"
    rf"|partenaires?|partner organisations){_OF}{_FILL}*$",
    _I,
)
_RUN_NOUN_BEFORE = re.compile(
    rf"(?<!\w)(?:trekker|penvoerder|kartrekker|projectleider|uitvoerder|uitvoerders|lead partner"
    rf"|lead organisation|leader|coordinator|coördinator|pilote|porteur|porteuse|chef de file"
    rf"|coordinateur){_OF}{_FILL}*$",
    _I,
)
# "Binnen P werkt Weller …", "Dans le cadre de P, JENS …": a stakeholder working inside P
_WITHIN = _alt(
    _phrases(
        r"""binnen|in het kader van|onder de vlag van|als onderdeel van|vanuit|within
        as part of|in the framework of|under|dans le cadre de|au sein de|sous l'égide de"""
    )
)
_WITHIN_END = _ends(_WITHIN)
# "A en B delen informatie in het kader van de operatie P", "A and B work together as part of
# the P scheme": the subject works inside P (a kind word may stand before the name)
_WITHIN_BEFORE_PROGRAMME = re.compile(
    rf"(?<!\w)(?:{_WITHIN})(?!\w)(?:{_FILL}|[«»]|[\w'’-]+(?=[\s\"“«]|$)){{0,6}}$", _I
)
# people of an organisation stand for it: "run by volunteers of S", "samen met het
# jongerenwerk van S", "avec les éducateurs de S"
_PEOPLE_OF_END = re.compile(
    rf"(?<!\w)(?:(?:{_ART})\s+)?(?:vrijwilligers|leden|medewerkers|jongerenwerkers"
    r"|jongerenwerk|professionals|wijkagenten|agenten|volunteers|members|staff|employees"
    r"|workers|youth workers|officers|bénévoles|membres|salariés|équipes?|agents|éducateurs"
    rf"|animateurs)\s+(?:van|uit|bij|of|from|at|de|du|des|d['’])(?:\s+(?:{_ART}))?\s*$",
    _I,
)
# "S, represented by T": T stands in for S, it runs nothing
_REPRESENTED_END = _ends(
    r"vertegenwoordigd door|represented by|représentée? par|représentés par|représentées par"
)
_ROLE_GAP = re.compile(
    rf"^(?:{_FILL}|\b(?:include|includes|included|omvatten|incluent|comprennent)\b)*$", _I
)
_OWNER_GAP = re.compile(
    rf"^[\s\"“”»’']*(?:,\s*)?(?:(?:een|an?|un|une|het|the|le|la)\s+)?(?:(?:[\w-]+|{OTHER_MARK}+)\s+)"
    rf"{{0,2}}?(?:{_OWNER})(?!\w){_FILL}*$",
    _I,
)
_POSSESSIVE_GAP = re.compile(r"^['’]s?\s+(?:(?:the|new|own)\s+)?$", _I)
_OPERATE_OWNER_GAP = re.compile(rf"^\s*(?:van|of|de|du|des|d['’]){_FILL}*$", _I)
_ADDRESS_LEFT_END = re.compile(
    rf"(?<!\w)(?:{_ADDRESS_LEFT})(?!\w)(?:{_FILL}*(?:[\w-]+|{OTHER_MARK}+)){{0,2}}?{_FILL}*$", _I
)
_ADDRESS_RIGHT_START = re.compile(
    rf"^(?:\s+[\w-]+){{0,3}}?\s+(?P<cue>{_ADDRESS_RIGHT})(?!\w)(?!\s+(?:de|het|een)\b)", _I
)
_ADDRESS_COLON_END = re.compile(rf"(?<!\w)(?:{_ADDRESS_LEFT})(?!\w)[^:§;.!?]{{0,80}}:{_FILL}*$", _I)
_SENTENCE_BREAK = re.compile(r"[.!?]\s|\n")
_RUN_VERB_AFTER_ANY = _anywhere(_RUN_VERB_AFTER)
_ADDRESS_RIGHT_ANY = _anywhere(_ADDRESS_RIGHT + "|tackle|tackles|address|fight|combat")
_PAKT_LEFT = re.compile(r"\b(?:pakt|pakken|pakte|pakten)\b", _I)
_OPERATE_VERB_ANY = _anywhere(_OPERATE_VERB)
_ACTIVE_ANY = _anywhere(_ACTIVE)
_ACTIVE_START = re.compile(rf"^{_FILL}*(?:\w+\s+){{0,2}}?(?:{_ACTIVE})(?!\w)", _I)
_ACTIVE_BEFORE_PLACE_END = _ends(_ACTIVE_BEFORE_PLACE)
_NOT_ACTIVE_ANY = _anywhere(_NOT_ACTIVE_VERB)
_LOCATION_VERB_GAP = re.compile(rf"^\s*,?\s*(?:{_LOCATION_VERB})(?!\w){_FILL}*$", _I)
_ADJACENT_OF = re.compile(r"^\s*(?:van|voor|of|for|pour)(?:\s+(?:de|het|the|la|le))?\s*$", _I)
# a kind of organisation between an agent cue and its name: "géré par l'association S"
_ORGANISATION_NOUN_END = re.compile(
    r"(?<!\w)(?:(?:de|het|the|la|le|l['’]|een|an?|une?)\s*)?(?:vereniging|stichting|association"
    r"|foundation|fondation|organisatie|organisation|organization|woningcorporatie|corporatie"
    r"|housing association|coöperatie|cooperative|coopérative|asbl|vzw|bewonersvereniging"
    r"|residents' association)\s*$",
    _I,
)
_RELATIVE_START = re.compile(
    r"\s*,\s*(?:die|dat|welke|waarvan|which|who|that|whose|qui|que|dont)(?!\w)", _I
)
_PAREN_OPEN = re.compile(r"^\s*[(\[]\s*$")
_COMMA_GAP = re.compile(r"^\s*,\s*$")
_LIST_ITEM = re.compile(r"[-*•–]\s|\d+[.)]\s|[a-z][.)]\s")
# a weekday alone tells of one day unless it is habitual ("elke dinsdag", "on Mondays")
_WEEKDAY = re.compile(
    rf"(?<!elke )(?<!iedere )(?<!every )(?<!chaque )(?<!tous les )(?<!le )\b(?:{_WEEKDAYS})\b",
    _I,
)
_HIER = re.compile(r"\bhier\b(?!\s+(?:et|en|à|dans)\b)", _I)  # French "yesterday"
_ROLE_CONFIDENCE = 0.85
_LOOSE_GAP_CHARS = 90  # the longest run of unrecognised list items between two mentions
_LEFT_REACH = 90  # characters of left context the end-anchored cues look at


# ------------------------------------------------------------------ data


@dataclass(frozen=True)
class _Mention:
    """A relevant mention: its span in the text and (``vs``/``ve``) in its unit."""

    start: int
    end: int
    kind: str
    entity: Entity
    weight: float = 1.0  # below 1 for anaphors
    vs: int = 0
    ve: int = 0


@dataclass
class _Unit:
    """A sentence (or a list head with one item): masked text, raw text, mentions."""

    start: int
    end: int
    text: str  # masked
    raw: str
    mentions: list[_Mention]
    segments: list[tuple[int, int]]  # (unit offset, text offset) of each piece
    clauses: list[tuple[int, int]]
    event_cue: bool | None = None  # a date, time word or event verb (computed once)
    # the incident types named in the sentences just before, in the same paragraph, when the
    # unit names none ("Three ATM explosions … The latest was on 8 May at a bank in X")
    earlier_types: list[Entity] | None = None
    following: str = ""  # the next sentence of the paragraph (a headline's lead)

    def offset(self, position: int) -> int:
        """The text offset of a unit position."""
        base, text_start = self.segments[0]
        for seg_base, seg_start in self.segments:
            if seg_base <= position:
                base, text_start = seg_base, seg_start
        return text_start + position - base

    def clause(self, position: int) -> tuple[int, int]:
        for clause in self.clauses:
            if clause[0] <= position < clause[1]:
                return clause
        return (0, len(self.text) + 1)


@dataclass
class _Group:
    """Mentions of one kind that form a list ("A, B en C"), or a single mention."""

    kind: str
    members: list[_Mention]

    @property
    def vs(self) -> int:
        return self.members[0].vs

    @property
    def ve(self) -> int:
        return self.members[-1].ve


@dataclass(frozen=True)
class _Lang:
    """The patterns that depend on the document language."""

    locative_end: re.Pattern[str]
    list_gap: re.Pattern[str]
    loose_list_gap: re.Pattern[str]
    french: bool


class _Collector:
    """One relation per (type, source, target): the highest confidence, first evidence."""

    def __init__(self) -> None:
        self.best: dict[tuple[str, str, str], Relation] = {}
        self.incident_types: dict[str, str] = {}  # incident id → incident-type id

    def add(self, rel_type: str, source: str, target: str, unit: _Unit, confidence: float) -> None:
        if not source or not target or source == target:
            return
        confidence = round(min(max(confidence, 0.0), 1.0), 3)
        if rel_type == OF_TYPE:
            self.incident_types[source] = target
        key = (rel_type, source, target)
        old = self.best.get(key)
        if old is None or confidence > old.confidence:
            self.best[key] = Relation(rel_type, source, target, unit.start, unit.end, confidence)

    def relations(self) -> list[Relation]:
        """The relations, a partner that also runs the programme only as its runner."""
        runs = {(r.source, r.target) for r in self.best.values() if r.type == RUNS}
        kept = [
            r
            for r in self.best.values()
            if not (r.type == PARTNER_IN and (r.source, r.target) in runs)
        ]
        return sorted(kept, key=lambda r: (r.start, r.type, r.source, r.target))


# ------------------------------------------------------------------ dates


def iso_date(match: re.Match[str]) -> str | None:
    """The ISO date of a date match, or None when it has no year or is impossible."""
    groups = match.groupdict()
    for d, m, y in (("d", "m", "y"), ("d2", "m2", "y2"), ("d3", "m3", "y3"), ("d4", "m4", "y4")):
        if groups.get(d) is None:
            continue
        year = groups.get(y)
        if year is None:
            return None
        month_text = groups[m]
        month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text.lower(), 0)
        try:
            return date(int(year), month, int(groups[d])).isoformat()
        except ValueError:
            return None
    return None


def parse_date(text: str) -> str | None:
    """The first full date in ``text`` as ISO ``YYYY-MM-DD`` ("3 maart 2024", "12 May 2023",
    "May 12, 2023", "le 3 mars 2024", "03-03-2024", "2024-03-03"), else None."""
    for match in _DATE.finditer(text):
        found = iso_date(match)
        if found:
            return found
    return None


# ------------------------------------------------------------------ the finder


class RelationFinder:
    """Finds the relations among the entities of a text, and the incidents it describes."""

    name = "twin.relation-rules"
    version = "0.1.0"

    def __init__(self, model: OntologyModel) -> None:
        self._model = model
        for rel_type in RELATION_TYPES:
            model.rel(rel_type)  # fail early if the ontology lacks one
        self._kind_cache: dict[str, str] = {}
        self._specificity = self._place_specificity(model)
        self._street_level = max(self._specificity.values(), default=0.0)
        self._incident_classes = model.lineage(INCIDENT)
        self._type_names = {
            c.id: c.labels.get("en") or c.id for c in model.concepts_of(INCIDENT_TYPE)
        }
        unknown = sorted({t for _, t, _ in _VERB_EVENTS} - set(self._type_names))
        if unknown:
            raise ValueError(f"incident types missing from the ontology: {unknown}")
        self._verb_types = {f"v{n}": (t, finite) for n, (_, t, finite) in enumerate(_VERB_EVENTS)}
        place_words = self._place_words(model)
        self._target_end = re.compile(
            rf"(?<!\w)(?:{_TARGET_VERB})(?!\w)(?:{_FILL}|(?:{place_words})(?!\w))*$", _I
        )
        # "A en in het bijzonder de wijken B", "A and in particular the districts B"
        self._chain_gap = re.compile(
            rf"^\s*,?\s*(?:(?:{_CONJ}|of)(?!\w))(?:{_FILL}|(?:{place_words})(?!\w))*$", _I
        )
        # "in vier wijken …: A, B en C", "in the following districts: A and B"
        self._colon_place_head = re.compile(
            rf"(?<!\w)(?:{_LOCATIVE}|{_TARGET_VERB})\s+(?:(?:{_ART}|[\w-]+)\s+){{0,2}}"
            rf"(?:(?:{place_words})(?!\w)|{OTHER_MARK}+)[^:§;.]{{0,80}}:{_FILL}*$",
            _I,
        )
        self._langs = {
            lang: _Lang(
                locative_end=self._locative_pattern(place_words, french=lang == "fr"),
                list_gap=self._list_gap_pattern(conj),
                loose_list_gap=self._loose_list_gap_pattern(conj),
                french=lang == "fr",
            )
            for lang, conj in _LIST_CONJ.items()
        }
        self._default_lang = _Lang(
            locative_end=self._locative_pattern(place_words, french=False),
            list_gap=self._list_gap_pattern(_CONJ),
            loose_list_gap=self._loose_list_gap_pattern(_CONJ),
            french=False,
        )

    # ------------------------------------------------------------------ set-up helpers

    @staticmethod
    def _locative_pattern(place_words: str, french: bool) -> re.Pattern[str]:
        """A locative cue ending the text before a place ("in de wijk", "for residents of",
        "dans le quartier de"); French "en" only in French."""
        tail = (
            rf"(?:\s+(?:{_ART}))*(?:\s+(?:(?:{place_words})(?!\w)|{OTHER_MARK}+))?"
            rf"(?:\s+(?:van|of|de|du|des|d['’]))?(?:\s+(?:{_ART}))*(?:\s|[:•*–-])*$"
        )
        locative = _LOCATIVE + ("|en" if french else "")
        population = (
            rf"(?:(?:voor|for|pour)(?:\s+(?:{_ART}))*\s+)?(?:{_POPULATION})"
            rf"\s+(?:van|in|uit|of|from|de|du|des|d['’])"
        )
        return re.compile(rf"(?<!\w)(?:{locative}|{population})(?!\w){tail}", _I)

    @staticmethod
    def _list_gap_pattern(conj: str) -> re.Pattern[str]:
        return re.compile(
            rf"^(?:\s|[,;/&+]|{OTHER_MARK}|\([^()§\n]{{0,40}}\)|\b(?:{conj}|{_ART})(?!\w))*$"
            # an alias in parentheses is a mention of its own: "A (AB) en C"
            rf"|^\s*\(\s*$|^\s*\)(?:\s|,|\b(?:{conj}|{_ART})(?!\w))*$",
            _I,
        )

    @staticmethod
    def _loose_list_gap_pattern(conj: str) -> re.Pattern[str]:
        """The gap between two list items with unrecognised items between them: "A, het
        Regionaal Centrum (RIC), B en de corporaties C", "A, B, [PERSON] en D": a comma first,
        a short run of words without a clause word, a comma or conjunction (and an article
        and a class noun) last."""
        word = rf"(?!(?:{_CLAUSE_WORD})(?!\w))(?:[^\s,;:.!?§()]++|\([^()§\n]{{0,40}}\))"
        # the word right after a separator is no preposition: "A, with B", "A, par B"
        first = rf"(?!(?:{_PREPOSITION}|{_CLAUSE_WORD})(?!\w)){word}"
        sep = rf"(?:,|(?<!\w)(?:{conj})(?!\w))"
        return re.compile(
            rf"^[^\S\n]*{sep}[^\S\n]*(?:{first}[^\S\n]*(?:{word}[^\S\n]*){{0,7}}{sep})?"
            rf"(?:[^\S\n]+(?:{_ART}))?(?:[^\S\n]+{first}|[^\S\n]*{OTHER_MARK}+)?[^\S\n]*$",
            _I,
        )

    @staticmethod
    def _place_words(model: OntologyModel) -> str:
        """Words for kinds of places ("wijk", "buurten", "quartier") from the ontology."""
        words: set[str] = set()
        for label in model.subclasses(PLACE):
            cls = model.cls(label)
            for word in [*cls.labels.values(), *(a for v in cls.alt_labels.values() for a in v)]:
                low = word.lower()
                words.update({low, f"{low}s", f"{low}en", f"{low}x"})
        words.update({"stadsdeel", "stadsdelen", "kern", "kernen", "dorp", "wijkdeel"})
        return _alt(re.escape(w) for w in words if w)

    @staticmethod
    def _place_specificity(model: OntologyModel) -> dict[str, float]:
        """How specific a kind of place is, from the PART_OF and COVERS restrictions:
        a municipality 0, a district 1, a neighbourhood 2, a street 3, an area in between."""
        part_of: dict[str, list[str]] = {}
        covers: dict[str, list[str]] = {}
        for r in model.restrictions:
            if r.type == "PART_OF":
                part_of.setdefault(r.cls, []).append(r.target)
            elif r.type == "COVERS":
                covers.setdefault(r.cls, []).append(r.target)
        depth: dict[str, float] = {}

        def level(label: str, seen: frozenset[str]) -> float:
            if label in depth:
                return depth[label]
            parents = [p for p in part_of.get(label, []) if p not in seen and p != label]
            value = 1 + max(level(p, seen | {label}) for p in parents) if parents else 0.0
            for covered in covers.get(label, []):
                if covered not in seen and covered != label:
                    value = min(value, level(covered, seen | {label}) - 0.5)
            depth[label] = value
            return value

        result: dict[str, float] = {}
        for label in model.subclasses(PLACE):
            for ancestor in model.lineage(label):
                if ancestor in part_of or ancestor in covers:
                    result[label] = level(ancestor, frozenset())
                    break
            else:
                result[label] = -1.0
        return result

    def _kind(self, type_: str) -> str:
        kind = self._kind_cache.get(type_)
        if kind is None:
            kind = ""
            if type_ in self._model.classes:
                kind = next((k for k in KINDS if self._model.is_a(type_, k)), "")
            self._kind_cache[type_] = kind
        return kind

    # ------------------------------------------------------------------ entry point

    def find(
        self, text: str, entities: Sequence[Entity], lang: str
    ) -> tuple[list[Relation], list[Entity]]:
        """Relations among the entities (source/target = entity ids, start/end = evidence span
        in text, usually the sentence; confidence 0..1), and the Incident entities it creates."""
        ctx = self._langs.get(lang, self._default_lang)
        mentions, masked_only = self._mentions(text, entities)
        mentions = _with_repeated_names(text, mentions)
        collector = _Collector()
        incidents: dict[str, Entity] = {}
        programmes = [m for m in mentions if m.kind == PROGRAMME]
        single_programme = len({m.entity.id for m in programmes}) == 1
        government = self._government(entities)
        known = {e.id for e in entities}
        for unit in self._units(text, mentions, masked_only):
            self._add_anaphors(unit, programmes, single_programme, government)
            groups = self._groups(unit, ctx)
            self._roles(unit, groups, collector)
            self._places(unit, groups, collector, ctx)
            self._addresses(unit, groups, collector)
            self._operates(unit, groups, collector)
            for incident in self._incidents(unit, collector, ctx):
                if incident.id not in known:  # an incident type named elsewhere already
                    incidents.setdefault(incident.id, incident)
        return collector.relations(), sorted(incidents.values(), key=lambda e: e.start)

    def _government(self, entities: Sequence[Entity]) -> Entity | None:
        """The document's local government, if it names exactly one."""
        found = {
            e.id: e
            for e in entities
            if not e.id.startswith(CLASS_ID_PREFIX)
            and e.type in self._model.classes
            and self._model.is_a(e.type, LOCAL_GOVERNMENT)
        }
        return next(iter(found.values())) if len(found) == 1 else None

    # ------------------------------------------------------------------ mentions and units

    def _mentions(
        self, text: str, entities: Sequence[Entity]
    ) -> tuple[list[_Mention], list[tuple[int, int]]]:
        """One mention per span (its best relevant candidate), and the spans to mask as
        other words (class words, themes)."""
        by_span: dict[tuple[int, int], list[Entity]] = {}
        for e in entities:
            if 0 <= e.start < e.end <= len(text):
                by_span.setdefault((e.start, e.end), []).append(e)
        chosen: list[_Mention] = []
        other: list[tuple[int, int]] = []
        for (start, end), candidates in sorted(by_span.items()):
            real = [
                e for e in candidates if not e.id.startswith(CLASS_ID_PREFIX) and self._kind(e.type)
            ]
            if not real:
                other.append((start, end))
                continue
            best = self._choose(text, start, real)
            chosen.append(_Mention(start, end, self._kind(best.type), best))
        kept: list[_Mention] = []  # a mention inside a longer one is dropped
        for m in sorted(chosen, key=lambda m: (m.start, -(m.end - m.start))):
            if kept and m.start < kept[-1].end:
                continue
            kept.append(m)
        return kept, other

    def _choose(self, text: str, start: int, candidates: list[Entity]) -> Entity:
        """The candidate a shared surface most likely means: the one whose class word stands
        right before it ("de wijk De Koumen"), else the most confident, else the most
        specific place."""
        if len(candidates) == 1:
            return candidates[0]
        before = text[max(0, start - 30) : start].lower().split()
        previous = before[-1] if before else ""
        if previous in {"de", "het", "the", "le", "la", "of", "van", "du"} and len(before) > 1:
            previous = before[-2]
        for e in candidates:
            if e.type in self._model.classes:
                labels = {w.lower() for w in self._model.cls(e.type).labels.values()}
                if previous in labels:
                    return e
        return max(candidates, key=lambda e: (e.confidence, self._specificity.get(e.type, -1.0)))

    def _units(
        self, text: str, mentions: list[_Mention], masked_only: list[tuple[int, int]]
    ) -> Iterable[_Unit]:
        """Each sentence, and each list item read with the head sentence ending in ":"."""
        spans = sentence_spans(text)
        per_sentence: list[list[_Mention]] = [[] for _ in spans]
        others: list[list[tuple[int, int]]] = [[] for _ in spans]
        index = 0
        for m in mentions:
            while index < len(spans) and spans[index][1] <= m.start:
                index += 1
            if index < len(spans):
                per_sentence[index].append(m)
        index = 0
        for span in masked_only:
            while index < len(spans) and spans[index][1] <= span[0]:
                index += 1
            if index < len(spans):
                others[index].append(span)
        head: int | None = None
        for i, (start, end) in enumerate(spans):
            is_item = head is not None and _is_list_item(text, start)
            if not is_item:
                head = None
            indices = [head, i] if head is not None else [i]
            found = sum(len(per_sentence[k]) for k in indices)
            if found < 2:  # a relation needs two mentions, or a mention and an anaphor
                raw = " ".join(text[spans[k][0] : spans[k][1]] for k in indices)
                found += (
                    _ANAPHOR_HINT.search(raw) is not None or _ROLE_HINT.search(raw) is not None
                ) + (_GOVERNMENT_HINT.search(raw) is not None)
                if found == 1 and _VERB_EVENT.search(raw):
                    found += 1  # a place and an event told with a verb
            earlier = self._earlier_types(text, spans, per_sentence, i)
            if found == 1 and earlier and _INCIDENT_ANAPHOR.search(text, start, end):
                found += 1  # "The latest was on 8 May at a bank in X"
            if found >= 2:
                unit = self._unit(text, spans, per_sentence, others, indices)
                unit.earlier_types = earlier
                if i + 1 < len(spans) and not _PARAGRAPH_BREAK.search(text, end, spans[i + 1][0]):
                    unit.following = text[spans[i + 1][0] : spans[i + 1][1]]
                yield unit
            if not is_item:
                head = i if _is_list_head(text[start:end]) else None

    def _earlier_types(
        self,
        text: str,
        spans: list[tuple[int, int]],
        per_sentence: list[list[_Mention]],
        i: int,
    ) -> list[Entity]:
        """The incident types of the (at most two) sentences before sentence ``i`` in its
        paragraph, when sentence ``i`` has a place and no incident type."""
        own = per_sentence[i]
        if not own or any(m.kind == INCIDENT_TYPE for m in own):
            return []
        if not any(m.kind == PLACE for m in own):
            return []
        found: list[Entity] = []
        for k in range(i - 1, max(-1, i - 1 - _EARLIER_SENTENCES), -1):
            if _PARAGRAPH_BREAK.search(text, spans[k][1], spans[k + 1][0]):
                break
            found.extend(m.entity for m in per_sentence[k] if m.kind == INCIDENT_TYPE)
            if found:
                break
        return found

    @staticmethod
    def _unit(
        text: str,
        spans: list[tuple[int, int]],
        per_sentence: list[list[_Mention]],
        others: list[list[tuple[int, int]]],
        indices: list[int],
    ) -> _Unit:
        masked: list[str] = []
        raw: list[str] = []
        unit_mentions: list[_Mention] = []
        segments: list[tuple[int, int]] = []
        offset = 0
        for i in indices:
            start, end = spans[i]
            piece = text[start:end]
            chars = list(piece)
            for s, e in others[i]:
                for k in range(max(s, start), min(e, end)):
                    chars[k - start] = OTHER_MARK
            for m in per_sentence[i]:
                m_end = min(m.end, end)
                chars[m.start - start : m_end - start] = MENTION_MARK * (m_end - m.start)
                unit_mentions.append(
                    _Mention(
                        m.start,
                        m.end,
                        m.kind,
                        m.entity,
                        m.weight,
                        offset + m.start - start,
                        offset + m_end - start,
                    )
                )
            masked.append("".join(chars))
            raw.append(piece)
            segments.append((offset, start))
            offset += end - start + 1
        text_masked = "\n".join(masked)
        return _Unit(
            start=spans[indices[0]][0],
            end=spans[indices[-1]][1],
            text=text_masked,
            raw="\n".join(raw),
            mentions=unit_mentions,
            segments=segments,
            clauses=_clauses(text_masked),
        )

    def _add_anaphors(
        self,
        unit: _Unit,
        programmes: list[_Mention],
        single_programme: bool,
        government: Entity | None,
    ) -> None:
        """Mentions standing for a programme ("het project", "the programme", "Partners:"
        without a programme) and for the local government ("de gemeente")."""
        added: list[_Mention] = []
        spans: list[tuple[int, int]] = []
        hinted = _ANAPHOR_HINT.search(unit.raw) is not None
        pronouns: set[int] = set()
        for match in _PROGRAMME_ANAPHOR.finditer(unit.raw) if hinted else ():
            vs, ve = match.span("pronoun") if match.group("pronoun") else match.span()
            following = unit.text[ve : ve + 3].lstrip()
            if MENTION_MARK in unit.text[vs:ve] or following.startswith(MENTION_MARK):
                continue  # "het programma Samen Sterk": the name follows
            if match.group("pronoun"):
                if any(m.kind == PROGRAMME for m in unit.mentions):
                    continue  # "It targets P's …": the programme is named here
                pronouns.add(vs)
            spans.append((vs, ve))
        if not any(m.kind == PROGRAMME for m in unit.mentions):
            # "Partners: A, B" or "Trekker: A" standing for the programme talked about; a
            # zero-width mention before the cue, so that the cue stays in the text
            for match in _ROLE_HEAD.finditer(unit.raw):
                vs = match.start("cue")
                if MENTION_MARK not in unit.text[vs : match.end("cue")]:
                    spans.append((vs, vs))
        for vs, ve in spans:
            antecedent = _antecedent(programmes, unit.offset(vs), single_programme)
            if (
                vs in pronouns
                and antecedent is not None
                and unit.offset(vs) - antecedent.end > PRONOUN_DISTANCE
            ):
                antecedent = None
            if antecedent is not None:
                start = unit.offset(vs)
                added.append(
                    _Mention(
                        start, start + ve - vs, PROGRAMME, antecedent.entity, ANAPHOR_WEIGHT, vs, ve
                    )
                )
        if government is not None and _GOVERNMENT_HINT.search(unit.raw):
            for match in _GOVERNMENT_ANAPHOR.finditer(unit.raw):
                vs, ve = match.span()
                if MENTION_MARK in unit.text[vs:ve] or _PLACE_SENSE_BEFORE.search(
                    unit.raw[max(0, vs - 12) : vs]
                ):
                    continue
                start = unit.offset(vs)
                added.append(
                    _Mention(
                        start, start + ve - vs, STAKEHOLDER, government, ANAPHOR_WEIGHT, vs, ve
                    )
                )
        if added:
            chars = list(unit.text)
            for m in added:
                chars[m.vs : m.ve] = MENTION_MARK * (m.ve - m.vs)
            unit.text = "".join(chars)
            unit.mentions = sorted([*unit.mentions, *added], key=lambda m: (m.vs, m.ve))

    # ------------------------------------------------------------------ groups and context

    @staticmethod
    def _groups(unit: _Unit, ctx: _Lang) -> list[_Group]:
        groups: list[_Group] = []
        for m in unit.mentions:
            if groups:
                last = groups[-1]
                gap = unit.text[last.ve : m.vs]
                if (
                    last.kind == m.kind
                    and last.ve < m.vs
                    and (
                        ctx.list_gap.match(gap)
                        or (
                            last.kind != PROGRAMME
                            and len(gap) <= _LOOSE_GAP_CHARS
                            and ctx.loose_list_gap.match(gap) is not None
                        )
                    )
                ):
                    last.members.append(m)
                    continue
            groups.append(_Group(m.kind, [m]))
        return groups

    @staticmethod
    def _left(unit: _Unit, groups: list[_Group], index: int) -> str:
        """The text before a group back to the previous mention or its clause start."""
        end = groups[index].vs
        start = max(unit.clause(end)[0], end - _LEFT_REACH)
        if index > 0:
            start = max(start, groups[index - 1].ve)
        return unit.text[start:end]

    @staticmethod
    def _right(unit: _Unit, groups: list[_Group], index: int) -> str:
        end = unit.clause(groups[index].vs)[1]
        if index + 1 < len(groups):
            end = min(end, groups[index + 1].vs)
        return unit.text[groups[index].ve : end]

    @staticmethod
    def _nearest(
        unit: _Unit, groups: list[_Group], index: int, kind: str, direction: int
    ) -> int | None:
        """The nearest group of ``kind`` in the same clause: before (-1), after (+1) or
        either side (0: the closer one, the one before on a tie)."""
        here = groups[index]
        clause = unit.clause(here.vs)
        best: int | None = None
        best_distance = 1 << 30
        for j, g in enumerate(groups):
            if j == index or g.kind != kind or unit.clause(g.vs) != clause:
                continue
            if (direction < 0 and j > index) or (direction > 0 and j < index):
                continue
            distance = here.vs - g.ve if j < index else g.vs - here.ve
            if distance < best_distance:
                best, best_distance = j, distance
        return best

    # ------------------------------------------------------------------ RUNS / PARTNER_IN

    def _roles(self, unit: _Unit, groups: list[_Group], out: _Collector) -> None:
        for i, group in enumerate(groups):
            if group.kind != STAKEHOLDER:
                continue
            found = self._role(unit, groups, i)
            if found is None:
                continue
            role, target, confidence = found
            for k, member in enumerate(group.members):
                member_role = self._member_role(unit, group, k) or role
                for p in groups[target].members:
                    out.add(
                        member_role,
                        member.entity.id,
                        p.entity.id,
                        unit,
                        confidence * member.weight * p.weight,
                    )

    def _role(self, unit: _Unit, groups: list[_Group], i: int) -> tuple[str, int, float] | None:
        """The role of stakeholder group ``i`` and the programme group it has it in."""
        left = self._left(unit, groups, i)
        before = self._nearest(unit, groups, i, PROGRAMME, -1)
        after = self._nearest(unit, groups, i, PROGRAMME, +1)
        either = self._nearest(unit, groups, i, PROGRAMME, 0)
        if either is None:
            either = _any_of(groups, PROGRAMME, i)
        if either is None:
            return None
        facility = self._nearest(unit, groups, i, FACILITY, -1)
        if (
            _OPERATE_AGENT_END.search(left)
            and facility is not None
            and (before is None or groups[facility].vs > groups[before].vs)
        ):
            return None  # "wijkcentrum X, beheerd door S": see _operates
        if before is not None and (
            _EVALUATION_OF_END.search(self._left(unit, groups, before))
            or _EVALUATION_AGENT_END.search(left)
        ):
            return None  # "de evaluatie van P door S": S evaluates, it does not run P
        if _REPRESENTED_END.search(left):
            return None
        people = _PEOPLE_OF_END.search(left)
        if people is not None:
            left = left[: people.start()]  # "run by volunteers of S": S is the agent
        if _RUN_AGENT_END.search(left):
            return RUNS, (before if before is not None else either), _ROLE_CONFIDENCE
        if _PARTNER_PREP_END.search(left):
            return PARTNER_IN, either, _ROLE_CONFIDENCE
        if before is not None and _ROLE_GAP.match(unit.text[groups[before].ve : groups[i].vs]):
            left_of_programme = self._left(unit, groups, before)
            if _PARTNER_NOUN_BEFORE.search(left_of_programme):
                return PARTNER_IN, before, _ROLE_CONFIDENCE  # "Partners van P: A, B"
            if _RUN_NOUN_BEFORE.search(left_of_programme):
                return RUNS, before, _ROLE_CONFIDENCE  # "Trekker van P is A"
        if _BARE_AGENT_END.search(left) and before is not None:
            if facility is not None and groups[facility].vs > groups[before].vs:
                return None  # "wijkcentrum X wordt door S beheerd": see _operates
            right = self._right(unit, groups, i)
            if _FUNDING_ANY.search(right) or _PARTNER_VERB_ANY.search(right):
                return PARTNER_IN, before, 0.75
            return RUNS, before, 0.75
        if before is not None and before == i - 1:
            gap = unit.text[groups[before].ve : groups[i].vs]
            if _OWNER_GAP.match(gap):
                return RUNS, before, 0.7  # "het project X van Weller", "Weller's X"
        if _WEAK_PARTNER_END.search(left):
            return PARTNER_IN, either, 0.7
        if _PREPOSITION_END.search(left):
            return None  # not the subject
        if before is not None and before == i - 1:
            relative = self._relative_role(unit, groups, before, i)
            if relative is not None:
                return relative
        if before is not None and _WITHIN_END.search(self._left(unit, groups, before)):
            return PARTNER_IN, before, 0.7  # "Binnen het programma werkt Weller aan …"
        if after is not None:
            gap = unit.text[groups[i].ve : groups[after].vs]
            if _NOT_RUN_VERB_ANY.search(gap):
                return None
            if _PARTNER_VERB_ANY.search(gap):
                return PARTNER_IN, after, 0.8
            if _WITHIN_BEFORE_PROGRAMME.search(gap):
                return PARTNER_IN, after, 0.7  # "A en B delen informatie binnen P"
            if _RUN_VERB_ANY.search(gap) or _RUN_VERB_END.search(left):
                if len(groups[i].members) > 1 and _LAUNCH_ANY.search(gap):
                    return PARTNER_IN, after, 0.75  # "A, B en C lanceren P": a joint launch
                return RUNS, after, 0.8
            if after == i + 1 and _RUN_VERB_AFTER_START.search(self._right(unit, groups, after)):
                return RUNS, after, 0.75  # "… dat Weller het project uitvoert"
            if after == i + 1 and _POSSESSIVE_GAP.match(gap):
                return RUNS, after, 0.7  # "Weller's Safe Streets project"
        right = self._right(unit, groups, i)
        if _ROLE_RUN_AFTER.search(right):
            return RUNS, either, 0.8
        if _ROLE_PARTNER_AFTER.search(right) or _PARTNER_VERB_START.search(right):
            return PARTNER_IN, either, 0.75  # "Woonpunt en JENS doen mee"
        return None

    @staticmethod
    def _relative_role(
        unit: _Unit, groups: list[_Group], before: int, i: int
    ) -> tuple[str, int, float] | None:
        """The subject of a relative clause on a programme: "P, dat S samen met X uitvoert"
        (S runs P), "P, waarmee A, B en C overlast aanpakken" (partners together)."""
        if not _RELATIVE_GAP.match(unit.text[groups[before].ve : groups[i].vs]):
            return None
        rest = unit.text[groups[i].ve : unit.clause(groups[i].vs)[1]]
        rest = _SENTENCE_BREAK.split(rest, maxsplit=1)[0]
        single = len(groups[i].members) == 1
        words = rest.replace(MENTION_MARK, " ")
        if _NOT_RUN_VERB_ANY.search(words):
            return None
        if _RUN_VERB_ANY.search(words) or _RUN_VERB_AFTER_ANY.search(words):
            return (RUNS, before, 0.8) if single else (PARTNER_IN, before, 0.75)
        if single and _TOGETHER.search(rest):
            return RUNS, before, 0.75  # "P, dat Weller samen met Woonpunt heeft gesloten"
        if not single and _ADDRESS_RIGHT_ANY.search(words):
            return PARTNER_IN, before, 0.7  # "waarmee A, B en C ondermijning aanpakken"
        return None

    @staticmethod
    def _member_role(unit: _Unit, group: _Group, k: int) -> str | None:
        """A role given to one list item: "Weller (trekker)", "JENS (partner)"."""
        member = group.members[k]
        end = group.members[k + 1].vs if k + 1 < len(group.members) else member.ve + 40
        after = unit.text[member.ve : end].split(MENTION_MARK, 1)[0]
        if _ROLE_RUN_AFTER.search(after):
            return RUNS
        if _ROLE_PARTNER_AFTER.search(after):
            return PARTNER_IN
        return None

    # ------------------------------------------------------------------ places

    def _places(self, unit: _Unit, groups: list[_Group], out: _Collector, ctx: _Lang) -> None:
        """TARGETS, LOCATED_IN and ACTIVE_IN for each place group."""
        attached: dict[int, tuple[str, int, float]] = {}
        for i, group in enumerate(groups):
            if group.kind != PLACE:
                continue
            found = self._attach(unit, groups, i, attached, ctx)
            if found is None:
                continue
            attached[i] = found
        for i, (rel_type, head, confidence) in attached.items():
            if (
                rel_type == TARGETS
                and i < head
                and any(
                    other == (TARGETS, head, other[2]) and other[2] > confidence and j > head
                    for j, other in attached.items()
                )
            ):
                continue  # "In Heerlen, P targets X": the opening place only sets the scene
            heads = groups[head].members
            if rel_type == ACTIVE_IN and _RELATIVE_START.match(unit.text, groups[head].ve):
                heads = heads[-1:]  # "A and B, which owns homes in X": the clause is on B
            for h in heads:
                for place in groups[i].members:
                    out.add(rel_type, h.entity.id, place.entity.id, unit, confidence * h.weight)
        self._active(unit, groups, out, ctx)

    def _attach(
        self,
        unit: _Unit,
        groups: list[_Group],
        i: int,
        attached: dict[int, tuple[str, int, float]],
        ctx: _Lang,
    ) -> tuple[str, int, float] | None:
        """What a place group belongs to: (relation, head group index, confidence)."""
        left = self._left(unit, groups, i)
        locative = bool(ctx.locative_end.search(left) or self._colon_place_head.search(left))
        clause = unit.clause(groups[i].vs)
        if i > 0 and groups[i - 1].vs >= clause[0]:
            if groups[i - 1].kind == PLACE:
                # a place right after another chains on ("aan de Akerstraat in Heerlerheide")
                if i - 1 in attached and (
                    locative or _COMMA_GAP.match(left) or self._chain_gap.match(left)
                ):
                    rel_type, head, confidence = attached[i - 1]
                    return rel_type, head, round(confidence * 0.9, 3)
                return None
            return self._attach_after(unit, groups, i, left, locative, ctx)
        return self._attach_before(unit, groups, i, locative)

    def _attach_after(
        self,
        unit: _Unit,
        groups: list[_Group],
        i: int,
        gap: str,
        locative: bool,
        ctx: _Lang,
    ) -> tuple[str, int, float] | None:
        """A place after another mention in its clause: "wijkcentrum X aan de Akerstraat",
        "het programma X in Heerlerheide", "Weller is actief in Hoensbroek"."""
        head = i - 1
        kind = groups[head].kind
        words = len(gap.split())
        if kind == FACILITY:
            if locative and words <= 6:
                return LOCATED_IN, head, 0.85
            if _PAREN_OPEN.match(gap):
                return LOCATED_IN, head, 0.75
            if _COMMA_GAP.match(gap) and self._is_street(groups[i]):
                return LOCATED_IN, head, 0.7
            return None
        if kind == PROGRAMME:
            if self._target_end.search(gap):
                return TARGETS, head, 0.9
            if locative and words <= 12:
                return TARGETS, head, 0.85
            if _PAREN_OPEN.match(gap):
                return TARGETS, head, 0.7
            return None
        programme = self._nearest(unit, groups, i, PROGRAMME, -1)
        if programme is not None and self._target_end.search(gap):
            return TARGETS, programme, 0.85  # "P, gedragen door S, richt zich op L"
        if kind == STAKEHOLDER:
            if _ACTIVE_ANY.search(gap) and (locative or _ACTIVE_BEFORE_PLACE_END.search(gap)):
                return ACTIVE_IN, head, 0.85
            if locative and _ACTIVE_START.search(self._right(unit, groups, i)):
                return ACTIVE_IN, head, 0.8  # "Weller, dat ook in Hoensbroek actief is"
            if programme is None:
                programme = self._nearest(unit, groups, i, PROGRAMME, +1)
            if programme is not None:
                return (TARGETS, programme, 0.75) if locative else None
            if ((locative and words <= 2) or _ADJACENT_OF.match(gap)) and ":" not in gap:
                return ACTIVE_IN, head, 0.6  # "de wijkagent van Grasbroek"
            return None
        if (
            kind == INCIDENT_TYPE
            and programme is not None
            and locative
            and not self._is_event_group(unit, groups[head], ctx)
        ):
            return TARGETS, programme, 0.75  # "P pakt overlast aan in Heerlerheide"
        return None

    def _attach_before(
        self, unit: _Unit, groups: list[_Group], i: int, locative: bool
    ) -> tuple[str, int, float] | None:
        """A place that opens its clause: "In Heerlerheide start het project X"."""
        if not locative:
            return None
        clause = unit.clause(groups[i].vs)
        following = [
            j
            for j in range(i + 1, len(groups))
            if groups[j].kind != PLACE and groups[j].vs < clause[1]
        ]
        if not following:
            return None
        first = following[0]
        kinds = [groups[j].kind for j in following]
        gap = unit.text[groups[i].ve : groups[first].vs]
        if groups[first].kind == FACILITY:
            return (LOCATED_IN, first, 0.7) if _LOCATION_VERB_GAP.match(gap) else None
        if PROGRAMME in kinds:
            k = kinds.index(PROGRAMME)
            if all(kind == STAKEHOLDER for kind in kinds[:k]):
                return TARGETS, following[k], 0.7
            return None
        if groups[first].kind == STAKEHOLDER:
            right = self._right(unit, groups, first)
            if _ACTIVE_ANY.search(gap) or _ACTIVE_START.search(right):
                return ACTIVE_IN, first, 0.8  # "In Hoensbroek zijn Weller en JENS actief"
        return None

    def _active(self, unit: _Unit, groups: list[_Group], out: _Collector, ctx: _Lang) -> None:
        """ACTIVE_IN for a stakeholder that is the subject of a clause with a locative place
        and no programme, facility or incident in it: "JENS start jongerenwerk in Terschuren"
        (lower confidence than an explicit "actief in")."""
        for i, group in enumerate(groups[:-1]):
            place = groups[i + 1]
            if group.kind != STAKEHOLDER or place.kind != PLACE:
                continue
            left = self._left(unit, groups, i)
            if _PREPOSITION_END.search(left):
                continue
            clause = unit.clause(group.vs)
            if unit.clause(place.vs) != clause:
                continue
            in_clause = [g for g in groups if clause[0] <= g.vs < clause[1]]
            if any(g.kind in {PROGRAMME, FACILITY} for g in in_clause) or any(
                g.kind == INCIDENT_TYPE and self._is_event_group(unit, g, ctx) for g in in_clause
            ):
                continue
            gap = unit.text[group.ve : place.vs]
            before = unit.text[clause[0] : group.vs]
            if (
                len(gap.split()) > 12
                or _NOT_ACTIVE_ANY.search(gap)
                or _NOT_ACTIVE_ANY.search(before)
                or not ctx.locative_end.search(gap)
            ):
                continue
            confidence = 0.85 if _ACTIVE_ANY.search(gap) else 0.6
            for s in group.members:
                for p in place.members:
                    out.add(ACTIVE_IN, s.entity.id, p.entity.id, unit, confidence * s.weight)

    def _is_street(self, group: _Group) -> bool:
        return all(
            self._specificity.get(m.entity.type, -1.0) >= self._street_level for m in group.members
        )

    # ------------------------------------------------------------------ ADDRESSES

    def _addresses(self, unit: _Unit, groups: list[_Group], out: _Collector) -> None:
        colon_list: tuple[int, float] | None = None  # (clause start, confidence) of a list
        for i, group in enumerate(groups):
            if group.kind != INCIDENT_TYPE:
                if group.kind != PLACE:
                    colon_list = None
                continue
            left = self._left(unit, groups, i)
            clause_start = unit.clause(group.vs)[0]
            confidence = 0.0
            if _ADDRESS_LEFT_END.search(left):
                confidence = 0.85
                if _ADDRESS_COLON_END.search(left):
                    colon_list = (clause_start, 0.8)
            elif _ADDRESS_COLON_END.search(left):
                # "P tackles three problems: A by …, B and C": the list runs on to the end
                confidence = 0.8
                colon_list = (clause_start, confidence)
            elif (
                colon_list is not None
                and colon_list[0] == clause_start
                and not _SENTENCE_BREAK.search(left)
            ):
                confidence = colon_list[1]
            else:
                # the Dutch verb comes last, after any places: "… overlast in Passart verminderen"
                end = next(
                    (g.vs for g in groups[i + 1 :] if g.kind != PLACE),
                    unit.clause(group.vs)[1],
                )
                after = unit.text[group.ve : min(end, unit.clause(group.vs)[1])]
                after = after.replace(MENTION_MARK, "")
                right = _ADDRESS_RIGHT_START.search(" " + after.lstrip())
                if right and (right.group("cue").lower() != "aan" or _PAKT_LEFT.search(left)):
                    confidence = 0.8  # "om inbraken te voorkomen", "pakt overlast aan"
            if not confidence:
                continue
            programme = self._nearest(unit, groups, i, PROGRAMME, 0)
            if programme is None:
                programme = _any_of(groups, PROGRAMME, i)
            if programme is None:
                continue
            for p in groups[programme].members:
                for incident_type in group.members:
                    out.add(
                        ADDRESSES, p.entity.id, incident_type.entity.id, unit, confidence * p.weight
                    )

    # ------------------------------------------------------------------ OPERATES

    def _operates(self, unit: _Unit, groups: list[_Group], out: _Collector) -> None:
        for i, group in enumerate(groups):
            if group.kind != STAKEHOLDER:
                continue
            left = self._left(unit, groups, i)
            noun = _ORGANISATION_NOUN_END.search(left)
            if noun is not None:
                left = left[: noun.start()]  # "géré par l'association S"
            facility = self._nearest(unit, groups, i, FACILITY, -1)
            programme = self._nearest(unit, groups, i, PROGRAMME, -1)
            nearer = facility is not None and (
                programme is None or groups[programme].vs < groups[facility].vs
            )
            confidence = 0.0
            if nearer and _OPERATE_AGENT_END.search(left):
                confidence = 0.85  # "beheerd door S", "run by S", "géré par S"
            elif nearer and _BARE_AGENT_END.search(left):
                confidence = 0.7
            elif facility is not None and facility == i - 1 and _OPERATE_OWNER_GAP.match(left):
                confidence = 0.6  # "wijkcentrum X van Weller"
            if not confidence:
                after = self._nearest(unit, groups, i, FACILITY, +1)
                if after is None or _PREPOSITION_END.search(left):
                    continue
                gap = unit.text[group.ve : groups[after].vs]
                between = groups[i + 1 : after]
                if any(g.kind != PLACE for g in between) or len(between) > 1:
                    continue  # "S, Heerlen : fondation qui gère F": only its seat between
                gap = gap.replace(MENTION_MARK, "")
                if not _OPERATE_VERB_ANY.search(gap):
                    continue
                facility, confidence = after, 0.85  # "Weller beheert wijkcentrum X"
            if facility is None:
                continue
            for s in group.members:
                for f in groups[facility].members:
                    out.add(OPERATES, s.entity.id, f.entity.id, unit, confidence * s.weight)

    # ------------------------------------------------------------------ incidents

    def _is_event_group(self, unit: _Unit, group: _Group, ctx: _Lang) -> bool:
        return any(self._is_event(unit, m, ctx) for m in group.members)

    def _has_event_cue(self, unit: _Unit, ctx: _Lang) -> bool:
        """A date, a month of a year, a time word, a weekday or an event verb (computed once)."""
        if unit.event_cue is None:
            text = unit.text
            if ":" in text:
                text = _HEADER_DATE_LINE.sub("", text)
            unit.event_cue = bool(
                _DATE.search(text)
                or _month_year(text)
                or _TIME_WORD.search(text)
                or _WEEKDAY.search(text)
                or (ctx.french and _HIER.search(text))
                or _EVENT_VERB.search(text)
            )
        return unit.event_cue

    def _is_event(self, unit: _Unit, mention: _Mention, ctx: _Lang) -> bool:
        """Whether an incident-type mention tells of a concrete event."""
        text = unit.text
        window = text[max(0, mention.vs - _GENERIC_WINDOW) : mention.ve + _GENERIC_WINDOW]
        before = text[max(0, mention.vs - _LEFT_REACH) : mention.vs]
        if (
            _AGGREGATE.search(window)
            or _GENERIC_BEFORE.search(before)
            or _COUNT_BEFORE.search(before)
        ):
            return False
        return (
            self._has_event_cue(unit, ctx)
            or _INDEFINITE_EVENT.search(text[max(0, mention.vs - 20) : mention.ve + 20]) is not None
            or self._headline_event(unit, mention, ctx)
        )

    def _headline_event(self, unit: _Unit, mention: _Mention, ctx: _Lang) -> bool:
        """ "Explosie aan de Akerstraat" as a headline (short, no full stop, a street), or
        "- Address fraud on the X." as the title of a bullet whose next sentence tells of an
        event ("On 23 August 2024 …")."""
        own = unit.segments[-1][0]  # a list item read with its head: the item itself
        text = unit.text[own:].strip()
        if len(text.split()) > 10 or not 0 <= mention.vs - own <= 12:
            return False
        if not any(m.kind == PLACE and self._is_street(_Group(PLACE, [m])) for m in unit.mentions):
            return False
        if not text.endswith((".", "?", "!")):
            return True
        if len(text.split()) > 7 or not unit.following:
            return False
        lead = (
            _HEADER_DATE_LINE.sub("", unit.following) if ":" in unit.following else unit.following
        )
        return bool(
            _DATE.search(lead)
            or _TIME_WORD.search(lead)
            or _EVENT_VERB.search(lead)
            or (ctx.french and _HIER.search(lead))
        )

    def _incidents(self, unit: _Unit, out: _Collector, ctx: _Lang) -> list[Entity]:
        incidents: list[Entity] = []
        places = [m for m in unit.mentions if m.kind == PLACE]
        if not places:
            return incidents
        types = [m for m in unit.mentions if m.kind == INCIDENT_TYPE]
        parts = _parts(unit.text)
        told: list[tuple[int, int]] = []  # the parts that tell an event with an incident noun
        for k, mention in enumerate(types):
            if not self._is_event(unit, mention, ctx):
                continue
            part = _part_of(parts, mention.vs)
            told.append(part)
            in_part = [p for p in places if part[0] <= p.vs < part[1]]
            own_end = types[k + 1].vs if k + 1 < len(types) else len(unit.text)
            own_start = types[k - 1].ve if k > 0 else 0
            pool = in_part or places
            candidates = [p for p in pool if mention.ve <= p.vs < own_end] or [
                p for p in pool if own_start <= p.vs < mention.vs
            ]
            place = max(
                candidates or pool,
                key=lambda p: (self._specificity.get(p.entity.type, -1.0), -abs(p.vs - mention.vs)),
            )
            iso = _date_near(unit.text, mention.vs)
            entity = mention.entity
            for spot in self._coordinated(unit.text, places, place):
                incident = self._incident(
                    entity.id, entity.name, entity.text, entity.start, entity.end, spot, iso
                )
                out.add(OF_TYPE, incident.id, entity.id, unit, incident.confidence)
                out.add(OCCURRED_IN, incident.id, spot.entity.id, unit, incident.confidence)
                incidents.append(incident)
        verbs = self._verb_incidents(unit, places, parts, told, out, ctx)
        incidents.extend(verbs)
        incidents.extend(self._anaphoric_incidents(unit, places, parts, incidents, out))
        return incidents

    def _anaphoric_incidents(
        self,
        unit: _Unit,
        places: list[_Mention],
        parts: list[tuple[int, int]],
        found: list[Entity],
        out: _Collector,
    ) -> list[Entity]:
        """A part of a sentence that goes on about an event of a type named just before, at
        another place or time: "…, and a similar dump was reported near X on 2 May 2024", "The
        latest was on 8 September 2024 at a bank branch in X"."""
        if not _INCIDENT_ANAPHOR.search(unit.text):
            return []
        text = unit.text
        incidents: list[Entity] = []
        for part in parts:
            anaphor = _INCIDENT_ANAPHOR.search(text, part[0], part[1])
            if anaphor is None:
                continue
            in_part = [p for p in places if part[0] <= p.vs < part[1]]
            if not in_part or any(
                m.kind == INCIDENT_TYPE and part[0] <= m.vs < part[1] for m in unit.mentions
            ):
                continue
            piece = text[part[0] : part[1]]
            if _VERB_EVENT.search(piece) or not (
                _DATE.search(piece)
                or _month_year(piece)
                or _TIME_WORD.search(piece)
                or _EVENT_VERB.search(piece)
            ):
                continue
            start = unit.offset(part[0])
            before = [e for e in found if e.type == INCIDENT and e.start < start]
            type_ids = {out.incident_types[e.id] for e in before[-1:] if e.id in out.incident_types}
            if not type_ids and unit.earlier_types:
                type_ids = {e.id for e in unit.earlier_types}
            if len(type_ids) != 1:
                continue
            type_id = type_ids.pop()
            place = self._event_place(text, in_part, anaphor.start())
            iso = _date_near(piece, anaphor.start() - part[0])
            name = self._type_names.get(type_id, type_id.split(":", 1)[-1])
            a_start, a_end = unit.offset(anaphor.start()), unit.offset(anaphor.end())
            incident = self._incident(type_id, name, anaphor.group(0), a_start, a_end, place, iso)
            confidence = incident.confidence - 0.1
            out.add(OF_TYPE, incident.id, type_id, unit, confidence)
            out.add(OCCURRED_IN, incident.id, place.entity.id, unit, confidence)
            incidents.append(incident)
        return incidents

    def _verb_incidents(
        self,
        unit: _Unit,
        places: list[_Mention],
        parts: list[tuple[int, int]],
        told: list[tuple[int, int]],
        out: _Collector,
        ctx: _Lang,
    ) -> list[Entity]:
        """Events told with a verb and no incident noun in their part of the sentence: "is
        ingebroken in twee woningen aan de X", "an e-bike was stolen on the X", "deux maisons
        de la rue X ont été cambriolées"."""
        incidents: list[Entity] = []
        text = unit.text
        for match in _VERB_EVENT.finditer(text):
            verb = self._verb_types.get(match.lastgroup or "")
            if verb is None:
                continue
            type_id, finite = verb
            part = _part_of(parts, match.start())
            if part in told:
                continue  # the incident noun of this part tells the event
            in_part = [p for p in places if part[0] <= p.vs < part[1]]
            if not in_part:
                continue
            before = text[max(part[0], match.start() - 60) : match.start()]
            window = text[max(part[0], match.start() - 40) : min(part[1], match.end() + 40)]
            if _NOT_EVENT_BEFORE.search(before) or _AGGREGATE.search(window):
                continue
            if not (
                finite
                or _PAST_AUX_BEFORE.search(before)
                or _PAST_AUX_AFTER.match(text, match.end())
                or self._has_event_cue(unit, ctx)
            ):
                continue
            type_id = self._refine(type_id, text[part[0] : part[1]])
            place = self._event_place(text, in_part, match.start())
            iso = _date_near(text, match.start())
            name = self._type_names.get(type_id, type_id.split(":", 1)[-1])
            start, end = unit.offset(match.start()), unit.offset(match.end())
            incident = self._incident(type_id, name, match.group(0), start, end, place, iso)
            confidence = incident.confidence - 0.05
            out.add(OF_TYPE, incident.id, type_id, unit, confidence)
            out.add(OCCURRED_IN, incident.id, place.entity.id, unit, confidence)
            incidents.append(incident)
            incidents.append(self._type_entity(type_id, name, match.group(0), start, end))
        return incidents

    def _type_entity(self, type_id: str, name: str, surface: str, start: int, end: int) -> Entity:
        """The incident type an event verb names ("cambriolées" names burglary)."""
        cls = self._model.concepts[type_id].cls
        return Entity(
            type=cls,
            classes=self._model.lineage(cls),
            text=surface,
            start=start,
            end=end,
            id=type_id,
            name=name,
            confidence=0.7,
        )

    def _refine(self, type_id: str, part: str) -> str:
        """A more specific incident type from the words around the verb: a stolen bicycle or
        car, a theft from a car, an ATM blown up."""
        refined = type_id
        if type_id == "incident-type:theft":
            if _FROM_VEHICLE.search(part):
                refined = "incident-type:theft-from-vehicle"
            elif _BICYCLE.search(part):
                refined = "incident-type:bicycle-theft"
            elif _VEHICLE.search(part):
                refined = "incident-type:vehicle-theft"
        elif type_id == "incident-type:explosion" and _ATM.search(part):
            refined = "incident-type:atm-explosion"
        return refined if refined in self._type_names else type_id

    def _coordinated(self, text: str, places: list[_Mention], place: _Mention) -> list[_Mention]:
        """The place and the places of its kind coordinated with it: "in Liège and in
        Heerlen", "de Liège et de Heerlen" (an event in each)."""
        level = self._specificity.get(place.entity.type, -1.0)
        k = places.index(place)
        result = [place]
        for step in (-1, 1):
            j = k
            while 0 <= j + step < len(places):
                a, b = sorted((places[j], places[j + step]), key=lambda m: m.vs)
                other = places[j + step]
                if self._specificity.get(
                    other.entity.type, -1.0
                ) != level or not _COORDINATED_GAP.match(text[a.ve : b.vs]):
                    break
                result.append(other)
                j += step
        return sorted(result, key=lambda m: m.vs)

    def _event_place(self, text: str, places: list[_Mention], position: int) -> _Mention:
        """The place of an event told by a verb: the chain of places ("aan de X in Y")
        nearest the verb, and in it the most specific place."""
        chains: list[list[_Mention]] = []
        for p in places:
            if chains and _CHAIN_GAP.match(text[chains[-1][-1].ve : p.vs]):
                chains[-1].append(p)
            else:
                chains.append([p])

        def distance(chain: list[_Mention]) -> int:
            return min(abs(p.vs - position) if p.vs > position else position - p.ve for p in chain)

        chain = min(chains, key=distance)
        return max(chain, key=lambda p: self._specificity.get(p.entity.type, -1.0))

    def _incident(
        self,
        type_id: str,
        type_name: str,
        surface: str,
        start: int,
        end: int,
        place: _Mention,
        iso: str | None,
    ) -> Entity:
        local = type_id.split(":", 1)[-1]
        incident_id = f"incident:{slug(local)}-{slug(place.entity.id)}-{iso or 'undated'}"
        parts = [type_name or local, place.entity.name or place.entity.text]
        if iso:
            parts.append(iso)
        return Entity(
            type=INCIDENT,
            classes=self._incident_classes,
            text=surface,
            start=start,
            end=end,
            id=incident_id,
            name=", ".join(parts),
            confidence=0.85 if iso else 0.8,
        )


# ------------------------------------------------------------------ module helpers


def _month_year(text: str) -> bool:
    """A month of a year that is not the start of a period: "in maart 2023", "en octobre
    2023" (not "sinds maart 2023")."""
    for match in _MONTH_YEAR.finditer(text):
        before = (match.group("before") or "").lower()
        if before not in _PERIOD_OPENER:
            return True
    return False


def _parts(masked: str) -> list[tuple[int, int]]:
    """The parts of a unit that tell separate events (split at ";" and ", en"/", and")."""
    bounds = [0, *(m.start() for m in _PART_BREAK.finditer(masked)), len(masked) + 1]
    return [(a, b) for a, b in itertools.pairwise(bounds) if a < b]


def _part_of(parts: list[tuple[int, int]], position: int) -> tuple[int, int]:
    for part in parts:
        if part[0] <= position < part[1]:
            return part
    return parts[-1]


def _with_repeated_names(text: str, mentions: list[_Mention]) -> list[_Mention]:
    """The mentions, and each programme named again with the same words where no mention
    covers it ("… het programma Veilige Centra Heerlen. Veilige Centra Heerlen richt zich
    op …"): a name of two words or more, as whole words; it replaces mentions inside it."""
    names: dict[str, _Mention] = {}
    for m in mentions:
        surface = m.entity.text
        if m.kind == PROGRAMME and len(surface.split()) >= 2 and surface not in names:
            names[surface] = m
    if not names:
        return mentions
    added: list[_Mention] = []
    for surface, m in names.items():
        position = text.find(surface)
        while position >= 0:
            end = position + len(surface)
            whole = (position == 0 or not text[position - 1].isalnum()) and (
                end == len(text) or not text[end].isalnum()
            )
            if whole and not any(
                o.kind == PROGRAMME and o.start < end and position < o.end for o in mentions
            ):
                added.append(_Mention(position, end, PROGRAMME, m.entity))
            position = text.find(surface, end)
    if not added:
        return mentions
    kept = [m for m in mentions if not any(a.start <= m.start and m.end <= a.end for a in added)]
    return sorted([*kept, *added], key=lambda m: m.start)


def _is_list_item(text: str, start: int) -> bool:
    """Whether the sentence at ``start`` is a bullet or numbered line."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        return False
    return bool(_LIST_ITEM.match(text, start))


def _is_list_head(sentence: str) -> bool:
    """A sentence ending in ":" or a short heading ("Partners", "## Partenaires")."""
    sentence = sentence.rstrip()
    if sentence.endswith(":"):
        return True
    return len(sentence.split()) <= 4 and not sentence.endswith((".", "!", "?", ";", ","))


def _clauses(masked: str) -> list[tuple[int, int]]:
    """The clauses of a unit: its parts between semicolons."""
    bounds = [0, *(m.end() for m in re.finditer(";", masked)), len(masked) + 1]
    return [(a, b) for a, b in itertools.pairwise(bounds) if a < b]


def _any_of(groups: list[_Group], kind: str, index: int) -> int | None:
    """The nearest group of ``kind`` anywhere in the unit (other clauses too)."""
    candidates = [j for j, g in enumerate(groups) if g.kind == kind]
    if not candidates:
        return None
    return min(candidates, key=lambda j: (abs(j - index), j > index))


def _antecedent(programmes: list[_Mention], start: int, single: bool) -> _Mention | None:
    """The last programme named before ``start``, if near enough (or the only one)."""
    best: _Mention | None = None
    for m in programmes:
        if m.end > start:
            break
        best = m
    if best is None or not (single or start - best.end <= MAX_ANTECEDENT_DISTANCE):
        return None
    return best


def _date_near(text: str, position: int) -> str | None:
    """The ISO date of the date nearest ``position``; None when it has no year."""
    best: re.Match[str] | None = None
    for match in _DATE.finditer(text):
        if best is None or abs(match.start() - position) < abs(best.start() - position):
            best = match
    return iso_date(best) if best is not None else None


__all__ = ["RelationFinder", "iso_date", "parse_date"]
