"""Stances: positions an actor takes for, against or away from something."""

from __future__ import annotations

import re
from enum import Enum

from pydantic import Field

from geodefence.kinds._base import Record
from geodefence.kinds._common import (
    DENIAL,
    HYPOTHETICAL,
    actor_with_evidence,
    clause_bounds,
    distinct,
    in_quotes_or_attribution,
)
from geodefence.parts import Actor
from geodefence.text.analysis import ActorRef, Analysis, Sentence, is_object


class Position(str, Enum):
    """The position an actor takes.

    - ``support``: backs, welcomes, endorses or commits to.
    - ``oppose``: condemns, rejects, criticises or warns against.
    - ``withhold``: declines, refrains, has not joined or has not supported.
    - ``neutral``: declares neutrality or abstains on principle.
    """

    support = "support"
    oppose = "oppose"
    withhold = "withhold"
    neutral = "neutral"


class Stance(Record):
    """A position stated by (or attributed to) an actor."""

    holder: Actor = Field(description="Who holds the position.")
    target: Actor | None = Field(default=None, description="The actor the position is about, if any.")
    topic: str | None = Field(default=None, description="Short phrase naming what the position is about.")
    position: Position = Field(description="Support, oppose, withhold or neutral.")
    cue: str = Field(description="The words that carry the position, e.g. 'has not supported'.")


# --- extraction -------------------------------------------------------------------------------

# Ordered cue rules: (rule id, pattern, position). Negated and modal forms come before the plain
# verbs they contain, so "has not supported" is withhold, never support.
CUES: list[tuple[str, str, str]] = [
    ("stance.withhold.not_verb", r"(?:has|have|had|did|does|do|would|will)(?: not|n't)(?: yet| so far| publicly| openly| officially| formally)? (?:supported|support|backed|back|endorsed|endorse|joined|join|recogni[sz]ed|recogni[sz]e|condemned|condemn|critici[sz]ed|critici[sz]e|signed up to|sign up to|taken sides|take sides|participated|participate|welcomed|welcome)", "withhold"),
    ("stance.withhold.refrained", r"refrain(?:ed|s|ing)? from (?:endorsing|supporting|backing|condemning|critici[sz]ing|joining|recogni[sz]ing|taking sides|taking part|participating|commenting on)", "withhold"),
    ("stance.withhold.declined", r"(?:declined|declines|decline|refused|refuses|refuse) to (?:support|back|endorse|join|condemn|critici[sz]e|recogni[sz]e|take sides|participate|take part|send|supply|provide|sign|commit)", "withhold"),
    ("stance.withhold.chose_not", r"(?:chose|chosen|chooses|choose|opted|opts|decided|decides) not to (?:join|support|back|endorse|participate|sign|take part|recogni[sz]e|send)", "withhold"),
    ("stance.withhold.stopped_short", r"stopp?(?:ed|ing|s)? short of (?:endorsing|supporting|backing|condemning|critici[sz]ing|recogni[sz]ing|joining|naming)", "withhold"),
    ("stance.withhold.distanced", r"distanc(?:ed|ing|es) (?:itself|themselves|himself|herself) from", "withhold"),
    ("stance.withhold.stayed_out", r"(?:stayed|stays|remained|remains|kept|keeps) (?:out of|away from|aloof from)", "withhold"),
    ("stance.withhold.withheld", r"withh(?:eld|olds|old) (?:its |their |his |her )?(?:support|backing|endorsement|approval)", "withhold"),
    ("stance.neutral.declared", r"(?:declared|declares|declare|maintains|maintained|maintain|remains|remained|remain|stays|stayed|kept|keeps|reaffirmed|reiterated) (?:its |their |a |his |her )?(?:strict |strictly |permanent |firm |military )?neutral(?:ity)?", "neutral"),
    ("stance.neutral.abstained", r"abstain(?:ed|s|ing)?", "neutral"),
    ("stance.oppose.warned", r"warn(?:ed|s|ing)? (?:against|of|over)|(?:issued|issues|issue) (?:a |stern |fresh |new )?warnings?", "oppose"),
    ("stance.oppose.condemned", r"condemn(?:ed|s|ing)|denounc(?:ed|es|ing)|deplor(?:ed|es)|decr(?:ied|ies)|censur(?:ed|es)", "oppose"),
    ("stance.oppose.rejected", r"reject(?:ed|s|ing)|oppos(?:ed|es|ing)|protest(?:ed|s|ing)(?: against)?|objected to|objects to", "oppose"),
    ("stance.oppose.criticised", r"criticis(?:ed|es|ing)|criticiz(?:ed|es|ing)|slamm(?:ed|ing)|slams|blast(?:ed|s)|lambast(?:ed|s)|(?:voiced|expressed) (?:deep |serious |grave |strong )?(?:concern|opposition|alarm|outrage|anger)", "oppose"),
    ("stance.support.committed", r"(?:remains?|remained|is|are|was|were|stays?|stayed) (?:firmly |fully |deeply |strongly )?committed to", "support"),
    ("stance.support.expressed", r"(?:reaffirm(?:ed|s)?|expressed|expresses|voiced|pledged|pledges|declared|offered|reiterated|reiterates) (?:its |their |his |her |full |strong |firm |continued |unwavering )*(?:support|backing|solidarity|commitment)", "support"),
    ("stance.support.verb", r"(?<![-\w])(?:support(?:ed|s)|back(?:ed|s)|endors(?:ed|es)|welcom(?:ed|es)|prais(?:ed|es)|commend(?:ed|s)|hail(?:ed|s)|applaud(?:ed|s)|stands? (?:with|by)|stood (?:with|by)|recogni[sz]ed)", "support"),
]
_CUE_RE = re.compile(r"\b(?:" + "|".join(f"(?P<c{i}>{p})" for i, (_, p, _) in enumerate(CUES)) + r")\b")
_NEGATED = re.compile(r"\b(?:not|n't|never|no longer)\s(?:\w+\s)?$")
_PASSIVE_BY = re.compile(r"^\s(?:by)\s")
_MEMBERSHIP = ("join", "participat", "take part", "sign up")
_TOPIC_CUT = re.compile(r"\s(?:and|but|while|as|which)\s(?:has|have|is|are|was|were|had|will|it|they|its|the)\b|[;:]|,\s(?:but|while|which|who|as|saying|adding|according)\b|\.\s|\s-\s")
_TOPIC_LEAD = re.compile(r"^(?:(?:to|from|of|for|on|over|against|about|regarding|the|a|an|its|their|his|her)\s)+")
_TOPIC_RECIPIENT = re.compile(r"^(?:to|for) (?:its|their|his|her|the) (?:\w+ ){0,2}?(?:citizens|nationals|people|public|population|troops|forces|members|allies)\s(?:regarding|about|over|on|against|of)\s")
_LED = re.compile(r"^-?(?:led|backed|based|made|built|owned|funded|sponsored|supported|aligned)\b")
_QUESTION = re.compile(r"\?\s*$")


