"""Word lists of the privacy filter and the classifier that tells what a capitalised word is.

The privacy filter (``nlp.privacy``) decides whether a run of capitalised words is a person's
name from the words themselves and from their context. This module holds what it knows about
words:

* letters: ``UPPER`` and ``LOWER``, regex classes of the Latin letters of every European
  language (also the Turkish dotless i, Polish ``ł``, Romanian ``ș``) and combining accents;
* closed word lists, in Dutch, English and French (some German): titles (``HONORIFICS``),
  roles and functions (``ROLE_WORDS``, ``ROLE_PHRASES`` and Dutch compounds by suffix),
  organisation and facility words, function words, months, days, holidays, words that end a
  street name, saints, and words that head an organisation or place named after a person;
* name lists: the bundled first names (``privacy_first_names.txt``) and ambiguous first names
  (``privacy_first_names_ambiguous.txt``, names that are also ordinary words and count only
  next to another name word), the bundled surnames (``privacy_surnames.txt``) and, when the
  ``deduce`` package is installed, its Dutch first-name, surname and place-name lists;
* a lexicon of ordinary words: the lemma tables of ``spacy-lookups-data`` for nl, en and fr
  when that package is installed, plus a short bundled list of words that head lines in
  minutes and letters. Without it the filter still works, with more over-redaction of ordinary
  capitalised words in name positions.

``word_class`` puts a capitalised word in one class (see ``WordClass``); the result is cached.
"""

from __future__ import annotations

import gzip
import json
import re
import threading
import unicodedata
from enum import StrEnum
from functools import cache
from importlib import resources
from importlib.util import find_spec
from pathlib import Path


def _letters(category: str) -> str:
    ranges = ((0xC0, 0x250), (0x1E00, 0x1F00))
    return "".join(
        chr(c) for start, end in ranges for c in range(start, end)
        if unicodedata.category(chr(c)) == category
    )  # fmt: skip


UPPER = "A-Z" + _letters("Lu")
LOWER = "a-z" + _letters("Ll") + "\u0300-\u036f"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- particles, titles, roles ----------------------------------------------------------------

