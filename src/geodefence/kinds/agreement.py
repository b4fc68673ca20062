"""Agreements: treaties, plans, roadmaps, contracts and arms deals between parties."""

from __future__ import annotations

from enum import Enum

from pydantic import Field

from geodefence.kinds._base import Record
from geodefence.parts import Actor, DateValue, Place, Quantity


class AgreementType(str, Enum):
    """What kind of instrument the agreement is.

    - ``treaty``: a treaty or pact.
    - ``agreement``: an agreement or accord not otherwise typed.
    - ``memorandum``: a memorandum of understanding or of cooperation.
    - ``plan``: a cooperation plan or programme of joint activities.
    - ``roadmap``: a roadmap.
    - ``partnership``: a (strategic) partnership declared as such.
    - ``contract``: a procurement or service contract.
    - ``arms_deal``: a sale or transfer of weapons or platforms.
    - ``other``: anything else (a declaration, a protocol).
    """

    treaty = "treaty"
    agreement = "agreement"
    memorandum = "memorandum"
    plan = "plan"
    roadmap = "roadmap"
    partnership = "partnership"
    contract = "contract"
    arms_deal = "arms_deal"
    other = "other"


class AgreementStatus(str, Enum):
    """Where the agreement stands, as the text reports it.

    - ``proposed``: offered, drafted, under negotiation, or planned to be signed.
    - ``announced``: announced, launched or initiated without a reported signature.
    - ``signed``: signed or concluded.
    - ``ratified``: ratified or approved by a legislature.
    - ``in_force``: reported as in force or being implemented.
    - ``reaffirmed``: an existing agreement reaffirmed, renewed or extended.
    - ``suspended``: suspended or frozen.
    - ``terminated``: ended, withdrawn from, left or expired.
    """

    proposed = "proposed"
    announced = "announced"
    signed = "signed"
    ratified = "ratified"
    in_force = "in_force"
    reaffirmed = "reaffirmed"
    suspended = "suspended"
    terminated = "terminated"


class Provision(str, Enum):
    """What an agreement covers.

    - ``arms_supply``: delivery or sale of weapons and equipment.
    - ``military_assistance``: aid, advice or support to forces.
    - ``joint_research``: joint research, development or production.
    - ``training``: training and education of personnel.
    - ``joint_exercises``: joint exercises and drills.
    - ``intelligence_sharing``: exchange of intelligence or information.
    - ``technology_transfer``: transfer of technology or licences.
    - ``maintenance``: maintenance, repair and logistics.
    - ``basing``: basing, access or port calls.
    - ``border_security``: border protection.
    - ``counterterrorism``: counterterrorism and counter-extremism.
    - ``cybersecurity``: cyber defence.
    - ``peacekeeping``: peacekeeping.
    - ``other``: anything else.
    """

    arms_supply = "arms_supply"
    military_assistance = "military_assistance"
    joint_research = "joint_research"
    training = "training"
    joint_exercises = "joint_exercises"
    intelligence_sharing = "intelligence_sharing"
    technology_transfer = "technology_transfer"
    maintenance = "maintenance"
    basing = "basing"
    border_security = "border_security"
    counterterrorism = "counterterrorism"
    cybersecurity = "cybersecurity"
    peacekeeping = "peacekeeping"
    other = "other"


class Agreement(Record):
    """An agreement between two or more parties (states or organisations)."""

    parties: list[Actor] = Field(
        default_factory=list, description="The states or organisations bound by the agreement."
    )
    name: str | None = Field(default=None, description="The agreement's name or description as written.")
    agreement_type: AgreementType = Field(default=AgreementType.agreement, description="What kind of instrument it is.")
    status: AgreementStatus = Field(default=AgreementStatus.announced, description="Where it stands, as reported.")
    date: DateValue | None = Field(default=None, description="When it was signed or announced.")
    valid_from: DateValue | None = Field(default=None, description="When it takes effect, if stated.")
    valid_until: DateValue | None = Field(default=None, description="When it ends or runs until, if stated.")
    signatories: list[Actor] = Field(default_factory=list, description="Persons who signed or formalised it.")
    location: Place | None = Field(default=None, description="Where it was signed or announced.")
    provisions: list[Provision] = Field(default_factory=list, description="What it covers.")
    quantities: list[Quantity] = Field(default_factory=list, description="Counts it states (activities, units, value).")
