"""Agreements: treaties, plans, roadmaps, contracts and arms deals between parties."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import Field

from geodefence.kinds import agreement_rules as RULES
from geodefence.kinds._base import Record
from geodefence.kinds._common import (
    DENIAL,
    FUTURE,
    HYPOTHETICAL,
    LED,
    NEGATION,
    actor_with_evidence,
    clause_bounds,
    date_value,
    distinct,
    implied_ref,
    in_quotes_or_attribution,
    person_actor,
    place,
    row_of,
    story_date,
)
from geodefence.kinds._common import (
    counterpart as counterpart_of,
)
from geodefence.parts import Actor, DateValue, Place, Quantity, StrEnum
from geodefence.text.analysis import LEAD_SENTENCES, ActorRef, Analysis, Sentence


class AgreementType(StrEnum):
    """What kind of instrument the agreement is.

    - ``treaty``: a treaty or pact.
    - ``agreement``: an agreement or accord not otherwise typed.
    - ``memorandum``: a memorandum of understanding or of cooperation.
    - ``plan``: a cooperation plan or programme of joint activities.
    - ``roadmap``: a roadmap.
    - ``partnership``: a (strategic) partnership declared as such.
    - ``contract``: a procurement or service contract.
    - ``arms_deal``: a sale or transfer of weapons or platforms.
    - ``ceasefire``: a ceasefire, truce, armistice or cessation of hostilities (since 1.1.0).
    - ``other``: anything else (a declaration, a protocol).
    """

    treaty = "treaty"
    agreement = "agreement"
    memorandum = "memorandum"
    plan = "plan"
    roadmap = "roadmap"
    partnership = "partnership"
    contract = "contract"
    arms_deal = "arms_deal"
    ceasefire = "ceasefire"
    other = "other"


class AgreementStatus(StrEnum):
    """Where the agreement stands, as the text reports it.

    - ``proposed``: offered, drafted, under negotiation, or planned to be signed.
    - ``announced``: announced, launched or initiated without a reported signature.
    - ``signed``: signed or concluded.
    - ``ratified``: ratified or approved by a legislature.
    - ``in_force``: reported as in force or being implemented.
    - ``reaffirmed``: an existing agreement reaffirmed, renewed or extended.
    - ``suspended``: suspended or frozen.
    - ``terminated``: ended, withdrawn from, left or expired.
    """

    proposed = "proposed"
    announced = "announced"
    signed = "signed"
    ratified = "ratified"
    in_force = "in_force"
    reaffirmed = "reaffirmed"
    suspended = "suspended"
    terminated = "terminated"


class Provision(StrEnum):
    """What an agreement covers.

    - ``arms_supply``: delivery or sale of weapons and equipment.
    - ``military_assistance``: aid, advice or support to forces.
    - ``joint_research``: joint research, development or production.
    - ``training``: training and education of personnel.
    - ``joint_exercises``: joint exercises and drills.
    - ``intelligence_sharing``: exchange of intelligence or information.
    - ``technology_transfer``: transfer of technology or licences.
    - ``maintenance``: maintenance, repair and logistics.
    - ``basing``: basing, access or port calls.
    - ``border_security``: border protection.
    - ``counterterrorism``: counterterrorism and counter-extremism.
    - ``cybersecurity``: cyber defence.
    - ``peacekeeping``: peacekeeping.
    - ``other``: anything else.
    """

    arms_supply = "arms_supply"
    military_assistance = "military_assistance"
    joint_research = "joint_research"
    training = "training"
    joint_exercises = "joint_exercises"
    intelligence_sharing = "intelligence_sharing"
    technology_transfer = "technology_transfer"
    maintenance = "maintenance"
    basing = "basing"
    border_security = "border_security"
    counterterrorism = "counterterrorism"
    cybersecurity = "cybersecurity"
    peacekeeping = "peacekeeping"
    other = "other"


class Agreement(Record):
    """An agreement between two or more parties (states or organisations)."""

    parties: list[Actor] = Field(
        default_factory=list, description="The states or organisations bound by the agreement."
    )
    name: str | None = Field(default=None, description="The agreement's name or description as written.")
    agreement_type: AgreementType = Field(default=AgreementType.agreement, description="What kind of instrument it is.")
    status: AgreementStatus = Field(default=AgreementStatus.announced, description="Where it stands, as reported.")
    date: DateValue | None = Field(default=None, description="When it was signed or announced.")
    valid_from: DateValue | None = Field(default=None, description="When it takes effect, if stated.")
    valid_until: DateValue | None = Field(default=None, description="When it ends or runs until, if stated.")
    signatories: list[Actor] = Field(default_factory=list, description="Persons who signed or formalised it.")
    mediators: list[Actor] = Field(
        default_factory=list,
        description="States or organisations that brokered, mediated or hosted the talks; never parties (since 1.1.0).",
    )
    location: Place | None = Field(default=None, description="Where it was signed or announced.")
    provisions: list[Provision] = Field(default_factory=list, description="What it covers.")
    quantities: list[Quantity] = Field(default_factory=list, description="Counts it states (activities, units, value).")


# --- extraction -------------------------------------------------------------------------------

_MAX_GAP = 90  # characters between an instrument noun and its status verb
_BY_WORD = re.compile(r"\b(?:by|between|with)\b")
_BY_PERSON = re.compile(r"\b(?:by|between)\s+(?:[A-Z][\w.'-]*\s+){0,8}$")
_LOCATION_BEFORE = re.compile(r"\b(?:in|at|visit to|trip to|visiting)\s+$")
_MODIFIER = re.compile(r"(?:(?<![\w.])(?:[A-Z][\w-]{0,25}|[A-Z]\.[A-Z]\.(?:-[A-Z][\w-]{0,25})?|[a-z][a-z-]{2,25})\s){0,7}$")
_NAME_TAIL = re.compile(
    r"\s(?:on|of|for)\s(?:the\s)?(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|"
    r"July|August|September|October|November|December)\b)(?:[A-Z][\w-]{0,25}\s?){1,6}"
)
_NOT_PARTY_BEFORE = re.compile(
    r"\b(?:against|amid|despite|toward|towards|from|over|about|regarding|than|like|on|in|at|including|versus|vs|ahead of|under|"
    r"brokered by|mediated by|facilitated by|hosted by|witnessed by)\s+(?:the\s)?$"
)
_PLACE_APPOSITION = re.compile(r"'s?\s(?:capital|largest\scity|second\scity|main\sport|commercial\scapital)\b")
_BROKERED_BY = re.compile(r"\b(?:brokered|mediated|facilitated|hosted|negotiated)\s+by\s+(?:the\s)?$|\b(?:with|through|under)\s+the\s+mediation\s+of\s+(?:the\s)?$")
_BROKER_SUFFIX = re.compile(r"-(?:brokered|mediated|facilitated)\b")
"""A broker named in a compound: "a UN-brokered truce", "the Qatar-mediated deal"."""
_BROKER_VERB = re.compile(r"\b(?:help(?:ed|s)?\s+)?(?:broker(?:ed|s)?|mediat(?:ed|es)|facilitat(?:ed|es)|hosted\s+(?:the\s+)?talks)\b(?=[^.;]{0,80}\bbetween\b)")
# Statuses that make no record for a kind of instrument: a partnership "reaffirmed" or "discussed"
# is a relationship talked about, not an instrument concluded.
_NOT_A_RECORD: dict[str, tuple[str, ...]] = {
    "partnership": ("proposed", "reaffirmed"),
    # "reaffirmed the Mutual Defense Treaty": a background reference to an existing treaty.
    "treaty": ("reaffirmed",),
    # "a proposal for an immediate ceasefire", "negotiations on a truce": none is agreed yet.
    "ceasefire": ("proposed",),
}
_AGREED_TO_MEET = re.compile(r"\s(?:to\s)?(?:meet|talk|speak|stay|remain|continue|keep|hold|convene|reconvene)\b")
"""What was agreed is a meeting or talks, not the partnership named after it."""
# A proposal only talked about ("discussed the deepening partnership", "talks on a framework").
_ONLY_TALKED = re.compile(r"discuss|talks on")
_COMPANY = re.compile(r"\s(?:[a-z-]+\s){0,2}(?:manufacturer|company|firm|maker|shipbuilder|shipyard|contractor|group|conglomerate|supplier|producer|consortium|start-up|startup)s?\b")


@dataclass
class _Found:
    record: Agreement
    parties: frozenset[str]
    anaphoric: bool
    name_words: frozenset[str]
    headline: bool = False


def _type_of(m: re.Match[str]) -> tuple[str, str]:
    rule, _pattern, value = row_of(m, RULES.INSTRUMENTS)
    return rule, value


def _status_of(m: re.Match[str]) -> tuple[str, str]:
    rule, _pattern, value = row_of(m, RULES.STATUSES)
    return rule, value


def _name(an: Analysis, noun: re.Match[str], sent: Sentence) -> tuple[str, int]:
    """The agreement's name: modifiers before the head noun, plus a capitalised 'on/of X' tail."""
    s = sent.start + noun.start()
    e = sent.start + noun.end()
    mod = _MODIFIER.search(an.text, max(sent.start, s - 160), s)
    start = s
    if mod:
        words = mod.group(0).split()
        # Keep modifiers up to a determiner, verb-like word or actor name.
        keep: list[str] = []
        for w in reversed(words):
            if w.lower() in ("a", "an", "the", "this", "that", "its", "their", "new", "signed", "and", "of", "to", "on", "with", "both", "two", "newly") or (w.endswith("ed") and w.islower()):
                break
            keep.append(w)
        if keep:
            start = s - len(" ".join(reversed(keep))) - 1
    tail = _NAME_TAIL.match(an.text, e)
    if tail and tail.end() <= sent.end:
        e = tail.end()
    return an.text[start:e].strip(), start


