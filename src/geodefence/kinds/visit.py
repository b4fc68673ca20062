"""Visits: officials or delegations travelling to another state."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import Field

from geodefence.kinds._base import Record
from geodefence.kinds._common import (
    DENIAL,
    FUTURE,
    HYPOTHETICAL,
    NEGATION,
    actor_with_evidence,
    alternation,
    clause_bounds,
    clause_evidence,
    date_value,
    display_name,
    person_actor,
    place,
    row_of,
    story_date,
)
from geodefence.parts import Actor, DateValue, Place, StrEnum
from geodefence.text.analysis import ActorRef, Analysis, PlaceRef, Sentence, is_object
from geodefence.text.dispatch import WordScanner
from geodefence.text.persons import Person, PersonRef


class VisitStatus(StrEnum):
    """Whether the visit took place or lies ahead when reported.

    - ``completed``: reported as made.
    - ``planned``: announced for the future ("will travel", "is scheduled to visit").
    - ``ongoing``: under way when reported ("is visiting", "is on a three-day visit").
    - ``cancelled``: called off or postponed ("cancelled his trip to Berlin").
    """

    completed = "completed"
    planned = "planned"
    ongoing = "ongoing"
    cancelled = "cancelled"


class Visit(Record):
    """An official visit by a person or delegation of one party to a host state."""

    visitor: Actor | None = Field(default=None, description="The person or delegation who travelled.")
    visitor_party: str | None = Field(
        default=None, description="Code of the state (ISO alpha-3) or organisation (acronym) the visitor represents."
    )
    host: Actor | None = Field(default=None, description="The host state.")
    places: list[Place] = Field(default_factory=list, description="Cities, regions and facilities visited.")
    date: DateValue | None = Field(default=None, description="When the visit took place or began.")
    end: DateValue | None = Field(default=None, description="When the visit ended, if stated.")
    met_with: list[Actor] = Field(default_factory=list, description="Counterparts the visitor met.")
    purpose: str | None = Field(default=None, description="The stated purpose, as a short phrase from the text.")
    status: VisitStatus = Field(
        default=VisitStatus.completed, description="Made (or under way) or planned, as reported (since 1.1.0)."
    )


# --- extraction -------------------------------------------------------------------------------

# Ordered trigger rules: (rule id, pattern, mode). mode "go": the visitor is the subject and the
# destination follows; "host": the subject hosts and the visitor follows; "meet": a meeting that
# is a visit only where a foreign place is named.
TRIGGERS: list[tuple[str, str, str]] = [
    ("visit.hosted_by", r"(?:was|were|is|are|being) (?:warmly |formally |officially )?(?:hosted|received|welcomed) by", "passive"),
    ("visit.visiting", r"visiting(?= (?:[A-Z][\w.-]{0,20} ){0,4}[A-Z])", "visiting"),
    ("visit.paid", r"paid (?:an? |his |her |their )?(?:[a-z-]+ ){0,2}visits? to", "go"),
    ("visit.noun", r"(?:(?:[Ss]tate|[Oo]fficial|[Ww]orking|two-day|three-day|four-day|five-day|one-day|day-long|week-long|first|high-level|rare|landmark|historic|surprise|unannounced) )?(?:visits?|(?<=[Ss]tate )Visits?|(?<=[Oo]fficial )Visits?) (?:to|of)", "go"),
    ("visit.verb", r"visit(?:ed|s|ing)?", "go"),
    ("visit.arrived", r"arriv(?:ed|es|ing) (?:in|at)|landed in|touched down in", "go"),
    # "traveled this week to", "travelled last month to": a time between the verb and its destination
    ("visit.travel", r"[Tt]ravel(?:l)?(?:ed|s|ing)?(?: (?:this|last|next) (?:week|month|weekend)| earlier this (?:week|month)| today| yesterday)? to|flew to|flown in|flew in|flown to|trip to|headed to|tour(?:ed|s|ing)?(?: of)?", "go"),
    ("visit.talks_in", r"held talks in|for talks in|talks in", "go"),
    ("visit.was_in", r"(?:was|were) in(?= (?:the )?[A-Z])", "go"),
    # "While in New York City to attend the General Assembly, President Zelensky told reporters"
    ("visit.while_in", r"[Ww]hile (?:in|visiting)(?= (?:the )?[A-Z])", "while"),
    ("visit.hosted", r"host(?:ed|s|ing)?|receiv(?:ed|es|ing)|welcom(?:e|ed|es|ing)", "host"),
    ("visit.led_delegation", r"led (?:an? |the |a high-level )?(?:[\w.-]+ ){0,3}?delegation to", "go"),
    ("visit.met", r"met(?: with)?|meeting with|held talks with|talks with|gathered|convened|(?<=[Ww]e )gather|(?:will|to|would) meet(?: with)?", "meet"),
]
# Lower-case stems: every trigger above contains one (tests/test_gate.py checks it).
GATE: tuple[str, ...] = (
    "visit", "arriv", "landed in", "touched down", "travelled to", "traveled to", "travels to", "travelling to",
    "traveling to", "travel to", "traveled this", "travelled this", "traveled last", "travelled last", "traveled next",
    "travelled next", "traveled earlier", "travelled earlier", "traveled today", "travelled today", "traveled yesterday",
    "travelled yesterday", "travels this", "travels next", "traveling this", "travelling this", "traveling next", "travelling next", "flew", "flown", "trip to", "headed to", "tour", "talks in", "talks with", "host",
    "receiv", "welcom", "met$", "meeting with", "meet", "while in", "while visiting", "was in", "were in", "delegation to", "gathered", "convened", "gather",
)
_TRIGGER_RE = re.compile(r"(?=[A-Za-z])\b(?:" + alternation(TRIGGERS, "t") + r")\b")
_TRIGGER_SCAN = WordScanner([row[1] for row in TRIGGERS], "t")
"""The same matches as ``_TRIGGER_RE.finditer``, faster (text.dispatch)."""
_DELEGATION = re.compile(
    r"\b(?:delegations?|officials|lawmakers|parliamentarians|diplomats|envoys?|leaders?|premier|generals|officers|(?:military|defen[cs]e|inspection|negotiating|security) team|mission|warships?|navy|frigate|destroyer|ship)\b"
)
_PURPOSE = re.compile(
    r"\b(?:to (?:discuss|reaffirm|strengthen|boost|deepen|review|sign|attend|inspect|observe|hold talks|explore|expand|promote|"
    r"enhance|mark|participate|take part|bolster|advance|address|seek|secure|meet|finalize|finalise)|for (?:talks|consultations|meetings?|"
    r"a (?:summit|conference|meeting|forum)))[^.;]{0,110}"
)
_MEET_BEFORE = re.compile(r"\b(?:met|meeting|meet|meets|talks with|received by|hosted by|counterparts?|alongside|together with)\b")
_LED_BY = re.compile(r"\b(?:led|headed)\sby\s(?:[A-Z][\w.'-]*\s|of\s|the\s|and\s|for\s){0,9}$")
_IN_OPENING = re.compile(r"(?:(?:Today|Yesterday|Earlier today|This week|Later|On\s[A-Z][a-z]+(?:\s\d{1,2})?(?:,\s\d{4})?),?\s)?[Ii]n\s(?:the\s)?")
_PURPOSE = re.compile(r"\s(?:in\sorder\s)?to\s(?!the\b|a\b|an\b|his\b|her\b|their\b)[a-z]{3,}\b")
"""A purpose clause after a meeting verb ("to discuss", "to hold X accountable")."""
_OPENING_END = re.compile(r"(?:,?\s[A-Z][\w-]{1,30}(?:\s[A-Z][\w-]{1,30})?)?(?:\s(?:today|this\sweek|on\s[A-Z][a-z]+))?,")
"""Where an opening place ends: "Today in Israel,", "In Germany today,", "in Tokyo, Japan,"."""
_POSSESSED_VISIT = re.compile(r"'s\s(?:[\w-]+\s){0,3}?(?:[Vv]isit|trip|tour)\b")
_WELCOMED_THING = re.compile(
    r"\s(?:the\s|a\s|an\s|its\s|their\s|(?:the\s)?[A-Z][\w.-]{1,30}(?:'s|’s)\s)?(?:[A-Za-z0-9-]+\s){0,3}?(?:conclusion|announcement|progress|decision|commitment|efforts?|steps?|"
    r"creation|formation|finali[sz]ation|coordination|communication|strategy|initiative|formula|proposal|statement|presidency|"
    r"signing|launch|establishment|agreement|inclusion|resumption|news|plans?|opportunity|growth|expansion|ties|trade|cooperation|"
    r"release|return|adoption|outcome|results?|role|contributions?|leadership|support|briefings?|updates?|reports?|letters?|calls?)\b",
    re.IGNORECASE,
)
_HOST_NOUN = re.compile(r"\b(?:his|her|their|its|the|a|our)\s$")
_PLACE_BLOCK = re.compile(r"\b(?:with|against|of|from|between|and)\s+(?:the\s)?$")
_NOT_VISIT = re.compile(r"\b(?:visitors?|website|visiting (?:professor|scholar|fellow|team)|visa|tourists?|fans|students|athletes|players)\b", re.IGNORECASE)
_GUESTS_THEN_PLACE = re.compile(
    r"\s(?:with\s)?(?:(?:[A-Z][\w.’'-]{0,30}|of|the|and|for|on|van|von|de|da|del|der|(?:bin|al|el|ibn)(?:-[A-Z][\w’'-]{0,30})?|his|her|their|member|members|today|yesterday),?\s){1,40}?(?:in|at)\s(?:the\s)?"
)
"""From a meeting verb, past a list of titled guests, to the place met in."""
_UNKNOWN_PLACE_AFTER = re.compile(r"\s(?:the\s)?[A-Z][a-z]{2,30}(?:,\s[A-Z][a-z]{2,30})?\b")
"""A named destination right after the verb, which no vocabulary places in a state."""
_VIRTUAL = re.compile(
    r"\b(?:virtual(?:ly)?|video\s?(?:call|conference|link)|videoconference|by\s(?:phone|telephone|video)|teleconference|"
    r"(?:phone|telephone)\s?calls?|the\scalls)\b"
)
"""A meeting held at a distance: no one travelled."""
_WHERE_MET = re.compile(r",\s(?:where|there)\s(?:they|he|she|the\s(?:delegation|secretary|president|vice\spresident|minister))\s(?:also\s)?$")
"""A stop of a trip named before the meeting held there: "Fiji, where they met with Prime Minister X"."""
_WE_SUBJECT = re.compile(r"\b[Ww]e\s(?:[a-z]{1,20}ly\s|also\s|all\s)?$")
"""A joint statement's "We gather today in Washington": every party from elsewhere travelled."""
_PRIVATE = re.compile(r"\b(?:private|personal|family|holiday|vacation|leisure|tourist|sightseeing)\s(?:[a-z-]+\s)?$")


