"""Exercises: joint exercises, drills, war games, manoeuvres and trainings."""

from __future__ import annotations

from enum import Enum

from pydantic import Field

from geodefence.kinds._base import Record
from geodefence.parts import Actor, DateValue, Place


class ExerciseType(str, Enum):
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


class ExerciseStatus(str, Enum):
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