_SUBORDINATE = re.compile(
    r"\s(?:after|before|since|because|although|though|whereas|until|once|when|while)\s(?=(?:the\s)?[A-Z])"
    r"|\s(?:that|which)\s(?:would|could|might)\s"  # "a line that would make the sea between Crete and Cyprus ..."
    r"|\s(?:after|following)\s(?:[\w-]{1,30}\s){0,2}?(?:talks|negotiations|mediation)\s(?:hosted|led|mediated|chaired|brokered)\b"  # "... after talks hosted by Malaysia"
)
# An instrument only wanted or weighed: "the imperative of concluding an agreement", "efforts to
# pursue a roadmap", "signing the protocol would cause a decline".
_ONLY_WANTED = re.compile(
    r"\b(?:imperative|need|necessity|importance|urgency|goal|aim|efforts?|push|bid|calls?|urged|urging|pressed|pressing)\s(?:of|to|for)\s"
    r"(?:[\w-]+\s){0,6}$"
)
_COMPANY_AFTER = re.compile(r",?\s(?:Inc|Ltd|LLC|Corp|Co|PLC|GmbH)\b")
_NOT_A_SIGNING = re.compile(r"conclusion\sof\s(?:his|her|their|its)\s")
_GENERIC_PLURAL = re.compile(r"(?i:agreements|deals|treaties|accords|arrangements|memoranda|contracts|pacts)")
_NAMED_BEFORE = re.compile(r"(?:[A-Z][\w.'’-]{0,30}\s){1,5}$")
"""A capitalised name before a plural instrument noun ("the Abraham Accords", "the Minsk agreements")."""
_SIDES_AGREED = re.compile(r"agreed|accept|reach|sign|conclu|struck|seal|clinch|inked")
"""Verbs whose subject are a ceasefire's sides ("Israel and Lebanon have accepted a cessation of
hostilities"); who welcomes, renews or announces a truce is often a third party."""
_BACKED_BY = re.compile(r"\b(?:endorsed|backed|supported|welcomed|championed)\sby\s|\b(?:backing|support|endorsement)\sof\s")
"""From here on a clause names who backs an instrument, not its parties."""
_SET_UP_BEFORE = re.compile(
    r"\bagreed\sto\s(?:launch|establish|inaugurate|create|set\sup|form|convene)\s(?:an?\s|the\s)?(?:[\w-]{1,30}\s){0,4}$"
)
"""What makes a dialogue or working group an agreement: the parties agreed to set it up."""
_WANTED_BETWEEN = re.compile(r"\b(?:willingness|readiness|intention|desire|wish|determination)\sto\s")
_WOULD_AFTER = re.compile(r"\s(?:would|could|might)\s")