def _trigger(m: re.Match[str]) -> tuple[str, str]:
    rule, _pattern, mode = row_of(m, TRIGGERS)
    return rule, mode


@dataclass
class _Found:
    record: Visit
    party: str | None
    host: str | None
    person: Person | None


def _visitor(an: Analysis, sent: Sentence, lo: int, hi: int, pos: int, before: bool) -> tuple[Person | None, PersonRef | None, ActorRef | None]:
    """The visiting person (preferred) or party: before the trigger (subject) or after it."""
    persons = [p for p in sent.persons if lo <= p.start < hi and (p.start < pos if before else p.start > pos)]
    if before:
        # The subject, not a counterpart met on the way ("X met Y and toured ...").
        persons = [p for p in persons if not _MEET_BEFORE.search(an.text[max(lo, p.start - 80) : p.start])] or persons[:0]
    if before:
        # "a delegation - led by Coordinator X, ..., and Envoy Y - visited": the leader is the visitor
        led = next((p for p in sent.persons if p.start < pos and _LED_BY.search(an.text, max(sent.start, p.start - 70), p.start)), None)
        if led is not None:
            # a leader whose state is unknown leads the delegation of the state it names ("a U.S. delegation")
            party = None if led.person.country else _visitor(an, sent, sent.start, led.start, led.start, before=True)[2]
            return led.person, led, party
    if persons:
        ref = persons[-1] if before else persons[0]
        return ref.person, ref, None
    actors = [a for a in sent.actors if lo <= a.start < hi and (a.start < pos if before else a.start > pos)]
    for a in (reversed(actors) if before else actors):
        if a.via == "pronoun" or (is_object(an.text, lo, a) and not an.text.startswith("'s ", a.end)):
            continue  # ... but "building on the Vice President's visit": the possessor is the visitor
        tail = an.text[a.end : a.end + 60]
        possessor = an.text.startswith("'s ", a.end) and _POSSESSED_VISIT.match(an.text, a.end)
        if a.via in ("adjective", "name", "unit", "coref", "person") and (_DELEGATION.search(tail[:45]) or a.via in ("unit", "person") or possessor):
            return None, None, a
    return None, None, None


