"""Whom a person serves, decided from the person alone.

In order: their own title phrase ("U.S. National Security Advisor Jake Sullivan", "Prime
Minister Kishida of Japan") or an apposition ("Jake Sullivan, the U.S. national security
advisor"), both read by :mod:`geodefence.text.persons` when it finds the person; an earlier
mention of the same person (the persons layer keeps one person per surname); the roster of
officials valid on the article's date (among two holders of a name, the one whose state the article
names); and, in an issuing government's own statement, the issuer
for a title its officials hold. Never another person's state or a state named nearby in the
sentence: a person whose state is still unknown keeps ``country = None``.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Collection, Iterable

from geodefence.actors.issuers import Issuer
from geodefence.actors.roster import get_roster
from geodefence.text.persons import Person

# The office a title names, to choose among the roster's holders of a name.
TITLE_OFFICE = {
    "President": "head_of_state", "King": "head_of_state", "Queen": "head_of_state", "Emir": "head_of_state",
    "Sultan": "head_of_state", "Prime Minister": "head_of_government", "Foreign Minister": "foreign_minister",
    "Defence Minister": "defence_minister", "Vice President": "vice_president",
}


def affiliate(persons: Iterable[Person], published: _dt.date | None, issuer: Issuer | None, named: Collection[str] = ()) -> None:
    """Fill ``country`` of the persons whose own words did not state it (roster, then issuer).

    Where the roster holds the name for two states on the day, the title's office chooses, then
    the one of them that the article names (``named``: the states it mentions).
    """
    roster = get_roster()
    for person in persons:
        if person.country is not None:
            continue
        if person.title is None and person.rank is None and not person.rostered:
            continue  # not anchored on an office nor named as the roster names an official: nothing to look up by
        owned = issuer is not None and not person.org_title and issuer.owns_title(person.canonical_title)
        if owned and " " in person.name and not roster.lookup(person.name, published):
            # A full name the roster does not hold, with a title the issuer's officials hold: the
            # issuer's official ("Coordinator Kurt Campbell" in a White House readout), not someone
            # else who shares the surname.
            person.country = issuer.party if issuer is not None else None
            continue
        office = TITLE_OFFICE.get(person.canonical_title or "")
        person.country = roster.party_of(person.name, published, office, named)
        if person.country is None and owned and issuer is not None:
            person.country = issuer.party