def _parties(an: Analysis, sent: Sentence, lo: int, hi: int) -> list[ActorRef]:
    out = []
    backers = _BACKED_BY.search(an.text, lo, hi)
    for r in sent.actors:
        if not lo <= r.start < hi or in_quotes_or_attribution(an, sent, r):
            continue
        if backers is not None and r.start >= backers.start():
            continue  # "the deal ... has been endorsed by the G7, Saudi Arabia, Jordan": backers, not parties
        before = an.text[max(sent.start, r.start - 14) : r.start]
        if _NOT_PARTY_BEFORE.search(before) and r.via not in ("person",):
            continue
        if LED.match(an.text[r.end : r.end + 8]):
            continue
        if _PLACE_APPOSITION.match(an.text, r.end):
            continue  # "met in Niamey, Niger's capital": the venue, not a party
        if an.text.startswith(" membership", r.end):
            continue  # "a key part of Ukraine's bridge to NATO membership": a goal, not a party
        if r.via == "adjective" and _COMPANY.match(an.text, r.end):
            continue  # "an Italian manufacturer": a company, not a state party
        out.append(r)
    return distinct(out)


_BETWEEN = re.compile(r"\s(?:[\w-]+\s){0,3}?between\s")
_PAIR_GAP = re.compile(r"\s?[-\u2013\u2014/]\s?")
_AND_GAP = re.compile(r",?\s(?:and\s)?(?:the\s)?|,\s")