_LEADER_TITLE = re.compile(r"^(?:President|Prime Minister|Chancellor|King|Emir|Amir|Sultan|Premier|Taoiseach)\b")


def _leader_of(an: Analysis, code: str, rule: str) -> Actor:
    """A party of a joint statement as a visitor: its leader named in the article, else the state."""
    leader = next((p for p in an.persons if p.country == code and p.title and _LEADER_TITLE.match(p.title)), None)
    if leader is not None:
        return person_actor(an, leader, None, f"{rule}.visitor")
    return Actor(name=display_name(code), type="state", code=code)


def _group_members(sent: Sentence, lo: int, hi: int) -> list[str]:
    """The member states of a grouping named between ``lo`` and ``hi`` ("the Nordic leaders"):
    several state references that share one span."""
    spans: dict[tuple[int, int], list[str]] = {}
    for r in sent.actors:
        if lo <= r.start < hi and r.type == "state" and r.via == "name":
            spans.setdefault((r.start, r.end), []).append(r.code)
    return [code for codes in spans.values() if len(set(codes)) > 1 for code in dict.fromkeys(codes)]


_SUBJECT_LINK = re.compile(
    r"(?:,\s|\s(?:and|as\swell\sas)\s|,\s(?:and|as\swell\sas)\s)(?:the\s)?"
    r"(?:(?:Presidents?|Prime\sMinisters?|[Ll]eaders?|[Hh]eads\sof\s(?:[Ss]tate|[Gg]overnment)|[Ff]oreign\sMinisters?|[Dd]efen[cs]e\sMinisters?)\sof\s(?:the\s)?)?"
)
_SUBJECT_TO_VERB = re.compile(r"\s(?:(?:also|all|together|today|jointly)\s)?$")


def _subject_states(an: Analysis, sent: Sentence, lo: int, verb: int) -> list[str]:
    """Three or more states coordinated as the subject right before the meeting verb."""
    states = [r for r in sent.actors if lo <= r.start < verb and r.type == "state" and r.via == "name"]
    if len(states) < 3 or not _SUBJECT_TO_VERB.fullmatch(an.text, states[-1].end, verb):
        return []
    chain = [states[-1]]
    for r in reversed(states[:-1]):
        if r.end > chain[0].start:
            continue  # several references at one span (a grouping's members)
        if not _SUBJECT_LINK.fullmatch(an.text, r.end, chain[0].start):
            break
        chain.insert(0, r)
    codes = list(dict.fromkeys(r.code for r in chain))
    return codes if len(codes) >= 3 else []


def _visitor_start(pref: PersonRef | None) -> int:
    return pref.start if pref is not None else 1 << 30


def _destination(an: Analysis, sent: Sentence, start: int, hi: int) -> tuple[PlaceRef | None, ActorRef | None]:
    """The first place or state after ``start`` that is not after 'with', 'of', 'from'..."""
    for pl in sent.places:
        if start <= pl.start < hi and pl.country and not _PLACE_BLOCK.search(an.text[max(sent.start, pl.start - 12) : pl.start]):
            return pl, None
    for a in sent.actors:
        if not start <= a.start < hi or a.type != "state" or _PLACE_BLOCK.search(an.text[max(sent.start, a.start - 12) : a.start]):
            continue
        if a.via in ("name", "capital", "coref", "metonym") or (a.via == "adjective" and _ADJ_PLACE.match(an.text, a.end)):
            return None, a
    for pl in sent.places:
        if start <= pl.start < hi and pl.country:
            return pl, None
    return None, None


_ADJ_PLACE = re.compile(r"\s(?:capital|side|territory|soil|city|port|base|coast|border)\b")


