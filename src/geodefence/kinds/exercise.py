"""Exercises: joint exercises, drills, war games, manoeuvres and trainings."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import Field

from geodefence.kinds._base import Record
from geodefence.kinds._common import (
    DENIAL,
    NEGATION,
    UNCERTAIN,
    actor_with_evidence,
    alternation,
    clause_evidence,
    date_value,
    display_name,
    distinct,
    in_quotes_or_attribution,
    is_state,
    place,
    row_of,
)
from geodefence.parts import Actor, DateValue, Place, StrEnum
from geodefence.text.analysis import Analysis, Sentence
from geodefence.text.vocab import scan


class ExerciseType(StrEnum):
    """What kind of activity the exercise is.

    - ``exercise``: a military exercise not otherwise typed.
    - ``drill``: a drill.
    - ``training``: a training, course or training session.
    - ``naval``: a naval or maritime exercise.
    - ``air``: an air or air-defence exercise.
    - ``command_post``: a command-post or staff exercise.
    - ``war_game``: a war game or simulation.
    - ``live_fire``: a live-fire exercise.
    - ``other``: anything else.
    """

    exercise = "exercise"
    drill = "drill"
    training = "training"
    naval = "naval"
    air = "air"
    command_post = "command_post"
    war_game = "war_game"
    live_fire = "live_fire"
    other = "other"


class ExerciseStatus(StrEnum):
    """When the exercise happens relative to the report.

    - ``planned``: announced for the future.
    - ``ongoing``: under way when reported.
    - ``completed``: reported as held or finished.
    """

    planned = "planned"
    ongoing = "ongoing"
    completed = "completed"


class Exercise(Record):
    """A military exercise or training involving one or more parties."""

    name: str | None = Field(default=None, description="The exercise's name, e.g. 'Steppe Eagle', without quotes.")
    participants: list[Actor] = Field(default_factory=list, description="States, organisations or forces taking part.")
    host: Actor | None = Field(default=None, description="The host state, if stated.")
    location: Place | None = Field(default=None, description="Where it takes place.")
    start: DateValue | None = Field(default=None, description="When it starts (or its only date).")
    end: DateValue | None = Field(default=None, description="When it ends, if stated.")
    troops: int | None = Field(default=None, ge=0, description="Number of troops or personnel, when given.")
    exercise_type: ExerciseType = Field(default=ExerciseType.exercise, description="What kind of activity it is.")
    status: ExerciseStatus = Field(default=ExerciseStatus.completed, description="Planned, ongoing or completed.")
    edition: int | None = Field(default=None, ge=1, description="Edition number ('the 10th edition'), when given.")


# --- extraction -------------------------------------------------------------------------------

_EX_NOUN = r"(?:[Ee]xercises?|[Dd]rills?|war ?games?|manoeuvres|maneuvers|wargaming|training sessions?|training courses?|trainings|training|live-fire)"
# Ordered trigger rules: (rule id, pattern). The first that matches at a position wins.
TRIGGERS: list[tuple[str, str]] = [
    ("exercise.named_quoted", rf"{_EX_NOUN}\s(?:dubbed|code-?named|called|named|known as)\s\"[^\"]{{2,60}}\"|\"[^\"]{{2,60}}\"\s(?:[a-z-]{{2,20}}\s){{0,3}}{_EX_NOUN}"),
    ("exercise.named_prefix", r"\b[Ee]xercises?\s(?:[A-Z][\w-]{1,20}\s?){1,4}(?:\d{2,4})?"),
    ("exercise.noun", rf"(?:joint|military|naval|air|aerial|multinational|bilateral|trilateral|annual|combined|large-scale|tactical|strategic|command-post|command and staff|field|live-fire|anti-terror|counter-terrorism|amphibious|maritime|mountain|special)?\s?{_EX_NOUN}"),
    ("exercise.verb", r"\b(?:trained|trains|training|drilled|rehearsed|practi[cs]ed|held drills|conducted drills)\b"),
]
# Lower-case stems: every trigger above contains one (tests/test_gate.py checks it).
GATE: tuple[str, ...] = (
    "exercis", "drill", "war game", "wargam", "manoeuvr", "maneuver", "training", "trained", "trains", "live-fire",
    "rehears", "practi",
)
_TRIGGER_RE = re.compile(r"(?=[A-Za-z\"])(?<![\w-])(?:" + alternation(TRIGGERS, "t") + r")(?![\w-])")
_TRAINED_STATE = re.compile(r"\b(?:(?:is|are)\s(?:already\s|well\s|fully\s|now\s)?|(?:best|well|highly|better|most|fully|poorly)[\s-])$")
_NOT_EXERCISE_AFTER = re.compile(
    # "an important exercise of the Commitment to Consult": the use of something, not a drill
    r"^\s(?:of\s(?:the|their|its|our)\s(?:[A-Z]\w+|commitment|right|power|authority|duty|responsibility|sovereignty|leadership)\b)|"
    r"^\s?(?:(?:maximum|utmost|greater|more|some|extreme|great|due)\s)?(?:restraint|caution|diligence|vigilance|oversight|discretion|sessions?|classes|routines?|bikes?|regimes?|its|their|the right|his|her|control|influence|sovereignty|power|jurisdiction|leverage|patience|care|"
    r"judge?ment|authority|veto|options?|rights?|centers?|centres?|facilit(?:y|ies)|grounds?|schools?|academ(?:y|ies)|camps?|bases?|"
    r"ranges?|areas?|institutes?|programmes? for (?:teachers|students)|bike|equipment|book|regime|wheels|collaboration|cooperation)\b"
)
_CIVIL_BEFORE = re.compile(
    r"\b(?:outdoor|physical|daily|morning|aerobic|fitness|fire|earthquake|evacuation|emergency|safety|tsunami|lockdown|school|fire-safety|civil defen[cs]e|flood|hurricane|"
    r"cyclone|health|first-aid|first aid|active[- ]shooter|nuclear power plant|hospital|football|soccer|basketball|team|"
    r"pre-season|preseason|fitness|gym|yoga|dental|medical|nursing|teacher|athletes?|players?|sales|customer)\s(?:[a-z]+\s)?$"
)
_MILITARY = re.compile(
    r"\b(?:military|militaries|troops|forces|army|armies|navy|navies|naval|air force|marines?|soldiers|servicemen|service members|"
    r"warships?|jets?|fighters?|special forces|cadets|armed|defen[cs]e|combat|brigades?|battalions?|units|personnel|officers|"
    r"fleet|submarines?|missiles?|artillery|tanks|peacekeep\w*|paratroopers|commandos|coast guard|air defen[cs]e|war|"
    r"bombers?|destroyers?|frigates?|drones|infantry|sappers|gendarmerie|national guard)\b",
    re.IGNORECASE,
)
_TROOPS = re.compile(
    r"\b(?:(?:more than|over|about|around|some|nearly|almost|up to|at least)\s)?(\d{1,3}(?:,\d{3})+|\d{2,6})\s(?:[a-z-]+\s){0,2}?"
    r"(?:troops|soldiers|servicemen|service members|servicepeople|military personnel|personnel|marines|sailors|airmen|paratroopers|participants|cadets)\b"
)
_ORDINALS = {w: i for i, w in enumerate("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split(), 1)}
_EDITION = re.compile(r"\b(?:(\d{1,3})(?:st|nd|rd|th)|(" + "|".join(_ORDINALS) + r"))\s(?:edition|iteration|round|installment|instalment|annual|consecutive)\b")
_TYPES: list[tuple[str, str]] = [
    (r"command[- ]post|command and staff|staff exercise|tabletop", "command_post"),
    (r"war ?games?|wargaming|simulation", "war_game"),
    (r"live-fire|live fire", "live_fire"),
    (r"naval|maritime|navies|navy|sea drills|warships", "naval"),
    (r"\bair\b|aerial|air-defen[cs]e|air defen[cs]e|air force", "air"),
    (r"drills?\b", "drill"),
    (r"training|trained|course", "training"),
]
_TYPE_RE = [(re.compile(p, re.IGNORECASE), v) for p, v in _TYPES]
_PLANNED = re.compile(r"\b(?:will|to be held|to hold|scheduled|planned|plans? to|planning|next (?:week|month|year)|upcoming|set to|are to|is to|intends? to|would)\b")
_ONGOING = re.compile(r"\b(?:are holding|is holding|are conducting|is conducting|underway|under way|began|begun|begins|kicked off|kick off|started|starts|ongoing|continue|continues|are taking part|is taking part)\b")
_NOT_PARTICIPANT_BEFORE = re.compile(
    r"\b(?:against|targeting|simulating|aimed at|amid|near|off|toward|towards|around|over|about|regarding|than|deter|deterring|"
    r"counter|countering|threat from|threats from|border with|borders with|bordering|observers from|observer from|"
    r"observers? (?:from|of)|watched by|criticism from|protests? from|warning to|warnings to|posed by)\s(?:the\s|a\s)?$"
)
_FORCES_OF = re.compile(r"\b(?:navies|navy|forces|troops|armies|army|militaries|units|ships|vessels|contingents|soldiers|marines|air forces|coast guards|special forces)\s(?:of|from)\s(?:the\s)?$")
_LOCATION_ONLY_BEFORE = re.compile(r"\b(?:in|at|on|into|inside|of)\s(?:the\s)?$")
_OBSERVER_AFTER = re.compile(r"^(?:[^.;]{0,60}?)\b(?:observ(?:e|ed|ers?|ing)|watch(?:ed)?|monitor(?:ed)?|criticis|criticiz|condemn|protest|warn)", re.IGNORECASE)
_POSTPOSED_ATTRIBUTION = re.compile(r"^(?:'s)?(?:\s[\w-]{1,20}){0,4}\s(?:said|says|disclosed|announced|reported|told|stated|added|noted|confirmed)\b")
_NAME_STOP = frozenset(
    "The A An In On At Joint Military Naval Air Annual Multinational Bilateral Large-scale This That Their Its Exercise Exercises Army Navy Marine Marines "
    # a sentence's first word or a generic capitalised noun is no name: "Through joint exercises", "Command exercises"
    "Through During With Including Under After Before Following Since Our Plan Command Regular Future Further New".split()
)
_LOC_BEFORE = re.compile(r"\b(?:in|at|near|off|over|on|across|along|around|inside|within)\s(?:the\s)?$")


def _trigger(m: re.Match[str]) -> str:
    return row_of(m, TRIGGERS)[0]


def _name(m: re.Match[str], rule: str, sent_text: str) -> str | None:
    """The exercise's name, without quotes, when the trigger carries one."""
    s = m.group(0)
    if rule == "exercise.named_quoted":
        q = re.search(r"\"([^\"]{2,60})\"", s)
        return q.group(1).strip() if q else None
    if rule == "exercise.named_prefix":
        # "the Multi-year Trilateral Exercise Plan": a plan, not an exercise named "Plan"
        words = [w for w in s.split()[1:] if w not in _NAME_STOP]
        return " ".join(words) or None
    known = _KNOWN_AS.match(sent_text, m.end())
    if known is not None and not _is_vocabulary(known.group(1).strip()):
        return known.group(1).strip()
    # A capitalised name right before the noun: "Steppe Eagle exercise", "Zapad-2025 drills".
    before = sent_text[max(0, m.start() - 60) : m.start()]
    appositive = re.search(r"((?:[A-Z][\w-]{1,20}\s){0,3}[A-Z][\w-]{1,20}(?:\s\d{2,4})?), (?:the|an?|this year's) (?:[\w-]+\s){0,4}$", before)
    if appositive:
        words = [w for w in appositive.group(1).split() if w not in _NAME_STOP]
        if words and not _is_vocabulary(" ".join(words)):
            return " ".join(words)
    cap = re.search(r"((?:[A-Z][\w-]{1,20}\s){1,3}(?:\d{2,4}\s)?)$", before)
    if cap:
        words = [w for w in cap.group(1).split() if w not in _NAME_STOP]
        if words and not all(w.isdigit() for w in words) and not _is_vocabulary(" ".join(words)):
            return " ".join(words)
    # A name right after the noun: "the naval exercise Naseem Al Bahr".
    after = _NAME_AFTER.match(sent_text, m.end())
    if after and "exercise" in s.lower():
        words = [w for w in after.group(1).split() if w not in _NAME_STOP]
        candidate = " ".join(words)
        if words and not _is_vocabulary(candidate):
            return candidate
    return None