def _named_parties(an: Analysis, sent: Sentence, n_start: int, n_end: int, hi: int) -> list[ActorRef]:
    """The parties an instrument's own words name: "between A and B" right after the noun, or a
    compound "A-B" (hyphen or dash) right before it; empty when it names none."""
    states = [r for r in sent.actors if r.type in ("state", "organization", "other") and r.via in ("name", "adjective", "capital")]
    between = _BETWEEN.match(an.text, n_end)
    if between is not None:
        listed = [r for r in states if between.end() <= r.start < hi]
        out = listed[:1]
        for r in listed[1:]:
            if not _AND_GAP.fullmatch(an.text, out[-1].end, r.start):
                break
            out.append(r)
        return distinct(out)
    before = [r for r in states if r.end <= n_start and n_start - r.end <= 40]
    if len(before) >= 2 and _PAIR_GAP.fullmatch(an.text, before[-2].end, before[-1].start):
        # "the Egypt-Israel peace treaty", "the United States-Mexico-Canada Agreement": the whole chain
        chain = before[-2:]
        for r in reversed([r for r in states if r.end <= chain[0].start]):
            if not _PAIR_GAP.fullmatch(an.text, r.end, chain[0].start):
                break
            chain.insert(0, r)
        return distinct(chain)
    signers = [r for r in sent.actors if r.end <= n_start and r.via != "pronoun"]
    if signers and _SIGNERS_BEFORE.fullmatch(an.text, signers[-1].end, n_start):
        out = [signers[-1]]
        for r in reversed(signers[:-1]):
            if not _AND_GAP.fullmatch(an.text, r.end, out[0].start):
                break
            out.insert(0, r)
        return distinct(out)
    return []


_SIGNERS_BEFORE = re.compile(r"(?:'s|’s|s')?\s(?:signing|signature|conclusion|ratification)\s(?:of\s)?(?:an?\s|the\s)?(?:[\w-]{1,30}\s){0,5}?")
"""From the signers to their instrument: "Japan and Australia's signing of the Reciprocal Access
Agreement", "China and the Solomon Islands signing a bilateral security agreement"."""
_AGENT_VERB = re.compile(r"\s(?:also\s)?(?:reaffirms|reiterates|establishes|launches|initiates|adopts|approves|endorses)\b")
"""The instrument as the subject of a verb that is not its status: "The agreement reaffirms ..."."""
_BILATERAL = re.compile(r"\bbilateral\s(?:[\w-]+\s){0,3}$")


def _mediators(an: Analysis, sent: Sentence, lo: int, hi: int) -> list[ActorRef]:
    """Who brokered it, never a party: "brokered by Qatar", "mediated by the AU", and the subject of
    "Qatar helped broker a deal between Israel and Hamas" or "Turkey hosted talks between ..."."""
    out = [
        r
        for r in sent.actors
        if lo <= r.start < hi and (_BROKERED_BY.search(an.text, max(sent.start, r.start - 30), r.start) or _BROKER_SUFFIX.match(an.text, r.end))
    ]
    verb = _BROKER_VERB.search(an.text, lo, hi)
    if verb is not None:
        out += [r for r in sent.actors if lo <= r.start < verb.start() and r.via != "pronoun"]
    return distinct(out)