def _context_host(an: Analysis, sent: Sentence, party: str | None, before: int) -> ActorRef | None:
    """The host when the sentence names none: the last state named in the sentences before, other
    than the visitor's. (States earlier in the same sentence were tried and lowered held-out
    precision: they are more often the visitor's partners than the host.)"""
    for prev in reversed(an.sentences[: sent.index + 1]):
        for a in reversed(prev.actors):
            if a.type == "state" and a.code != party and a.via in ("name", "capital", "metonym") and a.start < min(before, sent.start):
                return a
        if sent.index - prev.index >= 3:
            break
    return None


def extract(an: Analysis) -> list[Visit]:
    """Every visit stated in the article, one record per (visiting party, host)."""
    found: list[_Found] = []
    text = an.text
    for sent in an.sentences:
        triggers = list(_TRIGGER_SCAN.finditer(sent.text)) if an.is_candidate("visit", sent) else []
        if not triggers:
            if found:
                _follow_up(an, sent, found)
            continue
        if _NOT_VISIT.search(sent.text) and not sent.persons:
            continue
        for trig in triggers:
            rule, mode = _trigger(trig)
            t_start, t_end = sent.start + trig.start(), sent.start + trig.end()
            lo, hi = clause_bounds(sent, t_start)
            lo = min(lo, sent.start + max(0, trig.start() - 200))
            lo = max(lo, sent.start)
            pre = text[lo:t_start]
            if _PRIVATE.search(pre[-30:]):
                continue  # "a private day trip to": not an official visit
            if DENIAL.search(sent.text) or HYPOTHETICAL.search(pre[-50:]) or NEGATION.search(pre[-25:]):
                continue
            if _INVITED.search(pre[-70:]):
                continue  # "invited President Xi to visit Brazil": an invitation, not a visit
            if _VIRTUAL.search(text, lo, hi):
                continue  # "hosted Taoiseach Martin for a virtual bilateral meeting": no one travelled
            if mode == "host" and text.startswith(" by ", t_end):
                continue  # "the Negev Summit, initiated and hosted by Prime Minister Lapid": an event hosted
            noun_anaphor = (
                "visit" in trig.group(0)
                and re.search(r"\b(?:[Tt]he|[Tt]his|[Hh]is|[Hh]er|[Tt]heir|[Tt]hat)\s(?:[a-z-]+\s)?$", text[max(sent.start, t_start - 20) : t_start]) is not None
                and not _BY_AFTER.match(text[t_end : t_end + 8])
            )
            if mode == "visiting":
                # "telling visiting Chancellor Olaf Scholz": the visitor follows; the host is the sentence's state.
                person, pref, party_ref = _visitor(an, sent, t_end, min(sent.end, t_end + 80), t_end, before=False)
                if person is None or _visitor_start(pref) > t_end + 60:
                    mode = "go"  # "who was visiting Lithuania": an ordinary visit verb
            if mode == "visiting" and person is not None:
                host_ref = next((a for a in sent.actors if a.type == "state" and a.code != person.country and a.via in ("name", "capital", "metonym", "person")), None)
                dest_place, dest_actor = None, None
            elif mode == "passive":
                # "X was received by President Y in New Delhi": the visitor is the subject.
                person, pref, party_ref = _visitor(an, sent, lo, t_start, t_start, before=True)
                dest_place, dest_actor = _destination(an, sent, t_end, hi)
                guest = (person.country if person else None) or (party_ref.code if party_ref else None)
                agent = next(
                    (a for a in sent.actors if t_end <= a.start < hi and a.type == "state" and a.code != guest and a.via in ("person", "name", "capital", "metonym")),
                    None,
                )
                host_ref = agent or dest_actor
            elif mode == "while":
                # the visitor is the main clause's subject, after the comma; the place is right after the trigger
                comma = text.find(",", t_end, sent.end)
                if comma < 0:
                    continue
                person, pref, party_ref = _visitor(an, sent, comma, sent.end, comma, before=False)
                dest_place, dest_actor = _destination(an, sent, t_end, comma)
                host_ref = dest_actor
                mode = "go"
            elif mode == "host" and _HOST_NOUN.search(text, max(sent.start, t_start - 8), t_start) and trig.group(0) in ("host", "hosts"):
                continue  # "Lecornu and his host, Minister X,": the noun names the host, the guest is elsewhere
            elif mode == "host":
                if _WELCOMED_THING.match(text, t_end):
                    continue  # "welcomed the conclusion of the Memorandum", "welcomed the growing trade ties": no guest
                person, pref, party_ref = _visitor(an, sent, t_end, sent.end, t_end, before=False)
                if pref is not None and text.startswith(("'s ", "’s "), pref.end):
                    continue  # "welcomed President Z's commitment": a position, not a guest
                if person is None and (
                    party_ref is None or (party_ref.type != "state" and not _DELEGATION.search(text[party_ref.end : party_ref.end + 45]))
                ):
                    continue  # a person, a state or an organisation's delegation is received, not "the UN Security Council"
                host_ref = next((a for a in reversed(sent.actors) if lo <= a.start < t_start and a.type == "state"), None)
                dest_place, dest_actor = _destination(an, sent, t_end, sent.end)
                if host_ref is None:
                    host_ref = dest_actor
            else:
                person, pref, party_ref = None, None, None
                if _BY_AFTER.match(text[t_end : t_end + 8]) or trig.group(0).endswith(" of"):
                    # "the visit by X", "a trip by X", "the visits of X": the visitor follows the noun.
                    person, pref, party_ref = _visitor(an, sent, t_end, hi, t_end, before=False)
                if person is None and party_ref is None:
                    person, pref, party_ref = _visitor(an, sent, lo, t_start, t_start, before=True)
                # "a visit by New Zealand Defence Minister X to ...": the destination comes after the visitor.
                dest_from = pref.end if pref is not None and pref.start > t_end else t_end
                dest_place, dest_actor = _destination(an, sent, dest_from, hi)
                host_ref = dest_actor
            if noun_anaphor and found and (person is None or person is found[-1].person or "during" in text[max(sent.start, t_start - 12) : t_start]):
                _attach(an, sent, found[-1], rule, t_start, t_end)
                continue
            if rule == "visit.was_in":
                # "X was in Canberra on Monday": a visit only when a place follows at once.
                near = dest_place if dest_place is not None else host_ref
                if near is None or near.start - t_end > 6:
                    continue
            party = (person.country if person else None) or (party_ref.code if party_ref else None)
            if host_ref is not None and host_ref.via == "coref" and host_ref.code == party:
                # "to the island nation" cannot be the visitor's own state: the one named before.
                host_ref = _context_host(an, sent, party, t_start)
            host = host_ref.code if host_ref else (dest_place.country if dest_place else None)
            seat = _SEAT.search(text, lo, hi) if mode == "meet" else None
            seat_ref = next((a for a in sent.actors if seat is not None and a.start == seat.start(1)), None)
            if seat is not None and seat_ref is None and seat.group(1) in _RETREATS:
                # "met with President Yoon at Camp David": a leader's retreat, not a name for the government
                seat_ref = ActorRef(seat.start(1), seat.end(1), _RETREATS[seat.group(1)], "state", seat.group(1), "metonym")
            met_in = dest_place is not None and _IN_BEFORE.search(text[max(sent.start, dest_place.start - 6) : dest_place.start]) is not None
            opening = None
            if mode == "meet":
                # "Today in Israel, National Security Advisor X met with ...": the place opening the
                # sentence is where they met, whatever "to discuss the situation in Gaza" names later.
                opening = next((pl for pl in sent.places if pl.start < t_start and pl.country and pl.start - sent.start <= 40 and _IN_OPENING.fullmatch(text, sent.start, pl.start) and _OPENING_END.match(text, pl.end)), None)
                if opening is not None:
                    dest_place, met_in, host_ref = opening, True, None
                    host = opening.country
            stop: PlaceRef | None = None
            if mode == "meet" and not met_in:
                # "Fiji, where they met with Prime Minister Frank Bainimarama": a stop of the trip
                stop = next((pl for pl in reversed(sent.places) if pl.country and pl.end <= t_start and _WHERE_MET.fullmatch(text, pl.end, t_start)), None)
                trip = next((f for f in reversed(found) if f.party not in (None, stop.country)), None) if stop is not None else None
                if stop is not None and trip is not None:
                    # "they" are the travellers of the trip reported before, not the state named before them
                    dest_place, met_in, host_ref = stop, True, None
                    host = stop.country
                    party, person, pref, party_ref = trip.party, trip.person, None, None
                else:
                    stop = None
            if mode == "meet" and not met_in:
                # "met with X of the ROK on October 24 in Washington": the place met in, past the guest's state
                where_met = next(
                    (
                        pl
                        for pl in sent.places
                        if t_end <= pl.start < hi
                        and pl.country
                        and (
                            (pl.kind != "country" and _IN_BEFORE.search(text, max(sent.start, pl.start - 6), pl.start))
                            # "in Sal, Cabo Verde": a town no vocabulary knows, then its country
                            or (pl.kind == "country" and _IN_TOWN_OF.search(text, max(sent.start, pl.start - 40), pl.start))
                        )
                    ),
                    None,
                )
                if where_met is None:
                    # "met with Philippine Secretary X, ..., and Philippine National Security Advisor Y in
                    # Washington, DC today": past a list of guests, the place met in
                    where_met = next((pl for pl in sent.places if hi <= pl.start and pl.country and pl.kind != "country" and _GUESTS_THEN_PLACE.fullmatch(text, t_end, pl.start)), None)
                if where_met is not None:
                    dest_place, met_in = where_met, True
                    if host is None:
                        host = where_met.country  # past the clause: "met with A, B, and C today in Tel Aviv"
            if mode == "meet" and seat_ref is None and not met_in:
                _follow_up(an, sent, found)  # a meeting during a known visit adds counterparts
                continue
            if mode == "meet":
                # "met with Prime Minister Rutte of the Netherlands at the White House", "... met with
                # Director Shin of the ROK in Washington": the guest is whoever in the meeting serves
                # another state than the place's.
                where = seat_ref.code if seat_ref is not None else (dest_place.country if dest_place is not None else None)
                guest_ref = next((p for p in sent.persons if lo <= p.start < hi and p.person.country not in (None, where)), None)
                if where is not None and guest_ref is not None and party in (None, where) and stop is None:
                    person, pref, party_ref = guest_ref.person, guest_ref, None
                    party, host = guest_ref.person.country, where
                    host_ref = seat_ref
                if seat_ref is not None and host != seat_ref.code:
                    continue
            # "We, the leaders of Japan, the Philippines, and the United States ... We gather today in
            # Washington": every party of the statement from elsewhere is a visitor
            voice_guests: list[str] = []
            if mode == "meet" and met_in and host is not None and len(an.voice) >= 2 and _WE_SUBJECT.search(text, max(lo, t_start - 20), t_start):
                voice_guests = [code for code in an.voice if code != host]
                if voice_guests:
                    person, pref, party_ref = None, None, None
                    party = voice_guests[0]
            # "President Biden and Nordic leaders met in Helsinki", "the Presidents of Latvia and Poland
            # and the Prime Ministers of Estonia and Lithuania met in Riga": each state of the subject
            # travelled (the host's own stays home)
            subject_guests: list[str] = []
            if mode == "meet" and met_in and host is not None and not voice_guests:
                subject_guests = [c for c in dict.fromkeys(_group_members(sent, lo, t_start) + _subject_states(an, sent, lo, t_start)) if c != host]
                if party is None and subject_guests:
                    party = subject_guests[0]
                    party_ref = next((r for r in sent.actors if r.code == party and lo <= r.start < t_start), None)
            if party is None or (host is not None and host == party):
                continue
            prior: _Found | None = None
            if host is None:
                prior = next((f for f in reversed(found) if f.party == party), None)
                if prior is None and mode == "go" and person is not None and not _UNKNOWN_PLACE_AFTER.match(text, t_end):
                    # (not past a named place the vocabularies do not know: "visiting Kenosha, Wisconsin")
                    host_ref = _context_host(an, sent, party, t_start)
                    host = host_ref.code if host_ref else None
                if prior is None and host is None:
                    continue
            if host is None and prior is not None:
                _attach(an, sent, prior, rule, t_start, t_end, person=person, pref=pref)
                continue
            if host is None or host == party:
                continue
            visitor = person_actor(an, person, pref, f"{rule}.visitor") if person else (actor_with_evidence(an, party_ref, f"{rule}.visitor") if party_ref else None)
            if voice_guests:
                visitor = _leader_of(an, party, rule)
            host_actor = Actor(name=display_name(host), type="state", code=host)
            if host_ref is not None:
                host_actor.evidence = an.evidence(host_ref.start, host_ref.end, f"{rule}.host")
            elif dest_place is not None:
                host_actor.evidence = an.evidence(dest_place.start, dest_place.end, f"{rule}.host")
            rec = Visit(visitor=visitor, visitor_party=party, host=host_actor, evidence=[clause_evidence(an, sent, min(t_start, pref.start if pref else t_start), t_end, rule)])
            if _CANCELLED.search(text, max(sent.start, t_start - 40), min(sent.end, t_end + 40)):
                rec.status = VisitStatus.cancelled
            elif (
                FUTURE.search(pre[-45:])
                or trig.group(0).startswith(("will ", "would "))
                or _UPCOMING.search(text, max(sent.start, t_start - 25), t_start)
                or _NEXT_AFTER.match(text, t_end)
            ):
                rec.status = VisitStatus.planned
            elif _UNDER_WAY.search(text, max(sent.start, t_start - 25), t_end):
                rec.status = VisitStatus.ongoing
            f = _Found(rec, party, host, person)
            _fill(an, sent, f, rule, t_start, hi, person)
            if seat_ref is not None and seat is not None and host == seat_ref.code and not rec.places:
                # The seat named as the meeting's place is a place visited ("at the White House").
                rec.places.append(Place(name=seat.group(1), kind="facility", country=host, evidence=an.evidence(seat.start(1), seat.end(1), f"{rule}.place")))
            found.append(f)
            companions = _companions(an, sent, pref, hi, host) if mode == "go" and pref is not None else []
            if mode in ("host", "meet") and pref is not None:
                # "will welcome X of Japan and Y of the ROK", "A of the U.S., B of Japan and C of the
                # Philippines gathered in Tokyo": every guest from another state visits.
                # Not past a purpose clause: "... to hold President Putin accountable" names no guest.
                purpose = _PURPOSE.search(text, t_end, hi)
                guests_end = purpose.start() if purpose is not None else hi
                companions = [
                    g for g in sent.persons
                    if g.person is not pref.person and g.via in ("name", "surname") and lo <= g.start < guests_end
                    and g.person.country not in (None, host, party)
                ]
            if mode != "go":
                # In a meeting, the host's officials named in it are the counterparts met; fellow
                # guests are not.
                rec.met_with = [a for a in rec.met_with if a.country in (None, host)]
                names = {a.name for a in rec.met_with}
                for r in sent.persons:
                    if lo <= r.start < hi and r.person.country == host and r.person is not person and r.person.name not in names and r.via in ("name", "surname"):
                        rec.met_with.append(person_actor(an, r.person, r, f"{rule}.met_with"))
                        names.add(r.person.name)
            if voice_guests:
                # each guest party's leader is its visitor, and meets the other parties' leaders
                leaders = [_leader_of(an, code, rule) for code in an.voice]
                rec.met_with = [a for a in leaders if a.type == "person" and a.country != party]
                for code in voice_guests[1:]:
                    extra = rec.model_copy(deep=True, update={"visitor_party": code, "visitor": _leader_of(an, code, rule)})
                    extra.met_with = [a for a in leaders if a.type == "person" and a.country != code]
                    found.append(_Found(extra, code, host, None))
            for code in subject_guests:
                if code != party:
                    extra = rec.model_copy(deep=True, update={"visitor_party": code, "visitor": _leader_of(an, code, rule), "met_with": []})
                    found.append(_Found(extra, code, host, None))
            seen_parties = {party}
            for comp in companions:
                # "the visits of Secretary Blinken and Secretary Austin to Japan": each visitor's visit.
                comp_party = comp.person.country or party
                if mode != "go" and comp_party in seen_parties:
                    continue
                seen_parties.add(comp_party)
                extra = rec.model_copy(deep=True, update={"visitor_party": comp_party})
                extra.visitor = person_actor(an, comp.person, comp, f"{rule}.visitor")
                extra.met_with = [a for a in extra.met_with if a.name != comp.person.name and a.country in (None, host)]
                found.append(_Found(extra, comp_party, host, comp.person))
            anchor = host_ref if host_ref is not None else dest_place
            if mode == "go" and anchor is not None:
                # "traveled to Djibouti, Somalia, Kenya, and Niger": one visit per state of the list.
                # (past the clause: "visited Wellington, New Zealand; Port Moresby, Papua New Guinea; ...")
                for code, start, end, city in _more_hosts(an, sent, anchor.end, sent.end, {party, host}):
                    extra = rec.model_copy(deep=True)
                    extra.host = Actor(name=display_name(code), type="state", code=code)
                    extra.host.evidence = an.evidence(start, end, f"{rule}.host")
                    extra.places = [pl for pl in extra.places if pl.country == code]
                    if city is not None and all(pl.name != city.name for pl in extra.places):
                        extra.places.append(place(an, city, f"{rule}.place"))  # "Port Moresby, Papua New Guinea"
                    found.append(_Found(extra, party, code, person))
            if stop is None:
                break  # one visit per sentence, but for a list of a trip's stops
    _counterparts(an, found)
    visits = _merge(found)
    _lead_date(an, visits)
    return visits