def _later_name(m: re.Match[str], sent_text: str) -> bool:
    """True when trigger ``m`` carries an exercise name of its own (a later, named mention)."""
    rule = _trigger(m)
    if rule in ("exercise.named_quoted", "exercise.named_prefix"):
        return _name(m, rule, sent_text) is not None
    if "exercise" not in m.group(0).lower() and "drill" not in m.group(0).lower():
        return False
    name = _name(m, rule, sent_text)
    return name is not None and _looks_like_a_name(name) and not _MONTH_FIRST.match(name)


def _is_vocabulary(words: str) -> bool:
    """The words are mostly a state, demonym, organisation or city ("United States"), not an
    exercise name; a name may hold one ("Bersama Lima 2025")."""
    covered = sum(v.end - v.start for v in scan(words) if v.kind in ("state", "state_adj", "org", "capital", "city", "unit"))
    return covered * 2 > len(words.replace(" ", ""))


_TRAINING_EVENT = re.compile(
    r"\b(?:held|hold|holds|holding|conducted|conduct|conducts|completed|began|begin|begins|underwent|undergo|"
    r"took part in|take part in|taking part in|participated in|joined|joint|combined|bilateral|trilateral|multinational|"
    r"annual|tactical|field|specialized|specialised|intensive|interdiction|anti-submarine|air defen[cs]e|maritime|naval|"
    r"amphibious|counter-terrorism|mountain|for|in)\s(?:[a-z-]+\s){0,2}$"
)
_TRAINING_TOPIC_AFTER = re.compile(
    r"\s(?:protocol|programmes?|programs?|agreement|cooperation|of\s(?:officers|personnel|pilots|cadets|troops)|and\smentorship|"
    r"for\s(?:[\w-]+\s){0,2}(?:law\senforcement|police|judges|prosecutors|officials|journalists|scientists|engineers|students|"
    r"teachers|workers|doctors|nurses|farmers)|and\scapacity[- ]building)\b"
)
_NAME_AFTER = re.compile(r" ((?:[A-Z][\w'-]{1,20} ?){1,4}(?:\d{2,4})?)")
_STAGED = re.compile(r"\b(?:held|holds?|holding|began|begins?|launched|launch|conducted|conducts?|staged|stages?|kicked off|completed|wrapped up|concluded|started|opened|took part in|take part in|taking part in|participated in|joined)\b")