PARTICLES = _words(
    "van der den de het ter ten te 't ’t la le les du des del della di da dos das von vom zu "
    "zum zur d' d’ l' l’ in op uit aan bij"
)
# Particles of Arabic names: part of a name when lower case ("Mohamed el Amrani").
ARABIC_PARTICLES = _words("el al bin ibn abu abou ould")
# Titles before a name (without their full stop). "M." (Monsieur) is handled apart because
# it is also an initial.
HONORIFICS = _words(
    "dhr dhr. mevr mw mevrouw meneer heer juffrouw mej mejuffrouw ir ing drs dr mr prof bc ds zr "
    "br pater fam familie wijlen mrs ms miss mister sir dame lady madam doctor professor rev "
    "revd mme mlle mmes mm monsieur madame mademoiselle maître docteur professeur pr herr frau "
    "fräulein hr sœur soeur frère père zuster broeder family famille messieurs mesdames dokter "
    "mister meester jonkheer jhr"
)
_ROLES_NL = (
    "burgemeester locoburgemeester loco-burgemeester wethouder wijkwethouder wijkagent "
    "hoofdagent agent agente brigadier inspecteur hoofdinspecteur commissaris hoofdcommissaris "
    "politiechef teamchef districtschef korpschef rechercheur handhaver boa toezichthouder "
    "rechter advocaat advocate notaris officier directeur directrice directeur-bestuurder "
    "bestuurder bestuurster voorzitter voorzitster vicevoorzitter fractievoorzitter "
    "woordvoerder woordvoerster jongerenwerker jongerenwerkster jeugdwerker straatcoach "
    "buurtcoach wijkcoach jongerencoach opbouwwerker welzijnswerker coördinator coordinator "
    "projectleider projectmanager programmamanager programmaleider manager teamleider "
    "teammanager wijkmanager gebiedsmanager gebiedsregisseur wijkregisseur buurtregisseur "
    "procesregisseur casusregisseur regisseur adviseur beleidsadviseur beleidsmedewerker "
    "medewerker medewerkster buurtbewoner bewoner bewoonster huurder huurster raadslid "
    "gemeenteraadslid statenlid kamerlid commissielid bestuurslid lid minister "
    "staatssecretaris gedeputeerde gouverneur secretaris gemeentesecretaris griffier "
    "penningmeester notulist notuliste huismeester wijkconsulent woonconsulent consulent "
    "leerkracht docent juf schooldirecteur rector conrector pastoor dominee pastor imam "
    "predikant kapelaan huisarts arts psychiater psycholoog verpleegkundige "
    "wijkverpleegkundige verpleger collega eigenaar eigenaresse ondernemer uitbater winkelier "
    "onderzoeker onderzoekster lector hoogleraar promovendus student studente stagiair "
    "stagiaire vrijwilliger vrijwilligster mantelzorger ervaringsdeskundige journalist "
    "verslaggever fotograaf ambtenaar wijkbeheerder beheerder conciërge opzichter buurman "
    "buurvrouw moeder vader zoon dochter broer zus oom tante opa oma neef nicht echtgenoot "
    "echtgenote partner vriend vriendin slachtoffer verdachte getuige dader melder aangever "
    "cliënt client patiënt deelnemer deelneemster spreker spreekster gastspreker "
    "initiatiefnemer oprichter oprichtster kartrekker contactpersoon aanspreekpunt "
    "casemanager klantmanager trajectbegeleider begeleider begeleidster hulpverlener "
    "schuldhulpverlener aandachtsfunctionaris veldwerker straatwerker voorlichter "
    "preventiemedewerker wijkboa buitengewoon opsporingsambtenaar portefeuillehouder "
    "raadsman raadsvrouw tolk inwoner inwoonster burger"
)
_ROLES_EN = (
    "mayor alderman alderwoman councillor councilor officer constable sergeant detective "
    "inspector superintendent commissioner chief sheriff prosecutor judge magistrate lawyer "
    "solicitor barrister attorney spokesperson spokesman spokeswoman director chair chairman "
    "chairwoman chairperson president vice-president secretary treasurer manager coordinator "
    "co-ordinator organiser organizer leader head headteacher headmaster headmistress "
    "principal teacher lecturer professor researcher student volunteer resident neighbour "
    "neighbor tenant landlord landlady owner shopkeeper victim suspect witness caseworker "
    "worker nurse gp reverend priest rabbi journalist reporter photographer founder ceo "
    "cfo senator governor deputy mp mep colleague husband wife son daughter mother father "
    "brother sister uncle aunt grandmother grandfather cousin friend advisor adviser "
    "consultant warden caretaker speaker moderator facilitator trainee intern analyst "
    "administrator clerk dean chancellor minister"
)
_ROLES_FR = (
    "maire bourgmestre échevin échevine adjoint adjointe préfet préfète sous-préfet "
    "porte-parole président présidente vice-président vice-présidente procureur procureure "
    "juge magistrat magistrate avocat avocate commissaire policier policière gendarme "
    "lieutenant capitaine commandant inspectrice agente éducateur éducatrice animateur "
    "animatrice médiateur médiatrice conseiller conseillère député députée sénateur "
    "sénatrice ministre directrice coordinateur coordinatrice coordonnateur coordonnatrice "
    "responsable chef cheffe gérant gérante secrétaire trésorier trésorière délégué déléguée "
    "chargé chargée habitant habitante voisin voisine locataire propriétaire commerçant "
    "commerçante témoin victime suspecte professeure enseignant enseignante instituteur "
    "institutrice chercheur chercheuse étudiant étudiante bénévole journaliste photographe "
    "fondateur fondatrice collègue assistant assistante infirmier infirmière médecin curé "
    "pasteur mère fils fille frère oncle tante époux épouse mari grand-mère grand-père "
    "stagiaire interlocuteur interlocutrice référent référente intervenant intervenante"
)
ROLE_WORDS = _words(f"{_ROLES_NL} {_ROLES_EN} {_ROLES_FR}")
# Roles of more than one word, for the text right before a name ("officier van justitie X").
ROLE_PHRASES = (
    "officier van justitie", "maatschappelijk werker", "maatschappelijk werkster",
    "buitengewoon opsporingsambtenaar", "chief inspector", "chief executive", "police officer",
    "community officer", "neighbourhood officer", "community police officer", "youth worker",
    "social worker", "project manager", "programme manager", "program manager", "deputy mayor",
    "police chief", "detective inspector", "detective sergeant", "chief constable",
    "head teacher", "community worker", "case worker", "project leader", "team leader",
    "chef de projet", "cheffe de projet", "chargé de mission", "chargée de mission",
    "agent de quartier", "agente de quartier", "agent de police", "travailleur social",
    "travailleuse sociale", "assistant social", "assistante sociale", "conseiller municipal",
    "conseillère municipale", "conseiller communal", "conseillère communale", "adjoint au maire",
    "adjointe au maire", "éducateur de rue", "éducatrice de rue", "chef de service",
    "directeur général", "directrice générale", "officier de police", "commissaire de police",
    "chef de la police", "médiateur de quartier", "médiatrice de quartier",
)  # fmt: skip
# Dutch compounds of a role word ("jongerenwerker", "buurtregisseur", "oud-wethouder").
ROLE_COMPOUND_RE = re.compile(
    r"(?:(?:oud|ex|vice|loco|adjunct|interim|plaatsvervangend|waarnemend)-?)?"
    rf"[{LOWER}-]*(?:agent|agente|werker|werkster|coach|regisseur|leider|leidster|manager|"
    r"coördinator|coordinator|medewerker|medewerkster|adviseur|adviseuse|consulent|consulente|"
    r"directeur|directrice|voorzitter|voorzitster|secretaris|wethouder|burgemeester|"
    r"begeleider|begeleidster|verlener|verleenster|deskundige|functionaris|chef|officier|"
    r"inspecteur|kundige|beheerder|beheerster|ambtenaar|onderzoeker|onderzoekster|"
    r"woordvoerder|woordvoerster|raadslid|bestuurder|bestuurster|bewoner|bewoonster|"
    r"vertegenwoordiger|vertegenwoordigster|ondernemer|opzichter|toezichthouder|handhaver|"
    r"houder|meester|teamlid|bestuurslid|commissielid)"
)
# Words before a role that keep it a role ("senior", "chief", "hoofd").
ROLE_MODIFIERS = _words(
    "senior junior chief head lead deputy assistant interim acting adjunct plaatsvervangend "
    "waarnemend hoofd eerste tweede nieuwe new former oud ex vice associate principal general "
    "regional regionaal regionale strategisch strategische policy beleids"
)

