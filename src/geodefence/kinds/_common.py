"""Helpers every record extractor uses: turning text-layer references into record parts.

Kinds never import one another; what they share (actor and date conversion, modality and
denial cues, clause bounds) lives here.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING, TypeVar

from geodefence.parts import Actor, DateValue, Evidence, Place
from geodefence.text.analysis import LEAD_SENTENCES, ActorRef, Analysis, PlaceRef, Sentence
from geodefence.text.persons import Person, PersonRef
from geodefence.text.vocab import get_vocab

if TYPE_CHECKING:
    from geodefence.text.dates import DateMention

# Modal or hypothetical context before a trigger: the event has not happened and may not.
# Doubt that makes a reported event or position unreal ("could sign", "may visit"). Without
# "would": "troops would take part", "said it would remain neutral" report plans and positions.
UNCERTAIN = re.compile(
    r"\b(?:could|might|may|if|whether|unless|considering|consider|mulling|possibly|potentially|reportedly|"
    r"proposed|no plans? to)\b"
)
HYPOTHETICAL = re.compile(
    r"\b(?:could|might|may|would|should|if|whether|unless|considering|consider|considered|mulling|proposes?|proposed|"
    r"hopes? to|hoped to|wants? to|wanted to|seeks? to|sought to|aims? to|possible|possibly|potential|potentially|"
    r"reportedly|rumou?red|speculat\w*|no plans? to|not expected to|unlikely to)\b"
)
DENIAL = re.compile(
    r"\b(?:denied|denies|deny|dismissed|rejected (?:reports|claims|suggestions)|refuted|no (?:such )?(?:agreement|deal|visit|exercise|drills?)|"
    r"false reports?|fake|never (?:signed|visited|held|took place))\b"
)
FUTURE = re.compile(
    r"\b(?:will|shall|is set to|are set to|is due to|are due to|is scheduled to|are scheduled to|scheduled|planned|plans? to|"
    r"planning to|expected to|to be held|to be signed|next (?:week|month|year)|upcoming|later this (?:year|month)|intends? to|"
    r"is to|are to|would)\b"
)
NEGATION = re.compile(r"\b(?:not|n't|never|no longer|neither|nor|without|failed to|refused to|declined to)\b")
_CLAUSE_SPLIT = re.compile(r"(?:;|:\*\*\s|\*\*:\s|, (?:but|while|whereas|although|though|and|as|which|who|where|adding that|saying that|adding|saying) |\bbut\b| - |\b(?:said|says|added|stated|repeated|warned|insisted|argued|noted|told reporters)(?: that)?\b)")


_SERIES_BEFORE = re.compile(r",\s[\w-]+$")

Row = TypeVar("Row", bound=tuple[str, ...])

# "Moscow-led", "Iran-backed": an actor named as the modifier of something else.
LED = re.compile(r"^-?(?:led|backed|based|made|built|owned|funded|sponsored|supported|aligned)\b")


def alternation(table: Sequence[tuple[str, ...]], prefix: str) -> str:
    """One alternation over a rule table's patterns (column 1), a named group per row."""
    return "|".join(f"(?P<{prefix}{i}>{row[1]})" for i, row in enumerate(table))


def row_of(m: re.Match[str], table: Sequence[Row]) -> Row:
    """The row of the rule table whose group matched (see :func:`alternation`)."""
    if m.lastgroup is None:
        raise AssertionError("a rule match without its named group")
    return table[int(m.lastgroup[1:])]


def display_name(code: str) -> str:
    """The display name of a state or organisation code ("RUS" -> "Russia", "NATO" -> its name)."""
    vocab = get_vocab()
    if code in vocab.states:
        return vocab.states[code].name
    if code in vocab.orgs:
        return vocab.orgs[code].name
    return code


def is_state(code: str | None) -> bool:
    """True for a state code of the vocabulary."""
    return code is not None and code in get_vocab().states


_MEETING_LEAD = re.compile(r"\b(?:spoke|speaks|met|meets|welcomed|welcomes|hosted|hosts|received|receives|call|meeting)\b")


def counterpart(an: Analysis, own: Collection[str], *, most_named: bool = True) -> str | None:
    """The other side of a bilateral statement or readout: the one state whose persons the
    meeting or call it opens with names ("spoke today with Prime Minister X of Y"), else (with
    ``most_named``) the state it names most; never one of ``own`` (the voice, or the holder), None
    when unclear."""
    for sent in an.sentences[:2]:
        if _MEETING_LEAD.search(sent.text):
            met = {r.code for r in sent.actors if r.via == "person" and r.type == "state" and r.code not in own}
            if met:
                return met.pop() if len(met) == 1 else None
    if not most_named:
        return None
    counts: dict[str, int] = {}
    for sent in an.sentences:
        for r in sent.actors:
            if r.type == "state" and r.code not in own and r.via in ("name", "adjective", "person", "capital"):
                counts[r.code] = counts.get(r.code, 0) + 1
    return max(sorted(counts), key=lambda c: counts[c]) if counts else None


