"""Stances: positions an actor takes for, against or away from something."""

from __future__ import annotations

import re

from pydantic import Field

from geodefence.kinds._base import Record
from geodefence.kinds._common import (
    DENIAL,
    LED,
    UNCERTAIN,
    actor_with_evidence,
    alternation,
    clause_bounds,
    counterpart,
    date_value,
    distinct,
    implied_ref,
    in_quotes_or_attribution,
    row_of,
    story_date,
)
from geodefence.parts import Actor, DateValue, StrEnum
from geodefence.text.analysis import ActorRef, Analysis, Sentence, is_object
from geodefence.text.dates import DateMention
from geodefence.text.dispatch import WordScanner


class Position(StrEnum):
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
    date: DateValue | None = Field(
        default=None,
        description="When the position was stated: the date its sentence gives, else the story's day (since 1.1.0).",
    )


# --- extraction -------------------------------------------------------------------------------

# Ordered cue rules: (rule id, pattern, position). Negated and modal forms come before the plain
# verbs they contain, so "has not supported" is withhold, never support.
CUES: list[tuple[str, str, str]] = [
    ("stance.neutral.no_sides", r"(?:does|do|did|will|would)(?: not|n't) take sides|(?:without|avoid(?:ed|s)?|avoiding) taking sides", "neutral"),
    ("stance.withhold.not_verb", r"(?:has|have|had|did|does|do|would|will)(?: not|n't| never)(?: yet| so far| publicly| openly| officially| formally)? (?:supported|support|backed|back|endorsed|endorse|joined|join|recogni[sz]ed|recogni[sz]e|condemned|condemn|critici[sz]ed|critici[sz]e|signed up to|sign up to|taken sides|take sides|participated|participate|welcomed|welcome)", "withhold"),
    ("stance.withhold.refrained", r"refrain(?:ed|s|ing)? from (?:endorsing|supporting|backing|condemning|critici[sz]ing|joining|recogni[sz]ing|taking sides|taking part|participating|commenting on)", "withhold"),
    ("stance.withhold.declined", r"(?:declined|declines|decline|refused|refuses|refuse) to (?:support|back|endorse|join|condemn|critici[sz]e|recogni[sz]e|take sides|participate|take part|send|supply|provide|sign|commit)", "withhold"),
    ("stance.withhold.chose_not", r"(?:chose|chosen|chooses|choose|opted|opts|decided|decides) not to (?:join|support|back|endorse|participate|sign|take part|recogni[sz]e|send)", "withhold"),
    ("stance.withhold.stopped_short", r"stopp?(?:ed|ing|s)? short of (?:endorsing|supporting|backing|condemning|critici[sz]ing|recogni[sz]ing|joining|naming)", "withhold"),
    ("stance.withhold.distanced", r"distanc(?:ed|ing|es) (?:itself|themselves|himself|herself) from", "withhold"),
    ("stance.withhold.stayed_out", r"(?:stayed|stays|remained|remains|kept|keeps) (?:out of|away from|aloof from)", "withhold"),
    ("stance.withhold.yet_to", r"(?:has|have) yet to (?:support|back|endorse|join|sign|ratify|recogni[sz]e|condemn|commit)", "withhold"),
    ("stance.withhold.reluctant", r"(?:been |is |was |remains? |remained )?reluctant to (?:support|back|endorse|join|sign|condemn|commit|take sides)", "withhold"),
    ("stance.withhold.boycotted", r"boycott(?:ed|s|ing)|(?:did|does|will) not attend|skipp(?:ed|ing) the (?:summit|meeting|talks|vote)", "withhold"),
    ("stance.withhold.silent", r"(?:remained|remains|stayed|kept) (?:conspicuously )?silent (?:on|about|over)|kept its distance from", "withhold"),
    ("stance.withhold.withheld", r"withh(?:eld|olds|old) (?:its |their |his |her )?(?:support|backing|endorsement|approval)", "withhold"),
    ("stance.neutral.declared", r"(?:declared|declares|declare|maintains|maintained|maintain|remains|remained|remain|stays|stayed|stay|kept|keeps|reaffirmed|reiterated|committed to) (?:its |their |a |his |her |the country's )?(?:strict |strictly |permanent |firm |military |constitutional |long-standing |traditional )?neutral(?:ity| status)?", "neutral"),
    ("stance.withhold.froze", r"(?:froze|frozen|freezes|suspended|suspends|halted) (?:its |their )?(?:participation|membership|involvement|cooperation)", "withhold"),
    ("stance.withhold.turned_down", r"turn(?:ed|s)? down|rebuff(?:ed|s)", "withhold"),
    # Abstaining on a vote is withholding toward the actor voted on (the shared coding conventions).
    ("stance.withhold.abstained", r"abstain(?:ed|s|ing)?", "withhold"),
    ("stance.oppose.warned", r"warn(?:ed|s|ing)? (?:against|of|over)|(?:issued|issues|issue) (?:a |stern |fresh |new )?warnings?", "oppose"),
    # First person in a quotation ("We strongly condemn ..."): the speaker is found after the quote.
    ("stance.oppose.we", r"(?<=[Ww]e )(?:\w+ly )?(?:condemn|reject|oppose|denounce|deplore)|(?<=\bI )(?:\w+ly )?(?:condemn|reject|oppose|denounce|deplore)", "oppose"),
    ("stance.support.we", r"(?:(?<=[Ww]e )|(?<=\bI ))(?:\w+ly )?(?:support|welcome|back|endorse|stand with|stand by)", "support"),
    ("stance.oppose.accused", r"accus(?:ed|es|ing)|blam(?:ed|es|ing)|alleg(?:ed|es|ing) that", "oppose"),
    # Displeasure and force: "was disappointed that Putin ...", "shocked and distressed by the
    # targeting by Israeli forces", "will take action against PKK targets".
    ("stance.oppose.dismayed", r"(?:disappointed|dismayed|appalled|outraged|shocked|distressed|alarmed)\"? (?:and (?:deeply )?\w+ )?(?:that|by|at|with|over)|(?:take|took|takes|taking) (?:military |firm |decisive )?action against", "oppose"),
    ("stance.oppose.protest_lodged", r"lodg(?:ed|es|ing) (?:a |an )?(?:formal |strong |official )?protest|summon(?:ed|s) (?:the |its )?(?:\w+ )?(?:ambassador|envoy|charg)|expell?(?:ed|s|ing) (?:the |all |two |three |several )?(?:[A-Z]\w+ )?(?:ambassador|envoy|diplomats?|embassy staff|military attach)|recall(?:ed|s|ing) (?:its|their) (?:ambassador|envoy)", "oppose"),
    ("stance.oppose.sanctions", r"impos(?:ed|es|ing) (?:new |fresh |further )?sanctions on|sanctioned", "oppose"),
    ("stance.oppose.threatened", r"threaten(?:ed|s|ing) (?:to |retaliation|countermeasures|a response)|vow(?:ed|s) to (?:retaliate|respond|resist|counter)", "oppose"),
    ("stance.oppose.demanded", r"demand(?:ed|s|ing) (?:the |an |that |immediate )?(?:withdrawal|halt|end|release|explanation|apology)", "oppose"),
    ("stance.oppose.took_issue", r"t(?:ook|akes|aking) issue with|h(?:it|its|itting) out at|rebuk(?:ed|es)|(?:expressed|voiced) (?:its |their |his |her )?(?:displeasure|dismay|disappointment|indignation)", "oppose"),
    ("stance.oppose.urged_stop", r"(?:urg(?:ed|es)|call(?:ed|s) on|demand(?:ed|s)) (?:[A-Z][\w'-]{1,20} ){0,3}?to (?:stop|halt|cease|end|withdraw|pull back|refrain from|abandon|reverse)", "oppose"),
    ("stance.oppose.branded", r"(?:called|calls|described|describes|termed|branded|labell?ed) (?:[\w'-]+ ){1,6}?(?:as )?(?:a |an )?\"?(?:[\w-]+ )?(?:illegal|illegitimate|unacceptable|provocative|provocation|violation|aggression|destabili[sz]ing|dangerous|irresponsible|reckless|hostile|terrorists?|terrorist (?:organi[sz]ation|group)|crimes?|war crimes?|massacre|atrocit(?:y|ies)|barbaric|heinous)", "oppose"),
    ("stance.oppose.designated", r"(?:named|designated|designates|listed|lists) (?:both )?(?:the )?(?:[A-Z][\w'’.-]+ ){1,5}(?:\([A-Z]{2,8}\) )?(?:and (?:the )?(?:[A-Z][\w'’.-]+ ){1,5}(?:\([A-Z]{2,8}\) )?)?as (?:a )?(?:terrorists?|(?:foreign )?terrorist (?:organi[sz]ations?|groups?|entit(?:y|ies)))", "oppose"),
    ("stance.oppose.is_against", r"(?:is|are|was|were|remains?|remained) (?:firmly |strongly |resolutely |still )?against", "oppose"),
    ("stance.support.in_favour", r"(?:is|are|was|were|remains?|remained) (?:firmly |strongly |still )?in favou?r of", "support"),
    ("stance.oppose.voted_against", r"vot(?:ed|es|ing) against|veto(?:ed|es)", "oppose"),
    ("stance.support.voted_for", r"vot(?:ed|es|ing) (?:in favou?r|for)", "support"),
    # not a funding call: "a joint call for research projects", "the first call for proposals"
    ("stance.support.called_for", r"(?<!\bjoint )(?<!\bfirst )(?<!\bnew )(?:call(?:ed|s)?|(?<=\bis )calling|(?<=\bare )calling|(?<=\bwas )calling|(?<=\bwere )calling|(?<=\bbeen )calling|appeal(?:ed|s)?) for", "support"),
    ("stance.oppose.condemned", r"condemn(?:ed|s|ing)?|denounc(?:e|ed|es|ing)|deplor(?:e|ed|es)|decr(?:ied|ies)|censur(?:ed|es)", "oppose"),
    ("stance.oppose.rejected", r"reject(?:ed|s|ing)?|oppos(?:e|ed|es|ing)|protest(?:ed|s|ing)(?: against)?|objected to|objects to", "oppose"),
    ("stance.oppose.criticised", r"criticis(?:ed|es|ing)|criticiz(?:ed|es|ing)|slamm(?:ed|ing)|slams|blast(?:ed|s)|lambast(?:ed|s)|(?:voiced|expressed) (?:deep |serious |grave |strong )?\"?(?:grave |deep |serious )?(?:concern|opposition|alarm|outrage|anger)", "oppose"),
    ("stance.neutral.non_aligned", r"(?:remained|remains|stayed|stays|is|was) (?:strictly |firmly )?non-aligned|(?:stayed|stays|remained|remains) on the sidelines", "neutral"),
    ("stance.oppose.lashed_out", r"lash(?:ed|es|ing) out at|sp(?:oke|eaks|eaking) out against|dismiss(?:ed|es) (?:[\w'-]+ ){1,6}?as (?:a |an )?(?:provocation|provocative|illegal|illegitimate|unacceptable|propaganda)", "oppose"),
    ("stance.support.signalled", r"signall?(?:ed|s|ing) (?:its |their |his |her )?(?:support|backing|approval)|(?:was|were|is|are) quick to (?:back|support|endorse|welcome)|sid(?:ed|es) with|thr(?:ew|ows) (?:its|their) support behind", "support"),
    ("stance.support.lauded", r"laud(?:ed|s)|(?:called|described|termed) (?:[A-Z][\w'-]{1,20} ){1,3}(?:as )?(?:a|an|its|their) (?:(?:key|strategic|reliable|important|trusted|natural|close|valued|valuable|indispensable|staunch|steadfast|dependable|true|vital) )*(?:partner|friend|ally)", "support"),
    # "agreed to deepen cooperation with X"; "agreed to further strengthen the U.S.-Singapore strategic partnership"
    ("stance.support.deepen", r"(?:pledg|vow|agre|promis)(?:ed|es) to (?:further )?(?:deepen|strengthen|expand|boost|bolster|step up) (?:(?:\w+ ){0,2}?(?:cooperation|ties|relations|partnership) with|(?:the |their |our )?[A-Z][\w.]*-[A-Z][\w.]* (?:\w+ )?(?:cooperation|ties|relations|relationship|partnership|alliance))", "support"),
    ("stance.support.weight", r"thr(?:ew|ows|owing) (?:its|their|his|her) (?:full )?weight behind|c(?:ame|omes) out in favou?r of|vow(?:ed|s) to (?:support|back|defend|help)|promis(?:ed|es) to (?:support|back|help|defend)", "support"),
    ("stance.support.affirmed", r"affirm(?:ed|s)? (?:its |their |his |her |full |strong |firm )*(?:support|backing|solidarity|commitment)", "support"),
    ("stance.support.valued", r"valu(?:ed|es) (?:the |its |their )?(?:partnership|friendship|relationship|cooperation|ties|support)|respect(?:s|ed) the (?:choice|decision|sovereignty|wishes)|(?:stand|stood|stands|standing) shoulder to shoulder with", "support"),
    ("stance.support.committed", r"(?:(?:remains?|remained|is|are|was|were|stays?|stayed) (?:firmly |fully |deeply |strongly )?|(?<=[a-z] )(?:also )?)committed to", "support"),
    ("stance.support.expressed", r"(?:reaffirm(?:ed|s)?|expressed|expresses|voiced|pledged|pledges|vowed|vows|promised|promises|declared|offered|reiterated|reiterates) (?:its |their |his |her |full |strong |firm |continued |unwavering )*(?:support|backing|solidarity|commitment)", "support"),
    # Diplomatic readouts: "underscored their continued commitment to", "conveyed U.S. support for".
    ("stance.support.commitment", r"(?:underscor|reaffirm|reiterat|affirm|express|convey|emphasi[sz]|highlight|confirm|stress|reinforc|underlin|renew|pledg|offer|extend|discuss|demonstrat)(?:ed|es|e|s)? (?:(?!and |or |but |to |for )[\w.’'-]+ ){0,4}?(?:commitments?|support|solidarity|backing)(?= (?:to|for|with)\b)", "support"),
    ("stance.support.ironclad", r"(?:ironclad|unwavering|steadfast|unshakable|unshakeable|resolute) (?:(?:U\.S\.|American|and|bilateral|alliance|security|defen[cs]e|mutual) )*(?:commitments?|support|solidarity)(?= (?:to|for|with)\b)", "support"),
    ("stance.support.right", r"(?:(?:re)?affirm(?:ed|s|ing)?|recogni[sz](?:ed|es|ing)?|uph(?:old|olds|eld|olding)|underscor(?:ed|es|ing)|stress(?:ed|es|ing)|emphasi[sz](?:ed|es|ing)|reiterat(?:ed|es|ing))(?= (?:the )?(?:[A-Z][\w.-]+ ){0,2}[A-Z][\w.-]+(?:'s?)? (?:inherent |sovereign |legitimate |legal |fundamental )?rights?\b)", "support"),
    ("stance.support.continue", r"(?:continu(?:e|es|ed|ing) to|will|pledg(?:e|ed|es) to|vow(?:ed|s)? to|resolved to) (?:firmly |fully |strongly )?(?:support|back|stand (?:with|by))|(?:is|are|stands?|remains?) (?:ready|prepared) to (?:support|back|help|assist)|(?:in|continu(?:e|es|ed|ing)|resolute in) (?:supporting|backing)", "support"),
    # "imposing financial sanctions and export controls on Russia"
    ("stance.oppose.costs", r"impos(?:e|ed|es|ing) (?:[\w-]+ ){0,3}?(?:costs|consequences|penalties|sanctions)(?: and (?:[\w-]+ ){0,2}?(?:controls|restrictions|measures|penalties|costs))?(?= (?:on|against|targeting)\b)", "oppose"),
    ("stance.oppose.accountable", r"hold(?:s|ing)? (?:the )?(?:[A-Z][\w.’'-]+ ){1,4}(?:accountable|responsible)", "oppose"),
    ("stance.oppose.called_on", r"(?:urg(?:ed|es|ing)|press(?:ed|es|ing)|call(?:ed|s|ing)? (?:up)?on) (?:the )?(?:[A-Z][\w.’'-]+ ){1,4}(?:[a-z]+ ){0,2}?to\b", "oppose"),
    ("stance.oppose.concerned", r"(?:(?:is|are|was|were|remain|remains|remained) (?:deeply |seriously |gravely |very )?concerned|(?:raised|expressed|expressing|voiced|discussed|shared|noted|stressed|reiterated|conveyed|underscored) (?:their |its |his |her |our |serious |grave |deep |strong |shared )*concerns?)(?= (?:about|over|regarding|with|at|that)\b)", "oppose"),
    # "discussed the importance of reaching a ceasefire", "the urgency of bringing the ceasefire and
    # hostage deal to closure": backing an issue with no actor
    ("stance.support.importance", r"(?:importance|urgency|necessity|imperative) of (?:[\w-]+ ){0,3}?(?=(?:an? |the )?(?:immediate |lasting |durable |comprehensive )?(?:cease-?fire|truce|two[- ]state|peace (?:deal|process|agreement|talks)|de-?escalation|peace and stability (?:across|in) the Taiwan Strait|cross-Strait peace and stability)\b)", "support"),
    # "will take all necessary measures to ensure the security of ... our Republic of Korea and Japanese allies"
    ("stance.support.security_of", r"(?:ensur|guarantee|safeguard|protect)(?:e|es|ed|ing|s)? the (?:security|defen[cs]e|safety) of(?= )", "support"),
    # "highlighted the importance of the Quad", "underscored the centrality of ASEAN": backing the actor named
    ("stance.support.importance_of", r"(?:highlight|underscor|stress|emphasi[sz]|reaffirm|affirm|recogni[sz]|not)(?:ed|es|e|s)? the (?:critical |vital |strategic |enduring |continued )?(?:importance|value|centrality|indispensability) of(?= (?:the )?[A-Z])", "support"),
    # "pushing hard for an immediate ceasefire", "on the basis of the two-state solution", "the need to
    # find a political solution to", "a negotiated two-state solution remains the best avenue"
    ("stance.support.issue_push", r"(?:(?:push(?:ed|es|ing)? (?:hard )?for|work(?:ed|s|ing)? (?:toward|towards)|aim(?:ed|s|ing)? to (?:conclude|reach|secure|achieve)|need to (?:find|reach|achieve|secure)|on the basis of|as part of|dialogue (?:toward|towards)|"
    r"(?<!'s )(?<!’s )efforts? to (?:secure|finali[sz]e|reach|achieve|bring about|broker)|need for|willingness to (?:adopt|accept|agree to)|"
    r"time (?:has come )?to (?:conclude|finali[sz]e|reach|secure|achieve)) (?:[\w-]+ ){0,3}?(?=(?:an? |the )?(?:immediate |lasting |durable |comprehensive |negotiated |political |sustainable |just )*(?:cease-?fire|truce|two[- ]state solution|political solution|peace (?:deal|process|agreement)|de-?escalation|negotiated settlement)\b)|(?:negotiated )?two[- ]state solution(?= (?:remains|is) the (?:best|only)\b))", "support"),
    # "This deal has the full backing of the United States": the agent backs the subject
    ("stance.support.backing_of", r"(?:has|have|had|enjoys?|enjoyed) the (?:full |strong |unwavering |firm |complete )?(?:backing|support) of(?= (?:the )?[A-Z])", "support"),
    # "underscored the need for Russia to take immediate steps to deescalate": a demand of Russia
    ("stance.oppose.need_for", r"(?:need|necessity|imperative) for(?= (?:the )?[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,2} to (?:take (?:immediate |urgent |concrete )?steps to )?(?:de-?escalate|stop|cease|end|halt|withdraw|comply|release|respect|abide|pull back|refrain)\b)", "oppose"),
    # "ensuring that Iran will never obtain a nuclear weapon"; "countering the challenges posed by the PRC"
    ("stance.oppose.never_obtain", r"prevent(?:s|ed|ing)?(?= (?:the )?(?:[A-Z][\w.'-]+ ){1,3}from (?:ever )?(?:acquiring|obtaining|developing|getting|building)\b)|(?:ensur(?:e|es|ed|ing)|make sure|guarantee(?:s|d)?)(?: that)?(?= (?:the )?(?:[A-Z][\w.'-]+ ){1,3}(?:will |can )?never (?:obtains?|gets?|acquires?|develops?|has|have)\b)|(?:challenges?|threats?|risks?) posed by", "oppose"),
    ("stance.oppose.deter", r"(?:deter|counter|confront|defeat|combat)(?:s|ing)? (?:further |continued |ongoing )?(?:(?=[A-Z]|al-)|(?:radical|terrorist|extremist|armed|militant|violent) (?:forces|groups|organi[sz]ations|militias),? (?:such as|including|like)(?= (?:the )?[A-Z]))", "oppose"),
    # A noun phrase with its owner: "Bulgaria's support to Ukraine", "their commitment to continued
    # strong support for Ukraine", "our steadfast political, security, and humanitarian support for".
    ("stance.support.noun", r"(?:its|their|our|his|her|[A-Z][\w.-]+(?:'s|s')) (?:(?!(?:and|or|but|to|for|with|by|of|from|against|on|expressed|reiterated|reaffirmed|voiced|conveyed|pledged|offered|underscored)\b)[\w$.,-]+ |(?:and|to|of|in) ){0,7}?support(?= (?:to|for) )|(?:commitments?|determination|resolve|efforts) to (?:continue to )?(?:support|help|assist)(?= (?:the )?[A-Z])|(?:[A-Z][\w.-]+(?:'s|s')|U\.S\.) (?:[a-z-]+,? ){0,3}?commitment(?= to (?:the )?[A-Z])"
     # "My commitment to the security of Israel is unwavering", "our sacred commitment to NATO remains ironclad"
     r"|(?<![\w-])(?:[Mm]y|[Oo]ur) (?:[a-z-]+,? ){0,3}?commitment(?= to (?:the )?(?:(?:security|defen[cs]e|sovereignty|independence) of )?[A-Z][^.;]{0,80}? (?:is|remains|will remain) (?:\w+ )?(?:unwavering|ironclad|unshakable|unshakeable|steadfast|enduring|absolute|rock-solid)\b)", "support"),
    # "provide security, humanitarian, economic, and political assistance to Ukraine", "the provision
    # of humanitarian assistance to the people of Ukraine": aid given to an actor backs it
    # "provide Ukraine with security assistance", "providing Israel with what it needs to defend itself"
    ("stance.support.provide_with", r"provi(?:de|des|ded|ding) (?:the )?[A-Z][\w’'.-]{0,30}(?: [A-Z][\w’'.-]{0,30}){0,2} with (?:(?:the |additional |more |further )?(?:[\w-]{1,30},? (?:and )?){0,5}?(?:assistance|aid|support|weapons|equipment|capabilities|systems|munitions|training|air defen[cs]es?)|what (?:it|they) needs?)\b", "support"),
    ("stance.support.assistance", r"(?:provi(?:de|des|ded|ding|sion of)|deliver(?:s|ed|ing|y of)?|sen(?:d|ds|t|ding)|offer(?:s|ed|ing)?) (?:[\w$.-]+,? ){0,6}?(?:assistance|aid) (?:to|for)(?= (?:the )?(?:people of |government of )?(?:our )?(?:NATO )?(?:[Aa]lly |[Pp]artner )?[A-Z])", "support"),
    # "conveyed President Biden's deep concern regarding the coup in Burma"
    # "including his condemnation of Russia's brutal war", "Kenya's firm rejection of the coup": the owner's
    ("stance.oppose.condemnation_noun", r"(?:his|her|[A-Z][\w.-]{0,30}(?:'s|s')) (?:(?:strong|firm|unequivocal|clear|continued|principled|swift) )?(?:condemnation|denunciation|rejection) of", "oppose"),
    ("stance.oppose.concern_noun", r"(?:(?:U\.S\.|[A-Z][\w.-]+(?:'s|s')) (?:(?:deep|serious|grave|strong|great) )?|(?:deep|serious|grave|strong|great) )concerns? (?:regarding|about|over|at)", "oppose"),
    ("stance.support.verb", r"(?<![-\w])(?:stand(?:s|ing)? (?:\w+ )?in support (?:of|for)|stood (?:\w+ )?in support (?:of|for)|(?<=[Ww]e )welcome|(?<=[Ww]e also )welcome|support(?:ed|s)|back(?:ed|s)|endors(?:ed|es)|welcom(?:ed|es)|prais(?:ed|es)|commend(?:ed|s)|hail(?:ed|s)|applaud(?:ed|s)|stands? (?:firmly |fully |squarely )?(?:with|by|behind)|stood (?:firmly |fully |squarely )?(?:with|by|behind)|(?<=[a-z] )standing (?:firmly |fully |squarely )?(?:with|by|behind)|recogni[sz]ed)", "support"),
]
# Lower-case stems: every cue above contains one (tests/test_gate.py checks it).
GATE: tuple[str, ...] = (
    "support", "back", "endors", "welcom", "prais", "commend", "hail", "applaud", "stand", "stood", "recogni",
    "committed", "reaffirm", "express", "voiced", "pledg", "declare", "offered", "reiterat", "condemn", "denounc",
    "deplor", "decri", "decry", "censur", "reject", "oppos", "protest", "object", "critici", "slam", "blast",
    "lambast", "warn", "vot", "veto", "call", "appeal", "neutral", "abstain", "sides", "froze", "frozen", "suspend",
    "halt", "turn", "rebuff", "refrain", "declin", "refus", "chose", "choos", "opted", "opts", "decide", "stop",
    "distanc", "stay", "remain", "kept", "keep", "withh", "join", "particip", "sign", "maintain", "yet", "reluctan",
    "boycott", "attend", "skipp", "silent", "accus", "blam", "alleg", "disappoint", "dismay", "appall", "outrag", "shock",
    "distress", "alarm", "action against", "lodg", "summon", "expel", "recall", "impos", "sanction", "threat", "vow",
    "demand", "thr", "came", "come", "promis", "affirm", "valu", "respect", "shoulder", "partner", "friend", "ally$",
    "allies$",
    "neighbo", "took", "take", "hit", "rebuk", "express", "urg", "call", "laud",
    "describ", "term", "pledg", "brand", "label", "against", "favo", "agre", "non-aligned", "sidelines", "lash", "spoke", "speaks", "dismiss", "signal", "quick", "sided", "sides$",
    "underscor", "convey", "emphasi", "highlight", "confirm", "stress", "reinforc", "underlin", "renew", "extend",
    "ironclad", "unwavering", "steadfast", "unshak", "resolute", "costs", "consequences", "penalties", "accountable",
    "responsible", "deter", "counter", "confront", "defeat", "combat", "supporting", "ask", "press", "named", "designat",
    "listed", "lists", "concern", "commitment", "solidarity", "importance", "urgency", "necessity", "ensur", "make sure", "guarantee", "posed by", "prevent",
    # named aggression (rule stance.oppose.aggression_named), demands (stance.oppose.demanded)
    "must",
    "aggress", "invasion", "war of", "war against", "war on", "war in", "war machine", "attacks on", "attack on",
    "missile launch", "nuclear and ballistic", "buildup", "build-up", "coercion", "provocations", "missile program",
    "provi", "deliver", "send", "sent", "offer", "push", "work", "aim", "effort", "willingness", "join", "member", "time to", "time has come", "need to", "need for", "necessity for", "imperative for", "on the basis", "as part of", "dialogue", "two-state", "two state",
    # bilateral bonds (rule stance.support.bond)
    "strengthen", "deepen", "revitali", "expand", "enhanc", "bolster", "elevat", "cement", "consolidat", "new era", "new chapter",
    # "is ready to help Ethiopia" (rule stance.support.continue)
    "ready to", "prepared to",
)
# The leading lookahead lets the engine skip non-letters fast (1.7x on news text).
_CUE_RE = re.compile(r"(?=[A-Za-z])\b(?:" + alternation(CUES, "c") + r")\b")
_CUE_SCAN = WordScanner([row[1] for row in CUES], "c")
"""The same matches as ``_CUE_RE.finditer``, trying at each word only the cues it can begin (text.dispatch)."""
_NEGATED = re.compile(r"\b(?:not|n't|never|no longer)\s(?:\w+\s)?$")
_PASSIVE_BY = re.compile(r"^\s(?:by)\s")
_MEMBERSHIP = ("join", "participat", "take part", "sign up")
_TOPIC_CUT = re.compile(r"\s(?:and|but|while|as|which)\s(?:has|have|is|are|was|were|had|will|it|they|its|the)\b|[;:]|,\s(?:but|while|which|who|as|saying|adding|according)\b|(?<![A-Z])\.\s|\s-\s")
_TOPIC_LEAD = re.compile(r"^(?:(?:to|from|of|for|on|over|against|about|regarding|the|a|an|its|their|his|her)\s)+")
_TOPIC_RECIPIENT = re.compile(r"^(?:to|for) (?:its|their|his|her|the) (?:\w+ ){0,2}?(?:citizens|nationals|people|public|population|troops|forces|members|allies)\s(?:regarding|about|over|on|against|of)\s")
_RELATIVE = re.compile(r",\s(?:which|who)\s")
# After a possessive, the words that make it the subject ("Russia's foreign ministry condemned"),
# as against a topic ("Syria's territorial integrity").
_GOVERNMENT = re.compile(
    r"(?:[a-z-]{1,30}\s){0,2}(?:government|ministry|ministers?|embassy|president|leader|leaders|army|navy|military|armed forces|"
    r"parliament|cabinet|envoy|ambassador|delegation|mission|spokes(?:man|woman|person)|chief|officials|authorities|"
    r"prime minister|foreign minister|defen[cs]e minister|council|junta|regime|representative)\b"
)
# A clause with no subject of its own before the cue ("..., and has again declined to").
_NON_GOVERNMENT = re.compile(
    r"(?:'s)?\s(?:[A-Za-z-]+\s){0,3}?(?:Meteorolog\w*|meteorolog\w*|weather|exporters?|importers?|farmers|companies|company|firms?|"
    r"opposition|fans|consumers|businesses|industry|investors|traders|airlines?|banks?|universit\w+|scientists|researchers|"
    r"economists|analysts|media|newspapers?|broadcasters?|police)\b"
)
_NO_SUBJECT = re.compile(r"[\s,]*(?:(?:has|have|had|is|are|was|were|also|again|then|later|further|already|both|each|all|it|they|would|will|not|and|but|however|[a-z]{1,20}ly)\b[\s,]*)*")
_HOSTING = re.compile(
    r"\s(?:(?:the|a|an|his|her|their)\s)?(?:visiting|delegation|guests?|counterparts?|[A-Z][a-z]+\s(?:Defen[cs]e|Foreign|Prime)\s"
    r"|(?:[A-Z][\w.'-]{1,25}\s){1,4}(?:to|at|in)\s)"
)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s(?:\w+ly\s)?$")
_ADJACENT = re.compile(
    r"(?:'s(?:\s[a-z-]{2,20}){1,3})?(?:\s(?:has|have|had|is|are|was|were|also|again|repeatedly|strongly|firmly|publicly|swiftly|"
    r"quickly|immediately|not|never|already|now|would|will|has long|on \w+day|\w+ly))*\s?"
)
# Between coordinated actors, perhaps with the next one's title: "President Biden and President Subianto".
_COORD = re.compile(r"(?:,\s|\s(?:and|as well as|together with|along with)\s|,\s(?:and|as well as)\s)(?:the\s)?(?:(?:[A-Z][a-z]+|[A-Z]\.)\s){0,3}")
_FUNCTION = r"(?:the|a|an|its|their|his|her|for|of|to|from|behind|with|against|on|over|about|towards?|what|recent|new|latest|continued|growing|so-called|[a-z]+ly)"
_PREPOSITION = r"(?:at|in|by|during|after|before|under|between|among|amid|near|into|across|about|since|until|as|while|when)"
_CLOSE_OBJECT = re.compile(rf"\s(?:{_FUNCTION}\s){{0,3}}(?:(?!{_PREPOSITION}\s)[A-Za-z][a-z-]{{1,20}}\s(?:{_FUNCTION}\s){{0,2}}){{0,2}}")
_PARTNER_BEFORE = re.compile(r"\b(?:cooperation|partnership|dialogue|ties|relations|engagement|friendship|alliance)\s(?:with|between)\s(?:the\s)?$")
_DEFINITE_OBJECT = re.compile(r"\s(?:the|this|that|these|its|their)\s(?:[a-z-]+\s){0,2}?(strike|strikes|attack|attacks|operation|deployment|decision|mission|move|step|test|launch|invasion|annexation|pact|deal|plan|drills|exercise|exercises|policy|proposal|veto|raid|incursion|offensive|announcement|agreement|action|actions|aggression|massacre|bombing|bombings|shelling|killing|killings|airstrike|airstrikes|air strike|air strikes|assault)\b")
_EVENT_AFTER = re.compile(r"^(?:'s)?\s(?:(?:carried out|launched|conducted|staged|ordered|mounted|committed)\s(?:the|an|a|its)\s)?(?:[a-z-]+\s){0,2}?(strike|strikes|attack|attacks|operation|deployment|decision|mission|move|step|test|launch|invasion|annexation|pact|deal|plan|drills|exercise|exercises|policy|proposal|veto|raid|incursion|offensive|announcement|agreement|action|actions|aggression|massacre|bombing|bombings|shelling|killing|killings|airstrike|airstrikes|air strike|air strikes|assault)\b")
_CONTEXT_SENTENCES = 20
_CLAIMED_AFTER = re.compile(r"\s(?:(?:has|have|had|quickly|later|reportedly)\s){0,2}claimed\s(?:the\s)?responsibility\sfor\b")
"""A group owning an attack: "the Taliban has claimed responsibility for the attack"."""
_VIOLENT_EVENTS = frozenset({"attack", "attacks", "strike", "strikes", "bombing", "bombings", "killing", "killings", "massacre", "assault", "raid"})
_GENERIC_EVENTS = frozenset({"attack", "attacks", "strike", "strikes", "raid", "operation", "move", "step", "decision", "action", "actions", "aggression", "massacre", "assault"})
_NEUTRAL_TOPIC = re.compile(r"^\s(?:(?:its|their|the country's|a)\s)?(?:[a-z-]+\s)?neutral")
_QUESTION = re.compile(r"\?\s*$")
# A position with no actor as target is coded only when it is about one of these (a ceasefire,
# a treaty, a resolution): backing or condemning something unnamed says nothing codable.
# Cues of diplomatic courtesy: without a target they say something codable only about an issue.
_COURTESY_CUES = frozenset(
    {
        "stance.support.verb", "stance.support.commitment", "stance.support.ironclad", "stance.support.expressed",
        "stance.support.affirmed", "stance.support.committed", "stance.support.continue", "stance.support.noun",
    }
)
# The issues a position with no actor as target is coded for (the shared conventions' "backing a
# ceasefire in general", "declining to sign a declaration").
_ISSUE_TOPIC = re.compile(
    r"\b(?:cease-?fires?|truce|armistice|two[- ]state|denucleari[sz]ation|peace (?:deal|process|agreement|accord|talks|plan|settlement)|"
    r"arbitral|tribunal|treaty|treaties|protocol|accords?|resolutions?|declaration|cessation of|normali[sz]ation|sanctions|"
    r"embargo|non-proliferation|disarmament|hostages?|humanitarian (?:pause|corridor|access)|referendum|dialogue|elections?|"
    r"sovereignty|territorial integrity|freedom of navigation|independence|(?-i:Agreement))\b",
    re.IGNORECASE,
)
_CLEAR_TOPIC = re.compile(
    r"\b(?:cease-?fires?|truce|armistice|two[- ]state|denucleari[sz]ation|peace (?:deal|process|agreement|accord|talks|plan|"
    r"settlement|efforts?)|arbitral|tribunal|treaty|treaties|protocol|accords?|resolutions?|declaration|cessation of|"
    r"normali[sz]ation|sanctions|embargo|non-proliferation|disarmament|hostages?|humanitarian (?:pause|corridor|access)|"
    r"referendum|annexation|occupation|invasion|coup|nuclear (?:weapons?|test|program(?:me)?|deal)|missile (?:tests?|launch(?:es)?)|"
    r"terror(?:ism|ist attacks?)|attacks?|bombings?|strikes?|killings?|massacre|"
    # a named step of policy: "opposes the plan", "rejected the maritime deal", "warned against the drills"
    r"plans?|deals?|pacts?|agreements?|drills|exercises?|deployments?|decisions?|proposals?|moves?|bills?|laws?|"
    r"tests?|launch(?:es)?|bases?|membership|accession|enlargement|expansion|aggression|war|interference|escalation|"
    r"blockade|withdrawal|tariffs?|measures?|steps?|actions?|violations?|provocations?|claims?|weapons|arms|troops|"
    r"statements?|remarks|comments|detentions?|arrests?|sentences?|executions?|industry|sovereignty|integrity|independence|"
    r"mercenar(?:y|ies)|recruitment|participation|involvement|crimes?|abuses?|repression|crackdown|persecution|violence|"
    # "strongly oppose economic coercion", "firmly reject the BDS campaign", "the global surge in antisemitism"
    r"coercion|(?-i:[A-Z]{2,8})\scampaign|boycotts?|antisemitism|extremism)\b",
    re.IGNORECASE,
)
# The cues of diplomatic courtesy ("welcomed", "underscored their commitment", "expressed support")
# that readouts attach to anything: without a target they need a concrete topic.
_VAGUE_CUES = frozenset(
    {
        "stance.support.verb", "stance.support.commitment", "stance.support.ironclad", "stance.support.expressed",
        "stance.support.affirmed", "stance.support.called_for", "stance.support.committed", "stance.support.continue",
        "stance.support.voted_for", "stance.oppose.deter", "stance.support.noun",
    }
)
# Condemning an act without naming who did it ("condemned the attack", "denounced the bombing"): the
# position is about its author, whom the sentence does not give; a record with no target says little.
_ACTED_BY_SOMEONE = re.compile(r"\s(?:(?:the|this|that|these|such|today's|yesterday's|[a-z]+ly|[a-z-]+)\s){0,3}(?:attacks?|bombings?|killings?|assassinations?|raids?|strikes?|shelling|massacre|action|activity|incident|explosion|blast)\b")
# How far into the object phrase its owner is looked for, and what rules an actor out as target.
_OBJECT_REACH = 110
_TOPIC_WITHOUT_ACTOR = re.compile(
    r"\b(?:cease-?fire|truce|two[- ]state|denucleari[sz]ation|arbitral|peace (?:process|deal|talks|agreement|between))\b"
)
_OBJECT_CUT = re.compile(
    _TOPIC_CUT.pattern + r"|\sand\s(?:to|for|in|on)\s|\s(?:enshrined|set out|laid down)\s"
    # a subordinate clause ends the object: "committed to close collaboration as Ecuador prepares ..."
    r"|\s(?:as|while|when|after|before|because|since|until|once)\s(?=(?:the\s)?[A-Z])"
    # ... and so does the next verb of a list: "condemned recent attacks on NATO, reaffirmed U.S. support for"
    r"|,\s(?:and\s)?(?:re)?(?:affirmed|reaffirmed|welcomed|stressed|underscored|emphasized|noted|pledged|announced|reiterated|called)\s"
)
# The victim of an act, not its author: "condemn the attack on the embassy of India", "raid the UN post".
_VICTIM_BEFORE = re.compile(
    r"\b(?:(?:attacks?|strikes?|raids?|assaults?|bombings?|shelling)\s(?:on|against)|(?:raid|attack|shell|bomb)(?:ed|ing|s)?)"
    r"\s(?:the\s)?(?:[\w'-]+\s){0,5}?$"
    # "deplored the violation of the territorial integrity of Ukraine": the state wronged
    r"|\bviolations?\sof\s(?:the\s)?(?:sovereignty|territorial\sintegrity|independence|airspace|borders?)(?:,?\s(?:and\s)?(?:sovereignty|territorial\sintegrity|independence))*\sof\s(?:the\s)?$"
)
_NOT_OBJECT_BEFORE = re.compile(
    r"\b(?:(?:cooperation|diplomacy|dialogue|talks|relations|engagement|partnership|coordination|consultations?|work(?:ing)?|"
    r"together|alongside|collaboration|ties|trade)\s(?:with|between|through|with\sand\sthrough)|from|among|like|such as)\s(?:the\s)?$"
)
# The support is for acting against it: "committed to efforts to counter the DPRK", "to prevent
# Iran from acquiring", "to ensure Iran never obtains", "cooperation against ... including ISIS".
_ACTED_AGAINST = re.compile(
    r"\b(?:[Cc]ounter(?:ing)?|deter(?:ring)?|confront(?:ing)?|combat(?:ing)?|[Dd]efeat(?:ing)?|prevent(?:ing)?|stop(?:ping)?|"
    r"against|fight(?:ing)?\s(?:against\s)?|respond(?:ing)?\sto|restrict(?:ing)?|isolat(?:e|ing)|punish(?:ing)?|pressur(?:e|ing)|"
    # "committed to strip Russia of", "is targeting Russian elites", "to address the ... programs of the DPRK"
    r"strip(?:ping)?|target(?:ing)?|address(?:ing)?|deny(?:ing)?|denucleari[sz]ation\sof|reduc(?:e|ing)\s(?:[\w’'-]+\s){0,2}?(?:dependency|dependence|reliance)\son)\s(?:[\w'-]+,?\s){0,6}?(?:the\s)?$"
    # "committed to employing sanctions and other measures on additional Russian officials"
    r"|\b(?:sanctions|costs|penalties|restrictions|measures|controls)\s(?:[\w'-]+,?\s){0,3}?(?:on|against|targeting)\s(?:[\w'-]+\s){0,2}?(?:the\s)?$"
)
_COORDINATED_ON = re.compile(
    r"\b(?:coordinat\w{0,5}|cooperat\w{0,5}|consultations?|work(?:ing)?)\s(?:closely\s)?(?:together\s)?(?:[\w-]{1,30}\s){0,3}?(?:on|at|in)\s(?:the\s)?$"
    r"|\beach\sother,\s(?:the\s)?$"
)
_DENUCLEARIZED = re.compile(r"\bdenucleari[sz]ation\sof\s(?:the\s)?$")
"""A state to be denuclearised ("the complete denuclearization of North Korea"), not a place ("of the Korean Peninsula")."""
_SYMPATHY_AFTER = re.compile(r"\s(?:for|over\sthe\s(?:safety|welfare|well-being|plight)\sof)\s(?:the\s)?(?:civilians|people|victims|families|hostages|safety|welfare|well-being|wounded|refugees)\b")
_UNNAMED_WHO = re.compile(r"\b(?:(?:those|people|all|anyone|everyone|others|[a-z]{3,20}s)\s+who|(?:those|these|other|all)\s(?:countries|states|nations|governments)\s(?:that|which))\s+(?:are\s+|were\s+|have\s+been\s+|have\s+)?(?:\w+ly\s+)?$")
_LEGISLATURE = re.compile(r"\s(?:the\s)?(?:U\.S\.\s)?(?:Congress|Senate|House|Parliament|Knesset|Duma|Bundestag)\b")
"""A legislature called on by its own government: a request at home, not a position on anyone."""
_ONLY_DISCUSSED = re.compile(r"\b(?:discuss(?:ed|es|ing)?|review(?:ed|ing)?|exchanged views on|talked about)\b")
"""A topic talked over, not a position taken on it ("discussed the threat posed by Iran")."""
_ACTING_ON = re.compile(r"\b(?:counter|address|confront|deter|combat|tackl|respond)\w{0,5}\s(?:[\w'-]{1,30}\s){0,4}$")
"""... unless the talk is of acting on it ("discussed efforts to address challenges posed by")."""
_GUEST_GAP = re.compile(r"\s(?:(?:the\s)?(?:[A-Z][\w.’'-]*\s){0,4})?")
"""Between "welcomed" and a guest's name: a title at most ("welcomed Prime Minister Alexander De Croo")."""
_FEELING_CUES = frozenset({"stance.oppose.dismayed"})
"""Cues that say how the subject feels ("is disappointed by X", "was shocked by"): not passives."""
_AGENT_OBJECT = re.compile(
    r"\s?(?:(?:the|its|their|recent|continued|latest|repeated)\s){0,3}(?:[\w-]{1,30}\s){0,2}?"
    r"(?:decisions?|moves?|actions?|attacks?|strikes?|announcement|refusal|launch(?:es)?|tests?)\s(?:by|from)\s(?:the\s)?"
)
"""An act and its author after a cue: "the decision by X", "attacks by X"."""
_VICTIM_OF_THREATS = re.compile(
    r"\b(?:threats?|attacks?|aggression|strikes?)\s(?:against|on|to)\s(?:the\s)?$"
    # "address and prevent barriers to U.S. exports": the state is who gains from removing them
    r"|\b(?:barriers|obstacles|impediments|restrictions|tariffs|duties)\s(?:to|on|against|for)\s(?:the\s)?$"
)
_ACTED_AGAINST_AFTER = re.compile(
    r"(?:'s)?\s(?:from\s(?:acquiring|obtaining|developing|getting)|(?:can\s)?never\s(?:obtains?|acquires?|gets?|develops?|has)|"
    # "the commitment to see Hamas defeated"
    r"(?:is\s|are\s)?(?:defeated|destroyed|eliminated|dismantled|disarmed|ousted|punished|held\saccountable)"
    # "their commitment to continue holding Russia accountable"
    r"|(?:fully\s)?(?:accountable|responsible)\sfor)\b"
)