# --- organisations, places, streets ----------------------------------------------------------

ORGANISATION_WORDS = _words(
    "stichting vereniging coöperatie cooperatie gemeente politie provincie rijksoverheid "
    "ministerie ggd ggz waterschap woningcorporatie woningstichting woonstichting corporatie "
    "zorggroep zorgcentrum zorginstelling buurtteam wijkteam jeugdteam wijkcentrum buurthuis "
    "buurtcentrum gemeenschapshuis dorpshuis jongerencentrum jeugdcentrum jeugdhuis sporthal "
    "sportpark sportcomplex zwembad bibliotheek theater museum school basisschool hogeschool "
    "universiteit college lyceum atheneum gymnasium academie instituut ziekenhuis kliniek "
    "huisartsenpraktijk apotheek kerk parochie moskee synagoge café restaurant bar hotel winkel "
    "supermarkt bedrijf firma fonds bank raad wijkraad dorpsraad buurtraad bureau dienst "
    "afdeling team platform netwerk overleg werkgroep alliantie federatie bond unie partij "
    "fractie centrum center centre huis huize house hall hal zaal foundation association trust "
    "fund council police municipality university institute hospital church mosque company club "
    "society group agency service department office board committee commission network "
    "partnership alliance union party fondation entreprise société mairie commune ville "
    "préfecture gendarmerie école collège lycée institut hôpital clinique église mosquée "
    "maison salle conseil comité service direction département réseau groupe syndicat parti "
    "ministère agence office tribunal rechtbank kantonrechter parket cabinet kabinet b.v. n.v. "
    "bv nv gmbh ltd inc sa sarl asbl vzw vof regio regio's program programme programma project "
    "projet aanpak approach approche initiative initiatief plan actieplan pilot netwerken "
    "omroep krant newspaper journal radio tv televisie"
)
ORGANISATION_SUFFIX_RE = re.compile(
    r".{2,}(?:team|teams|huis|centrum|center|centre|groep|raad|dienst|fonds|bank|zorg|school|"
    r"college|instituut|academie|museum|kerk|bureau|vereniging|stichting|club|partners|wonen|"
    r"beheer|punt|loket|platform|netwerk|overleg|kantoor|hal|zaal|kliniek|praktijk|apotheek|"
    r"politie|gemeente|corporatie|bedrijf|bedrijven|holding|federatie|bond|unie|partij|fractie|"
    r"aanpak|programma|project|theater|bibliotheek|kwartier|ziekenhuis)"
)
# Heads that make the capitalised words before them part of an organisation's or place's name
# ("Jan Smeets Fonds", "Anne Frank Huis", "Victor Hugo Street").
EPONYM_HEADS_AFTER_RE = re.compile(
    r"(?:.*(?:fonds|stichting|prijs|school|huis|centrum|museum|instituut|college|lyceum|zaal|"
    r"gebouw|toren|stadion|sporthal|bibliotheek|kazerne|ziekenhuis|kliniek|academie|"
    r"genootschap|orkest|koor|festival|monument|kerk|kapel))|foundation|fondation|prize|award|"
    r"trophy|lecture|institute|institut|house|centre|center|hall|building|tower|stadium|arena|"
    r"library|hospital|clinic|academy|society|memorial|fund|trust|school|college|museum|bridge|"
    r"park|square|street|road|avenue|lane|drive|way|plein|park|brug"
)
# Words right before a name that make it part of an organisation's or place's name
# ("Stichting Jan Smeets", "rue Victor Hugo", "lycée Jean Moulin").
EPONYM_HEADS_BEFORE = _words(
    "stichting fonds fondation foundation vereniging association huize prijs prix award "
    "rue avenue boulevard bd place quai allée impasse chemin square lycée collège "
    "école institut centre hôpital clinique résidence stade salle maison musée pont "
    "parc jardin université basisschool school lyceum museum park plein "
    "zaal theater kazerne sporthal stadion brug kerk kapel parochie straat laan weg "
    "groupe scolaire résidence"
)
# Shops and firms, often named after their owner ("Bakkerij Jansen", "Frituur Sjeng").
BUSINESS_WORDS = _words(
    "bakkerij slagerij kapsalon frituur snackbar cafetaria café eetcafé restaurant brasserie "
    "garage autobedrijf bouwbedrijf schildersbedrijf installatiebedrijf transportbedrijf "
    "rijschool dansschool praktijk fysiotherapie tandartspraktijk huisartsenpraktijk "
    "apotheek bloemist bloemenzaak drogisterij supermarkt boulangerie boucherie pharmacie "
    "bakery pharmacy pub firma atelier hotel pension"
)
SAINTS = _words("sint st st. saint sainte san santa heilige onze lieve sankt ste ste.")
STREET_SUFFIX_RE = re.compile(
    r".{2,}(?:straat|straatje|laan|plein|singel|gracht|steeg|dreef|plantsoen|boulevard|markt|"
    r"weg|pad|kade|dijk|hof|wal|dam|allee|passage|straße|strasse|gasse|platz)"
)
STREET_WORDS = _words(
    "street st road rd avenue ave lane ln drive close way place square court crescent "
    "terrace gardens boulevard row grove walk mews parade hill rue chaussée allée impasse quai "
    "straat weg laan plein"
)