def implied_ref(pos: int, code: str) -> ActorRef:
    """A party the text implies (a statement's voice, a meeting's other side), anchored with no
    words of its own at ``pos``; an organisation in a voice (the EU, NATO) stays an organisation."""
    return ActorRef(pos, pos, code, "state" if is_state(code) else "organization", code, "coref")


def actor(ref: ActorRef) -> Actor:
    """A record actor for a state or organisation reference (the person is kept out: code only)."""
    name = ref.name if ref.via == "name" else display_name(ref.code)
    if ref.type == "state":
        return Actor(name=name, type="state", code=ref.code)
    org = get_vocab().orgs.get(ref.code)
    # A non-state armed group is an actor of its own type, never its country nor an organisation.
    return Actor(name=name, type="other" if org is not None and org.armed_group else "organization", code=ref.code)


def actor_with_evidence(an: Analysis, ref: ActorRef, rule: str) -> Actor:
    """A record actor carrying the evidence of the words that refer to it."""
    a = actor(ref)
    a.evidence = an.evidence(ref.start, ref.end, rule)
    return a


def person_actor(an: Analysis, person: Person, ref: PersonRef | None, rule: str, country: str | None = None) -> Actor:
    """A person actor: name as written, title, rank and affiliation."""
    start, end = (ref.start, ref.end) if ref is not None else (person.start, person.end)
    if ref is not None and ref.via in ("pronoun", "title", "pair"):
        start, end = person.start, person.end
    return Actor(
        name=person.name,
        type="person",
        country=person.country or country,
        title=person.title,
        rank=person.rank,
        evidence=an.evidence(start, end, rule),
    )


def place(an: Analysis, ref: PlaceRef, rule: str) -> Place:
    """A record place from a place reference."""
    return Place(name=ref.name, country=ref.country, kind=ref.kind, evidence=an.evidence(ref.start, ref.end, rule))


def date_value(an: Analysis, d: DateMention, rule: str) -> DateValue:
    """A record date from a date mention (value stays null when it could not be resolved)."""
    return DateValue(
        text=d.text,
        value=d.value,
        precision=d.precision,
        relative=d.relative,
        evidence=an.evidence(d.start, d.end, rule),
    )


def story_date(an: Analysis) -> DateMention | None:
    """The story's day: the first full date in the opening sentences (always dated by the text layer)."""
    return next(
        (d for sent in an.sentences[:LEAD_SENTENCES] for d in sent.dates if d.role == "point" and d.value and d.precision == "day"),
        None,
    )


_LIST_END = re.compile(r"(?:others|other\s(?:senior\s)?(?:officials|leaders|ministers|members))\b")
"""The end of a list of persons ("met with X, Y, and others in Kyiv"), not a new clause."""


def clause_bounds(sent: Sentence, pos: int) -> tuple[int, int]:
    """Absolute bounds of the clause of ``sent`` holding absolute offset ``pos``."""
    start, end = sent.start, sent.end
    for m in _CLAUSE_SPLIT.finditer(sent.text):
        if m.group(0) == ", and " and (
            _SERIES_BEFORE.search(sent.text, max(0, m.start() - 40), m.start())
            or _listed_item_after(sent, m.end())
            or _LIST_END.match(sent.text, m.end())
        ):
            continue  # "security, economic, and humanitarian assistance", "..., and Sweden, and the United Kingdom, condemning": a series, not a clause
        cut = sent.start + m.start()
        if cut < pos:
            start = sent.start + m.end()
        elif cut > pos:
            end = cut
            break
    return start, end


def _listed_item_after(sent: Sentence, pos: int) -> bool:
    """True when a state or organisation named right at ``pos`` (relative) is followed by a comma:
    another item of a list ("..., and the United Kingdom, condemning"), not a new clause's subject."""
    at = sent.start + pos + (4 if sent.text.startswith("the ", pos) else 0)
    return any(m.start == at and m.kind in ("state", "org") and sent.text.startswith(",", m.end - sent.start) for m in sent.mentions)


def clause_evidence(an: Analysis, sent: Sentence, start: int, end: int, rule: str) -> Evidence:
    """Evidence for a record: the clause that states it, widened to cover ``start:end``."""
    lo, hi = clause_bounds(sent, start)
    lo, hi = min(lo, start), max(hi, end)
    while hi > lo and an.text[hi - 1] in " ,;.":
        hi -= 1
    return an.evidence(lo, hi, rule)


def distinct(refs: Iterable[ActorRef]) -> list[ActorRef]:
    """The first reference of each code, in order."""
    seen: set[str] = set()
    out = []
    for r in refs:
        if r.code not in seen:
            seen.add(r.code)
            out.append(r)
    return out


def in_quotes_or_attribution(an: Analysis, sent: Sentence, ref: ActorRef) -> bool:
    """True when an actor only names a source: "according to X", "X said", "sources: X"."""
    before = an.text[max(sent.start, ref.start - 16) : ref.start].lower()
    return before.endswith(("according to ", "according to the ", "sources: ", "source: ", "reported by "))
