"""The text layer's output: one article analysed into sentences with actors, persons, places, dates.

Record extractors (``geodefence.kinds``) read an :class:`Analysis`; they never scan vocabularies
or parse dates themselves. Actor references include coreference inside the article: "both
nations", "the two sides" (the two leading states so far), "the alliance" (the organisation last
named), "the country" and "it" (the state last in subject position), surnames and bare titles of
persons (through :mod:`geodefence.text.persons`).
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as _dt
import itertools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from geodefence.actors.affiliation import affiliate
from geodefence.actors.issuers import Issuer
from geodefence.actors.roster import get_roster
from geodefence.parts import Evidence
from geodefence.text.dates import DateMention
from geodefence.text.gate import Gate
from geodefence.text.normalise import NormText, normalise
from geodefence.text.persons import Person, PersonRef, find_persons
from geodefence.text.sentences import split
from geodefence.text.vocab import Mention, get_vocab, scan
from geodefence.text.vocab import speaking_for as _speaking_for

ACTOR_KINDS = frozenset({"state", "state_adj", "capital", "metonym", "org", "unit"})

# Named facilities: capitalised words ending in a facility head noun, or "Academy of ...".
_CAP = r"(?:[A-Z][\w'-]{0,30})"
_CONNECT = r"(?:of|for|the|and|de|on)"
_FACILITY_HEAD = (
    r"(?:Centre|Center|Academy|Base|Airbase|Air Base|Naval Base|Port|Shipyard|Headquarters|HQ|Institute|School|College|"
    r"University|Range|Airfield|Airport|Plant|Factory|Works|Ground|Grounds|Polygon|Museum|Memorial|Palace|Garrison|"
    r"Camp|Harbour|Harbor|Dockyard|Arsenal|Barracks|Fort|Station|Cosmodrome|Test Site|Proving Ground|"
    # lower-case heads after a proper name: "Puerto Belgrano naval base", "Cincu training area"
    r"(?:naval|air|army|military|marine|submarine) (?:base|complex|station|port|academy|garrison)|"
    r"training (?:area|ground|grounds|range|centre|center|camp)|firing range|test range|shipyard|dockyard|headquarters)"
)
# Named areas with a lower-case head: "Gorno-Badakhshan region", "Rayong province", "Chui valley".
_AREA = re.compile(
    r"(?=[A-Z])(?<![\w-])(?:[A-Z][\w'-]{1,25} ){1,3}(?:region|province|state|valley|island|islands|peninsula|district|desert|"
    r"mountains|coast|corridor|strait|sea|bay|gulf|lake|oblast|governorate|prefecture)(?![\w-])"
)
_FACILITY = re.compile(
    rf"(?=[A-Z])(?<![\w-])(?:{_CAP}[ ](?:(?:{_CONNECT}[ ]){{0,2}}{_CAP}[ ]){{0,7}}{_FACILITY_HEAD}(?:[ ]of(?:[ ]the)?(?:[ ]{_CAP}){{1,6}})?"
    rf"|(?:Academy|Headquarters|University|Institute|Port|Fort)[ ]of(?:[ ](?:the|of|{_CAP})){{1,10}})(?![\w-])"
)
# Seas and regions; "the" is not part of the name. The leading lookahead lets the engine skip
# to capitals (six times faster than an optional "the " first).
_REGION = re.compile(
    r"(?=[A-Z])(?<![\w-])(?:(?:Black|Baltic|Caspian|Mediterranean|Red|Arabian|South China|East China|Yellow|North|Barents|"
    r"Norwegian|Aegean|Adriatic|Philippine|Coral|Japan|Okhotsk|Bering|Caribbean|Andaman) Sea|(?:Persian|Arabian) Gulf|"
    r"Gulf of (?:Aden|Oman|Guinea|Finland|Mexico|Thailand)|Sea of (?:Japan|Okhotsk|Azov|Marmara)|Strait of (?:Hormuz|Malacca)|"
    r"Taiwan Strait|(?:Indian|Pacific|Atlantic|Arctic) Ocean|Indo-Pacific|Central Asia|South Caucasus|Caucasus|Sahel|Balkans|"
    r"Middle East|Horn of Africa|Southeast Asia|East Asia|Baltic region|Arctic)(?![\w-])"
)
_SEA_WORDS = ("Sea", "Ocean", "Gulf", "Strait")

_PAIR = re.compile(
    r"(?=[BbTtHh])(?:\b(?:[Bb]oth|[Tt]he two)(?: (?:countries|nations|sides|states|governments|neighbou?rs|allies|partners|militaries|armies|"
    r"capitals|parties|leaders|Leaders|ministers|defen[cs]e ministers|foreign ministers|prime ministers|presidents|heads of state|"
    r"delegations|navies|air forces|chiefs|defen[cs]e chiefs|army chiefs|navy chiefs|generals|admirals|commanders))\b"
    r"|\b[Tt]he (?:three|four|five) (?:states|countries|nations|governments|juntas|members|neighbou?rs|allies|partners)\b"
    r"|\b[Tt]he (?:leaders|sides|officials|Presidents|Prime Ministers|two (?:senior |top )?officials|two advisors|two advisers)\b"
    r"|\b[Tt]he (?:[Nn]ational [Ss]ecurity |[Ff]oreign |[Dd]efen[cs]e )(?:[Aa]dvisors|[Aa]dvisers|[Mm]inisters|[Ss]ecretaries)\b"
    r"|\b[Tt]he two (?:[Nn]ational [Ss]ecurity |[Ff]oreign |[Dd]efen[cs]e |[Tt]rade )(?:[Aa]dvisors|[Aa]dvisers|[Mm]inisters|[Ss]ecretaries)\b"
    r"|\b[Tt]he two(?= (?:also )?[a-z]+ed\b)"
    r"|\b(?:his|her) counterparts\b"
    r"|\b[Tt]hey\b|\b[Tt]heir\b)"
)
_NAME_AFTER = re.compile(
    # A company: "Qatar Airways", "Turkish Airlines".
    r" (?:Airways|Airlines|Air Lines|Bank|Petroleum|Oil|Gas|Energy|Telecom|Telekom|Steel|Holdings?|Motors|Electric|"
    r"Railways?|Post|Airports?|Power|Mining|Shipping|Insurance|Pharmaceuticals?|Foods?|Textiles?"
    # An instrument or meeting named after a place: "the Paris Agreement", "the Washington Treaty".
    r"|Agreements?|Accords?|Treaty|Protocol|Declaration|Convention|Charter|Communiqu[eé]|Process|Format|Peace Forum|Summit"
    # A newspaper or agency: "the Japan Times", "the Kyiv Independent".
    r"|Times|Herald|Tribune|Journal|Gazette|Independent|Daily|Press|News"
    # A geographic name: "the Indian Ocean", "the Georgia Strait".
    r"|Ocean|Strait|Sea|Gulf|Basin|Peninsula"
    r")\b"
    # A compound proper name joined by a hyphen: "Agence France-Presse" (not "U.S.-Japan": see _actors).
    r"|-(?=[A-Z][a-z])"
)
_OWN_OFFICE = re.compile(r"(?=[Tt])\b[Tt]he (?:Vice )?President(?! of\b)(?=['’\s,.])")
_FIRST_PERSON = re.compile(r"(?<![\w'])I(?= (?:[a-z]+ly )?[a-z]{3,})")
_WE = re.compile(r"(?=[Ww])\b[Ww]e\b(?!-)")
# Group words that stand for persons (their parties are those of the persons met, not the states
# most named): "the two officials", "the leaders", "the two" before a verb.
_PERSON_GROUPS = frozenset({"leaders", "officials", "presidents", "prime", "ministers", "advisors", "advisers", "two", "chiefs"})
_GROUP_NOUNS = frozenset({"leaders", "sides", "officials", "presidents", "prime", "advisors", "advisers", "ministers", "secretaries"})
_GROUP_SIZE = {"three": 3, "four": 4, "five": 5}
_ORG_COREF = re.compile(r"(?=[Tt])\b[Tt]he (?:alliance|[Aa]lliance|bloc|organi[sz]ation|grouping|group|union|[Uu]nion)(?:'s)?\b")
_STATE_COREF = re.compile(
    # "the state" alone is a U.S. state far more often than a country; "the Jewish state" is not.
    r"(?=[TtIi])\b(?:[Tt]he (?:[A-Z][a-z]{2,15} )?(?:country|kingdom|republic|emirate|island nation|island state|city-state|nation)"
    r"|[Tt]he [A-Z][a-z]{2,15} state|[Ii]ts|[Ii]t)\b(?!-)"
)
_GOVERNED_OF = re.compile(
    r"\b(?:leaders?|governments?|ministers?|ministry|presidents?|heads of state|people|parliament|officials|authorities|nations|countries|states|"
    r"army|navy|military|armed forces|embassy|foreign ministry|defen[cs]e ministry|prime minister|delegation)\s+of\s+(?:the\s+)?$"
)
_PREP_BEFORE = re.compile(r"(?:\b(?:with|of|to|from|against|by|in|into|at|toward|towards|on|over|than|between|and)\s+(?:the\s+)?)$")


@dataclass(frozen=True, slots=True)
class ActorRef:
    """A mention of a state or organisation (by name, adjective, capital, coreference or person)."""

    start: int
    end: int
    code: str
    type: str  # "state" | "organization"
    name: str
    via: str  # "name" | "adjective" | "capital" | "metonym" | "coref" | "pronoun" | "person" | "unit"
    person: Person | None = None


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """A place mention: city, capital, facility, region or sea."""

    start: int
    end: int
    name: str
    kind: str  # "city" | "facility" | "region" | "sea" | "country"
    country: str | None


@dataclass(slots=True)
class Sentence:
    """One sentence with everything found in it (offsets into the normalised text)."""

    index: int
    start: int
    end: int
    text: str
    actors: list[ActorRef] = field(default_factory=list)
    persons: list[PersonRef] = field(default_factory=list)
    places: list[PlaceRef] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class Analysis:
    """An analysed article: normalised text, sentences, persons; maps spans to evidence."""

    norm: NormText
    published: _dt.date | None
    sentences: list[Sentence]
    persons: list[Person]
    candidates: dict[str, set[int]] = field(default_factory=dict)
    voice: list[str] = field(default_factory=list)
    """Whom the article speaks for: an official statement's issuer, a joint statement's parties."""
    _starts: list[int] = field(default_factory=list, repr=False, compare=False)

    def is_candidate(self, kind: str, sent: Sentence) -> bool:
        """True when ``sent`` holds a trigger stem of ``kind`` (always, without a gate)."""
        pool = self.candidates.get(kind, self.candidates.get("*"))
        return pool is None or sent.index in pool

    @property
    def text(self) -> str:
        """The normalised text all offsets in the analysis refer to."""
        return self.norm.text

    def evidence(self, start: int, end: int, rule: str) -> Evidence:
        """Evidence for a normalised span: offsets and quote in the ORIGINAL text."""
        s, e, quote = self.norm.quote(start, end)
        return Evidence(start=s, end=e, text=quote, rule=rule)

    def sentence_at(self, pos: int) -> Sentence:
        """The sentence holding offset ``pos`` (a binary search over sentence starts kept once)."""
        if len(self._starts) != len(self.sentences):
            self._starts = [s.start for s in self.sentences]
        return self.sentences[max(0, bisect.bisect_right(self._starts, pos) - 1)]


LEAD_SENTENCES = 4
"""The opening sentences, whose dates are always read: the story's day."""