def _apply_mention(an: Analysis, sent: Sentence, rec: Agreement, lo: int, hi: int, verb_pos: int, rule: str) -> None:
    """Fill dates, signatories, place, provisions and counts from one mention's clause."""
    text = an.text
    for d in sent.dates:
        if not lo <= d.start < hi:
            continue
        prefix = text[max(sent.start, d.start - 12) : d.start].lower()
        if d.role in ("until", "range_end") and rec.valid_until is None:
            rec.valid_until = date_value(an, d, f"{rule}.valid_until")
        elif d.role == "since":
            continue
        elif d.role == "range_start" and rec.valid_from is None and "from" in prefix:
            rec.valid_from = date_value(an, d, f"{rule}.valid_from")
        elif (
            d.role == "point"
            and rec.date is None
            and verb_pos >= 0
            and not prefix.rstrip().endswith(("for", "by", "to", "until", "through", "till"))
            and abs(d.start - verb_pos) < 120
        ):
            rec.date = date_value(an, d, f"{rule}.date")
    names = {a.name for a in rec.signatories}
    for p in sent.persons:
        if not lo <= p.start < hi or p.person.name in names:
            continue
        before = text[max(sent.start, p.start - 60) : p.start]
        subject = p.start < verb_pos
        by_agent = p.start > verb_pos >= 0 and _BY_WORD.search(text, verb_pos, p.start) is not None
        if (subject or by_agent or _BY_PERSON.search(before) or "between" in before) and verb_pos >= 0:
            rec.signatories.append(person_actor(an, p.person, p, f"{rule}.signatory"))
            names.add(p.person.name)
    if rec.location is None:
        for pl in sent.places:
            if lo <= pl.start < hi and pl.kind in ("city", "facility") and _LOCATION_BEFORE.search(text[max(sent.start, pl.start - 20) : pl.start]):
                rec.location = place(an, pl, f"{rule}.location")
                break
    if rec.location is None and rec.agreement_type not in ("contract", "arms_deal") and verb_pos >= 0:
        rec.location = _nearby_location(an, sent, rule)
    clause = text[lo:hi]
    for pattern, provision in RULES.PROVISION_RE:
        if provision not in rec.provisions and pattern.search(text, lo, sent.end):
            rec.provisions.append(Provision(provision))
    have: set[tuple[float, str]] = {(q.value, q.unit) for q in rec.quantities}
    for m in RULES.COUNT_RE.finditer(clause):
        value = float(m.group(1).replace(",", ""))
        unit = m.group(2)
        if (value, unit) not in have:
            rec.quantities.append(Quantity(value=value, unit=unit, evidence=an.evidence(lo + m.start(), lo + m.end(), f"{rule}.count")))
            have.add((value, unit))
    for m in RULES.MONEY_RE.finditer(clause):
        scale = RULES.MONEY_SCALE.get((m.group(2) or "").lower(), 1.0)
        value = float(m.group(1)) * scale
        unit = "USD" if "$" in m.group(0) or "USD" in m.group(0) else ("EUR" if "€" in m.group(0) or "EUR" in m.group(0) else "GBP")
        if (value, unit) not in have:
            rec.quantities.append(Quantity(value=value, unit=unit, evidence=an.evidence(lo + m.start(), lo + m.end(), f"{rule}.money")))
            have.add((value, unit))


_WHERE_BEFORE = re.compile(r"\b(?:in|to|at|arrived in|visit to|trip to)\s+(?:the\s)?$")


def _nearby_location(an: Analysis, sent: Sentence, rule: str) -> Place | None:
    """Where a signing took place when its sentence does not say: the city the previous
    sentence or the dateline puts the actors in ("arrived in Baku ... the two signed")."""
    if sent.index > 0:
        prev = an.sentences[sent.index - 1]
        for pl in reversed(prev.places):
            if pl.kind in ("city", "facility") and _WHERE_BEFORE.search(an.text[max(prev.start, pl.start - 14) : pl.start]):
                return place(an, pl, f"{rule}.location.context")
    first = an.sentences[0] if an.sentences else None
    if first is not None:
        for m in first.mentions:
            if m.kind in ("capital", "city") and m.text.isupper() and m.start - first.start < 40:
                return Place(name=m.text.title(), country=m.code, kind="city", evidence=an.evidence(m.start, m.end, f"{rule}.location.dateline"))
    return None


