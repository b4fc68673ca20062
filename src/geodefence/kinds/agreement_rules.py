"""Rules that find agreements: instrument nouns, status verbs, provisions and counts.

Each table is an ordered list of (rule id, pattern, value); the first match wins. Patterns are
compiled once and contain no nested unbounded repetition (see tests/test_redos.py).
"""

from __future__ import annotations

import re

from geodefence.kinds._common import alternation
from geodefence.text.dispatch import WordScanner

# Head nouns of instruments -> agreement_type. Order matters: longer phrases first.
INSTRUMENTS: list[tuple[str, str, str]] = [
    ("agr.noun.mou", r"memorand(?:um|a) of (?:understanding|cooperation|intent)|MoUs?|MOUs?", "memorandum"),
    ("agr.noun.memorandum", r"memorand(?:um|a)", "memorandum"),
    ("agr.noun.arms_deal", r"arms (?:deal|sale|sales|package|contract)s?|weapons (?:deal|sale|package)s?", "arms_deal"),
    ("agr.noun.roadmap", r"road ?maps?", "roadmap"),
    ("agr.noun.treaty", r"treat(?:y|ies)|pacts?", "treaty"),
    ("agr.noun.plan", r"(?:(?:action |cooperation |partnership |implementation |work |working )?plans?(?! to\b)|programmes? of (?:(?:bilateral|military|defen[cs]e) ){0,2}cooperation|(?:cooperation|defen[cs]e|military) programmes?)", "plan"),
    ("agr.noun.contract", r"contracts?", "contract"),
    # "agreed on a partial ceasefire", "accepted a cessation of hostilities", "a cease-fire agreement"
    ("agr.noun.ceasefire", r"(?:cease-?fires?|truces?|cessations? of hostilities|armistices?)(?: (?:agreement|deal|accord)s?)?", "ceasefire"),
    ("agr.noun.deal", r"deals?", "agreement"),
    # A named framework or guidelines are capitalised: "the Trilateral Maritime Security Cooperation
    # Framework", "the U.S.-ROK Guidelines for Nuclear Deterrence" (not "a framework to discuss").
    ("agr.noun.agreement", r"agreements?|accords?|protocols?|frameworks? (?:agreement|for|on)|(?<!floral )(?<!flower )(?<!seating )(?<!travel )(?<!funeral )arrangements?|(?-i:Frameworks?|Guidelines)", "agreement"),
    ("agr.noun.partnership", r"(?:(?:strategic |comprehensive |security |defen[cs]e |military )partnerships?|partnerships?)(?! (?:plans?|road ?maps?|agreements?|treat(?:y|ies)|accords?|framework|programmes?)\b)", "partnership"),
    # A body set up by agreement: "agreed to launch a high-level strategic dialogue", "agreed to
    # establish working groups" (only after such a verb: agreement.py checks it).
    ("agr.noun.body", r"dialogues?|working groups?|task forces?|joint commissions?|joint committees?", "other"),
    ("agr.noun.declaration", r"joint declarations?|declarations? (?:on|of) (?:cooperation|partnership|intent)", "other"),
]
# Case-insensitive: named instruments are capitalised ("the Reciprocal Access Agreement").
NOUN_RE = re.compile(r"(?=[A-Za-z])\b(?:" + alternation(INSTRUMENTS, "n") + r")\b", re.IGNORECASE)
NOUN_SCAN = WordScanner([row[1] for row in INSTRUMENTS], "n", re.IGNORECASE)
"""The same matches as ``NOUN_RE.finditer``, faster (text.dispatch)."""

# Lower-case stems: every instrument noun above contains one (tests/test_gate.py checks it).
GATE: tuple[str, ...] = (
    "memorand", "mou", "deal", "sale", "package", "contract", "road map", "roadmap", "treat", "pact", "plan$",
    "plans$", "programme", "agreement", "accord$", "accords$", "protocol", "partnership", "declaration", "framework",
    "arrangement", "guidelines",
    "ceasefire", "cease-fire", "truce", "cessation", "armistice", "dialogue", "working group", "task force", "joint commission",
    "joint committee",
)