MAX_SENTENCE = 2_000
"""Sentences longer than this (characters) are not prose (tables, lists, run-on scrapes): record
rules skip them, which keeps extraction linear in the text length; :func:`long_sentences` names them."""


def long_sentences(analysis: Analysis) -> list[Sentence]:
    """The sentences the record rules skipped for their length."""
    return [s for s in analysis.sentences if s.end - s.start > MAX_SENTENCE]


FACILITY_LABEL = "_facility"
FACILITY_STEMS: tuple[str, ...] = tuple(
    (
        "centre center academy base port shipyard headquarters institute school college university range airfield "
        "airport plant factory works ground polygon museum memorial palace garrison camp harbour harbor dockyard "
        "arsenal barracks fort station cosmodrome site area region province valley island coast"
    ).split()
)
"""Words of named places: sentences holding one get places computed (a caller's gate may carry
them under FACILITY_LABEL, saving a second pass)."""
_FACILITY_GATE = Gate({FACILITY_LABEL: FACILITY_STEMS})


def analyse(
    text: str,
    published: _dt.date | None = None,
    gate: Gate | None = None,
    place_labels: frozenset[str] | None = None,
    issuer: Issuer | None = None,
) -> Analysis:
    """Run the text layer over one article.

    With a ``gate``, the costly local layers (dates, facilities, seas and regions) run only on
    sentences that hold a trigger stem of some kind or a facility word; ``candidates`` then tells
    each kind which sentences to read. Without one, every sentence is a candidate. Layers whose
    results carry forward (persons, coreference) always read every sentence, so the gate never
    changes a record. ``place_labels`` names the gate labels whose rules read dates and places
    (stances read neither); by default all of them. ``issuer`` is the party whose own statement
    the text is (see :mod:`geodefence.actors`): its officials need not be named with their state.
    """
    from geodefence.text.dates import find_dates  # imported on first use: the date layer is heavy

    norm = normalise(text)
    t = norm.text
    spans = split(t)
    mentions = scan(t)
    sentences = [Sentence(i, s.start, s.end, t[s.start : s.end]) for i, s in enumerate(spans)]
    if not sentences:
        persons, _ = find_persons(t, mentions)
        return Analysis(norm, published, [], persons)
    starts = [s.start for s in sentences]
    if gate is None:
        every = {s.index for s in sentences if s.end - s.start <= MAX_SENTENCE}
        candidates: dict[str, set[int]] = {"*": every}
        active = every
    else:
        candidates = gate.sentences(t, starts)
        too_long = {s.index for s in sentences if s.end - s.start > MAX_SENTENCE}
        if too_long:
            candidates = {label: pool - too_long for label, pool in candidates.items()}
        facilities = candidates.pop(FACILITY_LABEL, None)
        if facilities is None:
            facilities = _FACILITY_GATE.sentences(t, starts)[FACILITY_LABEL]
        labels = set(candidates) if place_labels is None else place_labels & set(candidates)
        # The opening sentences always: rules read the story's date from them (visits).
        active = set().union(*(candidates[label] for label in labels), facilities, range(min(LEAD_SENTENCES, len(sentences))))
    dates = [d for i in sorted(active) for d in _sentence_dates(t, sentences, i, published, find_dates)]
    persons, person_refs = find_persons(t, mentions, known=get_roster())

    def sent_of(pos: int) -> Sentence:
        return sentences[max(0, bisect.bisect_right(starts, pos) - 1)]

    for m in mentions:
        sent_of(m.start).mentions.append(m)
    for d in dates:
        sent_of(d.start).dates.append(d)
    for r in person_refs:
        sent_of(r.start).persons.append(r)
    affiliate(persons, published, issuer, {m.code for m in mentions if m.kind == "state" and m.code})
    _places(t, mentions, sentences, sent_of, active)
    voice = _actors(t, sentences, person_refs, issuer.party if issuer is not None else None, issuer.cosigners if issuer is not None else ())
    return Analysis(norm, published, sentences, persons, candidates, voice)


