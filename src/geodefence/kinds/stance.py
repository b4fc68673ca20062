"""Stances: positions an actor takes for, against or away from something."""

from __future__ import annotations

from enum import Enum

from pydantic import Field

from geodefence.kinds._base import Record
from geodefence.parts import Actor


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