def _issue_key(text: str, start: int, end: int) -> str | None:
    """What tells apart two positions with no actor as target: the issue they are about ("a
    ceasefire", "a two-state solution" are two records), as a key that no actor code can be."""
    m = _TOPIC_WITHOUT_ACTOR.search(text, start, end)
    return None if m is None else "~" + m.group(0).lower().replace("-", "").rstrip("s")


def _acted_against(an: Analysis, c_end: int, target: ActorRef) -> bool:
    """True when the support is for acting against the target, which makes it an opposition."""
    before = an.text[max(c_end, target.start - 60) : target.start]
    if _VICTIM_OF_THREATS.search(before):
        return False  # "deterring threats against the UAE": the UAE is who is defended
    return _ACTED_AGAINST.search(before) is not None or _ACTED_AGAINST_AFTER.match(an.text, target.end) is not None
# Between two cues of one list of verb phrases: "... support Ukraine, impose costs on Russia".
_LIST_GOES_ON = re.compile(r"[^.;:()]{0,80}?(?:,\s(?:and\s|or\s)?|\sand\s)(?:to\s)?")


def _cue(m: re.Match[str]) -> tuple[str, str]:
    rule, _pattern, position = row_of(m, CUES)
    return rule, position


_INTRO = re.compile(
    r"(?:As|In|On|At|After|Before|Following|During|Amid|Despite|Under|Through|Since|While|When|Given|Building on|Like|Unlike|"
    r"Consistent with|In line with|Ahead of|On the sidelines of)\s[^,;:.]{3,200}?,\s"
)