# --- function words, time words, headers -----------------------------------------------------

FUNCTION_WORDS = _words(
    # nl
    "de het een in op te dat die dit deze met voor door bij over na tot aan en of maar dus "
    "want als toen ook nog al wel niet geen er hier daar waar wie wat hoe waarom wanneer welke "
    "welk zij ze hij wij we ik jij je u hun hen haar zijn mijn ons onze uw jullie men iedereen "
    "niemand alles niets iets sommige veel weinig meer minder alle elk elke ieder iedere beide "
    "andere eerst daarna vervolgens tenslotte verder bovendien daarnaast echter toch namelijk "
    "zoals sinds tijdens ondanks zonder binnen buiten onder boven tussen naast achter vanaf "
    "vanuit naar om uit vanwege dankzij gisteren vandaag morgen nu dan straks soms vaak altijd "
    "nooit ja nee graag helaas gelukkig natuurlijk inmiddels momenteel eind begin half midden "
    "daardoor daarom daarbij hierdoor hierbij zo zowel noch omdat doordat terwijl hoewel "
    "indien mits tenzij totdat voordat nadat zodat opdat waardoor waarbij bijvoorbeeld "
    "ongeveer bijna ruim circa vooral alleen enkel slechts juist zelfs eigenlijk misschien "
    "waarschijnlijk zeker steeds weer nogmaals dezelfde hetzelfde zulke zo'n wiens wier dien "
    "hierover daarover waarover vooraf achteraf samen apart allemaal bijna "
    # en
    "the a an and or but so if when while as at by for from into of on onto to with within "
    "without about above after against along among around before behind below beneath "
    "beside between beyond during except inside near off out outside over past through "
    "throughout toward towards under until up upon this that these those there here where "
    "who whom whose which what why how it its he she they we you i his her their our your my "
    "all any each every both either neither some many much more most few several no none "
    "nobody nothing everyone everybody everything someone something anyone anything yes "
    "however therefore meanwhile moreover furthermore also yet still already today yesterday "
    "tomorrow now then later earlier although though because unless whether once since "
    "instead otherwise thus hence indeed perhaps maybe only even just not nor is are was were "
    "be been has have had do does did will would shall should can could may might must "
    "let please thanks thank dear hello hi good morning afternoon evening welcome "
    # fr
    "le la les un une des du de d l au aux et ou mais donc or ni car si quand lorsque comme "
    "dans en sur sous par pour avec sans chez vers entre depuis pendant avant après contre "
    "malgré parmi ce cet cette ces celui celle ceux celles il elle ils elles on nous vous je tu "
    "me te se lui leur leurs son sa ses mon ma mes notre nos votre vos qui que quoi dont où "
    "comment pourquoi tout tous toute toutes chaque aucun aucune plusieurs certains certaines "
    "quelques autre autres même aussi ainsi alors puis ensuite enfin cependant pourtant "
    "toutefois néanmoins hier aujourd demain maintenant déjà encore toujours jamais souvent "
    "oui non voici voilà bonjour bonsoir merci cher chère chers chères lors afin grâce "
    # de
    "der die das und mit von zu im am ist ein eine für auf nicht sehr wir ihr sie es"
)
MONTHS = _words(
    "januari februari maart april mei juni juli augustus september oktober november december "
    "feb mrt apr jul aug sep sept okt nov dec january february march may june july "
    "august october janvier février mars avril juin juillet août septembre octobre novembre "
    "décembre januar februar märz juni juli oktober dezember"
)
DAYS = _words(
    "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag monday tuesday wednesday "
    "thursday friday saturday sunday lundi mardi mercredi jeudi vendredi samedi dimanche "
    "montag dienstag mittwoch donnerstag freitag samstag sonntag weekend"
)
HOLIDAYS = _words(
    "kerstmis kerst pasen pinksteren koningsdag bevrijdingsdag carnaval sinterklaas christmas "
    "easter noël pâques toussaint pentecôte ramadan suikerfeest offerfeest eid halloween "
    "oudjaar nieuwjaar oud nieuw"
)
# Words that head lines in minutes, letters and forms ("Besluit:", "Actie:", "Objet :").
HEADER_WORDS = _words(
    "datum tijd locatie plaats onderwerp agenda notulen verslag besluit besluiten actie acties "
    "actiepunt actiepunten toelichting vraag vragen antwoord opmerking opmerkingen conclusie "
    "samenvatting doel aanleiding resultaat resultaten status bron bronnen noot tip contact "
    "telefoon tel fax email e-mail website adres postcode kenmerk betreft bijlage bijlagen "
    "verzonden opening mededelingen rondvraag sluiting vaststelling ingekomen stukken "
    "afspraken planning evaluatie communicatie financiën begroting advies aanbeveling "
    "aanbevelingen uitkomst stand voorstel reactie terugkoppeling update inleiding "
    "achtergrond aanpak methode werkwijze doelgroep doelstelling doelstellingen budget kosten "
    "risico risico's gevolg gevolgen oorzaak probleem knelpunt knelpunten kansen signalen "
    "signaal melding meldingen cijfers feiten vervolg vervolgstappen wijk buurt thema "
    "date time venue location subject re from to cc bcc present apologies absent attendees "
    "chair minutes action actions decision decisions note notes summary background purpose "
    "outcome outcomes question questions answer response source sources phone address "
    "introduction conclusion recommendation recommendations item items next steps welcome "
    "closing opening attendance update follow-up figures theme neighbourhood "
    "heure lieu objet présents présentes excusés excusées absents ordre jour décision "
    "décisions remarque remarques réponse tél courriel adresse synthèse résumé contexte "
    "objectif objectifs résultats bilan suivi points divers quartier thème"
)
COMPASS_WORDS = _words(
    "noord zuid oost west noordoost noordwest zuidoost zuidwest north south east west "
    "northern southern eastern western nord sud est ouest centre-ville midden centraal "
    "eerste tweede derde vierde vijfde first second third fourth fifth premier première "
    "deuxième troisième"
)
# Well-known places outside the Netherlands (deduce's lists hold the Dutch ones).
PLACE_WORDS = _words(
    "luik liège brussel bruxelles brussels antwerpen anvers gent gand hasselt genk tongeren "
    "tongres leuven louvain namen namur bergen mons charleroi verviers eupen aken aachen "
    "keulen köln cologne düsseldorf duisburg essen dortmund mönchengladbach heinsberg "
    "herzogenrath geilenkirchen eschweiler düren bonn berlijn berlin hamburg münchen munich "
    "frankfurt parijs paris lille rijsel lyon marseille metz nancy strasbourg straatsburg "
    "reims rouen nantes toulouse bordeaux londen london manchester birmingham liverpool "
    "leeds glasgow edinburgh dublin cardiff belfast luxemburg luxembourg madrid barcelona "
    "lissabon lisbon rome roma milaan milan wenen vienna warschau warsaw krakau kraków "
    "istanbul ankara izmir rabat casablanca tanger nador al-hoceima marrakech fez damascus "
    "damascus aleppo homs paramaribo willemstad oranjestad nederland netherlands pays-bas "
    "belgië belgique belgium duitsland deutschland germany allemagne frankrijk france "
    "engeland england groot-brittannië britain royaume-uni europa europe turkije turkey "
    "turquie marokko morocco maroc syrië syria syrie suriname polen poland pologne "
    "roemenië romania roumanie bulgarije bulgaria oekraïne ukraine rusland russia irak iraq "
    "iran afghanistan eritrea somalië somalia algerije algeria algérie tunesië tunisia "
    "tunisie curaçao aruba bonaire limburg zuid-limburg parkstad euregio maas-rijn wallonië "
    "wallonie vlaanderen flandre flanders"
)
# Words that make the name right after them a quoted person ("volgens X", "selon X").
CUE_WORDS = _words("volgens aldus according selon d'après d’après dixit")
# First words of a line that never start a person's name.
CLOSED_CLASS = FUNCTION_WORDS | MONTHS | DAYS | HOLIDAYS | HEADER_WORDS | COMPASS_WORDS