_COMPANION_GAP = re.compile(r"\s(?:and|as well as)\s(?:[A-Z][\w.-]*\s(?:of\s(?:the\s)?)?){0,5}")


def _companions(an: Analysis, sent: Sentence, pref: PersonRef, hi: int, host: str | None) -> list[PersonRef]:
    """Persons of the visitor's own state named with it ("X and Secretary of Defense Y"): fellow visitors."""
    out: list[PersonRef] = []
    prev_end = pref.end
    for r in sent.persons:
        if r.start < prev_end or r.start >= hi or r.person is pref.person:
            continue
        if not _COMPANION_GAP.fullmatch(an.text, prev_end, r.start) or r.person.country != pref.person.country or r.person.country == host:
            break
        out.append(r)
        prev_end = r.end
    return out


_LIST_GAP = re.compile(r"[,;]\s(?:and\s)?(?:the\s)?|\s(?:and|as well as)\s(?:the\s)?")


_LIST_SKIP = re.compile(r"[,;]\s(?:and\s)?(?:the\s)?(?:[A-Z][\w'’-]{1,20}\s){0,2}[A-Z][\w'’-]{1,20}" + _LIST_GAP.pattern)
"""A list of destinations past one that is no state: "Belgium, Israel, the West Bank, United Arab Emirates"."""


