"""One record per instrument: two named instruments between the same parties stay two records,
while a later name for the instrument first mentioned in other words joins it.

The passages are the team's own, in the style of joint statements and wire copy.
"""

from __future__ import annotations

import geodefence


def records(text: str) -> list[tuple[str, str | None, str]]:
    doc = geodefence.extract(text, published="2023-08-02")
    return [("+".join(sorted(p.code or "?" for p in a.parties)), a.name, a.status.value) for a in doc.agreements]


def test_a_second_named_instrument_is_its_own_record() -> None:
    text = (
        "Chile and Peru signed a Memorandum of Understanding on Fisheries Cooperation in Lima. "
        "Both governments also hailed the new Open Skies Agreement, which will allow more direct flights."
    )
    assert records(text) == [
        ("CHL+PER", "Memorandum of Understanding on Fisheries Cooperation", "signed"),
        ("CHL+PER", "Open Skies Agreement", "announced"),
    ]


def test_the_name_given_later_to_the_same_instrument_joins_it() -> None:
    text = (
        "Spain and Italy signed a defence agreement on Wednesday that will see Spanish patrol aircraft operate from Sicily. "
        "The Palazzo Chigi Agreement was signed in Rome by the two defence ministers."
    )
    assert [r[0] for r in records(text)] == ["ESP+ITA"]


def test_an_agreement_prepared_for_signature_is_not_signed() -> None:
    text = "The United States and North Macedonia agreed to finalise the text and prepare the Agreement for signature."
    assert all(status != "signed" for _, _, status in records(text))