COMMON_SUFFIX_RE = re.compile(
    r".{3,}(?:ing|ingen|heid|heden|schap|schappen|tie|ties|isme|iteit|teit|ment|menten|atie|"
    r"aties|tion|tions|sion|sions|ness|ity|ities|ship|ism|ité|ités|ance|ances|ence|ences|"
    r"ologie|ology|logie|eur|euse|rice|ique|iques|aal|ale|ief|ieve|isch|ische|baar|lijk|lijke)"
)

# --- name lists ------------------------------------------------------------------------------


def _bundled(name: str) -> list[str]:
    data = resources.files("nlp").joinpath(name).read_text("utf-8")
    return [word for line in data.splitlines() if not line.startswith("#") for word in line.split()]


def _deduce_list(path: str) -> list[str]:
    """A list from the ``deduce`` package's data (empty when deduce is not installed)."""
    # read the files without importing deduce: its import reconfigures the root logger
    spec = find_spec("deduce")
    if spec is None or not spec.submodule_search_locations:
        return []
    base = Path(next(iter(spec.submodule_search_locations))) / "data" / "lookup" / "src"
    try:
        text = (base / path).read_text("utf-8")
    except OSError:
        return []
    return [line.strip() for line in text.splitlines() if line.strip()]


@cache
def weak_first_names() -> frozenset[str]:
    """First names that are also ordinary words or places (casefolded): never a name alone."""
    return frozenset(w.casefold() for w in _bundled("privacy_first_names_ambiguous.txt"))