def _sentence_dates(
    t: str,
    sentences: list[Sentence],
    i: int,
    published: _dt.date | None,
    find_dates: Callable[[str, _dt.date | None], list[DateMention]],
) -> list[DateMention]:
    """Dates of sentence ``i``; read again with the sentence before it when one is incomplete
    (a date written in full there gives the year to "on 6 September" here)."""
    sent = sentences[i]
    found = _shift(find_dates(t[sent.start : sent.end], published), sent.start)
    if i > 0 and any(d.value is None for d in found):
        lo = sentences[i - 1].start
        found = [d for d in _shift(find_dates(t[lo : sent.end], published), lo) if d.start >= sent.start]
    return found


def _shift(found: list[DateMention], offset: int) -> list[DateMention]:
    """Date mentions of a window, moved to offsets of the whole text."""
    return [dataclasses.replace(d, start=d.start + offset, end=d.end + offset) for d in found]


_PARTICLES = frozenset({"de", "do", "da", "dos", "das", "del", "di", "du", "al", "el", "la", "le"})


def _glossed_name(t: str, paren: int) -> tuple[int, int] | None:
    """The name in its own language right before a parenthesised gloss at ``paren`` ("Palácio do
    Planalto (Plateau Palace)"): its capitalised words (and particles), two or more; read
    backwards word by word, in time linear in the name."""
    end = paren - 1 if t[paren - 1 : paren] == " " else paren
    pos, count = end, 0
    while count < 6:
        space = t.rfind(" ", max(0, pos - 31), pos)
        word = t[space + 1 : pos]
        if not word or not (word[0].isupper() or word in _PARTICLES) or not all(c.isalnum() or c in "'-" for c in word):
            break
        pos, count = space + 1, count + 1
        if space < 0:
            break
        pos = space
    start = pos + 1 if t[pos : pos + 1] == " " else pos
    while start < end and t[start : start + 3].split(" ")[0] in _PARTICLES:
        start = t.find(" ", start) + 1  # a name starts with a capital
    if count < 2 or start >= end or not t[start].isupper() or t[start:end].rsplit(" ", 1)[-1] in _PARTICLES:
        return None
    return start, end