# Status verbs -> status. Checked in order; the first that occurs near the noun decides.
STATUSES: list[tuple[str, str, str]] = [
    ("agr.status.terminated", r"end(?:ed|s|ing)|cancel(?:l)?ed|cancels|withdr[ae]w(?:n|ing)? from|withdrawal from|pull(?:ed|s|ing)? out of|(?:left|quit|exited|exits)|terminat(?:ed|es|ing)|scrapp(?:ed|ing)|abandon(?:ed|s|ing)|revok(?:ed|es|ing)|tore up|expired", "terminated"),
    ("agr.status.suspended", r"suspend(?:ed|s|ing)?|suspension of|froze|frozen|halt(?:ed|s)", "suspended"),
    ("agr.status.ratified", r"ratif(?:ied|ies|y|ying|ication)", "ratified"),
    ("agr.status.in_force", r"(?:entered|enters|came|comes) into force|took effect|takes effect|in force", "in_force"),
    ("agr.status.reaffirmed", r"reaffirm(?:ed|s|ing)?|renew(?:ed|s|ing)|extend(?:ed|s|ing)|prolong(?:ed|s|ing)|reiterat(?:ed|es|ing)", "reaffirmed"),
    ("agr.status.signed", r"sign(?:ed|s|ing)?|inked|ink|conclud(?:ed|es|ing)|conclusion of|clinch(?:ed|es)?|seal(?:ed|s)|struck|formali[sz](?:ed|es|ing|ation)|(?<!for )signature|exchang(?:ed|es|ing) (?:the )?(?:instruments|documents|notes|letters|ratification)", "signed"),
    ("agr.status.announced", r"announc(?:ed|es|ing|ement)|accept(?:ed|s)|initial(?:l)?ed|unveil(?:ed|s|ing)|initiat(?:ed|es|ing)|launch(?:ed|es|ing)?|establish(?:ed|es|ing|ment)|adopt(?:ed|s|ing)|agreed|reach(?:ed|es)|finali[sz](?:ed|es|ing)|approv(?:ed|es|al)|endors(?:ed|es)|newly established|broker(?:ed|s)?|adoption of|(?:celebrat|hail|welcom|announc)(?:ed|es|e|ing) (?:the |a )?new|(?<=the )recent(?= (?:[\w-]{1,30} ){0,3}?(?:agreement|deal|accord|treaty|pact)s? between\b)", "announced"),
    ("agr.status.proposed", r"propos(?:ed|es|al)|draft(?:ed|ing)?|negotiat(?:ed|es|ing|ions?)|discuss(?:ed|es|ing)|talks on", "proposed"),
]
STATUS_RE = re.compile(r"(?=[A-Za-z])\b(?:" + alternation(STATUSES, "s") + r")\b")

# What an agreement covers.
PROVISIONS: list[tuple[str, str]] = [
    (r"arms suppl(?:y|ies)|suppl(?:y|ies) of (?:arms|weapons)|weapons? deliver(?:y|ies)|arms deliver(?:y|ies)|arms transfers?", "arms_supply"),
    (r"military (?:assistance|aid)|security assistance|defen[cs]e assistance", "military_assistance"),
    (r"joint research|research and development|R&D|joint development|co-?production|joint production", "joint_research"),
    (r"training|education of (?:officers|personnel)|military education", "training"),
    (r"joint (?:military )?(?:exercises|drills|manoeuvres|maneuvers)", "joint_exercises"),
    (r"intelligence[- ]sharing|(?:exchange|sharing) of (?:intelligence|information)|information[- ]sharing", "intelligence_sharing"),
    (r"technology transfers?|transfers? of technolog(?:y|ies)", "technology_transfer"),
    (r"maintenance|repairs?|logistics", "maintenance"),
    (r"port calls?|base access|access to (?:ports|bases|airfields)|basing", "basing"),
    (r"border (?:security|protection)", "border_security"),
    (r"counter-?terrorism|terrorism|extremism", "counterterrorism"),
    (r"cyber(?:security| defen[cs]e|-security)?", "cybersecurity"),
    (r"peacekeeping", "peacekeeping"),
]
PROVISION_RE = [(re.compile(rf"\b(?:{p})\b", re.IGNORECASE), v) for p, v in PROVISIONS]

# Counts: "50 joint military activities", "12 F-16 jets", "$3.5 billion".
COUNT_RE = re.compile(
    r"\b(\d{1,3}(?:,\d{3})+|\d{1,6})\s+((?:[A-Za-z][\w-]{0,20}\s){0,3}?(?:activities|events|exercises|projects|aircraft|jets|fighters|"
    r"helicopters|tanks|drones|missiles|ships|vessels|warships|submarines|systems|units|vehicles|howitzers|launchers|rounds|"
    r"batteries|frigates|corvettes|patrol boats|satellites))\b"
)
MONEY_RE = re.compile(r"(?:\$|US\$|USD ?|EUR ?|€|£)\s?(\d{1,4}(?:\.\d{1,3})?)\s?(billion|million|bn|mn|m)?\b")
MONEY_SCALE = {"billion": 1e9, "bn": 1e9, "million": 1e6, "mn": 1e6, "m": 1e6}

# Determiners that make a noun phrase anaphoric ("this partnership", "the plan").
ANAPHOR_RE = re.compile(r"\b(?:this|that|the|these|those|such|its|their)\s+(?:[a-z0-9-]+\s){0,4}$", re.IGNORECASE)
# Words of an agreement's name that say nothing about which agreement it is.
GENERIC_NAME_WORDS = frozenset(
    "a an the this that new newly military defence defense cooperation security bilateral joint comprehensive "
    "agreement agreements deal treaty plan partnership accord memorandum of on and for in "
    # nor a field that many instruments share ("Agreement on Reciprocal Trade" is not the Free Trade Agreement)
    "trade free economic "
    # a date inside the phrase ("a defence agreement on Wednesday") names no instrument
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december "
    # nor does a term ("this 10-year agreement")
    "year years month months".split()
)