_AFTER_COMMA = re.compile(r",\s(?:the\s)?$")


def _holder(an: Analysis, sent: Sentence, lo: int, cue_start: int) -> ActorRef | None:
    """The first actor of the clause before the cue that is not the object of a preposition.

    The first, not the nearest: in "X has not supported Y's war and has not joined Z" the
    second cue's subject is still X.
    """
    candidates = [
        r
        for r in sent.actors
        if lo <= r.start < cue_start
        and not is_object(an.text, sent.start, r)
        and not in_quotes_or_attribution(an, sent, r)
        and not LED.match(an.text[r.end : r.end + 8])
        and not (an.text.startswith("'s ", r.end) and not _GOVERNMENT.match(an.text, r.end + 3))
    ]
    # An introductory phrase is not the subject: "As part of our actions to assist Ukraine, Australia
    # announced its ... support to Ukraine", "In Moscow, the Kremlin condemned".
    intro = _INTRO.match(an.text, lo)
    if intro is not None and intro.end() <= cue_start:
        # the subject opens the main clause: the last candidate right after a comma
        after_comma = [r for r in candidates if r.start >= intro.end() and _AFTER_COMMA.search(an.text, lo, r.start)]
        if after_comma:
            candidates = [r for r in candidates if r.start >= after_comma[-1].start]
        else:
            # "In Japan today, President Biden will ...": the main clause's subject, past its title
            candidates = [r for r in candidates if r.start >= intro.end()] or candidates
    # An actor right before the cue ("a step Ethiopia opposes", "Russia's embassy condemned")
    # is its subject whatever came earlier in the clause.
    for r in reversed(candidates):
        if _ADJACENT.fullmatch(an.text[r.end : cue_start]):
            return r
    # A state named as the modifier of a non-government body ("Kenya Meteorological Department
    # warned", "Thai fruit exporters warned", "opposition politician X criticised") holds nothing.
    candidates = [r for r in candidates if r.via in ("person", "coref", "pronoun") or not _NON_GOVERNMENT.match(an.text, r.end, cue_start)]
    return candidates[0] if candidates else None