def extract(an: Analysis) -> list[Agreement]:
    """Every agreement stated in the article, one record per agreement."""
    found: list[_Found] = []
    text = an.text
    counterpart = counterpart_of(an, an.voice) if an.voice else None
    for sent in an.sentences:
        if not an.is_candidate("agreement", sent):
            continue
        nouns = list(RULES.NOUN_SCAN.finditer(sent.text))
        if not nouns:
            continue
        statuses = list(RULES.STATUS_RE.finditer(sent.text))
        # "The agreement reaffirms ...": what the instrument does, no status of this or any instrument
        acts = [act.end() for n in nouns if (act := _AGENT_VERB.match(sent.text, n.end())) is not None]
        statuses = [st for st in statuses if not any(st.start() < end <= st.end() + 1 for end in acts)]
        used_verbs: set[int] = set()
        for k, noun in enumerate(nouns):
            if noun.group(0).lower().startswith("framework") and k + 1 < len(nouns) and nouns[k + 1].start() - noun.end() <= 40:
                continue  # "a framework for an Interim Agreement": the instrument named next is the one
            noun_rule, agreement_type = _type_of(noun)
            n_abs = sent.start + noun.start()
            if noun_rule == "agr.noun.body" and not _SET_UP_BEFORE.search(text, max(sent.start, n_abs - 80), n_abs):
                continue  # "a dialogue", "the working group" mentioned: no body set up by agreement
            # The status verb nearest to the noun, within reach.
            best = None
            for st in statuses:
                if st.start() in used_verbs:
                    continue
                gap = noun.start() - st.end() if st.end() <= noun.start() else st.start() - noun.end()
                if gap < 0 or gap > _MAX_GAP:
                    continue
                if best is None or gap < best[0]:
                    best = (gap, st)
            if best is None:
                # "The plan runs until 2029": a later mention without a verb adds what it states.
                if found and RULES.ANAPHOR_RE.search(text[max(sent.start, n_abs - 40) : n_abs]):
                    rec = Agreement(name=None, agreement_type=agreement_type, evidence=[an.evidence(n_abs, sent.start + noun.end(), noun_rule + ".anaphor")])
                    lo, hi = clause_bounds(sent, n_abs)
                    _apply_mention(an, sent, rec, lo, hi, -1, noun_rule + ".anaphor")
                    found.append(_Found(rec, frozenset(), True, frozenset()))
                continue
            st = best[1]
            used_verbs.add(st.start())
            status_rule, status = _status_of(st)
            v_abs = sent.start + st.start()
            lo, hi = clause_bounds(sent, min(n_abs, v_abs))
            lo2, hi2 = clause_bounds(sent, max(n_abs, v_abs))
            lo, hi = min(lo, lo2), max(hi, hi2)
            # "entered into an agreement with Syria after Turkey began an offensive": a subordinate
            # clause after the instrument and its verb has parties of its own.
            sub = _SUBORDINATE.search(text, max(n_abs + len(noun.group(0)), v_abs + len(st.group(0))), hi)
            if sub is not None:
                hi = sub.start()
            before_verb = text[lo:v_abs]
            if DENIAL.search(text[sent.start : sent.end]) or NEGATION.search(before_verb[-30:]):
                continue
            if HYPOTHETICAL.search(before_verb[-60:]):
                continue
            if _ONLY_WANTED.search(text, max(sent.start, min(n_abs, v_abs) - 80), min(n_abs, v_abs)):
                continue
            if v_abs < n_abs and _WANTED_BETWEEN.search(text, v_abs, n_abs):
                continue  # "reiterated his willingness to adopt a full ceasefire": wanted, not reaffirmed
            if v_abs < n_abs and _WOULD_AFTER.match(text, sent.start + noun.end()):
                continue
            if (
                status != "signed"
                and _GENERIC_PLURAL.fullmatch(noun.group(0))
                and not _NAMED_BEFORE.search(text, max(sent.start, n_abs - 40), n_abs)
                and not _BETWEEN.match(text, sent.start + noun.end())
            ):
                continue  # "negotiating agreements with Ukraine", "the agreements reached": several, none named or signed
            if _COMPANY_AFTER.match(text, sent.start + noun.end()) or _NOT_A_SIGNING.match(text, v_abs):
                continue  # "African Fertilizer and Agribusiness Partnership, Inc.", "the conclusion of his term"
            if FUTURE.search(before_verb[-40:]) and status in ("signed", "announced", "ratified"):
                status = "proposed"
            mediators = _mediators(an, sent, lo, hi)
            if agreement_type == "partnership" and status == "announced" and st.group(0).startswith("agreed") and _AGREED_TO_MEET.match(text, sent.start + st.end()):
                continue  # "agreed to meet again ... to advance our strong partnership": the meeting is agreed, not a partnership
            if status in _NOT_A_RECORD.get(agreement_type, ()) or (status == "proposed" and _ONLY_TALKED.search(st.group(0))):
                continue  # a partnership only discussed or reaffirmed is no agreement (issue: real text)
            parties = [r for r in _parties(an, sent, lo, hi) if r.code not in {m.code for m in mediators}]
            named_pair = _named_parties(an, sent, n_abs, sent.start + noun.end(), hi)
            if agreement_type == "ceasefire" and _BETWEEN.match(text, sent.start + noun.end()):
                # "a ceasefire between Israel and Gaza-based militants": the sides the truce names are
                # its parties, never the statement that welcomes it; one named side is no record.
                parties = named_pair
            elif agreement_type == "ceasefire" and not (v_abs < n_abs and _SIDES_AGREED.match(st.group(0))):
                continue  # "welcome the ceasefire and reaffirm ...", "renewing the truce": the sides are not named
            elif len(named_pair) >= 2:
                # "the deal brokered between Israel and the UAE", "the Egypt-Israel peace treaty":
                # the parties the instrument names are its parties, whoever else the sentence names.
                parties = named_pair
            codes = frozenset(r.code for r in parties)
            if len(codes) < 2 and counterpart is not None and _BILATERAL.search(text, max(sent.start, n_abs - 40), n_abs):
                # "a bilateral Memorandum of Understanding" in a statement: its voice and the counterpart.
                parties = distinct([*parties, *(implied_ref(n_abs, code) for code in (*an.voice, counterpart))])
                codes = frozenset(r.code for r in parties)
            anaphoric = RULES.ANAPHOR_RE.search(text[max(sent.start, n_abs - 40) : n_abs]) is not None
            single_ok = agreement_type in ("contract", "arms_deal")
            if len(codes) < 2 and not (single_ok and codes) and not (anaphoric and found):
                continue
            rule = f"{noun_rule}+{status_rule}"
            name, name_start = _name(an, noun, sent)
            rec = Agreement(
                name=name,
                agreement_type=agreement_type,
                status=status,
                parties=[actor_with_evidence(an, r, f"{rule}.party") for r in parties],
                mediators=[actor_with_evidence(an, r, f"{rule}.mediator") for r in mediators],
                evidence=[an.evidence(min(name_start, v_abs), max(sent.start + noun.end(), sent.start + st.end()), rule)],
            )
            _apply_mention(an, sent, rec, lo, hi, v_abs, rule)
            words = frozenset(w.lower() for w in re.findall(r"[A-Za-z]+", name)) - RULES.GENERIC_NAME_WORDS
            found.append(_Found(rec, codes, anaphoric, words, headline=sent.text[-1:] not in ".!?\"'"))
    agreements = _merge(found)
    lead = story_date(an)
    if lead is not None and an.sentences:
        lead_end = an.sentences[min(LEAD_SENTENCES, len(an.sentences)) - 1].end
        for a in agreements:
            # An agreement the opening reports (signed, announced) dates from the story's day.
            if a.date is None and a.status in ("signed", "announced") and a.evidence and an.norm.to_original(0, lead_end)[1] >= a.evidence[0].end:
                a.date = date_value(an, lead, "agr.date.lead")
    if an.voice and an.published is not None:
        # An official statement that announces an agreement and dates it nowhere announces it on
        # the day it is published (that date has no evidence in the text: it is the metadata's).
        for a in agreements:
            if a.date is None and a.status in ("signed", "announced"):
                a.date = DateValue(text="publication date", value=an.published.isoformat(), precision="day")
    return agreements