def _places(t: str, mentions: list[Mention], sentences: list[Sentence], sent_of: Callable[[int], Sentence], active: set[int]) -> None:
    """Cities, capitals, named facilities, seas and regions, per active sentence."""
    taken: list[tuple[int, int]] = []
    facility_hits = [m for i in sorted(active) for m in _FACILITY.finditer(t, sentences[i].start, sentences[i].end)]
    region_hits = [m for i in sorted(active) for m in _REGION.finditer(t, sentences[i].start, sentences[i].end)]
    region_hits += [m for i in sorted(active) for m in _AREA.finditer(t, sentences[i].start, sentences[i].end)]
    for m in facility_hits:
        name = m.group(0)
        start = m.start()
        # Drop a leading article or demonym-free "The" at sentence start.
        if name.startswith("The "):
            start += 4
            name = name[4:]
        end = m.end()
        if t.startswith(")", end) and t[start - 1 : start] == "(":
            # "the Palácio do Planalto (Plateau Palace)": the gloss translates the name before it
            own = _glossed_name(t, start - 1)
            if own is not None:
                start, end = own
                name = t[start:end]
        country = None
        for v in mentions:
            if start <= v.start < end and v.kind in ("state", "state_adj", "capital", "city"):
                country = v.code
                break
        sent_of(start).places.append(PlaceRef(start, end, name, "facility", country))
        taken.append((start, end))
    for m in region_hits:
        name = m.group(0)
        start = m.start() + (4 if name.startswith("the ") else 0)
        if any(s <= start < e for s, e in taken):
            continue
        kind = "sea" if any(w in name for w in (*_SEA_WORDS, " sea", " bay", " gulf", " strait")) else "region"
        sent_of(start).places.append(PlaceRef(start, m.end(), t[start : m.end()], kind, None))
        taken.append((start, m.end()))
    states_at = {v.start: v for v in mentions if v.kind == "state"}
    for v in mentions:
        if v.kind == "metonym" and v.code is None and t.startswith(", ", v.end) and (v.end + 2) in states_at:
            # "Brussels, Belgium": a name kept from any one state (the EU's seat) is a city where its state follows
            sent_of(v.start).places.append(PlaceRef(v.start, v.end, v.text, "city", states_at[v.end + 2].code))
            continue
        if v.kind in ("capital", "city") and v.text.isupper():
            continue  # a dateline ("CAIRO, May 4 -"), not a place where something happened
        if v.kind in ("capital", "city") and not any(s <= v.start < e for s, e in taken):
            sent_of(v.start).places.append(PlaceRef(v.start, v.end, v.text, "city", v.code))
        elif v.kind == "state":
            sent_of(v.start).places.append(PlaceRef(v.start, v.end, v.text, "country", v.code))
    for s in sentences:
        s.places.sort(key=lambda p: p.start)


