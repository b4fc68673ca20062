"""A roster of officials with the dates they held office: whom a named person serves, and when.

Two tables ship in ``geodefence/data``: ``roster.yaml``, kept by hand for 2015 on (heads of state
and government, defence and foreign ministers, chiefs of defence, national security advisers,
heads of the main organisations), and ``roster_petrarch.tsv``, the dated government and military
roles of the PETRARCH-2/Phoenix actor dictionary up to 2015 (MIT; converted by
``scripts/build_roster.py``). A name answers only for the dates its holder was in office: "Trump"
in 2019 and in 2025 is the U.S. president, "Austin" in 2023 the U.S. defense secretary.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from geodefence.errors import DataError

Office = Literal[
    "head_of_state",
    "head_of_government",
    "vice_president",
    "defence_minister",
    "foreign_minister",
    "chief_of_defence",
    "national_security_adviser",
    "secretary_general",
    "government",
    "military",
]
"""What a role is. ``government`` and ``military`` are the PETRARCH roles, which name no office."""


class RosterEntry(BaseModel):
    """One person in one office, as ``roster.yaml`` writes it."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    name: str = Field(min_length=3, description="The full name as English news writes it.")
    aliases: list[str] = Field(default_factory=list, description="Other written forms of the name.")
    office: Office
    party: str = Field(pattern=r"^[A-Z][A-Z0-9-]{1,9}$", description="State (ISO alpha-3) or organisation code.")
    start: _dt.date = Field(alias="from", description="First day in office.")
    end: _dt.date | None = Field(default=None, alias="to", description="Last day in office; null while in office.")

    @model_validator(mode="after")
    def _ordered(self) -> RosterEntry:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"{self.name}: office ends ({self.end}) before it starts ({self.start})")
        return self


class _RosterFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    roster: list[RosterEntry]


@dataclass(frozen=True, slots=True)
class Role:
    """A person's office at a party for a span of dates; ``source`` names the table it came from."""

    name: str
    party: str
    office: str
    start: _dt.date
    end: _dt.date | None
    source: str

    def holds_on(self, day: _dt.date) -> bool:
        """True when the role covers ``day``."""
        return self.start <= day and (self.end is None or day <= self.end)


def fold(name: str) -> str:
    """The form names are compared in: accents dropped, case folded, dots and hyphens as spaces."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return " ".join(plain.casefold().replace(".", " ").replace("-", " ").replace("’", "'").split())


_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_FAMILY_NAME_FIRST = frozenset({"KOR", "PRK", "CHN", "TWN", "VNM", "KHM", "MNG", "HKG"})
"""States whose officials' names English news writes family name first."""
_ENGLISH_SURNAMES = frozenset({"lee", "park", "young", "long", "king", "song", "ma", "li", "moon", "han", "chang", "lim"})
"""Family names that are also English ones ("Senator Lee"): not read as a surname alone."""
_HONORIFIC = re.compile(r"^(?:sheikh|sheikha|shaikh|sayyid|mr|mrs|ms|dr|his majesty|her majesty|his highness)\s+")


def surname(name: str) -> str:
    """The folded last name, skipping a suffix ("Joseph R. Biden Jr." -> "biden")."""
    words = [w for w in fold(name).split() if w not in _SUFFIXES]
    return words[-1] if words else ""