def _more_hosts(
    an: Analysis, sent: Sentence, after: int, hi: int, skip: set[str | None]
) -> list[tuple[str, int, int, PlaceRef | None]]:
    """The further states of a list of destinations, in order: (code, start, end, city named) of each."""
    items: list[tuple[int, int, str, PlaceRef | None]] = [
        (a.start, a.end, a.code, None) for a in sent.actors if a.type == "state" and a.via in ("name", "capital")
    ]
    items += [(p.start, p.end, p.country, p if p.kind == "city" else None) for p in sent.places if p.country and p.kind in ("city", "country")]
    items.sort(key=lambda item: (item[0], item[1], item[3] is None))  # a capital as its city, named
    out: list[tuple[str, int, int, PlaceRef | None]] = []
    prev = after
    for start, end, code, city in items:
        if start < prev:
            continue
        if start >= hi or not (_LIST_GAP.fullmatch(an.text, prev, start) or _LIST_SKIP.fullmatch(an.text, prev, start)):
            break
        prev = end
        if code not in skip and code not in {c for c, *_ in out}:
            out.append((code, start, end, city))
    return out


def _counterparts(an: Analysis, found: list[_Found]) -> None:
    """Officials of the host named together with the visitor ("X and his counterpart Y signed
    ...") are counterparts the visitor met, wherever the article says so."""
    # Sentences by the persons they name, once: each (visitor, host) pair then reads only its own
    # sentences, and once, so the pass stays linear however often a visit is mentioned.
    sentences_of: dict[int, list[Sentence]] = {}
    for sent in an.sentences:
        for pid in {id(r.person) for r in sent.persons}:
            sentences_of.setdefault(pid, []).append(sent)
    met: dict[tuple[int, str], list[tuple[Person, PersonRef]]] = {}
    for f in found:
        if f.person is None or f.host is None:
            continue
        pair = (id(f.person), f.host)
        if pair not in met:
            seen: set[str] = set()
            met[pair] = []
            for sent in sentences_of.get(id(f.person), []):
                for r in sent.persons:
                    p = r.person
                    if p is f.person or p.name in seen or r.via not in ("name", "surname") or p.country != f.host:
                        continue
                    if p.title is None and p.rank is None:
                        continue
                    met[pair].append((p, r))
                    seen.add(p.name)
        rec = f.record
        names = {a.name for a in rec.met_with}
        for p, r in met[pair]:
            if p.name not in names:
                rec.met_with.append(person_actor(an, p, r, "visit.counterpart", country=f.host))
                names.add(p.name)