def _actors(
    t: str, sentences: list[Sentence], person_refs: list[PersonRef], issuer: str | None = None, cosigners: tuple[str, ...] = ()
) -> list[str]:
    """Actor references per sentence, coreference resolved left to right through the article.

    "We" stands for the article's own voice: the parties named in an opening sentence that speaks
    as "we" (a joint statement: "We, the leaders of Japan, the ROK and the United States"), else
    the issuer of an official statement; in other text it stands for nobody.
    """
    vocab = get_vocab()
    seen_states: Counter[str] = Counter()
    last_seen: dict[str, int] = {}
    last_org: ActorRef | None = None
    last_subject_state: ActorRef | None = None
    last_named_state: str | None = None
    # One pass per phrase pattern over the whole text, bucketed by sentence: cheaper than three
    # searches in every sentence.
    starts = [s.start for s in sentences]
    hits: dict[str, list[list[re.Match[str]]]] = {}
    voice: list[str] = sorted({issuer, *cosigners}) if issuer and cosigners else ([issuer] if issuer else [])
    voice_set = False
    for name, pattern in (("pair", _PAIR), ("org", _ORG_COREF), ("state", _STATE_COREF), ("we", _WE), ("office", _OWN_OFFICE), ("i", _FIRST_PERSON)):
        buckets: list[list[re.Match[str]]] = [[] for _ in sentences]
        for match in pattern.finditer(t):
            idx = bisect.bisect_right(starts, match.start()) - 1
            if idx >= 0 and match.end() <= sentences[idx].end:
                buckets[idx].append(match)
        hits[name] = buckets
    prev_subjects: list[str] = []
    subjects_age = 0
    call_group = _call_participants(t, sentences, issuer)
    mention_starts = {m.start for sent in sentences for m in sent.mentions}
    parties_met: set[str] = set()
    parties_order: list[str] = []
    for sent in sentences:
        refs: list[ActorRef] = []
        for m in sent.mentions:
            if m.kind not in ACTOR_KINDS or not m.code:
                continue
            if (m.kind in ("state", "state_adj", "capital", "metonym") and _inside_name(t, m, mention_starts)) or (
                m.kind == "org" and _INSTRUMENT_AFTER.match(t, m.end)
            ):
                continue  # "the Paris Agreement", "Turkish Airlines", "France-Presse": a name, not the state
            typ = "organization" if m.kind == "org" else "state"
            via = {"state": "name", "state_adj": "adjective", "org": "name"}.get(m.kind, m.kind)
            org = vocab.orgs.get(m.code) if m.kind == "org" else None
            if org is not None and org.members and (_MEMBERS_AFTER.match(t, m.end) or _MEMBERS_NAMED.search(m.text)):
                # "the AUKUS partners", "Quad countries": the grouping's member states
                refs.extend(ActorRef(m.start, m.end, code, "state", m.text, "name") for code in org.members)
                continue
            if m.kind == "unit":
                typ = "state" if m.code in vocab.states else "organization"
            refs.append(ActorRef(m.start, m.end, m.code, typ, m.text, via))
        for pr in sent.persons:
            if pr.person.country and pr.via != "pair":  # "the two leaders": the state pair coref covers it
                typ = "state" if pr.person.country in vocab.states else "organization"
                refs.append(ActorRef(pr.start, pr.end, pr.person.country, typ, pr.person.name, "person", pr.person))
        occupied = [(r.start, r.end) for r in refs]
        # Coreference phrases, resolved against what came before them. Every sentence: what a
        # pronoun resolves to depends on the sentences before it, candidates or not.
        for match in hits["pair"][sent.index]:
            s = match.start()
            if match.group(0).endswith("counterparts"):
                # "Mr. Sullivan and his counterparts": the parties the readout lists as taking part
                # (the possessive "his" is then part of the phrase, not a mention of its own).
                if call_group:
                    refs = [r for r in refs if not (r.start == s and r.via == "person" and r.end <= match.end())]
                    refs.extend(ActorRef(s, match.end(), code, _party_type(code), match.group(0), "coref") for code in call_group)
                continue
            if any(a <= s < b for a, b in occupied):
                continue
            if match.group(0).lower() in ("they", "their"):
                # "Egypt and Greece ... They rejected ...": the coordinated subject of the sentence
                # before, when there is one (two or more states); otherwise unresolved.
                group = call_group if call_group and len(call_group) > len(prev_subjects) else prev_subjects
                if match.group(0) in ("They", "Their") and group:
                    refs.extend(ActorRef(s, match.end(), code, _party_type(code), match.group(0), "coref") for code in group)
                continue
            before = seen_states.copy()
            for ref in refs:
                if ref.start < s and ref.type == "state":
                    before[ref.code] += 1
                    last_seen[ref.code] = ref.start
            words = match.group(0).lower().split()
            # "the two officials", "the national security advisors": the last word says who
            word = words[-1] if words[1] == "two" or words[-1] in ("advisors", "advisers", "ministers", "secretaries") else words[1]
            # "The leaders" of a readout: as many as the persons of distinct parties named so far.
            count = 2 if words[1] == "two" else _GROUP_SIZE.get(word, max(2, min(_MAX_GROUP, len(parties_met))) if word in _GROUP_NOUNS else 2)
            # The parties of the persons met are who "the two officials" are; else the states most named.
            met = [c for c in parties_order if c in parties_met]
            pair = met[-count:] if word in _PERSON_GROUPS else []
            if call_group and word in ("leaders", "participants", "sides"):
                pair = list(call_group)  # a call's or meeting's listed participants are "the leaders"
            elif len(voice) == 2 and count == 2 and word in _PERSON_GROUPS:
                pair = list(voice)  # a two-party joint statement's "two leaders" are its two parties
            pair = pair if len(pair) >= 2 else sorted(before, key=lambda c: (-before[c], -last_seen.get(c, -1)))[:count]
            for code in sorted(pair):
                refs.append(ActorRef(s, match.end(), code, _party_type(code), match.group(0), "coref"))
        if issuer:
            # In an issuer's own statement, "the President" named nowhere else is the issuer's, and
            # so is its first person outside quotes ("I welcome the announcement").
            for match in hits["office"][sent.index]:
                if not any(a <= match.start() < b for a, b in occupied):
                    refs.append(ActorRef(match.start(), match.end(), issuer, _party_type(issuer), match.group(0), "person"))
            for match in hits["i"][sent.index]:
                if t.count('"', sent.start, match.start()) % 2 == 0:
                    refs.append(ActorRef(match.start(), match.end(), issuer, _party_type(issuer), "I", "coref"))
        if voice:
            for match in hits["we"][sent.index]:
                if not any(a <= match.start() < b for a, b in occupied):
                    refs.extend(ActorRef(match.start(), match.end(), code, _party_type(code), "we", "coref") for code in voice)
        for match in hits["org"][sent.index]:
            s = match.start()
            target: ActorRef | None = None
            for ref in sorted(refs, key=lambda x: x.start):
                if ref.type == "organization" and ref.start < s:
                    target = ref
            target = target or last_org
            if target is not None:
                refs.append(ActorRef(s, match.end(), target.code, "organization", match.group(0), "coref"))
        for match in hits["state"][sent.index]:
            s = match.start()
            if any(a <= s < b for a, b in occupied):
                continue
            word = match.group(0).lower()
            if word not in ("it", "its"):
                named = [r for r in refs if r.start < s and r.type == "state" and r.via in ("name", "capital", "metonym")]
                coref_code = named[-1].code if named else last_named_state
                if coref_code is not None:
                    refs.append(ActorRef(s, match.end(), coref_code, "state", match.group(0), "coref"))
                continue
            subject = _subject_before(refs, s) or last_subject_state
            if subject is None or (word in ("it", "its") and subject.type not in ("state", "organization")):
                continue
            refs.append(ActorRef(s, match.end(), subject.code, subject.type, match.group(0), "pronoun"))
        refs.sort(key=lambda r: (r.start, r.end))
        sent.actors = refs
        if sent.index < 2 and not voice_set and issuer and not t.startswith(("We, ", "We the "), sent.start):
            # An official statement that opens with three or more states as its subject, the issuer
            # among them ("The People's Republic of China, the French Republic, ... and the United
            # States of America consider"), speaks for all of them.
            opening = _coordinated_subject(t, sent, refs)
            if len(opening) >= 3 and issuer in opening:
                voice_set = True
                voice = sorted(opening)
            leaders = _leaders_subject(t, sent, refs)
            if not voice_set and len(leaders) >= 2 and issuer in leaders:
                # "Today in Phnom Penh, Prime Minister X of Japan, President Y of the ROK, and President
                # Z of the United States reaffirmed our trilateral partnership": the leaders speak as "we"
                voice_set = True
                voice = leaders
                refs = [r for r in refs if r.name != "we"]
                refs.extend(ActorRef(m.start(), m.end(), code, _party_type(code), "we", "coref") for m in hits["we"][sent.index] for code in voice)
                refs.sort(key=lambda r: (r.start, r.end))
                sent.actors = refs
        if sent.index < 2 and not voice_set and t.startswith(("We, ", "We the "), sent.start):
            # An opening that speaks as "we" names the voice: every party it names.
            # ... up to its verb: "We, the leaders of A, B and C condemn Russia's war on Ukraine"
            # names A, B and C; a body of an organisation speaks for it (the Commission: the EU).
            address_end = _address_end(t, sent)
            voiced = sorted({_speaking_for(r.code) for r in refs if r.via in ("name", "adjective", "person") and r.name != "we" and r.start < address_end})
            if voiced:
                voice_set = True
                # ... with the cosigners the statement's address names ("We, President Biden and
                # Prime Minister Albanese" where only one of the two names says whose)
                voice = sorted(set(voiced) | set(cosigners) | ({issuer} if issuer and (len(voiced) > 1 or cosigners) else set()))
                for r in list(refs):
                    if r.name == "we":
                        refs.remove(r)
                refs.extend(
                    ActorRef(m.start(), m.end(), code, _party_type(code), "we", "coref") for m in hits["we"][sent.index] for code in voice
                )
                refs.sort(key=lambda r: (r.start, r.end))
        for r in refs:
            if r.via == "person" and r.code not in parties_met:
                parties_met.add(r.code)
                parties_order.append(r.code)
        for ref in refs:
            if ref.type == "state" and ref.via != "coref":
                seen_states[ref.code] += 1
                last_seen[ref.code] = ref.start
            if ref.type == "organization" and ref.via in ("name", "unit"):
                last_org = ref
        # What a following "They" stands for: states coordinated at the head of this sentence, else
        # the parties of the persons it names ("Sullivan spoke with Romanian adviser X. They ..."),
        # else what this sentence's own "They" stood for (a readout goes on "They ... They ...").
        group = sorted({r.code for r in refs if r.via == "coref" and _group_phrase(t, r)})
        renewed = _coordinated_subject(t, sent, refs) or _meeting_parties(sent, refs) or _person_parties(refs) or group
        # What "they" stands for carries over a few sentences, not the whole article.
        subjects_age = 0 if renewed else subjects_age + 1
        prev_subjects = renewed or (prev_subjects if subjects_age <= _THEY_REACH else [])
        named_here = [r for r in refs if r.type == "state" and r.via in ("name", "capital", "metonym")]
        if named_here:
            last_named_state = named_here[-1].code
        subj = _subject_before(refs, sent.end)
        if subj is not None:
            last_subject_state = subj
    return voice