@cache
def first_names() -> frozenset[str]:
    """The bundled common first names (casefolded), without the ambiguous ones."""
    return frozenset(w.casefold() for w in _bundled("privacy_first_names.txt")) - (
        weak_first_names()
    )


@cache
def other_first_names() -> frozenset[str]:
    """deduce's Dutch first-name list minus its exceptions (casefolded): only a first name
    right before another name word, as it holds many ordinary words."""
    items = _deduce_list("names/lst_first_name/items.txt")
    exceptions = {w.casefold() for w in _deduce_list("names/lst_first_name/exceptions.txt")}
    return frozenset(w.casefold() for w in items if " " not in w) - exceptions


@cache
def surnames() -> frozenset[str]:
    """Bundled surnames and deduce's Dutch surnames (casefolded, particles dropped)."""
    bundled = {w.casefold() for w in _bundled("privacy_surnames.txt")}
    items = _deduce_list("names/lst_surname/items.txt")
    items += _deduce_list("names/lst_interfix_surname/items.txt")
    exceptions = {w.casefold() for w in _deduce_list("names/lst_surname/exceptions.txt")}
    dutch = {w.casefold() for w in items if " " not in w} - exceptions
    return frozenset((bundled | dutch) - PARTICLES)


@cache
def place_names() -> frozenset[str]:
    """Dutch place, municipality, province and region names from deduce (casefolded)."""
    words: set[str] = set()
    for part in ("province", "residence", "municipality", "region"):
        words.update(
            w.casefold() for w in _deduce_list(f"locations/lst_placename/lst_{part}/items.txt")
        )
    return frozenset(words)


