"""Persons: names anchored on a rank or title, their affiliation, and their later mentions.

News introduces an official once with title and rank ("Russian Defense Minister Andrei
Belousov", "Lt. Gen. Janusz Adamczyk") and then uses the surname, a bare title ("the minister",
"the director-general") or a pronoun. A name is only accepted next to a rank or title from the
vocabularies (or in an apposition with one), which keeps capitalised noise ("Training Centre")
out of the person list.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

import regex

from geodefence.text.vocab import Mention, get_vocab

# A personal name: 1-4 capitalised words, with common particles and initials. Bounded
# repetition only (the ReDoS audit covers it).
# The regex module, for Unicode letter classes: names are written "Güler", "Tîlvăr", "Dwivedi".
_WORD = r"(?:\p{Lu}[\p{Ll}\p{M}][\p{L}\p{M}]{0,30}(?:['-]\p{L}[\p{Ll}\p{M}]{0,30}){0,2}|\p{Lu}\.)"
_PARTICLE = r"(?:al|el|bin|ibn|bint|de|da|do|dos|das|van|von|der|den|la|le|di|du|ter|mac|abu|Abu|Al|El|ul)"
NAME_RE = regex.compile(rf"{_WORD}(?:[ ](?:{_PARTICLE}[ -])?{_WORD}){{0,3}}(?:[ ]Jr\.)?")
# An affiliation or "counterpart" right before a name with no title: "Iran's Aziz Nasirzadeh".
# Matched at the end of a state or organisation mention (see _bare_anchored), never scanned for.
_AFTER_PARTY = regex.compile(
    r"(?:'s(?:[ ](?:[A-Za-z][\w-]{1,20}|and|of|for|the)(?:,(?=[ ][a-z]))?){1,8},|'s"
    # "EU foreign policy chief Kaja Kallas": a party, lower-case office words, then the name.
    r"|(?:'s)?(?:[ ][a-z][\w-]{1,20}){0,3}[ ](?:chief|spokes(?:man|woman|person)|envoy|ambassador|adviser|advisor|"
    r"negotiator|representative|commissioner|official|diplomat|minister|secretary|commander|general|admiral))[ ](?=\p{Lu})"
)
_AFTER_POSSESSIVE = regex.compile(r"'s (?=\p{Lu})")  # "Finland's Antti Hakkanen": tried first
_COUNTERPART = regex.compile(r"\b(?:counterparts?|colleague|opposite number),? (?=[A-Z])")

# Words that start a capitalised sequence but are not names.
_NOT_NAME = frozenset(
    """The A An In On At By For From To Of And Or But With As Said Says This That These Those It Its He She His Her
    They Their We Our Who Which When While After Before During Since Until Despite Although Though However Meanwhile
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August
    September October November December Ministry Minister
    Army Navy Air Force Forces Armed Defence Defense General Staff Committee Council Command Office Department
    Deputy Chief Head Director Secretary President Prime Commander Ambassador Embassy Government Parliament
    Technologies Technology Affairs Security Policy Operations Development Resilience Intelligence Strategy
    Cyber Emerging Energy Climate Programs Programmes Issues Relations Planning Coordination Conflict""".split()
)

# Words that end a capitalised phrase that is not a person's name ("NATO's Eastern Flank", "the
# Sultan Qaboos Grand Mosque", "the United States", "the Republic"): a person name never ends so.
_NOT_NAME_END = frozenset(
    """Flank Front Mosque Church Temple Cathedral Palace House Hall Square Bridge Tower Park Street Road Airport Port Base
    Republic States State Kingdom Union Emirates Islands Island Federation Confederation Commonwealth Nations
    Forces Force Army Navy Guard Guards Corps Command Ministry Office Department Administration Government Party
    Agreement Treaty Accord Accords Declaration Charter Convention Protocol Initiative Partnership Strategy Program
    Programme Fund Act Plan Summit Alliance Dialogue Framework Compact Council Commission Committee Assembly Court
    Bank Company Corporation Group Agency Organization Organisation Institute University College School Center Centre
    Sea Ocean Strait Gulf Peninsula Region Province Valley Coast Day War Affairs Security Defense Defence Cooperation
    Development Economy Energy Climate Health Police Service Services Council Parliament Congress Senate Cabinet""".split()
)

_HONORIFIC = regex.compile(r"(?:Mr|Mrs|Ms|Dr|Mme|Cde|Sir|Dame|H\.E)\.?[ ](?=\p{Lu})")

# Between a title and the name: "of the NATO International Military Staff", "for Educational Affairs".
_TITLE_TAIL = regex.compile(
    r"(?:[ ]and[ ](?:president-elect|prime minister|deputy prime minister|vice president|acting [a-z]{3,15}|commander-in-chief|"
    r"foreign minister|defen[cs]e minister|interior minister|chief of staff))?"
    r"(?:[ ](?:of|for)[ ](?:the[ ])?(?:\p{Lu}[\w'-]{0,30}|and|of|the|for)(?:[ ](?:\p{Lu}[\w'-]{0,30}|and|of|the|for)){0,10})?[ ]?,?[ ]?"
)
_AFTER_ORG = regex.compile(r",[ ]")
_NAME_BEFORE_TITLE = regex.compile(r"(?:with|and|by)[ ]((?:\p{Lu}[\w'’.-]{0,30}[ ]){1,3}\p{Lu}[\w'’.-]{0,30}),[ ](?:the[ ])?(?:\p{Lu}[\w-]{0,30}[ ])?$")
"""A name given before its title: "met today with X Y, Permanent Under-Secretary of State at ..."."""
# Between two titles of one person: "Defence Minister and acting foreign minister".
_CHAIN_GAP = regex.compile(r"[ ](?:and|and acting|and interim|and caretaker|and concurrently)[ ]")
_PAIR_OF_PERSONS = re.compile(
    r"(?=[TtBb])\b(?:[Tt]he two|[Bb]oth) (?:ministers|leaders|presidents|defen[cs]e ministers|foreign ministers|officials|chiefs|men|women|"
    r"generals|admirals|heads of state|premiers|prime ministers|counterparts|envoys|commanders)\b"
)
_PAIR_WORDS = ("minister", "president", "general", "admiral", "premier", "commander", "envoy")
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\bJr)(?<!\bSr)(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)[.!?][\"'”’]?\s+")
"""A sentence's end, not an initial or a title's full stop ("Joseph R. Biden, Jr., spoke")."""
_PRONOUN = re.compile(r"(?=[HhSs])\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Hh]im)\b")
_BARE_TITLE = re.compile(
    r"(?=[Tt])\b[Tt]he (?:([A-Z][A-Za-z]{1,20}|[a-z]{2,20}) )?(minister|general|admiral|director-general|director general|secretary-general|secretary general|secretary|president|commander|chief|ambassador|envoy|colonel|marshal|prime minister)\b"
)


@dataclass(slots=True)
class Person:
    """One person in an article, with what the introducing mention says about them."""

    name: str
    start: int
    end: int
    title: str | None = None  # as written in the text ("Defense Secretary"): what records report
    rank: str | None = None
    country: str | None = None
    org_title: bool = False
    surname: str = ""
    mentions: list[tuple[int, int]] = field(default_factory=list)
    short_names: list[str] = field(default_factory=list)
    canonical_title: str | None = None  # titles.yaml's canonical form ("Defence Secretary"): for matching
    rostered: bool = False  # found by a full name the roster of officials knows, with no title before it


@dataclass(frozen=True, slots=True)
class PersonRef:
    """A mention of a person: the full name, the surname, a bare title or a pronoun."""

    start: int
    end: int
    person: Person
    via: str  # "name" | "surname" | "title" | "pronoun" | "pair"


def _name_at(text: str, pos: int, vocab_starts: set[int]) -> tuple[int, int] | None:
    """A personal name starting at ``pos`` (after spaces), or None."""
    while pos < len(text) and text[pos] == " ":
        pos += 1
    honorific = _HONORIFIC.match(text, pos)  # "the President of Vietnam Mr. Tran Duc Luong"
    if honorific is not None:
        pos = honorific.end()
    m = NAME_RE.match(text, pos)
    if not m:
        return None
    words = m.group(0).split(" ")
    # Trim at a word that is a vocabulary mention or a non-name word.
    keep: list[str] = []
    offset = pos
    for w in words:
        if w in _NOT_NAME or offset in vocab_starts:
            break
        keep.append(w)
        offset += len(w) + 1
    if not keep or keep[-1] in _NOT_NAME_END:
        return None
    if len(keep) == 1 and (keep[0].endswith(".") or len(keep[0]) < 3):
        return None
    end = pos + len(" ".join(keep))
    if text.endswith("'s", pos, end):
        end -= 2  # possessive: the name ends before the apostrophe ("Trump's visit")
    return pos, end


def _name_in_tail(text: str, start: int, end: int, vocab_starts: set[int]) -> tuple[int, int] | None:
    """The name at the end of a title tail ("of NATO Jens Halvorsen"): its last name-like words."""
    chunk = text[start:end].rstrip(" ,")
    stop = start + len(chunk)
    titled = [h for h in _HONORIFIC.finditer(text, start, min(len(text), stop + 3)) if text[h.start() - 1 : h.start()] == " "]
    if titled:  # "Assistant to the President for Homeland Security Dr. Liz Sherwood-Randall"
        return _name_at(text, titled[-1].start(), vocab_starts)
    pos = start
    for word in chunk.split(" "):
        if word and pos not in vocab_starts and word not in _NOT_NAME and word[0].isupper():
            rest = text[pos:stop].split(" ")
            offset = pos
            ok = True
            for w in rest:
                if not w or w in _NOT_NAME or offset in vocab_starts or not w[0].isupper():
                    ok = False
                    break
                offset += len(w) + 1
            if ok and len(rest) <= 4 and rest[-1] not in _NOT_NAME_END:
                return pos, stop
        pos += len(word) + 1
    return None


class NameBook(Protocol):
    """The full names of officials (the roster): a name it knows is a person even untitled."""

    def knows(self, name: str) -> bool: ...

    def knows_surname(self, word: str) -> bool: ...

    def leader_party(self, word: str) -> str | None: ...


def find_persons(
    text: str, mentions: list[Mention], known: NameBook | None = None
) -> tuple[list[Person], list[PersonRef]]:
    """Find persons introduced by a rank or title, then every later mention of them.

    A full name ``known`` knows (the roster's officials) is a person even with no title before it
    ("Mr. Luiz Inacio Lula da Silva, the Brazilian President").
    """
    # A name stops at a state, an organisation or a capital, not at a town that shares a family
    # name ("National Security Advisor Akiba Takeo of Japan": Takeo is also a town).
    vocab_starts = {m.start for m in mentions if m.kind not in ("rank", "title", "city")}
    # ... nor at a word inside one: "the President of the Republic of Korea" names no "Korea".
    vocab_starts |= {
        i + 1 for m in mentions if m.kind not in ("rank", "title", "city") for i in range(m.start, m.end - 1) if text[i] == " "
    }
    persons: list[Person] = []
    by_surname: dict[str, Person] = {}
    i = 0
    anchors = [m for m in mentions if m.kind in ("rank", "title")]
    while i < len(anchors):
        first = anchors[i]
        title: str | None = None
        canonical_title: str | None = None
        rank: str | None = None
        org_title = False
        j = i
        end = first.end
        # Chain: title [of ...] [rank] or rank [rank]: consume consecutive anchors.
        while j < len(anchors):
            a = anchors[j]
            if j > i:
                gap = text[end : a.start]
                if len(gap) > 80 or not (_TITLE_TAIL.fullmatch(gap) or _CHAIN_GAP.fullmatch(gap)):
                    break
            if a.kind == "title":
                title, canonical_title = a.text, a.canonical
                org_title = org_title or a.extra == "organization"
            else:
                rank = a.canonical
            end = a.end
            j += 1
        tail = _TITLE_TAIL.match(text, end)
        after = tail.end() if tail else end
        span = _name_at(text, after, vocab_starts)
        if span is None and after != end:
            span = _name_in_tail(text, end, after, vocab_starts)
        if span is None:
            # The tail stopped inside an organisation's name ("Secretary General of the Organization
            # for Security and Co-operation in Europe, Feridun Sinirlioglu"): the name after it.
            inside = next((m for m in mentions if m.kind == "org" and m.start < after <= m.end), None)
            if inside is not None:
                comma = _AFTER_ORG.match(text, inside.end)
                if comma is not None:
                    span = _name_at(text, comma.end(), vocab_starts)
        i = max(j, i + 1)
        country_after: str | None = None
        if span is None:
            # a name before its title ("met with A B, Permanent Under-Secretary ... at the Danish ... Office"):
            # the person, serving the state the title's tail names
            before = _NAME_BEFORE_TITLE.search(text, max(0, first.start - 80), first.start)
            if before is not None and not any(v in vocab_starts for v in range(before.start(1), before.end(1))):
                span = (before.start(1), before.end(1))
                tail_end = min(len(text), end + 80)
                stop = min((k for k in (text.find(c, end, tail_end) for c in ".;") if k != -1), default=tail_end)
                country_after = next((_party(m) for m in mentions if end <= m.start < stop and m.kind in ("state", "state_adj", "org")), None)
        if span is None:
            continue
        name = text[span[0] : span[1]]
        surname = _surname(name)
        if surname in by_surname:
            by_surname[surname].mentions.append(span)
            continue
        person = Person(
            name=name,
            start=span[0],
            end=span[1],
            title=title,
            canonical_title=canonical_title,
            rank=rank,
            country=country_after or _affiliation(text, first.start, span[0], mentions) or _appositive_affiliation(text, span[1], mentions),
            org_title=org_title,
            surname=surname,
            mentions=[span],
        )
        persons.append(person)
        by_surname[surname] = person
        _register_first_token(person, by_surname)
    _bare_anchored(text, mentions, vocab_starts, persons, by_surname)
    if known is not None:
        _rostered(text, known, vocab_starts, persons, by_surname)
        _bare_leaders(text, known, vocab_starts, persons, by_surname)
    persons.sort(key=lambda p: p.start)
    refs = _later_mentions(text, persons, mentions)
    return persons, refs


_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})


def _surname(name: str) -> str:
    """The last name, skipping a suffix ("Ferdinand Marcos Jr." is later "Marcos")."""
    tokens = [t for t in name.split(" ") if t not in _SUFFIXES]
    return tokens[-1] if tokens else name


def _register_first_token(person: Person, by_surname: dict[str, Person]) -> None:
    """Family names come first in many languages ("Lee Jae-myung" is later "Lee")."""
    tokens = person.name.split(" ")
    if len(tokens) >= 2 and len(tokens[0]) >= 3 and not tokens[0].endswith(".") and tokens[0] not in by_surname:
        by_surname[tokens[0]] = person
        person.short_names.append(tokens[0])


def _bare_anchored(text: str, mentions: list[Mention], vocab_starts: set[int], persons: list[Person], by_surname: dict[str, Person]) -> None:
    """Persons named right after a state's possessive or 'counterpart', without a title."""
    ends = {m.end: m for m in mentions if m.kind in ("state", "state_adj", "org", "capital", "metonym")}
    taken = [(p.start, p.end) for p in persons]
    # At each party mention: the plain possessive first ("Finland's Antti Hakkanen"), then the
    # longer forms ("Britain's Minister for the Armed Forces, Luke Pollard,").
    anchors = []
    for end in sorted(ends):
        plain = _AFTER_POSSESSIVE.match(text, end)
        if plain is not None and _name_at(text, plain.end(), vocab_starts) is not None and " " in text[plain.end() : plain.end() + 40]:
            span = _name_at(text, plain.end(), vocab_starts)
            if span is not None and " " in text[span[0] : span[1]]:
                anchors.append(plain)
                continue
        longer = _AFTER_PARTY.match(text, end)
        if longer is not None:
            anchors.append(longer)
    anchors += list(_COUNTERPART.finditer(text)) if "counterpart" in text or "colleague" in text or "opposite number" in text else []
    for m in anchors:
        span = _name_at(text, m.end(), vocab_starts)
        if span is None or any(a <= span[0] < b for a, b in taken):
            continue
        name = text[span[0] : span[1]]
        if " " not in name:
            continue
        surname = _surname(name)
        if surname in by_surname:
            continue
        anchor = ends.get(m.start())
        country = None
        if anchor is not None:
            country = _party(anchor)
        else:
            adj = ends.get(m.start() - 1)  # "his Chinese counterpart": the adjective before
            before = [v for v in mentions if v.end <= m.start() and m.start() - v.end <= 2 and v.kind == "state_adj"]
            country = (adj or (before[-1] if before else None)).code if (adj or before) else None  # type: ignore[union-attr]
        person = Person(name=name, start=span[0], end=span[1], title=None, rank=None, country=country, surname=surname, mentions=[span])
        persons.append(person)
        by_surname[surname] = person
        taken.append(span)


def _rostered(text: str, known: NameBook, vocab_starts: set[int], persons: list[Person], by_surname: dict[str, Person]) -> None:
    """Persons named in full with no title, whose full name the roster of officials knows.

    In a run of capitalised words, each word that is an official's surname (a cheap first test:
    most runs hold none) may end a name; the longest known name ending there is taken ("Sources say
    Luiz Inacio Lula da Silva", "Kamala Harris's August 2021 visit").
    """
    taken = [span for p in persons for span in p.mentions]
    for m in NAME_RE.finditer(text):
        words = m.group(0).split(" ")
        if len(words) < 2 or m.start() in vocab_starts:
            continue
        starts = [m.start()]
        for w in words[:-1]:
            starts.append(starts[-1] + len(w) + 1)
        # The name may end before the run does ("Kamala Harris's August 2021 visit"): try each word
        # that is an official's surname as the last, the longest known name ending there first.
        for e in range(len(words) - 1, 0, -1):
            last = words[e][:-2] if words[e].endswith("'s") else words[e]
            if not known.knows_surname(last):
                continue
            found = next((k for k in range(e) if words[k][0].isupper() and known.knows(" ".join([*words[k:e], last]))), None)
            if found is None:
                continue
            start = starts[found]
            end = starts[e] + len(last)
            name = text[start:end]
            surname = _surname(name)
            if surname not in by_surname and not any(a < end and start < b for a, b in taken):
                person = Person(name=name, start=start, end=end, surname=surname, mentions=[(start, end)], rostered=True)
                persons.append(person)
                by_surname[surname] = person
                _register_first_token(person, by_surname)
                taken.append((start, end))
            break


# A leader's bare surname as the owner of what a state does: "Putin's war", "the Lukashenko regime".
_LEADER_OWNER = re.compile(r"\b([A-Z][a-z]{3,}(?:-[A-Z][a-z]{3,})?)(?='s\s|\s(?:regime|government|administration)\b)")


def _bare_leaders(text: str, known: NameBook, vocab_starts: set[int], persons: list[Person], by_surname: dict[str, Person]) -> None:
    """Persons named by surname alone where it owns a state's acts, when the roster knows that
    surname as a leader of one state only: "condemn Putin's war" names Russia's president."""
    taken = [span for p in persons for span in p.mentions]
    for m in _LEADER_OWNER.finditer(text):
        start, end = m.span(1)
        word = m.group(1)
        if start in vocab_starts or word in by_surname or any(a < end and start < b for a, b in taken):
            continue
        if not known.knows_surname(word) or known.leader_party(word) is None:
            continue
        person = Person(name=word, start=start, end=end, surname=_surname(word), mentions=[(start, end)], rostered=True)
        persons.append(person)
        by_surname[person.surname] = person
        taken.append((start, end))


def _party(m: Mention) -> str | None:
    """The party a mention stands for: a body of an organisation ("NATO International Military
    Staff", coded NATO-IMS; the European Commission, ISAF: ``speaks_for_parent`` in
    organizations.yaml) stands for the organisation; a specialised agency (IAEA) for itself."""
    if m.kind == "org" and m.extra and m.code:
        info = get_vocab().orgs.get(m.code)
        if "-" in m.code or (info is not None and info.speaks_for_parent):
            return m.extra
    return m.code


def _affiliation(text: str, anchor_start: int, name_start: int, mentions: list[Mention]) -> str | None:
    """The code of the state or organisation a person serves, from words around the anchor."""
    # An adjective, possessive or acronym right before the first anchor: "Russian", "Uzbekistan's", "NATO".
    for m in reversed(mentions):
        if m.end > anchor_start:
            continue
        # Right before, or with lower-case words between: "Russian foreign ministry spokeswoman".
        gap = text[m.end : anchor_start]
        if gap.strip() not in ("", "'s", "-") and not _LOWER_GAP.fullmatch(text, m.end, anchor_start):
            break  # "of the United States, National Security Advisor Y": a comma ends the other's phrase
        if m.kind in ("state", "state_adj", "org", "capital", "metonym", "unit"):
            return _party(m)
        break
    # "of Uzbekistan", "of the NATO International Military Staff" between anchor and name.
    for m in mentions:
        if anchor_start <= m.start < name_start and m.kind in ("state", "org", "state_adj", "unit"):
            return _party(m)
    return None


# Lower-case words between a state and a title that keep the state the title's own: "Russian
# foreign ministry spokeswoman", "Chinese assistant foreign minister"; not a verb or a conjunction
# ("the United States is welcoming Prime Minister X", "of Japan and National Security Advisor Y").
_LOWER_GAP = re.compile(
    r"(?:'s)?(?: (?i:foreign|defen[cs]e|interior|home|finance|trade|economy|military|armed|air|naval|navy|army|"
    r"ministry|ministerial|government|presidential|state|security|intelligence|deputy|assistant|vice|chief|acting|"
    r"interim|former|senior|top|special|permanent|national|federal|regional|general|joint|coast|guard|forces|force|"
    r"spokes(?:man|woman|person)|envoy|official|officials|delegation|delegate|ambassador|new|then)){1,3} "
)
_APPOSITIVE = re.compile(
    # not a verb: "Brett McGurk, departed last night for visits to Belgium" names no affiliation
    r", (?!who |which |whose |where |when |while |and |but |said |says |will |has |had |is |was |met |told |spoke |[a-z]{2,20}ed )"
    r"(?:the |a |an )?| of (?:the )?"
)


def _appositive_affiliation(text: str, name_end: int, mentions: list[Mention]) -> str | None:
    """ "Gen. Upendra Dwivedi, the Indian Army chief," or "General Pascal Ianni, the commander of
    French forces in Africa,": the first state or organisation of the apposition."""
    m = _APPOSITIVE.match(text, name_end)
    if m is None:
        return None
    if m.group(0).startswith(" of"):
        stop = m.end() + 1
    else:
        ends = [k for k in (text.find(c, m.end(), m.end() + 80) for c in ",.;") if k != -1]
        stop = min(ends) if ends else m.end() + 1
    for v in mentions:
        if m.end() <= v.start < stop and v.kind in ("state", "state_adj", "org", "unit"):
            return _party(v)
        if v.start >= stop:
            break
    return None


def _later_mentions(text: str, persons: list[Person], mentions: list[Mention]) -> list[PersonRef]:
    """Every mention of the persons: full names, surnames, bare titles and pronouns, in order."""
    refs: list[PersonRef] = []
    for p in persons:
        for s, e in p.mentions:
            refs.append(PersonRef(s, e, p, "name"))
        for short in (p.surname, *p.short_names):
            pos = p.end
            while True:
                k = text.find(short, pos)
                if k == -1:
                    break
                e = k + len(short)
                if (k == 0 or not text[k - 1].isalpha()) and (e >= len(text) or not (text[e].isalpha() or text[e] == "-")):
                    refs.append(PersonRef(k, e, p, "surname"))
                pos = e
    if not persons:
        return []
    refs.sort(key=lambda r: r.start)
    # Bare titles and pronouns refer to the most salient earlier person whose title or rank fits
    # (and whose affiliation fits a qualifier: "the NATO general").
    codes = {m.start: m.code for m in mentions if m.code}
    extra: list[PersonRef] = []
    for m in _BARE_TITLE.finditer(text):
        word = m.group(2).lower()
        qualifier = codes.get(m.start(1)) if m.group(1) else None

        def fits(p: Person, w: str = word, q: str | None = qualifier) -> bool:
            return (w in (p.canonical_title or "").lower() or w in (p.rank or "").lower()) and (q is None or p.country == q)

        best = _salient(refs, m.start(), fits)
        if best is not None:
            extra.append(PersonRef(m.start(), m.end(), best, "title"))
    named = [r for r in refs if r.via in ("name", "surname")]
    named_starts = [r.start for r in named]
    opener: tuple[int, Person] | None = None  # the person a sentence-opening "He" or "She" stands for
    for m in _PRONOUN.finditer(text):
        if opener is not None and m.group(0)[0].islower() and m.start() - opener[0] <= 600 and not _SENTENCE_END.search(text, opener[0], m.start()):
            # (within 600 characters, so that a text with no sentence end stays linear)
            # "He expressed his condemnation": within the sentence, "his" is the one "He" is
            extra.append(PersonRef(m.start(), m.end(), opener[1], "pronoun"))
            continue
        opener = None
        # Cataphora: "During his visit, Gasic met ...": the name right after the phrase.
        k = bisect.bisect_left(named_starts, m.end())
        if k < len(named) and named[k].start - m.end() <= 30 and "," in text[m.end() : named[k].start]:
            extra.append(PersonRef(m.start(), m.end(), named[k].person, "pronoun"))
            continue
        opens = m.group(0)[0].isupper() and text[max(0, m.start() - 2) : m.start()] in (". ", ".\n", "\n\n")
        previous = [e.end() for e in _SENTENCE_END.finditer(text, max(0, m.start() - 600), max(0, m.start() - 2))] if opens else []
        best = _salient(refs, m.start(), lambda p: True, subject_from=(previous[-1] if previous else max(0, m.start() - 600)) if opens else None)
        if best is not None:
            extra.append(PersonRef(m.start(), m.end(), best, "pronoun"))
            if opens:
                opener = (m.end(), best)
    for m in _PAIR_OF_PERSONS.finditer(text):
        # "the two ministers" are two ministers: persons whose title or rank has the noun's word.
        word = next((w for w in _PAIR_WORDS if w in m.group(0).lower()), None)

        def fits_pair(p: Person, w: str | None = word) -> bool:
            return w is None or w in f"{p.canonical_title or ''} {p.rank or ''}".lower()

        first = _salient(refs, m.start(), fits_pair) or _salient(refs, m.start(), lambda p: True)
        if first is None:
            continue
        chosen = first

        def other(p: Person, f: Person = chosen) -> bool:
            return p is not f and fits_pair(p)

        def any_other(p: Person, f: Person = chosen) -> bool:
            return p is not f

        second = _salient(refs, m.start(), other) or _salient(refs, m.start(), any_other)
        if second is not None:
            extra.append(PersonRef(m.start(), m.end(), first, "pair"))
            extra.append(PersonRef(m.start(), m.end(), second, "pair"))
    refs.extend(extra)
    refs.sort(key=lambda r: (r.start, r.end))
    return refs


def _salient(refs: list[PersonRef], pos: int, fits: Callable[[Person], bool], subject_from: int | None = None) -> Person | None:
    """The person named most often before ``pos`` (ties: the latest) among those that fit.

    Only persons named within the previous ~600 characters are candidates: a pronoun does
    not reach back across a whole article. A sentence that opens with "He" or "She" continues
    the previous sentence's subject: on a tie, the person named first in the sentence before,
    which begins at ``subject_from`` ("Biden spoke with Zelenskyy. He condemned ...": Biden).
    """
    counts: dict[int, int] = {}
    last: dict[int, int] = {}
    by_id: dict[int, Person] = {}
    for r in refs:
        if r.start >= pos or r.via not in ("name", "surname") or not fits(r.person):
            continue
        key = id(r.person)
        counts[key] = counts.get(key, 0) + 1
        last[key] = r.start
        by_id[key] = r.person
    recent = [k for k in counts if pos - last[k] <= 600]
    if not recent:
        return None
    top = max(counts[k] for k in recent)
    tied = [k for k in recent if counts[k] == top]
    if subject_from is not None and len(tied) > 1:
        first_there: dict[int, int] = {}
        for r in refs:
            if subject_from <= r.start < pos and r.via in ("name", "surname") and id(r.person) in tied:
                first_there.setdefault(id(r.person), r.start)
        if first_there:
            return by_id[min(first_there, key=lambda k: first_there[k])]
    return by_id[max(recent, key=lambda k: (counts[k], last[k]))]