_INSTRUMENT_AFTER = re.compile(r"(?: \([A-Z]{2,8}\)|\))? (?:Summit|Charter|Convention|Conventions|[Rr]esolutions?|Declaration|Treaty|Protocol|Agreement)\b")
"""After an organisation's name, the head of an instrument named after it: "the UN Charter"."""


_NAME_PREFIX = re.compile(r"\b(?:Inter|Pan|Trans|Intra)-$")
_PAIR_NAMED = re.compile(r"-[A-Z][\w.]{1,12} (?:Summit|Dialogue|Forum|Council|Commission)\b")


def _inside_name(t: str, m: Mention, mention_starts: set[int]) -> bool:
    """True when a state word is part of a longer proper name (see :data:`_NAME_AFTER`)."""
    if t.startswith("$", m.end):
        return True  # "US$3 billion": a currency, not the state
    if _NAME_PREFIX.search(t, max(0, m.start - 8), m.start):
        return True  # "the Inter-American Development Bank", "Pan-African", "Trans-Pacific"
    after = _NAME_AFTER.match(t, m.end)
    if after is not None and after.group(0) == "-" and _PAIR_NAMED.match(t, m.end):
        return True  # "the U.S.-EU Summit", "the U.S.-India Strategic Dialogue": one name
    if after is None:
        return False
    # "U.S.-Japan", "Russia-Ukraine": a hyphen joining two actors is a pair, not a name.
    return not (after.group(0) == "-" and m.end + 1 in mention_starts)


