"""Issuers of official statements: whose own statement a document is, from its source address.

A White House readout speaks for the United States: an official it names with a title but no
state is American unless the title is one American officials do not hold, and its unnamed "the
President" is the U.S. president. ``data/issuers.yaml`` maps web domains to parties.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib.resources import files
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from geodefence.errors import DataError


class _IssuerEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    party: str = Field(pattern=r"^[A-Z]{2,5}$")
    domains: list[str] = Field(min_length=1)
    foreign_titles: list[str] = Field(default_factory=list)


class _IssuersFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    issuers: list[_IssuerEntry]


@dataclass(frozen=True, slots=True)
class Issuer:
    """The party a document speaks for, and the titles its own officials never hold.

    ``cosigners``: the other parties of a joint statement, read from its address ("joint-statement-
    from-the-governments-of-australia-bahrain-canada-..."): the statement speaks for each of them too.
    """

    party: str
    foreign_titles: frozenset[str]
    cosigners: tuple[str, ...] = ()

    def owns_title(self, title: str | None) -> bool:
        """True when an official with this title (and no stated state) is the issuer's own."""
        return title is not None and title not in self.foreign_titles


@lru_cache(maxsize=1)
def _by_domain() -> dict[str, Issuer]:
    text = files("geodefence").joinpath("data").joinpath("issuers.yaml").read_text(encoding="utf-8")
    try:
        parsed = _IssuersFile.model_validate(yaml.safe_load(text))
    except ValidationError as exc:
        err = exc.errors()[0]
        raise DataError(f"issuers.yaml: {'.'.join(str(p) for p in err['loc'])}: {err['msg']}") from None
    out: dict[str, Issuer] = {}
    for entry in parsed.issuers:
        issuer = Issuer(entry.party, frozenset(entry.foreign_titles))
        for domain in entry.domains:
            if domain in out:
                raise DataError(f"issuers.yaml: domain {domain!r} listed twice")
            out[domain] = issuer
    return out


def issuer_of(source: str | None) -> Issuer | None:
    """The issuer of a document published at ``source`` (a URL), or None for anything else."""
    if not source:
        return None
    try:
        host = (urlsplit(source if "//" in source else f"//{source}").hostname or "").lower()
    except ValueError:
        return None
    table = _by_domain()
    parts = host.split(".")
    for i in range(len(parts) - 1):
        found = table.get(".".join(parts[i:]))
        if found is not None:
            cosigners = _cosigners(source, found.party)
            return replace(found, cosigners=cosigners) if cosigners else found
    return None


_JOINT = re.compile(r"joint-(?:statement|declaration|readout|fact-sheet|leaders-statement|communique)s?-(.+)$")
_SIGNERS = re.compile(
    r"^(?:.*?-)??(?:from|by|of|between)-(?:the-)?(?:(?:governments?|leaders?|foreign-ministers|defen[cs]e-ministers|presidents)-)?(?:of-)?(.+)$"
)
_CONNECTORS = frozenset({"of", "and", "the"})
_SUBJECT_WORDS = frozenset(
    "on announcing regarding condemning to in at for following after welcoming supporting marking concerning about "
    "with calling urging reaffirming affirming commemorating celebrating as against".split()
)
"""Words after which a joint statement's address no longer lists its signers."""
_PAIR_BEFORE_JOINT = re.compile(r"^(.+?)-(?:leaders-|presidential-|summit-)?joint-(?:leaders-)?(?:statement|declaration|readout|fact-sheet|vision-statement|communique)")
_JOINT_ORGS = frozenset({"EU", "ASEAN", "AU"})
"""Organisations that sign joint statements as a party of their own."""


def _members(code: str) -> tuple[str, ...]:
    """The member states of a small, fixed grouping (organizations.yaml ``members``), else none."""
    from geodefence.text.vocab import get_vocab

    info = get_vocab().orgs.get(code)
    return info.members if info is not None else ()


def _cosigners(source: str, party: str) -> tuple[str, ...]:
    """The states a joint statement's address names as its authors, besides ``party`` (two or more
    parties in all), e.g. "joint-statement-of-japan-the-republic-of-korea-and-the-united-states"."""
    from geodefence.text.vocab import scan, speaking_for  # the vocabularies are heavy: only for joint statements

    path = urlsplit(source if "//" in source else f"//{source}").path.rstrip("/")
    slug = path.rsplit("/", 1)[-1].lower()
    joint = _JOINT.search(slug)
    signers = _SIGNERS.match(joint.group(1)) if joint is not None else None
    codes: set[str] = set()
    if signers is not None:
        # the address's list of signers ends where its subject begins: "by-the-g7-announcing-further-
        # economic-costs-on-russia" names the G7, not Russia
        listed = list(itertools.takewhile(lambda w: w not in _SUBJECT_WORDS, signers.group(1).split("-")))
        words = [w if w in _CONNECTORS else w.capitalize() for w in listed if w]
        found_signers = scan(" ".join(words))
        codes = {m.code for m in found_signers if m.code and m.kind in ("state", "state_adj")}
        # "...-between-the-united-states-and-the-european-commission": a body signs for its organisation
        codes |= {speaking_for(m.code) for m in found_signers if m.code and m.kind == "org" and speaking_for(m.code) in _JOINT_ORGS}
    pair = _PAIR_BEFORE_JOINT.match(slug) if not codes else None
    if pair is not None:
        # "united-states-kenya-joint-leaders-statement", "u-s-rok-leaders-joint-statement": the
        # parties named before "joint", read as names and, for short words, as acronyms (ROK, EU)
        words = [w for w in pair.group(1).split("-") if w]
        as_names = " ".join(w if w in _CONNECTORS else w.capitalize() for w in words)
        acronyms = " ".join(w.upper() if len(w) <= 5 and w not in _CONNECTORS else "_" for w in words)
        found = scan(as_names) + scan(acronyms)
        codes = {m.code for m in found if m.code and (m.kind in ("state", "state_adj") or m.code in _JOINT_ORGS)}
        # "quad-leaders-joint-statement": a small grouping's leaders are its member states'
        codes |= {code for m in found if m.code and m.kind == "org" for code in _members(m.code)}
    codes.discard(party)
    return tuple(sorted(codes)) if codes else ()