def _holders(an: Analysis, sent: Sentence, lo: int, cue_start: int) -> list[ActorRef]:
    """The subject of the cue and any actors coordinated with it ("Turkey and Jordan condemned")."""
    first = _holder(an, sent, lo, cue_start)
    if first is None:
        return []
    out = [first]
    prev_end = first.end
    for r in sent.actors:
        if r.start <= first.start or r.start >= cue_start:
            continue
        if r.start == first.start:
            continue
        gap = an.text[prev_end : r.start]
        if _COORD.fullmatch(gap) and not an.text.startswith("'s", r.end):
            # a group phrase ("his counterparts") brings every party it stands for
            # (so does a grouping named by its members: "the Nordic leaders", "the AUKUS partners")
            out.extend(x for x in sent.actors if x.start == r.start and x.end == r.end)
            prev_end = r.end
    # ... and those coordinated before it, when the subject found was the last of a list
    # ("President Biden and President Subianto also called on").
    head = first
    for r in reversed([a for a in sent.actors if lo <= a.start < first.start and a.end <= head.start]):
        gap = an.text[r.end : head.start]
        if head.via in ("pronoun", "coref") or r.via in ("pronoun", "coref") or " and " not in f"{gap} " or not _COORD.fullmatch(gap):
            break
        out.insert(0, r)
        head = r
    # Coreference pairs ("both nations") give two references at one span.
    out.extend(r for r in sent.actors if r.start == first.start and r is not first and (r.via in ("coref", "person") or r.end == first.end))
    return distinct(out)


_SAID_AFTER = re.compile(r'[^"]{0,300}?"[,.]?\s(?:(?:said|says|told reporters|added|stated|declared)\s)?')


_SAID_BEFORE = re.compile(r'\b(?:said|says|wrote|writes|tweeted|posted|responded|replied|stated|added|declared|told [\w ]{1,30})\b[^"]{0,40}[:,]?\s*"$')


def _possessor_before(an: Analysis, sent: Sentence, cue_start: int) -> ActorRef | None:
    """The state whose commitment a cue names: "the United States' ironclad commitment"."""
    for r in reversed(sent.actors):
        if r.end > cue_start:
            continue
        gap = an.text[r.end : cue_start]
        return r if r.type in ("state", "organization") and gap in ("'s ", "' ") else None
    return None


_OPPOSED_BEFORE = re.compile(
    r"\b(?:condemn|denounc|critici[sz]|concern|cit(?:ed|es|ing)|accus|blam|oppos|reject|against|sanction|punish|over)\w*\b[^.;]{0,70}$"
)