def _group_phrase(t: str, ref: ActorRef) -> bool:
    """True when ``ref`` is a group phrase ("the two", "the leaders", "they"), read in its text:
    "the two" is one only before a verb, which a match on the phrase alone cannot see."""
    m = _PAIR.match(t, ref.start)
    return m is not None and m.end() == ref.end


def _party_type(code: str) -> str:
    """"state" for a state code, else "organization"."""
    return "state" if code in get_vocab().states else "organization"


_MAX_GROUP = 8
"""At most this many parties met make up "the leaders" (a call of five leaders is five)."""
_COUNTERPARTS_OF = re.compile(r"\bcounterparts?\b[^.;]*$")
_THEY_REACH = 3
"""Sentences over which "they" keeps standing for the group last named."""
_MEETING = re.compile(r"\b(?:spoke|speaks|met|meets|meeting|talked|talks|call|called|hosted|hosts|welcomed|received|counterparts?)\b")


def _meeting_parties(sent: Sentence, refs: list[ActorRef]) -> list[str]:
    """The parties of a meeting a sentence reports ("Sullivan met his counterparts from Estonia,
    Latvia and Lithuania"): every person's party and state it names, when they are two or more."""
    if not _MEETING.search(sent.text):
        return []
    chosen = [
        r for r in refs
        if r.type == "state" and (r.via == "person" or (r.via in ("name", "adjective") and _COUNTERPARTS_OF.search(sent.text[: max(0, r.start - sent.start)][-60:])))
    ]
    # ... and the rest of a list that began within reach: "counterparts from NATO Allies Estonia,
    # Latvia, Lithuania, and Poland"
    names = sorted((r for r in refs if r.type == "state" and r.via in ("name", "adjective")), key=lambda r: r.start)
    for prev, cur in itertools.pairwise(names):
        if prev in chosen and cur not in chosen and _COORDINATION.fullmatch(sent.text, prev.end - sent.start, cur.start - sent.start):
            chosen.append(cur)
    codes = sorted({r.code for r in chosen})
    # One party is enough when the others are only "his counterparts": the party known goes on.
    return codes if len(codes) >= 2 or (codes and "counterpart" in sent.text) else []


_PARTICIPANTS = re.compile(
    r"\b(?:Countries|Participants|Leaders|Allies|Partners|Governments)\s(?:participating|taking part|represented|joining|"
    r"in\s(?:the|today's)\s(?:call|meeting))\b[^.]{0,40}?\b(?:were|included|are)\b"
    # "Joining President Biden on the call were Prime Minister Trudeau of Canada, ..."
    r"|\bJoin(?:ing|ed)\s(?:[A-Z][\w.]*\s){0,4}(?:on|in|for)\s(?:the|today's|this)\s(?:call|meeting|videoconference)\s(?:were|was)\b"
)


def _call_participants(t: str, sentences: list[Sentence], issuer: str | None) -> list[str]:
    """The parties of a call or meeting a readout lists ("Countries participating in today's call
    were Denmark, Finland, ...", "Participants in the call included Prime Minister Trudeau of
    Canada, ..."), with the issuer: what "they" stands for in that readout."""
    for sent in sentences:
        if _PARTICIPANTS.search(sent.text) is None:
            continue
        codes = {_speaking_for(m.code) for m in sent.mentions if m.code and m.kind in ("state", "state_adj", "org")}
        codes |= {r.person.country for r in sent.persons if r.person.country}
        if issuer:
            codes.add(issuer)
        return sorted(codes) if len(codes) >= 2 else []
    for sent in sentences[:1]:
        # "Today, President A and President B had a phone conversation": the opening's call pair
        # stays "the two leaders" when a third leader is named later ("briefed B on his call with C").
        codes = {r.person.country for r in sent.persons if r.person.country}
        if len(codes) == 2 and _OPENING_CALL.search(sent.text):
            return sorted(codes)
    return []


_OPENING_CALL = re.compile(r"\b(?:had|held)\s(?:an?\s)?(?:[\w-]{1,30}\s){0,2}?(?:phone\s|telephone\s|video\s)?(?:conversation|call|meeting|talks)\b")