def _conflict(a: _Found, b: _Found) -> bool:
    """The two mentions give different resolved dates."""
    da, db = a.record.date, b.record.date
    return bool(da and db and da.value and db.value and da.value != db.value)


def _same(a: _Found, b: _Found) -> bool:
    """Same parties and the same kind of instrument or a shared distinctive name word.

    A headline ("Somalia, Turkey sign defence pact") names the story's agreement in other words:
    it is the same as the body's first agreement between the same parties.
    """
    if _conflict(a, b):
        return False
    if a.parties != b.parties:
        # "suspension of the CFE Treaty" ... "withdrawal from the CFE Treaty": one named instrument,
        # whatever parties each clause names (they are merged)
        return _proper(a) and _proper(b) and bool(a.name_words) and a.name_words == b.name_words
    if a.headline:
        return True
    if _dated(a) != _dated(b) and not (a.name_words & b.name_words):
        return False  # "signed a status of forces agreement in 2022" is not this year's extension
    if a.name_words and b.name_words and not (a.name_words & b.name_words):
        return False  # two named instruments between the same parties ("an MoU on minerals", "the Open Skies Agreement")
    if not (a.name_words & b.name_words) and _distance(a, b) > _NEAR:
        return False  # an unnamed instrument far from the first is another one (fact sheets list many)
    return a.record.agreement_type == b.record.agreement_type or bool(a.name_words & b.name_words)