_LEXICON_LOCK = threading.Lock()


@cache
def common_words() -> frozenset[str]:
    """Ordinary words of nl, en and fr (lower case): the lemma tables of spacy-lookups-data
    (word forms and lemmas) when installed, and the bundled closed word lists."""
    words: set[str] = set(CLOSED_CLASS)
    with _LEXICON_LOCK:
        if find_spec("spacy_lookups_data") is not None:
            base = resources.files("spacy_lookups_data").joinpath("data")
            for lang in ("nl", "en", "fr"):
                try:
                    raw = base.joinpath(f"{lang}_lemma_lookup.json.gz").read_bytes()
                except (FileNotFoundError, OSError):
                    continue
                table: dict[str, str | list[str]] = json.loads(gzip.decompress(raw))
                words.update(table)
                words.update(lemma for lemma in table.values() if isinstance(lemma, str))
            # the lemma lists by part of speech (not for English: WordNet's holds surnames)
            for lang in ("nl", "fr"):
                try:
                    raw = base.joinpath(f"{lang}_lemma_index.json.gz").read_bytes()
                except (FileNotFoundError, OSError):
                    continue
                index: dict[str, list[str]] = json.loads(gzip.decompress(raw))
                for lemmas in index.values():
                    words.update(lemmas)
    return frozenset(words)


def is_common(word: str) -> bool:
    """Whether a word (any case) is an ordinary word or a well-known place."""
    key = word.casefold()
    return key in common_words() or key in place_names() or key in PLACE_WORDS


def is_compound_of_common_words(word: str) -> bool:
    """Whether a word is two ordinary words run together ("Namespace", "Wijkschouw",
    "Veiligheidsbeleid" with the linking s). Many Dutch surnames are too ("Schoonbrood"), so
    this is only asked where a name has little other evidence."""
    key = word.casefold()
    common = common_words()
    for cut in range(4, len(key) - 3):
        left, right = key[:cut], key[cut:]
        if left not in common:
            continue
        if right in common or (right[:1] == "s" and len(right) > 4 and right[1:] in common):
            return True
        if right[:2] == "en" and len(right) > 5 and right[2:] in common:
            return True
    return False


# --- the classifier --------------------------------------------------------------------------


class WordClass(StrEnum):
    """What a capitalised word probably is, in the order the classifier tries."""

    TITLE = "T"  # honorific or role: a name may follow ("Mevrouw", "Burgemeester")
    ORGANISATION = "O"  # an organisation or facility word ("Stichting", "Buurtteam")
    STREET = "S"  # ends a street name ("Akerstraat", "Street")
    SAINT = "Z"  # a saint's prefix ("Sint", "Saint"): the name after it is a place or church
    CUE = "Q"  # a quoting word: the name after it is a person ("Volgens", "Selon")
    OTHER = "X"  # a function word, month, day, holiday, header word or acronym
    FIRST = "F"  # a common first name: a person, also alone
    SURNAME = "N"  # a known surname
    WEAK_FIRST = "f"  # a first name only right before another name word
    COMMON = "C"  # an ordinary word of nl, en or fr
    UNKNOWN = "U"  # none of the above: possibly a name


_NAMEISH = frozenset({WordClass.FIRST, WordClass.SURNAME, WordClass.WEAK_FIRST, WordClass.UNKNOWN})


