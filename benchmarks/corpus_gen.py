"""A deterministic generator of news-like articles for the benchmarks.

Every article is about 2 KB: a headline, a dateline, then 8-15 sentences, most of them
irrelevant to defence (economy, weather, sport, domestic politics), as real news is, and a few
relevant ones built from varied templates for each record kind (agreements signed or announced,
visits, exercises with names, troops and dates, stances plain and negated). Names come from the
project's own vocabularies (:func:`geodefence.text.vocab.get_vocab`): states, their adjectives and
capitals, organisations, ranks and titles; person names are composed from syllables here. All text
is composed from this module's templates; nothing is copied from elsewhere.

Sizes: :data:`SIZES` (1k, 10k, 200k). :func:`generate` streams ``{"id", "text", "published"}``
dicts; :func:`write_jsonl` writes them to a JSON Lines file. Same seed and size, same bytes.

    python benchmarks/corpus_gen.py 10000 /tmp/corpus-10k.jsonl
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geodefence.text.vocab import get_vocab

__all__ = ["SIZES", "Names", "article", "generate", "names", "write_jsonl"]

SIZES: dict[str, int] = {"1k": 1_000, "10k": 10_000, "200k": 200_000}
"""The corpus sizes of issue 6, by label."""

SEED = 20240417

# A defence-news cast: states that appear often in such news (ISO alpha-3, looked up in the vocabulary).
_STATE_CODES = (
    "KAZ UZB KGZ TJK TKM MNG AZE ARM GEO TUR IND PAK CHN RUS USA GBR FRA DEU POL UKR BLR JPN KOR IDN VNM "
    "PHL AUS EGY SAU ARE QAT IRN ISR JOR NGA KEN ZAF BRA ARG CHL ITA ESP GRC ROU HUN SRB FIN SWE NOR EST "
    "LVA LTU MYS THA SGP BGD LKA NPL MAR DZA TUN ETH"
).split()
_ORG_CODES = "NATO CSTO SCO EU ASEAN AU OSCE CIS GCC UN".split()
_RANK_NAMES = (
    "General",
    "Lieutenant General",
    "Major General",
    "Colonel",
    "Admiral",
    "Rear Admiral",
    "Brigadier General",
)
_TITLE_NAMES = ("Defence Minister", "Foreign Minister", "President", "Prime Minister", "Chief of General Staff")

_GIVEN = "Aran Bek Dilan Erik Farid Goran Ilya Jonas Karim Lev Marat Nuri Oleg Pavel Ravi Sami Timur Umar Viktor Yusuf Ana Dina Elena Irina Lena Maya Nadia Olga Sara Zara".split()
_SURNAME_START = "Ab Ad Al Bar Bel Dor Er Gal Har Kas Kor Mal Mir Nor Or Ras Sar Tal Ver Zan".split()
_SURNAME_END = "anov ekov ulin aris ovic sson ani enko uly idze yan oglu escu ski ssen ov".split()


@dataclass(frozen=True)
class Names:
    """The names the templates draw from, resolved once against the vocabulary."""

    states: tuple[tuple[str, str, str | None, str | None], ...]
    """(code, name, adjective or None, capital or None)."""
    orgs: tuple[str, ...]
    ranks: tuple[str, ...]
    titles: tuple[str, ...]


@lru_cache(maxsize=1)
def names() -> Names:
    """Resolve the cast against :func:`get_vocab` (codes missing there are skipped)."""
    vocab = get_vocab()
    adjective: dict[str, str] = {}
    for form, code in vocab.demonyms.items():
        if code and code not in adjective and " " not in form:
            adjective[code] = form
    capital: dict[str, str] = {}
    for place in vocab.places.values():
        if place.capital and place.code and place.code not in capital:
            capital[place.code] = place.name
    states = tuple(
        (c, vocab.states[c].name, adjective.get(c), capital.get(c)) for c in _STATE_CODES if c in vocab.states
    )
    orgs = tuple(c for c in _ORG_CODES if c in vocab.orgs)
    rank_forms = {r.canonical for r in vocab.ranks}
    title_forms = {f for t in vocab.titles for f in t.forms}
    return Names(
        states=states,
        orgs=orgs,
        ranks=tuple(r for r in _RANK_NAMES if r in rank_forms) or ("General",),
        titles=tuple(t for t in _TITLE_NAMES if t in title_forms) or ("President",),
    )


# --------------------------------------------------------------------------------------------
# Date forms (every form of issue 6), rendered from one date.

_MONTHS = "January February March April May June July August September October November December".split()
_WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


def _date_phrase(r: random.Random, pub: dt.date) -> str:
    """A date expression with its preposition, in one of the forms news uses."""
    d = pub + dt.timedelta(days=r.randint(-40, 120))
    m = _MONTHS[d.month - 1]
    forms: list[Callable[[], str]] = [
        lambda: f"on {d.day} {m} {d.year}",
        lambda: f"on {m} {d.day}, {d.year}",
        lambda: f"on {d.isoformat()}",
        lambda: f"in {m} {d.year}",
        lambda: f"in {d.year + 1}",
        lambda: f"from {m} {d.day} to {_MONTHS[d.month % 12]} {min(d.day + 3, 28)}",
        lambda: f"between {d.year + 1} and {d.year + r.randint(3, 6)}",
        lambda: f"on {_WEEKDAYS[r.randrange(7)]}",
        lambda: "last week",
    ]
    return r.choice(forms)()


# --------------------------------------------------------------------------------------------
# Sentences.

_FILLER: tuple[str, ...] = (
    "The central bank of {S} kept its key rate unchanged at {n}.{d} percent, citing slower inflation.",
    "Heavy rain is expected across the north of {S} {D}, the weather service said.",
    "Shares in {S} closed {n} points higher as exporters gained on a weaker currency.",
    "The national football team of {S} won its qualifier {k}-{j} in front of a home crowd.",
    "Parliament in {C} debated a bill on pensions that would raise the retirement age by {k} years.",
    "Wheat prices fell for a third week as harvest estimates improved.",
    "The opposition called for early elections after a row over the budget.",
    "Tourism revenue rose {n} percent in the first quarter, the statistics office reported.",
    "A new metro line opened in {C}, cutting travel times to the airport.",
    "Temperatures are forecast to reach {k}{j} degrees in the south by the weekend.",
    "The ruling party named a new candidate for mayor of {C}.",
    "Exports of cotton and copper grew strongly in the year to March.",
    "Local media said the festival drew more than {n},000 visitors.",
    "The health ministry launched a vaccination campaign for children under five.",
    "Energy companies agreed to cap household electricity prices until the end of the winter.",
    "{A} tennis player reached the semi-finals after a three-set match.",
    "A court in {C} adjourned the corruption trial of a former deputy mayor.",
    "Flights were delayed at {C} airport because of fog.",
    "The finance ministry expects growth of about {k} percent next year.",
    "Farmers protested in {C} over the price of diesel and fertiliser.",
)

# Relevant sentences per record kind. {S}/{T}: states, {A}/{B}: adjectives, {C}/{K}: capitals,
# {O}: an organisation, {P}: a person with rank or title, {D}: a date phrase, {N}: a number.
_AGREEMENT: tuple[str, ...] = (
    "{S} and {T} signed a defence cooperation agreement {D}.",
    "The defence ministers of {S} and {T} signed a memorandum of understanding on military training {D}.",
    "{S} announced an agreement with {T} on the joint production of armoured vehicles.",
    "{P} said {S} would sign a military-technical cooperation agreement with {T} {D}.",
    "{S} and {T} agreed a roadmap for defence cooperation covering the years {D}.",
    "A contract for the supply of air defence systems was signed between {S} and {T} {D}.",
    "{S} ratified the security pact with {T}, the foreign ministry in {C} said.",
)
_VISIT: tuple[str, ...] = (
    "{P} of {S} paid an official visit to {K} {D}.",
    "{P} arrived in {K} {D} for talks on regional security.",
    "{S}'s {P} visited {T} to discuss defence cooperation.",
    "{P} travelled to {K} {D} to meet his {B} counterpart.",
    "{T} hosted a {A} military delegation led by {P} {D}.",
    "During a two-day visit to {T}, {P} met the {B} defence minister.",
)
_EXERCISE: tuple[str, ...] = (
    "Troops from {S} and {T} began joint exercises {D}, with about {N} servicemen taking part.",
    'The {A} and {B} navies held the "{X}" naval exercise {D}.',
    "More than {N} troops from {O} members will take part in the exercise {X}-{Y} {D}.",
    "{S} and {T} will hold joint anti-terror drills {D} near {K}.",
    'Special forces of {S} and {T} completed the "{X}" command-post exercise {D}.',
    "The armed forces of {S} conducted large-scale military exercises with {N} soldiers {D}.",
)
_STANCE: tuple[str, ...] = (
    "{S} condemned the missile test carried out by {T}.",
    "{S} has not supported the sanctions against {T}, the foreign ministry said.",
    "{P} said {S} remains committed to its partnership with {O}.",
    "{S} declined to join the {O} statement on {T}.",
    "{S} reaffirmed its support for the territorial integrity of {T}.",
    "{S} has maintained its neutrality in the conflict between {T} and its neighbour.",
    "{S} warned against any deployment of foreign troops in {T}.",
    "{S} abstained in the vote on the resolution concerning {T}.",
)
_KIND_TEMPLATES = (_AGREEMENT, _VISIT, _EXERCISE, _STANCE)

# Clauses appended to most sentences, so that sentences have news length (about 170 characters).
_TAILS: tuple[str, ...] = (
    ", according to figures published by the statistics office on its website late in the evening",
    ", a spokesman for the ministry told reporters at a briefing in the capital on condition of anonymity",
    ", in a move that analysts said had been widely expected for several months",
    ", although officials gave no further details about the timing or the costs involved",
    ", the state news agency reported, quoting sources familiar with the discussions",
    ", adding that a decision on the next steps would be taken after consultations with regional authorities",
    ", while critics argued that the plan did little to address the concerns of ordinary households",
    ", officials said in a statement released after a meeting of the cabinet",
)

_HEADLINES: tuple[str, ...] = (
    "{S} and {T} deepen defence ties",
    "{A} minister in {K} for talks",
    "Markets steady as {S} holds rates",
    "{S} joins regional drills",
    "Storms disrupt travel across {S}",
    "{O} partners meet in {C}",
)
_EXERCISE_NAMES = "Steppe Eagle|Peace Mission|Indestructible Brotherhood|Cobra Gold|Sea Breeze|Khaan Quest|Friendship|Dustlik|Shield|Caucasus Frontier|Iron Falcon|Silk Road".split(
    "|"
)


def _person(r: random.Random, n: Names) -> str:
    """A rank or title followed by a composed name ("Colonel Timur Korov")."""
    who = r.choice(n.ranks if r.random() < 0.5 else n.titles)
    return f"{who} {r.choice(_GIVEN)} {r.choice(_SURNAME_START)}{r.choice(_SURNAME_END)}"


def _fill(template: str, r: random.Random, n: Names, pub: dt.date, tail: float = 0.9) -> str:
    """Fill one template with two distinct states and the other slots; add a clause with chance ``tail``."""
    (_, s, a, c), (_, t, b, k) = r.sample(n.states, 2)
    values = {
        "S": s,
        "T": t,
        "A": a or s,
        "B": b or t,
        "C": c or s,
        "K": k or t,
        "O": r.choice(n.orgs) if n.orgs else "the alliance",
        "P": _person(r, n),
        "D": _date_phrase(r, pub),
        "N": f"{r.randint(2, 40) * 100:,}",
        "X": r.choice(_EXERCISE_NAMES),
        "Y": str(pub.year + r.randint(0, 1)),
        "n": str(r.randint(2, 90)),
        "d": str(r.randint(0, 9)),
        "k": str(r.randint(1, 5)),
        "j": str(r.randint(0, 3)),
    }
    sentence = template.format(**values)
    if r.random() < tail:
        sentence = sentence[:-1] + r.choice(_TAILS) + "."
    return sentence


def article(r: random.Random, pub: dt.date, n: Names | None = None) -> str:
    """One article: headline, dateline, 8-15 sentences of which 1-4 are relevant."""
    n = n or names()
    relevant = r.randint(1, 4) if r.random() < 0.85 else 0
    total = r.randint(9, 15)
    sentences = [_fill(r.choice(_FILLER), r, n, pub) for _ in range(total - relevant)]
    for _ in range(relevant):
        sentences.insert(r.randrange(len(sentences) + 1), _fill(r.choice(r.choice(_KIND_TEMPLATES)), r, n, pub))
    _code, _name, _adj, capital = r.choice(n.states)
    headline = _fill(r.choice(_HEADLINES), r, n, pub, tail=0.0)
    dateline = f"{(capital or _name).upper()}, {_MONTHS[pub.month - 1]} {pub.day} -"
    paragraphs: list[str] = []
    i = 0
    while i < len(sentences):
        step = r.randint(2, 4)
        paragraphs.append(" ".join(sentences[i : i + step]))
        i += step
    return headline + "\n\n" + dateline + " " + "\n\n".join(paragraphs) + "\n"


def generate(size: int, seed: int = SEED) -> Iterator[dict[str, str]]:
    """Stream ``size`` articles as ``{"id", "text", "published"}`` dicts (deterministic)."""
    r = random.Random(seed)
    n = names()
    base = dt.date(2023, 1, 1)
    for i in range(size):
        pub = base + dt.timedelta(days=r.randrange(3 * 365))
        yield {"id": f"gen-{seed}-{i:07d}", "text": article(r, pub, n), "published": pub.isoformat()}


def write_jsonl(path: str | Path, size: int, seed: int = SEED) -> Path:
    """Write ``size`` generated articles to ``path`` as JSON Lines; return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for doc in generate(size, seed):
            out.write(json.dumps(doc, ensure_ascii=False))
            out.write("\n")
    return path


if __name__ == "__main__":  # pragma: no cover - a convenience for people
    count = SIZES.get(sys.argv[1], 0) or int(sys.argv[1]) if len(sys.argv) > 1 else 1_000
    target = sys.argv[2] if len(sys.argv) > 2 else f"corpus-{count}.jsonl"
    print(write_jsonl(target, count))