_SECOND_OBJECT = re.compile(r"\sand\s(?:for|to)\s(?:the\s)?(?:(?:right|rights|sovereignty|security|independence|people|efforts?|territorial\sintegrity)\sof\s)?(?:the\s)?(?=[A-Z])")
_CHARACTERISED = re.compile(r"\s(?:as|an?)\s\"|\sas\s(?:an?|the)\s(?:[\w-]+\s){0,3}?(?:version|copy|tool|puppet|extension|replica)\b")
_NEXT_PREDICATE = re.compile(
    r"\s(?:and|but)\s(?:also\s)?(?:welcomed|condemned|discussed|reaffirmed|underscored|expressed|noted|agreed|emphasi[sz]ed|stressed|"
    r"highlighted|pledged|called|urged|thanked|praised|announced|reiterated|affirmed|conveyed|raised|commended|congratulated|reviewed)\b"
)
"""A second verb of the same subject: the first cue's object ends before it."""
_GROUP_BLOCKS_TARGET = 4
"""Up to this many holders, none of them is also the target; a larger group's members may be."""
_AGENT_GAP = re.compile(r"\s(?:by\s)?(?:the\s)?(?:(?:[a-z]+,?\s){1,4}?(?:including|such\sas|led\sby)\s(?:the\s)?)?(?:[A-Z][\w.'-]*\s){0,4}")
"""From a passive cue to its agent: "by Ghana", "by President X of", "by countries around the world, including the"."""
_NEW_SUBJECT = re.compile(r",\s(?:we|they|it|he|she)\s(?:will|would|must|can|have|has|are|is|also|remain|continue)\b")
"""A main clause after an introductory phrase: "Through our support for X, we will ensure that Y"."""
_OWN_MEMBER_OBJECT = re.compile(r"\s?(?:(?:for|to|with)\s)?(?:the\s)?")
_AID_OWNER = re.compile(r"(?:'s|s'|’s) (?:[a-z-]+ ){0,2}")
_AIDED_GAP = re.compile(r" (?:the )?(?:people of |government of |Government of )?(?:our )?(?:NATO )?(?:[Aa]lly |[Pp]artner )?")
_ALLY_AFTER = re.compile(r" (?:[Aa]ll(?:y|ies)|[Pp]artners?)\b")
_PAIR_TIES = re.compile(
    r"\b[A-Z][\w.]*-[A-Z][\w.]*(\s)(?:(?:strategic|comprehensive|defen[cs]e|security|bilateral|global|enduring)\s)*"
    r"(?:cooperation|partnership|relationship|relations|alliance|Alliance|ties|friendship)\b"
)
"""A pair named as one bond: "U.S.-UK cooperation", "the U.S.-India relationship"."""
_NEEDS_TARGET = frozenset({"stance.support.provide_with", "stance.oppose.accused", "stance.oppose.dismayed", "stance.support.deepen", "stance.support.importance_of", "stance.support.security_of"})
"""Cues that say nothing codable without an actor as target."""
_MODIFIER_AFTER = re.compile(r"\s(?!and\b|or\b|to\b|in\b|on\b|for\b|of\b|with\b|at\b|as\b|by\b|from\b|that\b|which\b|who\b)[a-z]{3,}\b")
_TOPIC_IN_CUE = frozenset({
    "stance.support.noun", "stance.oppose.protest_lodged", "stance.support.assistance", "stance.oppose.costs", "stance.oppose.sanctions",
    "stance.support.expressed", "stance.support.commitment", "stance.support.ironclad", "stance.support.affirmed",
    "stance.support.security_of",
})
"""Cues whose own words after the verb say what the position is about."""
_INNER_PREPOSITION = re.compile(r"\s(?:in|with|of|via|between|from|on|by|through|at|under|among|against|into)\s")


_SUBJECT_CONVEYS = re.compile(r"\b(?:convey|express|reiterat|reaffirm|offer|underscor|emphasi[sz]|stress|voic|restat|repeat)\w{0,4}\s$")
_MEMBERS_CUE = re.compile(r"(?:Allies|allies|Members|members|Partners|partners)['’]\s")


def _noun_owner(an: Analysis, sent: Sentence, c_start: int) -> ActorRef | None:
    """Who holds "X's support for" (the possessor at the cue's start) or "his/her support for" (the
    nearest person named before it); None for "their", "our", "its": the clause's subject holds those."""
    if an.text.startswith(("his ", "her "), c_start) and _SUBJECT_CONVEYS.search(an.text, max(sent.start, c_start - 30), c_start):
        return None  # "Biden called Zelenskyy to convey his condemnation of ...": the subject's own
    for r in sent.actors:
        if r.type not in ("state", "organization", "person") or r.via == "pronoun":
            continue
        if r.start <= c_start < r.end:
            return r  # "Italy’s support", and "Cabo Verde’s support" (the cue begins at "Verde’s")
        if r.end + 1 == c_start and _MEMBERS_CUE.match(an.text, c_start):
            return r  # "NATO Allies’ unflinching support for Ukraine": the organisation's members
    if an.text.startswith(("his ", "her "), c_start):
        before = [r for r in sent.actors if r.end <= c_start and r.via == "person"]
        return before[-1] if before else None
    return None


def _owner_inside(an: Analysis, sent: Sentence, c_start: int, c_end: int) -> ActorRef | None:
    """The state or organisation whose commitment the cue itself names: "discussed the G7's unwavering
    support", "emphasized the ironclad U.S. commitment" (a possessive or adjective inside the cue)."""
    for r in sent.actors:
        inside = c_start < r.start and r.end < c_end and r.type in ("state", "organization") and r.via in ("name", "adjective")
        if inside and (an.text.startswith(("'s ", "' "), r.end) or r.via == "adjective" or r.name in ("U.S.", "US")):
            return r
    return None


def _speaker(an: Analysis, sent: Sentence, c_end: int) -> list[ActorRef]:
    """The speaker of a quoted stance: '"We condemn this attack," Foreign Minister X said.'"""
    inside = an.text[sent.start : c_end].count('"') % 2 == 1
    if not inside:
        return []
    m = _SAID_AFTER.match(an.text, c_end)
    if m is not None:
        after = m.end()
        for r in sent.actors:
            if after <= r.start <= after + 60:
                return [r]
    # 'Minister X responded via Twitter: "I strongly reject ..."': the speaker before the quote.
    opening = an.text.rfind('"', sent.start, c_end)
    if opening > sent.start and _SAID_BEFORE.search(an.text, max(sent.start, opening - 60), opening + 1):
        before = [r for r in sent.actors if r.end <= opening and not is_object(an.text, sent.start, r)]
        return before[:1]
    return []


def _targets(an: Analysis, cue: str, c_end: int, after: list[ActorRef], holders: list[ActorRef]) -> list[ActorRef]:
    """What the stance is about: an actor right after the cue, a cooperation partner, or context."""
    if any(k in cue for k in _MEMBERSHIP):
        orgs = [r for r in after if r.type == "organization"]
        if orgs:
            return distinct(orgs)
    if after and _AGENT_OBJECT.fullmatch(an.text, c_end, after[0].start):
        # "disappointed by the shortsighted decision by OPEC+", "condemned recent attacks by
        # Iranian-backed militias": the one who decided or attacked
        return _with_coordinated(an, after[0], after)
    after = [r for r in after if not _VICTIM_BEFORE.search(an.text, max(c_end, r.start - 60), r.start)]
    # "committed to maintain close coordination on DPRK", "working with each other, the United Nations":
    # what is coordinated on, or a partner worked with, is no target
    after = [r for r in after if not _COORDINATED_ON.search(an.text, max(c_end, r.start - 60), r.start)]
    for r in after:
        gap = an.text[c_end : r.start].replace('"', "")  # 'welcomed "the brotherly gesture" from Abuja'
        if _DENUCLEARIZED.search(gap):
            return [r]  # "commitment to the complete denuclearization of North Korea": opposing its programme
        if _TOPIC_WITHOUT_ACTOR.search(gap):
            break  # "commitment to a two-state solution to the Israeli-Palestinian conflict": a topic
        if _CLOSE_OBJECT.fullmatch(gap) and not (cue.startswith("recogni") and re.search(r"[a-z]{3,} (?:of|in) ", gap)):
            # "the three states": every state the group phrase stands for.
            if r.via == "coref":
                return [x for x in after if x.start == r.start]
            group = [x for x in after if x.start == r.start and x.end == r.end and x.via == "name"]
            if len({x.code for x in group}) > 1:
                return group  # a grouping named by its members: "commended the Nordic countries"
            return _with_coordinated(an, r, after)
        # A possessor close by: "distancing itself from full support of Russia's actions".
        if len(gap) <= 50 and an.text.startswith("'s ", r.end) and not re.search(r"[,;]", gap):
            return [r]
        break
    partners = [r for r in after if _PARTNER_BEFORE.search(an.text[max(c_end, r.start - 40) : r.start])]
    if len(distinct(after)) == 1 and partners:
        return partners[:1]
    found = _object_actors(an, c_end, after)
    if found:
        return found
    obj = _DEFINITE_OBJECT.match(an.text, c_end)
    if obj and not after:
        ctx = _context_actor(an, obj.group(1).lower(), c_end, {h.code for h in holders})
        if ctx is not None:
            return [ctx]
    return []


def _object_actors(an: Analysis, c_end: int, after: list[ActorRef]) -> list[ActorRef]:
    """The owner or agent of the thing acted on, further into the object phrase: "support for the
    sovereignty of Ukraine", "commitment to the security of the ROK", "costs on Russia for its
    war", "concern about China's claims"; with the actors coordinated with it ("for Finland and
    Sweden"). Not a partner met with ("cooperation with Japan") nor a source ("support from X")."""
    phrase = an.text[c_end : c_end + _OBJECT_REACH]
    cut = _OBJECT_CUT.search(phrase)
    stop = c_end + (cut.start() if cut else len(phrase))
    topic_first = _TOPIC_WITHOUT_ACTOR.search(phrase)
    if topic_first is not None:
        # "support the path to a ceasefire in Gaza", "commitment to a two-state solution to the
        # Israeli-Palestinian conflict": a position about a topic, not about the actors around it.
        stop = min(stop, c_end + topic_first.start())
    for r in after:
        if r.start >= stop:
            break
        if _NOT_OBJECT_BEFORE.search(an.text, max(c_end, r.start - 40), r.start) or _in_partner_list(an.text, c_end, r.start):
            continue
        return [x for x in _with_coordinated(an, r, after) if x.start < stop]
    return []


_PARTNER_LIST_HEAD = re.compile(
    r"\b(?:(?:cooperation|partnership|dialogue|talks|relations|engagement|coordination|consultations?|collaboration|ties)\s(?:with|between|among)|"
    # where a crisis is, not whom it is about: "humanitarian crises in Syria, Lebanon, and Sudan"
    r"(?:crises|crisis|conflicts?|situation|fighting|violence|instability|tensions)\sin)\s$"
)


def _in_partner_list(text: str, lo: int, pos: int) -> bool:
    """True when ``pos`` is in a list after "cooperation with" or "partnership between" ("the Bio5
    partnership between the United States, India, ROK, Japan"): a partner, not the object."""
    window = text[max(lo, pos - 90) : pos]
    for word in (" with ", " between ", " among ", " in "):
        k = window.rfind(word)
        if k < 0:
            continue
        tail = window[k + len(word) :]
        if all(t in ("and", "the") or t[:1].isupper() for t in tail.replace(",", " ").split()):
            return _PARTNER_LIST_HEAD.search(window, 0, k + len(word)) is not None
    return False


def _coordinated_before(an: Analysis, sent: Sentence, last: ActorRef) -> list[ActorRef]:
    """``last`` and the actors coordinated before it: "Finland and Sweden's"."""
    out = [last]
    for r in reversed([a for a in sent.actors if a.end <= last.start]):
        if not _COORD.fullmatch(an.text, r.end, out[0].start):
            break
        out.insert(0, r)
    return distinct(out)


_AFTER_WHICH = re.compile(r",\s(?:which|that)\s$")
_THEIR_ANTECEDENT = re.compile(r"\btheir\s(?:[\w-]+\s){0,5}?[\w-]+$")
_ANTECEDENT_GAP = re.compile(r"'s?\s(?:[\w-]+\s){0,6}?[\w-]+")
"""From a possessor to the comma of its relative clause: "'s applications for NATO membership"."""


def _with_coordinated(an: Analysis, first: ActorRef, after: list[ActorRef]) -> list[ActorRef]:
    """``first`` and the actors coordinated with it: "condemned Russia and Belarus"."""
    out = [first]
    prev = first
    for nxt in after:
        if nxt.start <= first.start:
            continue
        if not _COORD.fullmatch(an.text, prev.end, nxt.start):
            break
        out.append(nxt)
        prev = nxt
    return distinct(out)


_WORDING_OF_A_TEXT = re.compile(r"\b(?:resolutions?|draft|text|motion|declaration)\s(?:(?:that|which)\s)?(?:[a-z-]+\s){0,2}$")
# A subject before a cue that is neither an actor nor the statement's own voice.
_OTHER_SUBJECT = re.compile(
    r"\b(?:evidence|report|reports|study|studies|data|analysis|survey|poll|court|judge|jury|critics|experts|analysts|"
    r"observers|media|press|the world|scientists|researchers|companies|company|firms?|investors|markets?)\b",
    re.IGNORECASE,
)
_BY_AGENT_OF_HARM = re.compile(r"\b(?:taken|held|killed|kidnapped|abducted|detained|attacked|targeted|committed|perpetrated)\s+by\s+(?:the\s)?$")
_VOTE_CUES = frozenset({"stance.withhold.abstained", "stance.support.voted_for"})
_RESOLUTION = re.compile(r"\b(?:resolutions?|draft|text|motion)\b")
_RESOLUTION_OBJECT = re.compile(
    r"\b(?:(condemning|condemns|against|censuring|critici[sz]ing|deploring|demanding|demands|calling on|calls on|urging|"
    r"sanctions? (?:on|against)|targeting|that would have (?:renewed|extended|imposed)[^.]{0,60}? on)|(supporting|backing|"
    r"in support of|reaffirming))\s(?:the\s)?(?:[a-z-]+\s){0,3}$"
)


def _resolution_target(an: Analysis, sent: Sentence, pos: int) -> tuple[ActorRef, bool] | None:
    """The actor a vote is about: the object of the resolution named in this or the previous few
    sentences ("a resolution condemning Russia", "a draft demanding that Israel ..."), and whether
    the text is against it (True) or for it (False)."""
    for prev in reversed(an.sentences[max(0, sent.index - 4) : sent.index + 1]):
        for r in prev.actors:
            if r.start >= pos or (r.type == "organization" and r.code in ("UN", "UNSC", "UNGA")):
                continue
            window = an.text[max(prev.start, r.start - 90) : r.start]
            found = _RESOLUTION_OBJECT.search(window)
            if found is not None and _RESOLUTION.search(window):
                return r, found.group(1) is not None
    return None


