"""Hand-built documents for the export tests: every kind, each dyad shape, mapped and unmapped values."""

from __future__ import annotations

from geodefence import Actor, Agreement, DateValue, Document, Evidence, Exercise, Stance, Visit

TEXT = (
    "Kazakhstan and Uzbekistan signed a defence cooperation plan on 5 March 2025. "
    "Uzbek Defence Minister Bakhodir Kurbanov visited Astana. "
    "Russia and Belarus held the Union Shield exercise in September 2023. "
    "Kazakhstan condemned Russia. Turkey declined to support NATO. Austria has not supported Ukraine."
)


def span(needle: str, rule: str) -> Evidence:
    """The evidence span of the first occurrence of ``needle`` in :data:`TEXT`."""
    start = TEXT.index(needle)
    return Evidence(start=start, end=start + len(needle), text=needle, rule=rule)


def state(name: str, code: str) -> Actor:
    return Actor(name=name, type="state", code=code)  # type: ignore[arg-type]


def day(value: str) -> DateValue:
    return DateValue(text=value, value=value, precision="day")  # type: ignore[arg-type]


def make_doc(doc_id: str = "doc-1", published: str | None = "2025-03-06") -> Document:
    """One document with two agreements' worth of dyads, a visit, an exercise and three stances."""
    return Document(
        doc_id=doc_id,
        published=published,  # type: ignore[arg-type]
        source="https://example.org/news/1",
        agreements=[
            Agreement(
                id="a1",
                # written Uzbekistan first: the events table sorts an agreement's parties
                parties=[state("Uzbekistan", "UZB"), state("Kazakhstan", "KAZ")],
                name="defence cooperation plan",
                agreement_type="plan",  # type: ignore[arg-type]
                status="signed",  # type: ignore[arg-type]
                date=day("2025-03-05"),
                provisions=["intelligence_sharing"],  # type: ignore[list-item]
                evidence=[span("signed a defence cooperation plan", "agr.noun.plan+agr.status.signed")],
            )
        ],
        visits=[
            Visit(
                id="v1",
                visitor=Actor(name="Bakhodir Kurbanov", type="person", country="UZB", title="Defence Minister"),  # type: ignore[arg-type]
                visitor_party="UZB",
                host=state("Kazakhstan", "KAZ"),
                evidence=[span("Bakhodir Kurbanov visited Astana", "visit.verb")],
            )
        ],
        exercises=[
            Exercise(
                id="e1",
                name="Union Shield",
                participants=[state("Russia", "RUS"), state("Belarus", "BLR")],
                start=DateValue(text="September 2023", value="2023-09", precision="month"),  # type: ignore[arg-type]
                evidence=[span("Russia and Belarus held the Union Shield exercise", "exercise.noun")],
            )
        ],
        stances=[
            Stance(
                id="s1",
                holder=state("Kazakhstan", "KAZ"),
                target=state("Russia", "RUS"),
                position="oppose",  # type: ignore[arg-type]
                cue="condemned",
                evidence=[span("Kazakhstan condemned Russia", "stance.oppose.condemned")],
            ),
            Stance(
                id="s2",
                holder=state("Turkey", "TUR"),
                target=Actor(name="NATO", type="organization", code="NATO"),  # type: ignore[arg-type]
                position="withhold",  # type: ignore[arg-type]
                cue="declined to support",
                evidence=[span("Turkey declined to support NATO", "stance.withhold.declined")],
            ),
            Stance(
                id="s3",
                holder=state("Austria", "AUT"),
                target=state("Ukraine", "UKR"),
                position="withhold",  # type: ignore[arg-type]
                cue="has not supported",
                evidence=[span("Austria has not supported Ukraine", "stance.withhold.not_verb")],
            ),
        ],
    )
