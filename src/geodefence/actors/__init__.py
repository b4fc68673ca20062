"""Actors: whom each person serves (title, apposition, earlier mention, roster, issuer).

Every record kind reads persons' states from here through the text layer; none decides
affiliation itself. ``lookup("Lavrov", on="2023-05-01")`` answers from the shipped roster.
"""

from geodefence.actors.affiliation import affiliate
from geodefence.actors.issuers import Issuer, issuer_of
from geodefence.actors.roster import Role, Roster, get_roster, lookup

__all__ = ["Issuer", "Role", "Roster", "affiliate", "get_roster", "issuer_of", "lookup"]