def _looks_like_a_name(name: str) -> bool:
    """An exercise name ("Zapad-2025", "Steppe Eagle"), not a state, demonym or org written before the noun."""
    if any(m.kind != "rank" for m in scan(name)):
        return False
    return any(ch.isdigit() for ch in name) or len(name.split()) >= 2


@dataclass
class _Found:
    record: Exercise
    codes: frozenset[str]
    anaphoric: bool
    headline: bool = False


def extract(an: Analysis) -> list[Exercise]:
    """Every exercise or training stated in the article, one record per exercise."""
    found: list[_Found] = []
    text = an.text
    for sent in an.sentences:
        if not an.is_candidate("exercise", sent):
            continue
        facility_spans = [(p.start, p.end) for p in sent.places if p.kind == "facility"]
        names_here: set[str] = set()
        triggers = list(_TRIGGER_RE.finditer(sent.text))
        for i, m in enumerate(triggers):
            rule = _trigger(m)
            t_start, t_end = sent.start + m.start(), sent.start + m.end()
            if any(s <= t_start < e for s, e in facility_spans):
                continue
            if _NOT_EXERCISE_AFTER.match(text[t_end : t_end + 30]) and rule in ("exercise.noun", "exercise.verb"):
                continue
            if _CIVIL_BEFORE.search(text[max(sent.start, t_start - 40) : t_start]):
                continue
            if rule == "exercise.verb" and _TRAINED_STATE.search(text, max(sent.start, t_start - 30), t_start):
                continue  # "forces are already trained on the systems": a capability, not an exercise
            if m.group(0).strip().lower() in ("training", "trainings") and not _TRAINING_EVENT.search(text[max(sent.start, t_start - 45) : t_start]):
                continue  # "the training of officers", "supplies and training": a topic, not an exercise
            if m.group(0).strip().lower() in ("training", "trainings") and _TRAINING_TOPIC_AFTER.match(text, t_end):
                continue
            named = rule in ("exercise.named_quoted", "exercise.named_prefix")
            name = _name(m, rule, sent.text) if "exercise" in m.group(0).lower() or "drill" in m.group(0).lower() or named else None
            if rule == "exercise.named_prefix" and name is None:
                continue
            if (
                name is None
                and not names_here
                and not _ANAPHORIC.search(text, max(sent.start, t_start - 60), t_start)
                and any(_later_name(t, sent.text) for t in triggers[i + 1 :])
            ):
                continue  # "the largest tri-service exercise to date during the TIGER TRIUMPH exercise": the named one
            if names_here and (name is None or name in names_here or (not named and (not _looks_like_a_name(name) or _MONTH_FIRST.match(name)))):
                continue  # after a named exercise, only another named one ("Exercise X", "KEEN EDGE exercise") is new
            # Training and verbs need a military context; a named exercise or drill does not.
            staged = _STAGED.search(text[max(sent.start, t_start - 45) : t_start]) is not None and name is not None
            if not named and not staged and not (name and _looks_like_a_name(name)) and not _MILITARY.search(sent.text):
                continue
            pre = text[max(sent.start, t_start - 60) : t_start]
            if DENIAL.search(sent.text) or UNCERTAIN.search(pre) or NEGATION.search(pre[-20:]):
                continue
            if _CAPABLE.search(text, max(sent.start, t_start - 160), t_start):
                continue  # "a centre capable of ... executing a multinational exercise": a capacity, not an exercise
            if name is None and not named and _FIELD_LIST_BEFORE.search(text, max(sent.start, t_start - 260), t_start):
                continue
            if name is None and not named and _ACTIVITY_LIST_BEFORE.search(text, max(sent.start, t_start - 80), t_start):
                continue  # "restrictions that impact planning, deployments, and exercises": a kind of activity
            refs = []
            ruled_out = -1  # where the last actor ruled out ends: its short form in brackets goes too
            for r in sent.actors:
                if in_quotes_or_attribution(an, sent, r) or (r.via == "person" and r.start > t_end):
                    continue
                if r.via in ("capital", "city") and r.name.isupper():
                    continue  # a dateline ("DUSHANBE, 10 July -"), not an actor
                before = text[max(sent.start, r.start - 22) : r.start]
                if _NOT_PARTICIPANT_BEFORE.search(before) or (ruled_out >= 0 and text[ruled_out : r.start] == " ("):
                    ruled_out = r.end  # "the threat posed by [a state] ([its short form])": neither takes part
                    continue
                if r.via in ("name", "capital") and _LOCATION_ONLY_BEFORE.search(before[-12:]) and not _FORCES_OF.search(before):
                    continue
                if name and r.name in name and t_start - 80 <= r.start <= t_end + 80:
                    continue  # "Exercise Bersama Lima": a word of the name, not a participant
                if r.start > t_end and text[max(sent.start, r.start - 2) : r.start] == ", " and _POSTPOSED_ATTRIBUTION.match(text[r.end : r.end + 60]):
                    continue
                tail = text[r.end : min(sent.end, r.end + 70)]
                if r.type == "state" and _OBSERVER_AFTER.match(tail) and re.search(r"observ|watch|monitor", tail):
                    continue
                refs.append(r)
            participants = distinct(refs)
            states = [r for r in participants if r.type == "state"]
            if len(states) >= 2:
                # "CSTO forces from Russia, Belarus and Kazakhstan": the states are the participants.
                participants = states + [r for r in participants if r.type != "state" and r.via == "unit"]
            declared = [r for r in refs if _PARTICIPATION.fullmatch(text, r.end, t_start)]
            for r in reversed(refs):
                # "troops from Morocco and the United States took part in": the whole coordinated list
                if declared and r.end <= declared[0].start and _COORDINATED.fullmatch(text, r.end, declared[0].start):
                    declared.insert(0, r)
            declared = distinct(declared)
            if declared:
                # "Australia's first ever participation in Exercise X": the one who takes part, not the
                # sentence's other actors ("We applaud ..."); the host joins below
                participants = declared
            codes = frozenset(r.code for r in participants)
            anaphoric = _ANAPHORIC.search(pre) is not None
            if anaphoric and found and not name:
                # "the drills", "this year's exercise": a later mention of the last exercise.
                _attach(an, sent, found[-1], rule, t_start, t_end)
                continue
            lateral = _LATERAL_BEFORE.search(text, max(sent.start, t_start - 60), t_end)
            pair = _PAIR_WORD[lateral.group(1).lower()] if lateral is not None else None
            voiced = not codes and pair is not None and len(an.voice) == pair
            if not codes and not voiced:
                continue
            rec = Exercise(
                name=name,
                participants=[actor_with_evidence(an, r, f"{rule}.participant") for r in participants],
                evidence=[clause_evidence(an, sent, t_start, t_end, rule)],
            )
            if voiced:
                # "the ongoing bilateral Army YUDH ABHYAS exercise" in a two-party statement: its parties'
                codes = frozenset(an.voice)
                rec.participants = [Actor(name=display_name(code), type="state", code=code) for code in an.voice]
            for pattern, value in _TYPE_RE:
                if pattern.search(m.group(0)) or pattern.search(text[max(sent.start, t_start - 25) : t_end]):
                    rec.exercise_type = ExerciseType(value)
                    break
            around = text[max(sent.start, t_start - 80) : min(sent.end, t_end + 60)]
            rec.status = ExerciseStatus("planned" if _PLANNED.search(around) else ("ongoing" if _ONGOING.search(around) else "completed"))
            for d in sent.dates:
                if d.role == "since":
                    continue
                if d.role in ("range_end", "until"):
                    rec.end = rec.end or date_value(an, d, f"{rule}.end")
                elif rec.start is None and d.role in ("point", "range_start"):
                    rec.start = date_value(an, d, f"{rule}.start")
            for pl in sent.places:
                if pl.kind != "country" and _LOC_BEFORE.search(text[max(sent.start, pl.start - 12) : pl.start]):
                    rec.location = place(an, pl, f"{rule}.location")
                    if pl.country and is_state(pl.country):
                        rec.host = Actor(name=display_name(pl.country), type="state", code=pl.country)
                    break
            tm = _TROOPS.search(text, sent.start, sent.end)
            if tm:
                rec.troops = int(tm.group(1).replace(",", ""))
            em = _EDITION.search(text, sent.start, sent.end)
            if em:
                rec.edition = int(em.group(1)) if em.group(1) else _ORDINALS[em.group(2)]
            if rec.start is None and name is not None:
                year = _YEAR_IN_NAME.search(name)
                if year is not None:  # "Vostok-2018", "the 2024 Super Garuda Shield"
                    rec.start = DateValue(text=year.group(0), value=year.group(0), precision="year", relative=False)
            if rec.location is None:
                rec.location, host = _hosted_or_in_country(an, sent, t_start, t_end, rule)
                rec.host = rec.host or host
                if host is not None and host.code not in codes:
                    # The host state's forces take part in what it hosts ("in Japan", "India hosted").
                    rec.participants.append(host.model_copy())
                    codes = codes | {host.code or ""}
            if an.voice and not declared and _OUR.search(text, max(sent.start, t_start - 160), t_start):
                # "India hosted our largest bilateral exercise": a statement's "our" is its voice's forces
                for code in an.voice:
                    if code not in codes:
                        rec.participants.append(Actor(name=display_name(code), type="state", code=code))
                        codes = codes | {code}
            found.append(_Found(rec, codes, anaphoric, headline=sent.text[-1:] not in ".!?\"'"))
            other = _SECOND_NAME.match(text, t_end) if named else None
            if other is not None and other.group(1) != name:
                # "Exercises YAMA SAKURA and KEEN EDGE": two exercises, the same participants.
                twin = rec.model_copy(deep=True, update={"name": other.group(1), "start": None})
                twin.evidence = [an.evidence(sent.start + m.start(), other.end(), rule)]
                found.append(_Found(twin, codes, anaphoric, headline=False))
            if name is None:
                break  # one exercise mention per sentence; repeated nouns are the same exercise
            names_here.update(f.record.name for f in found[-2:] if f.record.name)  # a sentence may name several
    return _merge(found)