def _cue(m: re.Match[str]) -> tuple[str, str]:
    for i, (rule, _p, pos) in enumerate(CUES):
        if m.group(f"c{i}"):
            return rule, pos
    raise AssertionError("cue match without a group")


def _holder(an: Analysis, sent: Sentence, lo: int, cue_start: int) -> ActorRef | None:
    """The first actor of the clause before the cue that is not the object of a preposition.

    The first, not the nearest: in "X has not supported Y's war and has not joined Z" the
    second cue's subject is still X.
    """
    for r in sent.actors:
        if r.start >= cue_start or r.start < lo:
            continue
        if is_object(an.text, sent.start, r) or in_quotes_or_attribution(an, sent, r):
            continue
        if _LED.match(an.text[r.end : r.end + 8]):
            continue
        return r
    return None


def _topic(an: Analysis, start: int, end: int, target: ActorRef | None) -> str | None:
    """Short phrase after the cue: what the position is about."""
    raw = an.text[start:end]
    cut = _TOPIC_CUT.search(raw)
    if cut:
        raw = raw[: cut.start()]
    raw = raw.strip(" ,\"'")
    recipient = _TOPIC_RECIPIENT.match(raw)
    if recipient:
        raw = raw[recipient.end() :]
    raw = _TOPIC_LEAD.sub("", raw)
    words = raw.split()
    if not words:
        return None
    return " ".join(words[:14]).rstrip(",.\"'")


def extract(an: Analysis) -> list[Stance]:
    """Every stance stated in the article, one record per (holder, target, position)."""
    found: dict[tuple[str, str | None, str], Stance] = {}
    text = an.text
    for sent in an.sentences:
        if _QUESTION.search(sent.text):
            continue
        for m in _CUE_RE.finditer(sent.text):
            rule, position = _cue(m)
            c_start, c_end = sent.start + m.start(), sent.start + m.end()
            lo, hi = clause_bounds(sent, c_start)
            pre = text[max(sent.start, c_start - 50) : c_start]
            if HYPOTHETICAL.search(pre[-30:]) or DENIAL.search(pre):
                continue
            if position in ("support", "oppose") and _NEGATED.search(pre):
                position, rule = "withhold", rule + ".negated"
            passive = _PASSIVE_BY.match(text[c_end : c_end + 5])
            if passive:
                holder = next((r for r in sent.actors if c_end < r.start < hi), None)
                target_refs = [r for r in sent.actors if lo <= r.start < c_start and r.via != "pronoun"][-1:]
            else:
                holder = _holder(an, sent, lo if lo < c_start else sent.start, c_start) or _holder(an, sent, sent.start, c_start)
                after = [r for r in sent.actors if c_end <= r.start < hi and (holder is None or r.code != holder.code)]
                membership = any(k in m.group(0) for k in _MEMBERSHIP)
                orgs = [r for r in after if r.type == "organization"]
                if membership and orgs:
                    target_refs = distinct(orgs)
                else:
                    target_refs = after[:1]
            if holder is None:
                continue
            for target in target_refs or [None]:
                key = (holder.code, target.code if target else None, position)
                ev = an.evidence(min(holder.start, c_start), max(c_end, target.end if target else c_end), rule)
                if key in found:
                    found[key].evidence.append(ev)
                    continue
                found[key] = Stance(
                    holder=actor_with_evidence(an, holder, f"{rule}.holder"),
                    target=actor_with_evidence(an, target, f"{rule}.target") if target else None,
                    topic=_topic(an, c_end, hi, target),
                    position=position,
                    cue=an.norm.quote(c_start, c_end)[2],
                    evidence=[ev],
                )
    return list(found.values())