def is_nameish(kind: WordClass) -> bool:
    """Whether a word of this class can be (part of) a person's name without a title."""
    return kind in _NAMEISH


def is_role(word: str) -> bool:
    key = word.casefold().rstrip(".")
    return key in ROLE_WORDS or key in HONORIFICS or bool(ROLE_COMPOUND_RE.fullmatch(key))


_CACHE: dict[str, WordClass] = {}


def word_class(word: str) -> WordClass:
    """The class of a capitalised (or all-capitals) word; hyphenated words by their parts."""
    found = _CACHE.get(word)
    if found is None:
        found = _classify(word)
        if len(_CACHE) < 200_000:
            _CACHE[word] = found
    return found


def _classify(word: str) -> WordClass:
    key = word.casefold()
    exact = _exact_class(key)
    if exact is not None:
        return exact
    if "-" in key:
        return _hyphenated_class(key)
    found = _open_class(key)
    listed = (WordClass.FIRST, WordClass.SURNAME, WordClass.WEAK_FIRST)
    if word.isupper() and len(word) <= 5 and found not in listed:
        return WordClass.OTHER  # an acronym ("GGD", "RIEC")
    return found


def _exact_class(key: str) -> WordClass | None:
    if key in HONORIFICS or key in ROLE_WORDS:
        return WordClass.TITLE
    if key in CUE_WORDS:
        return WordClass.CUE
    if key in SAINTS:
        return WordClass.SAINT
    if key in weak_first_names():
        return WordClass.WEAK_FIRST  # "Will", "May": a name only before another name word
    if key in CLOSED_CLASS or key in PARTICLES:
        return WordClass.OTHER
    if key in ORGANISATION_WORDS or key in BUSINESS_WORDS:
        return WordClass.ORGANISATION
    if key in STREET_WORDS:
        return WordClass.STREET
    if key in first_names():
        return WordClass.FIRST
    return None


def _open_class(key: str) -> WordClass:
    if key in surnames():
        return WordClass.SURNAME
    if ROLE_COMPOUND_RE.fullmatch(key):
        return WordClass.TITLE
    if STREET_SUFFIX_RE.fullmatch(key):
        return WordClass.STREET
    if ORGANISATION_SUFFIX_RE.fullmatch(key):
        return WordClass.ORGANISATION
    if key in weak_first_names() or key in other_first_names():
        return WordClass.WEAK_FIRST if key not in common_words() else WordClass.COMMON
    if is_common(key) or COMMON_SUFFIX_RE.fullmatch(key):
        return WordClass.COMMON
    return WordClass.UNKNOWN


def _hyphenated_class(key: str) -> WordClass:
    parts = [p for p in key.split("-") if p and p not in PARTICLES and len(p) > 1]
    if not parts:
        return WordClass.OTHER
    if parts[0] in SAINTS:
        return WordClass.SAINT
    if ROLE_COMPOUND_RE.fullmatch(key) or parts[0] in ROLE_MODIFIERS | {"oud", "ex"}:
        return WordClass.TITLE
    kinds = [_exact_class(p) or _open_class(p) for p in parts]
    for kind in (WordClass.FIRST, WordClass.SURNAME):
        if kind in kinds:
            return kind
    if kinds[-1] in (WordClass.STREET, WordClass.ORGANISATION):
        return kinds[-1]
    if all(k in (WordClass.COMMON, WordClass.OTHER) for k in kinds):
        return WordClass.COMMON
    if WordClass.UNKNOWN in kinds or WordClass.WEAK_FIRST in kinds:
        return WordClass.UNKNOWN
    return kinds[0]


def clear_cache() -> None:
    """Forget the classes of words seen so far (for tests that change the lists)."""
    _CACHE.clear()


__all__ = [
    "CLOSED_CLASS",
    "CUE_WORDS",
    "EPONYM_HEADS_AFTER_RE",
    "EPONYM_HEADS_BEFORE",
    "HONORIFICS",
    "LOWER",
    "PARTICLES",
    "ROLE_PHRASES",
    "ROLE_WORDS",
    "UPPER",
    "WordClass",
    "clear_cache",
    "common_words",
    "first_names",
    "is_common",
    "is_compound_of_common_words",
    "is_nameish",
    "is_role",
    "place_names",
    "surnames",
    "weak_first_names",
    "word_class",
]