def _context_actor(an: Analysis, noun: str, pos: int, exclude: set[str]) -> ActorRef | None:
    """The actor behind an event named earlier: "an Israeli air strike" ... "the strike".

    Only the last :data:`_CONTEXT_SENTENCES` sentences are read: "the strike" refers to one named
    nearby, and a bounded window keeps extraction linear in the length of the text.
    """
    best = None
    here = an.sentence_at(pos).index
    for sent in an.sentences[max(0, here - _CONTEXT_SENTENCES) : here + 1]:
        if sent.start >= pos:
            break
        for r in sent.actors:
            if r.code in exclude or r.start >= pos:
                continue
            tail = an.text[r.end : r.end + 40]
            m = _EVENT_AFTER.match(tail)
            if m and (m.group(1).lower() == noun or noun in _GENERIC_EVENTS):
                best = r
            elif noun in _VIOLENT_EVENTS and _CLAIMED_AFTER.match(tail):
                best = r  # "Islamic Jihad has claimed responsibility for the attack" ... "condemned the attack"
    return best


def _topic(an: Analysis, start: int, end: int, target: ActorRef | None) -> str | None:
    """Short phrase after the cue: what the position is about."""
    raw = an.text[start:end]
    cut = _TOPIC_CUT.search(raw)
    if cut:
        raw = raw[: cut.start()]
    raw = raw.strip(" ,\"'")
    recipient = _TOPIC_RECIPIENT.match(raw)
    if recipient:
        raw = raw[recipient.end() :]
    raw = _TOPIC_LEAD.sub("", raw)
    words = raw.split()
    if not words:
        return None
    return " ".join(words[:14]).rstrip(",.\"'")


def _stance_date(an: Analysis, sent: Sentence, lead: DateMention | None) -> DateValue | None:
    """The date a position was stated: its sentence's own point date, else the story's day."""
    own = next((d for d in sent.dates if d.role == "point" and d.value), None)
    if own is not None:
        return date_value(an, own, "stance.date")
    return date_value(an, lead, "stance.date.lead") if lead is not None else None


def extract(an: Analysis) -> list[Stance]:
    """Every stance stated in the article, one record per (holder, target, position)."""
    found: dict[tuple[str, str | None, str], Stance] = {}
    lead = story_date(an)
    dated: set[int] = set()
    text = an.text
    for sent in an.sentences:
        if not an.is_candidate("stance", sent) or _QUESTION.search(sent.text):
            continue
        prev_cue_end = -100
        prev_holders: list[ActorRef] = []
        for m in _CUE_SCAN.finditer(sent.text):
            between = sent.text[prev_cue_end : m.start()]
            # "rejected ECOWAS calls for ...": a cue inside the first one's object; "condemned X and urged Y": two.
            nested = m.start() - prev_cue_end < 25 and "," not in between and not between.endswith(" and ")
            # ... but "praised Ghana's support for Liberia" is Ghana's own position too
            nested = nested and not (_cue(m)[0] == "stance.support.noun" and _noun_owner(an, sent, sent.start + m.start()))
            # ... and "praised Slovakia's provision of aid to Ukraine" too
            nested = nested and not (
                _cue(m)[0] == "stance.support.assistance" and any(r.end <= sent.start + m.start() and _AID_OWNER.fullmatch(text, r.end, sent.start + m.start()) for r in sent.actors)
            )
            prev_cue_end_before = prev_cue_end
            prev_cue_end = m.end()
            if nested:
                continue  # "rejected ECOWAS calls for ...": the second cue is part of the first's object
            rule, position = _cue(m)
            antecedent: tuple[int, int] | None = None  # the noun a relative clause's cue is about
            c_start, c_end = sent.start + m.start(), sent.start + m.end()
            lo, hi = clause_bounds(sent, c_start)
            # "affirmed U.S. support for the Abraham Accords and welcomed progress in Israel's ...":
            # the object ends where the subject's next verb begins
            next_verb = _NEXT_PREDICATE.search(text, c_end, hi) or _NEW_SUBJECT.search(text, c_end, hi)
            hi = next_verb.start() if next_verb is not None else hi
            obj_limit = next_verb.start() if next_verb is not None else sent.end
            pre = text[max(sent.start, c_start - 50) : c_start]
            if UNCERTAIN.search(pre[-30:]) or DENIAL.search(pre):
                continue
            if position == "oppose" and _SYMPATHY_AFTER.match(text, c_end):
                continue  # "expressed concern for civilians in Lebanon": sympathy, not opposition
            if _UNNAMED_WHO.search(pre):
                continue  # "solidarity with those who are bravely opposing the invasion": no one named holds it
            if _WORDING_OF_A_TEXT.search(text, max(sent.start, c_start - 40), c_start):
                continue  # "a resolution calling on Rwanda to withdraw": the text's wording, not a voter's stance
            if m.group(0).startswith(("welcom", "receiv")) and _HOSTING.match(text, c_end):
                continue  # "welcomed the visiting minister to Hanoi": a visit, not a position
            if m.group(0).startswith("welcom") and any(0 <= p.start - c_end <= 40 and p.via in ("name", "surname", "title") and _GUEST_GAP.fullmatch(text, c_end, p.start) for p in sent.persons):
                continue  # "Año welcomed Mr. Sullivan": a guest greeted, not a position
            if position in ("support", "oppose") and _NEGATED.search(pre):
                position, rule = "withhold", rule + ".negated"
            # "endorsed by X", and "has the full backing of X": the agent follows
            passive = (_PASSIVE_BY.match(text[c_end : c_end + 5]) is not None and rule not in _FEELING_CUES) or rule == "stance.support.backing_of"
            # (a cue that opens with an -ing form is active after "is": "is pushing for")
            if not passive and _PASSIVE_BEFORE.search(pre) and not m.group(0).split(" ", 1)[0].endswith("ing") and rule not in _FEELING_CUES:
                continue  # "was welcomed" with no agent: whose stance is unknown
            if passive:
                # "endorsed by countries around the world, including the G7, Saudi Arabia and Qatar": every agent listed
                holder = next((r for r in sent.actors if c_end < r.start < hi), None)
                if holder is not None and not _AGENT_GAP.fullmatch(text, c_end, holder.start):
                    holder = None  # "loans backed by the profits of frozen Russian assets": no agent named
                holders = _with_coordinated(an, holder, [r for r in sent.actors if holder.start < r.start < hi]) if holder else []
                # what the subject is; not an actor inside another phrase ("the backing of the United States and ...")
                # (the subject's possessor, "Kenya's peace plan for Sudan was endorsed by", else its head)
                subjects = [r for r in sent.actors if lo <= r.start < c_start and r.via != "pronoun" and not is_object(text, sent.start, r)]
                owners = [r for r in subjects if text.startswith(("'s ", "' "), r.end)]
                # only a true passive has its subject before ("was endorsed by"); "a plan endorsed by" is about the plan
                # (a possessor still says whose: "NATO's adoption of a new policy, strongly supported by")
                target_refs = (owners or subjects)[:1] if _PASSIVE_BEFORE.search(pre) or rule == "stance.support.backing_of" else owners[-1:]
                if m.group(0).startswith(("welcom", "receiv")) and any(t.via == "person" for t in target_refs):
                    continue  # "Merz ... was welcomed by President Nauseda": a guest greeted, not a position
            elif prev_holders and _LIST_GOES_ON.fullmatch(text, sent.start + prev_cue_end_before, c_start):
                # "committed to support Ukraine, impose costs on Russia, and ...": the list's subject.
                holders = prev_holders
                codes = {h.code for h in holders}
                obj_from = c_start + m.group(0).find(" ") if re.search(r" [A-Z]", m.group(0)) else c_end
                after = [r for r in sent.actors if obj_from <= r.start < hi and r.code not in codes]
                target_refs = [] if position == "neutral" else _targets(an, m.group(0), obj_from, after, holders)
            elif rule == "stance.support.noun" and _OPPOSED_BEFORE.search(text, max(sent.start, c_start - 80), c_start):
                continue  # "condemned the DPRK's support to Russia", "cited its support for": the opposite of a position
            elif rule in ("stance.support.noun", "stance.oppose.concern_noun", "stance.oppose.condemnation_noun") and (owner := _noun_owner(an, sent, c_start)) is not None:
                # "Bulgaria's support to Ukraine", "commended Modi for his ... support for Ukraine"
                holders = [owner]
                reach = max(hi, min(obj_limit, c_end + _OBJECT_REACH))  # "support for a free, secure, and independent Ukraine"
                after = [r for r in sent.actors if c_end <= r.start < reach and r.code != owner.code]
                target_refs = _targets(an, m.group(0), c_end, after, holders)
            elif rule == "stance.support.assistance":
                # "Romania's generous provision of assistance to Ukrainians": the possessor gives it;
                # else the clause's subject. The one aided is named right after "to".
                owner = next((r for r in reversed(sent.actors) if r.end <= c_start and _AID_OWNER.fullmatch(text, r.end, c_start)), None)
                holders = [owner] if owner is not None else _holders(an, sent, lo, c_start) or (
                    [implied_ref(c_start, code) for code in an.voice] if an.voice and not _OTHER_SUBJECT.search(text, lo, c_start) else []
                )
                aided = next((r for r in sent.actors if c_end <= r.start < c_end + 40 and _AIDED_GAP.fullmatch(text, c_end, r.start) and not _ALLY_AFTER.match(text, r.end)), None)
                if aided is None:
                    continue
                target_refs = [aided]
            elif rule in ("stance.support.ironclad", "stance.support.commitment") and (
                owner := _possessor_before(an, sent, c_start) or _owner_inside(an, sent, c_start, c_end)
            ) is not None:
                # "Mr. Sullivan's reaffirmation of the United States' ironclad commitments to X": the possessor.
                # The object may run past a list's comma ("a democratic, sovereign, and prosperous Ukraine").
                holders = [owner]
                reach = max(hi, min(obj_limit, c_end + _OBJECT_REACH))
                after = [r for r in sent.actors if c_end <= r.start < reach and r.code != owner.code]
                target_refs = _targets(an, m.group(0), c_end, after, holders)
            else:
                holders = _holders(an, sent, lo, c_start)
                relative = lo > sent.start and _RELATIVE.search(text, max(sent.start, lo - 9), lo) is not None
                if not holders and (_NO_SUBJECT.fullmatch(text[lo:c_start]) or relative):
                    holders = _holders(an, sent, sent.start, c_start)
                if not holders:
                    holders = _speaker(an, sent, c_end)
                if not holders and an.voice and text.count('"', sent.start, c_start) % 2 == 0 and not _OTHER_SUBJECT.search(text, lo, c_start):
                    # An official statement speaks for its issuer where no one else is named (but
                    # "evidence supported", "the world will hold" have a subject of their own).
                    holders = [implied_ref(c_start, code) for code in an.voice]
                codes = {h.code for h in holders}
                # "dismissed the Finnish drills as a provocation": the object sits inside the cue.
                # ... and "urged Russia to withdraw", "called Morocco a partner".
                embedded = " as " in m.group(0) or re.search(r" [A-Z]", m.group(0)) is not None
                obj_from = c_start + m.group(0).find(" ") if embedded else c_end
                obj_end = hi
                if text.count('"', sent.start, c_end) % 2 == 1 and (close := text.find('"', c_end, hi)) >= 0:
                    obj_end = close  # '"We condemn this attack," says a spokesman for NATO': the quote ends the object
                after = [r for r in sent.actors if obj_from <= r.start < obj_end and r.code not in codes]
                target_refs = [] if position == "neutral" else _targets(an, m.group(0), obj_from, after, holders)
                if not target_refs and position in ("support", "oppose") and _AFTER_WHICH.search(text, max(sent.start, lo - 8), lo):
                    # "Finland and Sweden's applications for NATO membership, which the U.S. strongly
                    # supports": the owners of the noun the relative clause is about
                    comma = text.rfind(",", max(sent.start, lo - 8), lo)
                    owned = [r for r in sent.actors if r.end <= lo and text.startswith(("'s ", "' "), r.end) and r.code not in codes]
                    their = _THEIR_ANTECEDENT.search(text, max(sent.start, comma - 80), comma)
                    if owned and _ANTECEDENT_GAP.fullmatch(text, owned[-1].end, comma):
                        target_refs = _coordinated_before(an, sent, owned[-1])
                        antecedent = (text.index(" ", owned[-1].end) + 1, comma)
                    elif their is not None:
                        # "... with Sweden and Finland to resolve concerns over their applications, which"
                        named = [r for r in sent.actors if r.end <= their.start() and r.type == "state" and r.code not in codes and r.via == "name"]
                        target_refs = _coordinated_before(an, sent, named[-1]) if named else []
                        antecedent = (their.start() + len("their "), comma)
                if not target_refs and position != "neutral" and len(holders) > _GROUP_BLOCKS_TARGET:
                    # a statement joined by many ("We", a declaration's thirty signatories) may be
                    # about one of them: Ukraine among those backing Ukraine is still the object
                    own = next((r for r in sent.actors if obj_from <= r.start < hi and r.via == "name"), None)
                    if own is not None and _OWN_MEMBER_OBJECT.fullmatch(text, obj_from, own.start):
                        target_refs = [own]
            if target_refs and position == "support":
                # "support for the alliance's policy and for the sovereignty of Ecuador and Peru":
                # a second object joined by "and for" has its own actors
                last = max(t.end for t in target_refs)
                more = _SECOND_OBJECT.search(text, last, hi)
                if more is not None:
                    extra = [r for r in sent.actors if more.end() <= r.start < min(hi, more.end() + 60) and r.code not in {h.code for h in holders}]
                    if extra:
                        target_refs = distinct([*target_refs, *_with_coordinated(an, extra[0], extra)])
            # "condemned the exercise as 'an Asian version of NATO'": the characterisation names no target
            target_refs = [t for t in target_refs if not _CHARACTERISED.search(text, c_end, t.start)]
            if position == "support" and an.voice and any(t.type == "organization" and text.startswith(" Ally", t.end) for t in target_refs):
                # "strong support for our NATO Ally" in a readout: the one ally met, not the alliance
                ally = counterpart(an, {h.code for h in holders}, most_named=False)
                if ally is not None:
                    target_refs = [t for t in target_refs if not (t.type == "organization" and text.startswith(" Ally", t.end))] or [implied_ref(c_end, ally)]
            if rule == "stance.oppose.never_obtain" and m.group(0).endswith("posed by"):
                # "the threat posed by Iran": the agent named right after, or no stance; a topic only
                # discussed ("discussed ... the challenges posed by Iran") states no position
                if _ONLY_DISCUSSED.search(text, lo, c_start) and not _ACTING_ON.search(text, max(lo, c_start - 60), c_start):
                    continue
                target_refs = [t for t in target_refs if t.start - c_end <= 5]
                if not target_refs:
                    continue
            if rule == "stance.support.issue_push":
                target_refs = []  # "a political solution to the Libyan crisis": an issue, not an actor
            if rule == "stance.oppose.called_on":
                # a call on an organisation ("We call on ASEAN Member States to") is a request to it, not
                # opposition; nor is a call on one's own legislature ("calling on Congress to provide ...")
                target_refs = [t for t in target_refs if t.type != "organization"]
                if not target_refs or _LEGISLATURE.search(m.group(0)):
                    continue
            if rule == "stance.support.called_for":
                # "called for G7 action", "called for UN reform": the actor modifies the topic
                target_refs = [t for t in target_refs if not _MODIFIER_AFTER.match(text, t.end)]
            if rule == "stance.support.noun":
                # the supported actor is the noun's own object, not one inside an activity ("support
                # for reconstruction in Afghanistan", "support for talks with Iran")
                target_refs = [t for t in target_refs if not _INNER_PREPOSITION.search(text, c_end, t.start)]
            if rule in _VOTE_CUES or (rule == "stance.support.signalled" and _RESOLUTION.search(text, c_end, hi)):
                # A vote is about the actor the resolution is about, named here or just before.
                voted_on = _resolution_target(an, sent, c_start)
                if voted_on is not None:
                    actor, against = voted_on
                    target_refs = [actor]
                    if position == "support" and against:
                        position = "oppose"  # voting for a resolution condemning X opposes X
            topic_words = text[c_end:hi]
            if position == "support" and _NEUTRAL_TOPIC.match(topic_words):
                position, rule = "neutral", rule + ".neutrality"
            if not holders:
                continue
            prev_holders = holders
            holder = holders[0]
            if not target_refs and position == "support" and len(holders) >= 2:
                # "the leaders reaffirmed their commitment to deepening U.S.-UK cooperation": each party
                # of the named pair supports the other
                pair = _PAIR_TIES.search(text, c_start if rule == "stance.support.deepen" else c_end, hi)
                refs = [r for r in sent.actors if pair is not None and pair.start() <= r.start < pair.end(1) and r.type == "state"]
                codes_here = {h.code for h in holders}
                if pair is not None and len({r.code for r in refs}) == 2 and {r.code for r in refs} <= codes_here:
                    for holder in holders:
                        other = next((r for r in refs if r.code != holder.code), None)
                        if other is not None:
                            _add(an, found, holder, other, "support", c_start, pair.end(), f"{rule}.pair", _topic(an, c_end, hi, other))
                    continue
            if not target_refs and rule in _COURTESY_CUES and not _ISSUE_TOPIC.search(text, max(lo, c_start - 30), hi):
                continue  # welcoming or committing to something with no actor: coded only for an issue (a ceasefire, a treaty)
            if not target_refs and (rule in _VAGUE_CUES or position == "oppose") and not _CLEAR_TOPIC.search(text, max(lo, c_start - 30), hi):
                continue  # "welcomed", "underscored his commitment": a position about nothing one can code
            if not target_refs and rule in _NEEDS_TARGET:
                continue  # "blamed", "alleges that", "take action against": about someone, or about nothing codable
            if not target_refs and position == "oppose" and _ACTED_BY_SOMEONE.match(text, c_end, min(hi, c_end + 60)):
                continue  # "condemned the attack": about its author, whom the sentence does not name
            for holder, target in [(h, t) for h in holders for t in ([*target_refs] if target_refs else [None])]:
                if target is not None and target.code == holder.code:
                    continue
                if position == "support" and target is not None and _BY_AGENT_OF_HARM.search(text, max(sent.start, target.start - 30), target.start):
                    continue  # "the release of hostages taken by Hamas": no support for the hostage-takers
                stance_position = position
                if position == "support" and target is not None and _acted_against(an, c_end, min(target_refs, key=lambda t: t.start)):
                    stance_position = "oppose"  # "commitment to ensure Iran never obtains a nuclear weapon"
                key = (holder.code, target.code if target else _issue_key(text, c_end, hi), stance_position)
                ev = an.evidence(min(holder.start, c_start), max(c_end, target.end if target else c_end), rule)
                if key in found:
                    found[key].evidence.append(ev)
                    continue
                found[key] = Stance(
                    holder=actor_with_evidence(an, holder, f"{rule}.holder"),
                    target=actor_with_evidence(an, target, f"{rule}.target") if target else None,
                    # a noun phrase names its topic itself: "military support to Ukraine", "the Libyan ambassador"
                    topic=(
                        _topic(an, antecedent[0], antecedent[1], target)
                        if antecedent is not None
                        # "provide Ukraine with security assistance": what is provided
                        else _topic(an, c_start + m.group(0).rfind(" with ") + 6, c_end, target)
                        if rule == "stance.support.provide_with"
                        else _topic(an, c_start + m.group(0).find(" ") + 1 if rule in _TOPIC_IN_CUE else c_end, hi, target)
                    ),
                    position=stance_position,
                    cue=an.norm.quote(c_start, c_end)[2],
                    evidence=[ev],
                )
        _partner_statements(an, sent, found)
        _bilateral_bond(an, sent, found)
        if "NATO" in sent.text or "Alliance" in sent.text:
            _accession(an, sent, found)
        if an.voice:
            _aggression_named(an, sent, found)
            if "defend" in sent.text or "protect" in sent.text:
                _defended_against(an, sent, found)
            if "must" in sent.text:
                _demanded(an, sent, found)
        if '"' in sent.text:
            _quoted_condemnation(an, sent, found)
        # The stances this sentence created (the newest, in insertion order) take its date.
        for stance in reversed(found.values()):
            if id(stance) in dated:
                break
            dated.add(id(stance))
            stance.date = _stance_date(an, sent, lead)
    return list(found.values())