_ACTIVITY_LIST_BEFORE = re.compile(r"\b[a-z]{3,30}(?:ing|ments?|ions?|s),\s(?:[a-z]{3,30},\s){0,3}(?:and|or)\s$")
"""A bare exercise noun ending a list of lower-case activities ("planning, deployments, and exercises")."""
_FIELD_LIST_BEFORE = re.compile(r"\b(?:cooperation|collaboration|partnership)\s(?:in|on|across)\s[^.:]{0,200}?;\s(?:and\s)?$")
"""An unnamed exercise noun in a list of fields of cooperation ("cooperation in cyber; space;
combined exercises; ..."): a field, not an exercise that happens."""
_PARTICIPATION = re.compile(
    r"(?:(?:'s|s'|’s)\s(?:[\w-]+\s){0,3}?participation|\s(?:will\s|to\s)?(?:participat(?:e|ed|es|ing)|t(?:ake|ook|akes|aking)\spart|join(?:ed|s|ing)?)(?=\sin\s))"
    r"\sin\s(?:the\s)?(?:[\w-]+\s){0,2}?$"
)
"""A participant named by its participation: "Australia's first ever participation in Exercise X",
"Canada will take part in the ... exercise", "Ghana joined in the drills"."""
_COORDINATED = re.compile(r"(?:,\s(?:and\s)?|\sand\s)(?:the\s)?")
_KNOWN_AS = re.compile(r"(?:\s(?:and|&)\s[a-z-]{1,30})?\s(?:dubbed|code-?named|called|named|known\sas)\s(?:the\s)?((?:[A-Z][\w'-]{1,20}\s?){1,4}(?:\d{2,4})?)")
"""A name given after the noun: "... joint exercise and experimentation known as the [Name]"."""
_PAIR_WORD = {"bilateral": 2, "trilateral": 3}
_LATERAL_BEFORE = re.compile(r"\b(bilateral|trilateral)\s(?:(?:[A-Z][\w-]{0,20}|[a-z-]{1,20})\s){0,4}?(?=[Ee]xercises?\b|[Dd]rills?\b)")
"""The "bilateral" of a statement's own exercise: "the ongoing bilateral Army YUDH ABHYAS exercise"."""
_HOSTED_IN = re.compile(r"\b(?:hosted|held|conducted|take\splace|took\splace|takes\splace)\s(?:[a-z]+\s)?in\s(?:the\s)?$")
_YEAR_IN_NAME = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_CAPABLE = re.compile(r"\b(?:capable\sof|able\sto|capacity\sto|designed\sto|equipped\sto)\b[^.;]{0,150}$")
_ANAPHORIC = re.compile(r"\b(?:[Tt]he|[Tt]hese|[Tt]his|[Tt]hose|[Ss]uch|[Ii]ts|[Tt]heir|year's)\s(?!(?:[a-z-]{1,30}\s){0,2}(?:first|first-ever|inaugural|new|next)\s)(?:[a-z-]{1,30}\s){0,3}$")
"""Before a later mention of an exercise already reported: "the drills", "this year's exercise"."""
_OUR = re.compile(r"\b(?:our|we)\s[^.;:\"]{0,150}$", re.IGNORECASE)
_MONTH_FIRST = re.compile(r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b")
"""A date read as a name ("in November 2024, the largest bilateral exercise"): no new exercise."""
_SECOND_NAME = re.compile(r"\s(?:and|&)\s(?:Exercise\s)?((?:[A-Z][A-Z\w'-]{1,20}\s?){1,4}?)(?=\s|[,.;]|$)")
_HOSTING_BEFORE = re.compile(r"(?:'s)?\s(?:for\s)?(?:successfully\s)?(?:hosting|hosted|hosts|host)\b")


def _hosted_or_in_country(an: Analysis, sent: Sentence, t_start: int, t_end: int, rule: str) -> tuple[Place | None, Actor | None]:
    """Where an exercise is held when only a state is given: "India hosted ... the exercise",
    "Indonesia for successfully hosting the 2024 Super Garuda Shield exercise", "... in Japan"."""
    text = an.text
    for r in sent.actors:
        if r.type == "state" and r.start < t_start and _HOSTING_BEFORE.match(text, r.end, min(t_start, r.end + 40)):
            where = Place(name=display_name(r.code), kind="country", country=r.code, evidence=an.evidence(r.start, r.end, f"{rule}.location"))
            return where, Actor(name=display_name(r.code), type="state", code=r.code)
    for pl in sent.places:
        if pl.kind == "country" and pl.start > t_end and pl.start - t_end < 60 and _LOC_BEFORE.search(text[max(sent.start, pl.start - 12) : pl.start]):
            return place(an, pl, f"{rule}.location"), Actor(name=display_name(pl.country or ""), type="state", code=pl.country)
    return None, None


def _attach(an: Analysis, sent: Sentence, f: _Found, rule: str, t_start: int, t_end: int) -> None:
    """A later mention of a known exercise: its evidence, and dates, place, troops it adds."""
    rec = f.record
    rec.evidence.append(an.evidence(t_start, t_end, rule + ".anaphor"))
    text = an.text
    for d in sent.dates:
        if d.role == "range_end" and rec.end is None:
            rec.end = date_value(an, d, f"{rule}.end")
        elif d.role in ("point", "range_start") and rec.start is None:
            rec.start = date_value(an, d, f"{rule}.start")
        elif d.role == "until" and rec.end is None:
            rec.end = date_value(an, d, f"{rule}.end")
    if rec.troops is None:
        tm = _TROOPS.search(text, sent.start, sent.end)
        if tm:
            rec.troops = int(tm.group(1).replace(",", ""))
    if rec.location is None:
        for pl in sent.places:
            if pl.kind != "country" and _LOC_BEFORE.search(text[max(sent.start, pl.start - 12) : pl.start]):
                rec.location = place(an, pl, f"{rule}.location")
                break


def _compatible(a: _Found, b: _Found) -> bool:
    """``b`` is a later mention of ``a``: same name (one may extend the other: "Caspian Shield",
    "Caspian Shield-2025"), or no name and the same or fewer participants; a headline's
    exercise is the body's first one with the same participants."""
    ra, rb = a.record, b.record
    if ra.name and rb.name:
        na, nb = ra.name.lower(), rb.name.lower()
        return na.startswith(nb) or nb.startswith(na)
    if ra.start and rb.start and ra.start.value and rb.start.value and ra.start.value != rb.start.value:
        return False
    if not b.codes:
        return b.anaphoric
    if a.headline and a.codes == b.codes:
        return True
    # A part of a named exercise ("Moroccan and American units practised ...") is that exercise.
    return b.codes <= a.codes and (b.anaphoric or b.codes == a.codes or (rb.name is None and (len(b.codes) == 1 or ra.name is not None)))


def _merge(found: list[_Found]) -> list[Exercise]:
    """One record per exercise: later mentions with the same or fewer participants merge."""
    kept: list[_Found] = []
    for f in found:
        target = next((k for k in reversed(kept) if _compatible(k, f)), None)
        if target is None:
            if f.codes:
                kept.append(f)
            continue
        target.headline = False  # confirmed by the body
        t, r = target.record, f.record
        t.evidence.extend(r.evidence)
        if t.name and r.name and len(r.name) > len(t.name):
            t.name = r.name  # "Caspian Shield" in a headline, "Caspian Shield-2025" in the body
        for slot in ("name", "host", "location", "start", "end", "troops", "edition"):
            if getattr(t, slot) is None and getattr(r, slot) is not None:
                setattr(t, slot, getattr(r, slot))
        codes = {a.code for a in t.participants}
        t.participants.extend(a for a in r.participants if a.code not in codes)
        target.codes = frozenset(a.code for a in t.participants if a.code)
    # A headline the body never confirms ("... as coast guards stage joint rescue drill") is a
    # teaser or a related-article link, not a record.
    return [k.record for k in kept if not k.headline]