def _person_parties(refs: list[ActorRef]) -> list[str]:
    """The parties of the persons a sentence names by name, when they are two or more."""
    codes = sorted({r.code for r in refs if r.via == "person" and r.person is not None})
    return codes if len(codes) >= 2 else []


_COORDINATION = re.compile(r"(?:,\s|\s(?:and|as well as)\s|,\s(?:and|as well as)\s)(?:the\s)?")


_OPENING_SOURCE = re.compile(r"According to (?:[\w.'’-]{1,30} ){1,5}?(?:, )?(?:the )?")
"""An attribution before the subject: "According to official sources Brazil and South Korea ..."."""
_OPENING_TIME = re.compile(r"(?:Today|This week|On [A-Z][a-z]+ \d{1,2}(?:, \d{4})?),\s+(?:the\s)?$")


_ADDRESS_WORDS = frozenset(
    "the leaders leader heads head of state and government governments foreign defense defence ministers minister "
    "presidents president prime representatives members".split()
)
_LOWER_WORD = re.compile(r"\b[a-z][\w-]*")


def _address_end(t: str, sent: Sentence) -> int:
    """Where a "We, the leaders of A, B and C" opening ends: its first lower-case word that is not
    part of an address (the verb), else the sentence's end."""
    for m in _LOWER_WORD.finditer(t, sent.start + 3, sent.end):
        if m.group(0) not in _ADDRESS_WORDS:
            return m.start()
    return sent.end


def _coordinated_subject(t: str, sent: Sentence, refs: list[ActorRef]) -> list[str]:
    """The states a sentence opens with when two or more are coordinated ("Egypt and Greece ...",
    "Today, Argentina, Brazil, Canada, Mexico, and the United States affirm ...")."""
    states = sorted((r for r in refs if r.type == "state" and r.via in ("name", "capital", "metonym")), key=lambda r: r.start)
    if len(states) < 2:
        return []
    prefix = t[sent.start : states[0].start]
    if prefix.strip() not in ("", "The", "Both") and not _OPENING_TIME.fullmatch(prefix) and not _OPENING_SOURCE.fullmatch(prefix):
        return []
    codes = [states[0].code]
    for prev, cur in itertools.pairwise(states):
        if not _COORDINATION.fullmatch(t, prev.end, cur.start):
            break
        codes.append(cur.code)
    return sorted(set(codes)) if len(set(codes)) >= 2 else []


_MEMBERS_NAMED = re.compile(r"\s(?:[Cc]ountries|[Ss]tates|[Nn]ations|[Ll]eaders|[Gg]overnments|[Aa]llies|[Pp]artners)$")
"""A grouping named by its members: "the Nordic leaders", "the Baltic states"."""
_MEMBERS_AFTER = re.compile(r"\s(?:partners|members|member\sstates|countries|nations|governments)\b")
"""After a grouping's name, its member states: "the AUKUS partners signed"."""
_LEADER_LIST = re.compile(r"(?:[A-Z][\w.'’-]*|\([A-Z]{2,8}\)|of|the|and|,|\s)+")
"""What a list of leaders is made of: names, titles, "of the United States", commas and "and"."""
_NOT_SUBJECT_LIST = re.compile(r"\b(?:by|with|and|to|from|for)\s(?:[A-Z][\w.'’-]*\s){0,6}$")
"""The list is an object or an agent, not the subject: "co-chaired by U.S. National Security Advisor X and ..."."""
_FIRST_PLURAL = re.compile(r"\b(?:we|our|us)\b")


def _leaders_subject(t: str, sent: Sentence, refs: list[ActorRef]) -> list[str]:
    """The parties of an opening list of leaders that goes on to speak as "we" or "our"."""
    persons = [r for r in refs if r.via == "person"]
    if len(persons) < 2 or persons[0].start - sent.start > 150 or _NOT_SUBJECT_LIST.search(t, sent.start, persons[0].start):
        return []
    last = persons[-1]
    state = next((r for r in refs if r.via == "name" and last.end <= r.start <= last.end + 20), None)
    end = state.end if state is not None else last.end
    if not _LEADER_LIST.fullmatch(t, persons[0].start, end) or not _FIRST_PLURAL.search(t, end, sent.end):
        return []
    codes = sorted({r.code for r in persons})
    return codes if len(codes) == len(persons) or len(codes) >= 2 else []


def _subject_before(refs: list[ActorRef], pos: int) -> ActorRef | None:
    """The first actor of the sentence before ``pos`` that is not an object of a preposition."""
    best: ActorRef | None = None
    for r in refs:
        if r.start < pos and r.via != "pronoun" and (best is None or r.start < best.start):
            best = r
    return best


_SIGNED_BY = re.compile(r"\b(?:signed|issued|endorsed|co-signed|backed)\sby\s(?:the\s)?$")


def is_object(text: str, sent_start: int, ref: ActorRef) -> bool:
    """True when the actor mention follows a preposition ("with Russia", "to the alliance")."""
    window = text[max(sent_start, ref.start - 20) : ref.start]
    if _PREP_BEFORE.search(window) is None:
        return False
    # "the leaders of Norway", "the government of Chile": the state is who acts; so is the agent of
    # "a statement signed by Chile, Iceland and Norway".
    before = text[max(sent_start, ref.start - 40) : ref.start]
    return _GOVERNED_OF.search(before) is None and _SIGNED_BY.search(before) is None