def _lead_date(an: Analysis, visits: list[Visit]) -> None:
    """A visit whose sentences give no date happened on the story's day: the first full date of
    the article's opening sentences (news reports the visit it is about)."""
    if not any(v.date is None for v in visits):
        return
    lead = story_date(an)
    if lead is None:
        return
    for v in visits:
        if v.date is None and v.status in (VisitStatus.completed, VisitStatus.ongoing):  # a planned visit is not on the story's day
            v.date = date_value(an, lead, "visit.date.lead")


_IN_BEFORE = re.compile(r"\b(?:in|to|at)\s+$")
_IN_TOWN_OF = re.compile(r"\bin\s(?:[A-Z][\w'-]{1,30}\s){0,2}[A-Z][\w'-]{1,30},\s(?:the\s)?$")
_INVITED = re.compile(r"\binvit(?:ed|es|ing|ation)\b[^.;]{0,60}?\bto\s$|\binvitation\sto\s(?:\w+\s){0,3}$")
_CANCELLED = re.compile(r"\b(?:cancel(?:l)?ed|called off|postponed|scrapped|put off|shelved)\b")
_UNDER_WAY = re.compile(r"\b(?:is|are)\s(?:currently\s)?(?:visiting|on\s(?:an?|his|her|their)\s)|\bcurrently\s(?:visiting|in)\b")
_NEXT_AFTER = re.compile(r"(?:\s(?:\w+\s){0,3}?)?(?:next|later\sthis|this\scoming)\s(?:week|month|year|spring|summer|autumn|fall|winter)\b")
"""A visit said to come "next week" (right after the trigger: "state visit next week to")."""
_UPCOMING = re.compile(r"\b(?:upcoming|forthcoming|planned|scheduled|next|looks? forward to|looking forward to)\s(?:[a-z-]+\s)?$")
# The seat of a government named as where a meeting took place: "at the White House", "in the Kremlin".
_SEAT = re.compile(r"\b(?:at|in|to)\s+(?:the\s+)?(White House|Kremlin|Elys[eé]e(?: Palace)?|Blue House|Oval Office|Pentagon|Zhongnanhai|Camp David|Chequers)\b")
_RETREATS = {"Camp David": "USA", "Chequers": "GBR"}
"""Leaders' retreats where guests are received: places of the host state, not metonyms."""
_BY_AFTER = re.compile(r"\s(?:by|from)\s")