_NEAR = 1000
"""Characters within which an unnamed mention or "the agreement" refers back to an earlier one."""


def _distance(a: _Found, b: _Found) -> int:
    """Characters between the last evidence of ``a`` and the first of ``b``."""
    if not a.record.evidence or not b.record.evidence:
        return 0
    return abs(b.record.evidence[0].start - a.record.evidence[-1].end)


def _dated(f: _Found) -> bool:
    """The mention gives a resolved date."""
    return bool(f.record.date and f.record.date.value)


def _proper(f: _Found) -> bool:
    """The mention names its instrument with a capitalised name ("the Open Skies Agreement")."""
    words = [w for w in re.findall(r"[A-Za-z][\w-]*", f.record.name or "") if w.lower() in f.name_words]
    return bool(words) and all(w[0].isupper() for w in words)


def _anaphor_of(a: _Found, b: _Found) -> bool:
    """``b`` ("this partnership", "the deal") refers back to ``a``."""
    if a.name_words and b.name_words and not (a.name_words & b.name_words) and _proper(a) and _proper(b):
        return False  # "the new Open Skies Agreement" names its own instrument, not the MoU before it
    return b.anaphoric and not _conflict(a, b) and (not b.parties or b.parties <= a.parties) and _distance(a, b) <= _NEAR


def _merge(found: list[_Found]) -> list[Agreement]:
    """One record per agreement: later mentions merge into the first compatible one."""
    kept: list[_Found] = []
    for f in found:
        target = next((k for k in reversed(kept) if _same(k, f)), None)
        if target is None:
            named = [k for k in reversed(kept) if _anaphor_of(k, f)]
            same_words = [k for k in named if k.name_words & f.name_words]
            target = next(iter(same_words or named), None)
        if target is None:
            if not f.record.parties or (len(f.parties) < 2 and f.record.agreement_type not in ("contract", "arms_deal")):
                continue  # an anaphor with nothing to attach to, or an agreement nobody is party to
            kept.append(f)
            continue
        t, r = target.record, f.record
        t.evidence.extend(r.evidence)
        for slot in ("date", "valid_from", "valid_until", "location"):
            if getattr(t, slot) is None and getattr(r, slot) is not None:
                setattr(t, slot, getattr(r, slot))
        have = {a.name for a in t.signatories}
        t.signatories.extend(a for a in r.signatories if a.name not in have)
        t.provisions.extend(p for p in r.provisions if p not in t.provisions)
        qs = {(q.value, q.unit) for q in t.quantities}
        t.quantities.extend(q for q in r.quantities if (q.value, q.unit) not in qs)
        brokers = {a.code for a in t.mediators}
        t.mediators.extend(a for a in r.mediators if a.code not in brokers)
        codes = {a.code for a in t.parties}
        t.parties.extend(a for a in r.parties if a.code not in codes and a.code not in brokers)
        target.parties = frozenset(a.code for a in t.parties if a.code)
        if _STATUS_RANK[r.status] > _STATUS_RANK[t.status]:
            t.status = r.status
    return [k.record for k in kept]


_STATUS_RANK = {"proposed": 0, "announced": 1, "reaffirmed": 2, "signed": 3, "ratified": 4, "in_force": 5, "suspended": 6, "terminated": 7}