# An official statement that calls a state's acts aggression opposes that state: "Russia's war of
# aggression", "Russia's unprovoked invasion of Ukraine", "continued Russian aggression". In news
# prose the same words are the reporter's, so only a document with a voice (an issuer's or a joint
# statement) holds this position.
_AGGRESSION_AFTER = re.compile(
    r"^(?:'s)?\s(?:(?:(?!against\b|by\b|from\b|with\b)[a-z-]{3,20},?|and)\s){0,5}?(?:full-scale\s)?(?:war\s(?:of\saggression|against|on|in)|invasion|aggression|"
    r"brutal\swar|illegal\swar|war\smachine|attacks?\son|missile\slaunch(?:es)?|nuclear\sand\sballistic|"
    # "Russia's destabilizing military buildup", "continued energy coercion", "unlawful WMD and ballistic missile programs"
    r"military\sbuild-?up|(?:economic\s|energy\s)?coercion|provocations|(?:[a-z]+\s){0,2}(?:ballistic\s)?missile\sprograms?)\b"
)


def _aggression_named(an: Analysis, sent: Sentence, found: dict[tuple[str, str | None, str], Stance]) -> None:
    """Rule stance.oppose.aggression_named: the document's voice opposes the state whose war,
    invasion or aggression it names (the sentence's own subject group when it has one)."""
    rule = "stance.oppose.aggression_named"
    # "leaders will discuss ... Russia's war": a coming meeting's agenda is the statement's own
    # wording, not yet its guests' position
    agenda = _AGENDA.search(sent.text) is not None
    for r in sent.actors:
        if r.type != "state" or r.via not in ("name", "adjective") or in_quotes_or_attribution(an, sent, r):
            continue
        m = _AGGRESSION_AFTER.match(an.text[r.end : r.end + 80])
        if m is None or (r.via == "adjective" and "aggression" not in m.group(0)):
            continue
        # The holder is who speaks ("they", "the leaders", a person), never a state merely named
        # before (often the victim: "Ukraine in the face of Russia's war").
        group = [] if agenda else [h for h in _holders(an, sent, sent.start, r.start) if h.code != r.code and h.via in ("coref", "person")]
        holders = group or [
            implied_ref(r.start, code) for code in an.voice if code != r.code
        ]
        for holder in holders:
            topic = _topic(an, r.start, min(sent.end, r.end + m.end() + 40), r)
            _add(an, found, holder, r, "oppose", r.start, r.end + m.end(), rule, topic)


_DEFENDED_AGAINST = re.compile(
    r"\b(?:defend|protect)(?:s|ed|ing)?\s(?:itself|themselves|its\s[a-z]{3,12}|their\s[a-z]{3,12})\s(?:against|from)\s(?:the\s)?(?:any\s)?$"
)
"""Who a state defends itself against: "what it needs to defend itself against Hamas terrorists"."""


def _defended_against(an: Analysis, sent: Sentence, found: dict[tuple[str, str | None, str], Stance]) -> None:
    """Rule stance.oppose.defended_against: an official statement that speaks of a state defending
    itself against an actor opposes that actor (as it does an aggression it names)."""
    rule = "stance.oppose.defended_against"
    if _AGENDA.search(sent.text):
        return
    for r in sent.actors:
        if r.type not in ("state", "organization", "other") or r.via not in ("name", "adjective") or in_quotes_or_attribution(an, sent, r):
            continue
        m = _DEFENDED_AGAINST.search(an.text, max(sent.start, r.start - 50), r.start)
        if m is None:
            continue
        for code in an.voice:
            if code != r.code:
                _add(an, found, implied_ref(r.start, code), r, "oppose", m.start(), r.end, rule, _topic(an, m.start(), min(sent.end, r.end + 40), r))


_AGENDA = re.compile(r"\b(?:will|to)\s(?:also\s)?(?:discuss|review|consult|celebrate)\b")
"""A coming meeting's agenda: "They will also discuss ...", "the Presidents to celebrate ... and consult on"."""


# An official statement that says what a state must do demands it of that state: "Syria and Russia
# must comply with their obligations", "Russia must withdraw its forces". The voice holds it; in
# news prose the words are a reporter's or a quoted speaker's, which other rules read.
_MUST = re.compile(
    r"\s(?:must|should)\s(?:(?:immediately|now|fully|also|urgently|unconditionally|completely|finally)\s)?"
    r"(?:stop|cease|end|halt|withdraw|comply|release|respect|abide|pull|return|allow|be held|answer|account|refrain|desist|reverse)\b"
)


def _demanded(an: Analysis, sent: Sentence, found: dict[tuple[str, str | None, str], Stance]) -> None:
    """Rule stance.oppose.demanded: the voice opposes the states it says must stop, withdraw, comply."""
    rule = "stance.oppose.demanded"
    for m in _MUST.finditer(an.text, sent.start, sent.end):
        if an.text.count('"', sent.start, m.start()) % 2:
            continue  # inside a quotation: the speaker's words, not the statement's
        lo, hi = clause_bounds(sent, m.start())
        subjects = [
            r for r in _holders(an, sent, lo, m.start())
            if r.type in ("state", "organization", "armed_group") and r.via in ("name", "adjective", "metonym") and r.code not in an.voice
        ]
        for target in subjects:
            for code in an.voice:
                holder = implied_ref(target.start, code)
                topic = _topic(an, m.start() + 1, max(hi, min(sent.end, m.end() + 120)), target)
                _add(an, found, holder, target, "oppose", target.start, m.end(), rule, topic)