def _fill(an: Analysis, sent: Sentence, f: _Found, rule: str, t_start: int, hi: int, person: Person | None) -> None:
    """Dates, places, counterparts and purpose from a visit sentence."""
    rec = f.record
    text = an.text
    for d in sent.dates:
        if d.role == "since":
            continue
        if d.role == "range_end" and rec.end is None:
            rec.end = date_value(an, d, f"{rule}.end")
        elif rec.date is None and d.role in ("point", "range_start"):
            rec.date = date_value(an, d, f"{rule}.date")
    _add_places(an, sent, f, rule, sent.start)
    _add_met(an, sent, f, rule, person)
    if rec.purpose is None:
        m = _PURPOSE.search(text, t_start, sent.end)
        if m:
            rec.purpose = m.group(0).strip().rstrip(",")


def _add_places(an: Analysis, sent: Sentence, f: _Found, rule: str, lo: int) -> None:
    rec = f.record
    names = {p.name for p in rec.places}
    for pl in sent.places:
        if pl.start < lo or pl.kind in ("country", "region", "sea") or pl.name in names:
            continue
        if _PLACE_BLOCK.search(an.text[max(sent.start, pl.start - 12) : pl.start]) and pl.kind != "facility":
            continue
        if pl.kind == "city" and f.host and pl.country and pl.country != f.host:
            continue
        rec.places.append(place(an, pl, f"{rule}.place"))
        names.add(pl.name)


def _add_met(an: Analysis, sent: Sentence, f: _Found, rule: str, person: Person | None) -> None:
    rec = f.record
    names = {a.name for a in rec.met_with}
    visitor_name = rec.visitor.name if rec.visitor else None
    for p in sent.persons:
        if p.person is person or p.person.name == visitor_name or p.person.name in names or p.via in ("pronoun", "pair"):
            continue
        before = an.text[max(sent.start, p.start - 120) : p.start]
        if _MEET_BEFORE.search(before) or (p.via == "name" and f.host and p.person.country == f.host):
            rec.met_with.append(person_actor(an, p.person, p, f"{rule}.met_with", country=f.host))
            names.add(p.person.name)


def _attach(an: Analysis, sent: Sentence, f: _Found, rule: str, t_start: int, t_end: int, person: Person | None = None, pref: PersonRef | None = None) -> None:
    """A later mention of a known visit: add its evidence and whatever new it says."""
    f.record.evidence.append(an.evidence(t_start, t_end, rule))
    if person is not None and (f.record.visitor is None or f.record.visitor.type != "person"):
        f.record.visitor = person_actor(an, person, pref, f"{rule}.visitor")
        f.person = person
    _fill(an, sent, f, rule, t_start, sent.end, f.person)


def _follow_up(an: Analysis, sent: Sentence, found: list[_Found]) -> None:
    """A later sentence about the visitor ("Lenski met ...", "the minister toured ...") adds the
    facilities and counterparts it names."""
    for f in reversed(found):
        if f.person is not None and any(r.person is f.person for r in sent.persons):
            if any(p.kind == "facility" for p in sent.places):
                _add_places(an, sent, f, "visit.follow_up", sent.start)
            _add_met(an, sent, f, "visit.follow_up", f.person)
            return


def _merge(found: list[_Found]) -> list[Visit]:
    """One record per (visiting party, host); later ones add evidence and missing slots."""
    kept: dict[tuple[str | None, str | None], _Found] = {}
    for f in found:
        key = (f.party, f.host)
        if key not in kept:
            kept[key] = f
            continue
        t, r = kept[key].record, f.record
        t.evidence.extend(r.evidence)
        if (t.visitor is None or t.visitor.type != "person") and r.visitor is not None and r.visitor.type == "person":
            t.visitor = r.visitor
        for slot in ("date", "end", "purpose"):
            if getattr(t, slot) is None and getattr(r, slot) is not None:
                setattr(t, slot, getattr(r, slot))
        have = {p.name for p in t.places}
        t.places.extend(p for p in r.places if p.name not in have)
        met = {a.name for a in t.met_with}
        t.met_with.extend(a for a in r.met_with if a.name not in met)
    return [f.record for f in kept.values()]