class Roster:
    """Roles indexed by full name and by surname."""

    def __init__(self, roles: list[Role]) -> None:
        self.roles = roles
        self._by_name: dict[str, list[Role]] = defaultdict(list)
        self._by_surname: dict[str, list[Role]] = defaultdict(list)

    def add(self, role: Role, forms: list[str]) -> None:
        """Index ``role`` under every written form of its holder's name."""
        self.roles.append(role)
        for form in forms:
            self._by_name[fold(form)].append(role)
            last = surname(form)
            if last and role not in self._by_surname[last]:
                self._by_surname[last].append(role)
            words = fold(form).split()
            if role.party in _FAMILY_NAME_FIRST and len(words) >= 2 and words[0] not in _ENGLISH_SURNAMES and role not in self._by_surname[words[0]]:
                # "Yoon Suk Yeol", "Xi Jinping": the family name comes first ("President Yoon")
                self._by_surname[words[0]].append(role)

    def lookup(self, name: str, on: _dt.date | str | None = None) -> list[Role]:
        """The roles of the person written ``name`` (a full name, or a surname alone) held on ``on``.

        A full name is looked up as written; a single word as a surname. With no date every role
        of the name is returned; with one, only those covering it. Sorted by start date. An
        honorific before the name ("Sheikh Tamim bin Hamad") is not part of it, and a two-word name
        the roster lacks is also tried family name first ("Kishida Fumio" is Fumio Kishida).
        """
        key = _HONORIFIC.sub("", fold(name))
        found = list(self._by_name.get(key, []))
        words = key.split()
        if not found and len(words) == 2:
            found = list(self._by_name.get(f"{words[1]} {words[0]}", []))
        if " " not in key:  # a single word is a full name ("Suharto") or a surname ("Lavrov")
            found += [r for r in self._by_surname.get(key, []) if r not in found]
        if on is not None:
            day = _dt.date.fromisoformat(on) if isinstance(on, str) else on
            found = [r for r in found if r.holds_on(day)]
        return sorted(found, key=lambda r: (r.start, r.party, r.office))

    def knows(self, name: str) -> bool:
        """True when ``name`` is the full name (two words or more) of someone in the roster."""
        key = fold(name)
        return " " in key and key in self._by_name

    def knows_surname(self, word: str) -> bool:
        """True when ``word`` is the last word of someone's name in the roster (a cheap first test)."""
        return fold(word) in self._by_surname

    def leader_party(self, word: str) -> str | None:
        """The party of a surname whose holders led one state only: every role ever recorded under
        it is at that party and one is a head of state or government ("Putin", "Lukashenko"); else None."""
        roles = self._by_surname.get(fold(word), [])
        parties = {r.party for r in roles}
        if len(parties) != 1 or not any(r.office in ("head_of_state", "head_of_government") for r in roles):
            return None
        return parties.pop()

    def party_of(self, name: str, on: _dt.date | None, office: str | None = None, named: Collection[str] = ()) -> str | None:
        """The one party the person serves on ``on``, or None when unknown or ambiguous.

        A full name that is not in the roster falls back to its surname (news writes "Jake
        Sullivan" and "Sullivan"). Without a date, a name answers only when every role ever
        recorded for it is at the same party.
        """
        roles = self.lookup(name, on)
        if not roles and " " in fold(name) and not self.lookup(name):
            # Only a name the roster does not know falls back to its surname: "Jimmy Carter" out
            # of office is not Nick Carter in office.
            roles = self.lookup(surname(name), on)
        # "King Abdullah": a King holds a head of state's office, not a foreign minister's
        roles = [r for r in roles if office is None or r.office in (office, "government")] or roles
        parties = {r.party for r in roles}
        if len(parties) > 1 and named:
            # two kings named Abdullah in office: the one whose state the article names
            parties = {p for p in parties if p in named} if len({p for p in parties if p in named}) == 1 else parties
        return parties.pop() if len(parties) == 1 else None


def _load_yaml() -> list[tuple[Role, list[str]]]:
    resource = files("geodefence").joinpath("data").joinpath("roster.yaml")
    if not resource.is_file():
        return []
    text = resource.read_text(encoding="utf-8")
    try:
        # libyaml's loader when the wheel has it: ten times faster on the 1,300-line table.
        parsed = _RosterFile.model_validate(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise DataError(f"roster.yaml: {where}: {err['msg']}") from None
    return [
        (Role(e.name, e.party, e.office, e.start, e.end, "roster.yaml"), [e.name, *e.aliases]) for e in parsed.roster
    ]


def _load_tsv() -> list[tuple[Role, list[str]]]:
    resource = files("geodefence").joinpath("data").joinpath("roster_petrarch.tsv")
    out: list[tuple[Role, list[str]]] = []
    lines = [line for line in resource.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) != 5:
            raise DataError(f"roster_petrarch.tsv: row {number}: expected 5 columns, got {len(cells)}")
        name, party, office, start, end = cells
        role = Role(name, party, office, _dt.date.fromisoformat(start), _dt.date.fromisoformat(end), "petrarch")
        out.append((role, [name]))
    return out


@lru_cache(maxsize=1)
def get_roster() -> Roster:
    """The shipped roster, loaded and validated once."""
    roster = Roster([])
    for role, forms in [*_load_yaml(), *_load_tsv()]:
        roster.add(role, forms)
    return roster


def lookup(name: str, on: _dt.date | str | None = None) -> list[Role]:
    """The roles the shipped roster gives ``name`` (full name or surname) on the date ``on``."""
    return get_roster().lookup(name, on)