_ACCESSION = re.compile(
    r"\b(?:welcom(?:e|ed|es|ing)|congratulat(?:e|ed|es|ing))\s(?P<a>(?:[A-Z][\w'’-]{1,30}\s){1,3}?)(?:as|on\sbecoming|on\sjoining)\s"
    r"(?:a\s|an\s|the\s|our\s|NATO['’]s\s|the\sAlliance['’]s\s)?(?:[\w-]{1,30}\s)?(?:NATO\s)?(?:Ally|ally|member|Allies)\b"
    r"|\b(?P<b>[A-Z][\w'’-]{1,30}(?:,?\s(?:and\s)?[A-Z][\w'’-]{1,30}){0,2})\s(?:should|will|would|to|can|must)\s(?:soon\s)?"
    r"(?:become\s(?:a\smember|members|an?\sAlly|Allies)\sof|join)\s(?:NATO|the\sAlliance)\b"
    r"|\b(?P<c>[A-Z][\w'’-]{1,30}(?:,?\s(?:and\s)?[A-Z][\w'’-]{1,30}){0,2})\s(?:joining|bid\sto\sjoin)\s(?:NATO|the\sAlliance)\b"
)
"""A state's joining NATO backed: "welcome Sweden as NATO's 32nd Ally", "Sweden should become a
member of NATO", "support for Finland and Sweden joining NATO"."""
_BLOCKED_BEFORE = re.compile(r"\b(?:oppos|object|block|veto|delay|stall|resist|reject|hold(?:ing)?\sup|against)\w{0,4}\s(?:\w+\s){0,3}$")


def _accession(an: Analysis, sent: Sentence, found: dict[tuple[str, str | None, str], Stance]) -> None:
    """Rule stance.support.accession: backing a state's accession to NATO is support for that state."""
    rule = "stance.support.accession"
    for m in _ACCESSION.finditer(an.text, sent.start, sent.end):
        group = next(g for g in ("a", "b", "c") if m.group(g) is not None)
        joiners = [r for r in sent.actors if m.start(group) <= r.start < m.end(group) and r.type == "state"]
        if not joiners or _BLOCKED_BEFORE.search(an.text, max(sent.start, m.start() - 60), m.start()):
            continue  # "Türkiye has blocked Sweden joining NATO": no backing
        if an.text.count('"', sent.start, m.start()) % 2:
            continue
        lo, _hi = clause_bounds(sent, m.start())
        codes = {j.code for j in joiners}
        holders = [h for h in _holders(an, sent, lo, m.start()) if h.code not in codes]
        if not holders and an.voice and not _OTHER_SUBJECT.search(an.text, lo, m.start()):
            holders = [implied_ref(m.start(), code) for code in an.voice if code not in codes]
        for holder in holders:
            for joiner in joiners:
                _add(an, found, holder, joiner, "support", m.start(), m.end(), rule, _topic(an, m.start(group), m.end(), joiner))


# "Hungary is Serbia's most reliable friend", "Egypt is a strategic ally for Greece": the
# possessor (or the 'for' object) supports the subject.
_PARTNER_NOUN = r"(?:partners?|friends?|all(?:y|ies)|neighbou?rs?|supporters?)"
_POSSESSOR_PARTNER = re.compile(rf"'s? (?:(?:most|closest|key|strategic|reliable|important|trusted|natural|first|main|biggest|oldest|best|true|valued|long-standing|dependable) )*{_PARTNER_NOUN}\b")
_PARTNER_FOR = re.compile(rf"\b(?:a|an|the) (?:(?:most|closest|key|strategic|reliable|important|trusted|natural|main|true|valued|long-standing|dependable) )*{_PARTNER_NOUN} (?:for|of|to) (?:the )?")
_PARTNER_WORDS = re.compile(r"partner|friend|\ball(?:y|ies)\b|neighbo|supporter")
_COPULA = re.compile(r"\s(?:is|remains|was|has been(?: and remains)?|has long been)\s(?:(?:and|a|an|the|not only|also|still)\s)*$")


def _partner_statements(an: Analysis, sent: Sentence, found: dict[tuple[str, str | None, str], Stance]) -> None:
    """Copular partnership statements as support stances (rule stance.support.partner)."""
    text = an.text
    if not _PARTNER_WORDS.search(sent.text):
        return
    rule = "stance.support.partner"
    actors = sent.actors
    for m in _POSSESSOR_PARTNER.finditer(sent.text):
        pos = sent.start + m.start()
        holder = next((r for r in actors if r.end == pos), None)
        if holder is None:
            continue
        subject = next((r for r in actors if r.end <= holder.start and _COPULA.search(text, r.end, holder.start)), None)
        if subject is not None and subject.code != holder.code:
            _add(an, found, holder, subject, "support", sent.start + m.start(), sent.start + m.end(), rule)
    for m in _PARTNER_FOR.finditer(sent.text):
        after = sent.start + m.end()
        holder = next((r for r in actors if r.start == after), None)
        if holder is None:
            continue
        subject = next((r for r in actors if r.end <= sent.start + m.start() and _COPULA.search(text, r.end, sent.start + m.start())), None)
        if subject is not None and subject.code != holder.code:
            _add(an, found, holder, subject, "support", sent.start + m.start(), holder.end, rule)


# A bond between two parties affirmed with no target named: "reaffirmed the strategic relationship
# between our two countries", "they pledged to deepen collaboration", "committed to deepening our
# Alliance", "opened a new era in security cooperation". Each party supports the other: the two
# holders, the pair named after "between", or the holder and the other party of the meeting a
# readout reports. A named partner ("cooperation with India") is left to the cue rules.
_BOND = re.compile(
    r"\b(?:(?:strengthen|deepen|reaffirm|affirm|renew|revitaliz|revitalis|expand|enhanc|bolster|reinforc|elevat|cement|consolidat|celebrat)"
    r"(?:ed|es|e|s|ing)?(?: their| its| our)?(?: commitment to)?(?: further)?(?: (?:deepening|strengthening|expanding|enhancing))?"
    r"|open(?:ed|s)? a new (?:era|chapter) in|(?:expressed |conveyed )?appreciation for|welcom(?:ed|es|e|ing) (?:the )?progress in"
    r"|(?:reaffirm|affirm|underscor|highlight|celebrat|emphasi[sz]|stress)(?:ed|es|e|s|ing)? the (?:enduring |lasting |continued )?(?:strength|depth|importance) of)"
    r" (?:(?:the|our|their|its|this) )?(?P<bond>(?:(?:strong|close|special|strategic|enduring|bilateral|extensive|security|defen[cs]e|comprehensive|"
    r"historic|long-?standing|deep|vital|important|unbreakable|ironclad|economic|global|growing|steadfast),? (?:and )?)*"
    r"(?:(?:U\.S\.|[A-Z][a-z]+|[A-Z]{2,5})-(?:U\.S\.|U\.K\.|[A-Z][a-z]+|[A-Z]{2,5}) (?:(?:space|economic|trade|energy|technology|health|maritime|nuclear|cyber) )?)?"
    r"(?:(?:strong|close|special|strategic|enduring|bilateral|security|defen[cs]e|comprehensive|global),? (?:and )?)*"
    r"(?:relationship|relations|partnership|alliance|Alliance|ties|friendship|cooperation|collaboration))\b"
)
_BOND_PAIR = re.compile(r"\s(?:between|of) (?:our (?:two )?(?:great |close )?(?:countries|nations|governments|peoples)|(?:the )?(?=[A-Z]))")
_BOND_WITH = re.compile(r"\s(?:with|among|in|across|to)\s(?:the\s)?$")
_BOND_PLANNED = re.compile(
    r"\b(?:(?:plans?|planned|expects?|expected|hopes?|seeks?|sought|ways|how) to\s(?:\w+\s)?|discuss(?:ed|es|ing)?\s(?:\w+\s){0,2}|discuss(?:ed|es|ing)?\show\s(?:\S+\s){0,10}|(?:in|of|for|on)\s)$"
)
"""A bond only planned, discussed or named as an aim ("ways to expand", "the importance of deepening")."""


def _bilateral_bond(an: Analysis, sent: Sentence, found: dict[tuple[str, str | None, str], Stance]) -> None:
    """Rule stance.support.bond: a bilateral bond affirmed, as mutual support of its two parties."""
    text = an.text
    rule = "stance.support.bond"
    for m in _BOND.finditer(sent.text):
        c_start, c_end = sent.start + m.start(), sent.start + m.end()
        lo, hi = clause_bounds(sent, c_start)
        pre = text[max(sent.start, c_start - 50) : c_start]
        if UNCERTAIN.search(pre[-30:]) or DENIAL.search(pre) or _NEGATED.search(pre) or _BOND_PLANNED.search(pre):
            continue
        if _BOND_WITH.search(text, c_start, c_start + m.group(0).rfind(" ") + 1):
            continue  # "cooperation in the Pacific"
        inside = [r for r in sent.actors if c_start <= r.start < c_end]
        hyphen_pair = len(inside) == 2 and inside[0].type == inside[1].type == "state" and text[inside[0].end : inside[1].start] == "-"
        if inside and not hyphen_pair:
            continue  # an actor inside the phrase that is not "the U.S.-ROK Alliance"
        pair_m = _BOND_PAIR.match(text, c_end)
        after = [r for r in sent.actors if c_end <= r.start < hi]
        if pair_m is None and not hyphen_pair and after and after[0].start - c_end <= 6:
            continue  # "relations with Japan", "cooperation of Russia": a named partner
        named = inside if hyphen_pair else [r for r in after if pair_m is not None and r.start - c_end < 80 and r.type == "state"]
        holders = [h for h in _holders(an, sent, lo, c_start) if h.type == "state"]
        if not holders and an.voice and not _OTHER_SUBJECT.search(text, lo, c_start):
            holders = [implied_ref(c_start, code) for code in an.voice]
        codes = list(dict.fromkeys(h.code for h in holders))
        named_codes = list(dict.fromkeys(r.code for r in named))
        if len(named_codes) == 2 and len(codes) == 1 and codes[0] in named_codes:
            # "the President reaffirmed the ties between the United States and Germany": the speaker's
            other = next(r for r in named if r.code != codes[0])
            _add(an, found, holders[0], other, "support", c_start, c_end, rule, _topic(an, sent.start + m.start("bond"), hi, None))
            continue
        if len(named_codes) == 2 and (not codes or set(codes) <= set(named_codes)):
            refs = {r.code: r for r in named}
            holders = [refs[c] for c in named_codes]
        elif len(codes) == 1 and (pair_m is not None or "bilateral" in m.group(0) or " our " in m.group(0)):
            other_code = counterpart(an, codes, most_named=False)
            if other_code is None:
                continue
            # only the one who speaks holds it: "The President conveyed his intention to strengthen"
            other = implied_ref(holders[0].start, other_code)
            _add(an, found, holders[0], other, "support", c_start, c_end, rule, _topic(an, sent.start + m.start("bond"), hi, None))
            continue
        elif len(codes) != 2:
            continue
        by_code = {h.code: h for h in holders}
        if len(by_code) != 2:
            continue
        a, b = by_code.values()
        topic = _topic(an, sent.start + m.start("bond"), hi, None)
        for holder, target in ((a, b), (b, a)):
            _add(an, found, holder, target, "support", c_start, c_end, rule, topic)


# Inside a quotation, words that condemn an act and the actor named as its author: "The massacre
# committed by Israel", "this criminal aggression ... by the Israeli forces", "Israel's crimes".
_CONDEMNING_WORDS = re.compile(r"\b(?:aggression|crimes?|massacre|atrocit(?:y|ies)|barbarity|terrorism|war crimes?)\b", re.IGNORECASE)
_ADJECTIVE_OF_ACT = re.compile(r"\s(?:[a-z-]+\s){0,2}")
_AUTHOR_BEFORE = re.compile(r"\b(?:by|of)\s(?:the\s)?$")


def _quoted_condemnation(an: Analysis, sent: Sentence, found: dict[tuple[str, str | None, str], Stance]) -> None:
    """Rule stance.oppose.quoted_condemnation: a speaker's quote that calls an actor's acts a crime,
    a massacre or aggression opposes that actor (the speaker named before or after the quote)."""
    text = an.text
    rule = "stance.oppose.quoted_condemnation"
    for q in re.finditer(r'"([^"]{10,400})(?:"|$)', sent.text):
        q_start, q_end = sent.start + q.start(1), sent.start + q.end(1)
        words = _CONDEMNING_WORDS.search(text, q_start, q_end)
        if words is None:
            continue
        speakers = _speaker(an, sent, q_start + 1)
        if not speakers:
            continue
        speaker = speakers[0]
        for r in sent.actors:
            if not q_start <= r.start < q_end or r.code == speaker.code or (r.type == "organization" and r.code in ("UN", "UNSC")):
                continue
            author = _AUTHOR_BEFORE.search(text, max(q_start, r.start - 10), r.start) is not None or text.startswith("'s", r.end)
            if author or (r.via == "adjective" and _ADJECTIVE_OF_ACT.fullmatch(text, r.end, words.start()) is not None):
                _add(an, found, speaker, r, "oppose", q_start, q_end, rule, _topic(an, words.start(), min(q_end, words.end() + 60), r))
                break


def _add(
    an: Analysis,
    found: dict[tuple[str, str | None, str], Stance],
    holder: ActorRef,
    target: ActorRef,
    position: str,
    start: int,
    end: int,
    rule: str,
    topic: str | None = None,
) -> None:
    key = (holder.code, target.code, position)
    ev = an.evidence(min(start, target.start, holder.start), max(end, holder.end), rule)
    if key in found:
        found[key].evidence.append(ev)
        return
    found[key] = Stance(
        holder=actor_with_evidence(an, holder, f"{rule}.holder"),
        target=actor_with_evidence(an, target, f"{rule}.target"),
        topic=topic,
        position=Position(position),
        cue=an.norm.quote(start, end)[2],
        evidence=[ev],
    )
