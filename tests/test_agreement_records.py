"""One record per instrument: two named instruments between the same parties stay two records,
while a later name for the instrument first mentioned in other words joins it.

The passages are the team's own, in the style of joint statements and wire copy.
"""

from __future__ import annotations

import pytest

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


def test_the_possessors_of_a_signing_are_its_parties() -> None:
    text = "President Lula applauded Chile and Peru's signing of the Reciprocal Logistics Agreement in Lima."
    assert [r[0] for r in records(text)] == ["CHL+PER"]


def test_the_subjects_of_a_gerund_signing_are_its_parties() -> None:
    text = "Both ministers voiced concern about Russia and the Central African Republic signing a bilateral security agreement."
    assert [r[0] for r in records(text)] == ["CAF+RUS"]


def test_a_recent_agreement_between_named_parties_is_a_record() -> None:
    text = "The two leaders welcomed the recent agreement between Serbia, Kosovo and the EU on licence plates."
    assert [r[0] for r in records(text)] == ["EU+SRB+XKX"]


def test_what_an_agreement_reaffirms_is_no_status_of_another_instrument() -> None:
    text = (
        "In May, Chile and Peru signed a fisheries agreement. The agreement reaffirms Peru's existing safeguards "
        "agreements with the International Atomic Energy Agency (IAEA)."
    )
    assert [r[0] for r in records(text)] == ["CHL+PER"]


def test_this_ten_year_agreement_is_the_one_just_signed() -> None:
    text = (
        "Today, Poland and Ukraine signed a historic Poland-Ukraine Security Agreement. With the signing of this "
        "10-year agreement, Poland and Ukraine will work together on air defence."
    )
    assert [r[0] for r in records(text)] == ["POL+UKR"]


def test_a_state_whose_membership_is_the_goal_is_no_party() -> None:
    text = (
        "Moldova and Romania signed a security agreement on Monday. This agreement, together with the arrangements "
        "Moldova has signed with other partners, is a key part of Moldova's bridge to NATO membership."
    )
    assert [r[0] for r in records(text)] == ["MDA+ROU"]


def test_a_groupings_partners_are_its_member_states() -> None:
    text = "In May, the Quad partners signed a memorandum on maritime domain awareness in Tokyo."
    assert [r[0] for r in records(text)] == ["AUS+IND+JPN+USA"]


def test_unnamed_agreements_in_the_plural_only_talked_about_are_no_record() -> None:
    text = (
        "Chile and Peru will work with the 12 countries that are negotiating agreements with Bolivia. "
        "Both sides agreed to continue consultations as the agreements move toward final refinement."
    )
    assert records(text) == []


def test_memoranda_signed_by_two_states_are_a_record() -> None:
    text = "The two countries, Chile and Peru, signed memoranda on coast guard cooperation in Lima on Monday."
    assert [r[0] for r in records(text)] == ["CHL+PER"]


def test_a_name_keeps_its_dotted_and_hyphenated_parties_and_drops_a_weekday() -> None:
    text = "The two leaders launched the U.S.-Kenya Climate Partnership on Friday."
    assert records(text) == [("KEN+USA", "U.S.-Kenya Climate Partnership", "announced")]


def test_a_long_hyphenated_name_is_whole() -> None:
    text = "Peru and Chile are parties to the Andean Community-Pacific Alliance-United States Trade Agreement, which entered into force in 2016."
    assert [r[1] for r in records(text)] == ["Andean Community-Pacific Alliance-United States Trade Agreement"]


def test_a_chain_of_three_states_names_three_parties() -> None:
    text = "On Monday the three governments signed the Japan-Philippines-Vietnam maritime agreement in Manila."
    assert [r[0] for r in records(text)] == ["JPN+PHL+VNM"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the sides that accept or agree are its parties
        ("Armenia and Azerbaijan have accepted a cessation of hostilities along the border.", ["ARM+AZE"]),
        ("Thailand and Cambodia agreed on Monday to an immediate and unconditional ceasefire.", ["KHM+THA"]),
        # whoever hosted the talks, and the bloc the host chairs, are not sides
        ("Kyrgyzstan and Tajikistan agreed to a truce after talks hosted by Kazakhstan, the current chair of the SCO.", ["KGZ+TJK"]),
        # a truce the text names its sides for
        ("Qatar announced a humanitarian truce between Israel and Hamas to begin at dawn.", ["HAMAS+ISR"]),
        # who welcomes, renews or calls for a truce is not a side; nor is one named side with an unnamed other
        ("Canada and Norway welcome the ceasefire in Sudan and reaffirm the need for aid access.", []),
        ("Canada welcomed the ceasefire between Colombia and armed dissidents announced tonight.", []),
        ("Brazil and Mexico called for an immediate ceasefire in Gaza.", []),
        ("Egypt and Jordan discussed a proposal for a ceasefire in Gaza.", []),
        ("Ukraine's President reiterated to Poland his willingness to accept a full ceasefire.", []),
    ],
)
def test_a_ceasefire_is_an_agreement_of_the_sides_that_accept_it(text: str, expected: list[str]) -> None:
    assert [r[0] for r in records(text)] == expected
    assert all(kind == "ceasefire" for kind in types(text))


def types(text: str) -> list[str]:
    return [a.agreement_type.value for a in geodefence.extract(text, published="2023-08-02").agreements]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ghana and Togo signed a border agreement that was welcomed by the African Union and backed by France.", ["GHA+TGO"]),
        ("The proposed deal has the full backing of Canada and has been endorsed by Brazil, Chile and Peru.", []),
    ],
)
def test_who_backs_or_endorses_an_instrument_is_no_party(text: str, expected: list[str]) -> None:
    assert [r[0] for r in records(text)] == expected


def test_they_after_an_attributed_pair_is_the_pair() -> None:
    text = (
        "According to officials Chile and Peru also discussed fishing quotas. "
        "They signed the Pacific Fisheries Cooperation agreement, which covers quotas and ports."
    )
    assert [r[0] for r in records(text)] == ["CHL+PER"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Norway and Iceland agreed to launch a high-level dialogue on Arctic security.", ["ISL+NOR"]),
        ("Vietnam and the Philippines agreed to set up a joint commission on fisheries.", ["PHL+VNM"]),
        # a dialogue or working group only held, praised or attended was set up by no agreement
        ("Norway and Iceland held a dialogue on Arctic security on Monday.", []),
        ("Vietnam and the Philippines praised the work of the joint commission on fisheries.", []),
    ],
)
def test_a_body_the_parties_agreed_to_set_up_is_an_agreement(text: str, expected: list[str]) -> None:
    assert [r[0] for r in records(text)] == expected


def test_a_framework_for_a_named_agreement_is_one_record() -> None:
    text = (
        "Chile and Peru have reached a framework for an Interim Agreement on fisheries. "
        "Both governments will work toward finalizing the Interim Agreement in the coming weeks."
    )
    assert records(text) == [("CHL+PER", "Interim Agreement", "announced")]


def test_one_named_treaty_is_one_record_whatever_parties_each_mention_names() -> None:
    text = (
        "Russia and Belarus announced their withdrawal from the Open Skies Treaty on Monday. "
        "Poland, Lithuania and the United States then announced the suspension of the Open Skies Treaty."
    )
    assert len(records(text)) == 1


def test_a_field_word_does_not_make_two_named_agreements_one() -> None:
    text = (
        "Chile and Peru agreed to a Framework for an Agreement on Reciprocal Trade. "
        "The Pacific Free Trade Agreement between Chile and Peru entered into force long ago."
    )
    assert len(records(text)) == 2
