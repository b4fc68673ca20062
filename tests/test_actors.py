"""Actors: whom a person serves (title, apposition, roster, issuer), names inside names, armed groups.

The passages are the team's own, written in the style of readouts, joint statements and wire copy.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

import geodefence
from geodefence.actors import get_roster, issuer_of, lookup
from geodefence.actors.roster import RosterEntry, fold
from geodefence.text.analysis import analyse

WH = "https://www.whitehouse.gov/briefing-room/statements-releases/2023/05/20/readout/"


def persons(text: str, published: str | None = "2023-05-20", source: str | None = None) -> dict[str, str | None]:
    """Each person the text layer finds, with the party it says they serve."""
    day = dt.date.fromisoformat(published) if published else None
    an = analyse(text, day, issuer=issuer_of(source))
    return {p.name: p.country for p in an.persons}


def state_codes(text: str, published: str = "2023-05-20") -> set[str]:
    """Every state or organisation code the analysis refers to."""
    an = analyse(text, dt.date.fromisoformat(published))
    return {r.code for s in an.sentences for r in s.actors}


# --- a person's state comes from the person ------------------------------------------------


def test_another_persons_demonym_does_not_rub_off() -> None:
    found = persons("President Biden met with Australian Prime Minister Anthony Albanese in Tokyo on Saturday.")
    assert found == {"Biden": "USA", "Anthony Albanese": "AUS"}


def test_a_titled_official_without_a_state_is_unknown_rather_than_guessed() -> None:
    found = persons("Deputy Director Marla Quennell met Defence Minister Rustam Tekebayev of Kyrgyzstan in Bishkek.")
    assert found == {"Marla Quennell": None, "Rustam Tekebayev": "KGZ"}


def test_own_title_phrase_and_apposition_win_over_the_roster() -> None:
    found = persons("Lt. Gen. Oskar Wren, the Swedish Army chief, visited Riga.")
    assert found == {"Oskar Wren": "SWE"}


def test_the_roster_answers_for_the_date_of_the_article() -> None:
    text = "Secretary of Defense Austin spoke with his counterpart on Tuesday."
    assert persons(text, "2023-03-01") == {"Austin": "USA"}
    assert persons(text, "2012-03-01") == {"Austin": None}  # not in office then: no guess


def test_an_official_the_roster_knows_by_full_name_needs_no_title() -> None:
    text = "According to officials, Mr. Luiz Inacio Lula da Silva, speaking in Brasilia, backed the plan."
    assert persons(text, "2005-06-01") == {"Luiz Inacio Lula da Silva": "BRA"}
    # a full name the roster does not hold, or one word alone, is not taken for a person
    assert persons("Sources said Marcos Quillen, speaking in Lima, backed the plan.", "2005-06-01") == {}
    assert persons("Sources said Lula, speaking in Brasilia, backed the plan.", "2005-06-01") == {}


def test_an_issuers_titled_official_is_not_someone_else_with_the_surname() -> None:
    # Angus Campbell (Australia's chief of defence until 2024) is in the roster; this Campbell is not.
    text = "Indo-Pacific Coordinator Kurt Campbell spoke today with Prime Minister Ruslan Vey."
    assert persons(text, "2023-03-28", source=WH)["Kurt Campbell"] == "USA"


@pytest.mark.parametrize(
    ("path", "cosigners"),
    [
        ("joint-statement-from-the-governments-of-chile-peru-and-the-united-states", ("CHL", "PER")),
        ("joint-statement-of-japan-the-republic-of-korea-and-the-united-states", ("JPN", "KOR")),
        ("joint-statement-on-maritime-security-by-u-s-president-x-y-and-ghanaian-president-z-w", ("GHA",)),
        ("readout-of-president-bidens-call-with-president-of-chile", ()),
        # the parties named before "joint"; short words are read as acronyms too (ROK, UAE, EU)
        ("united-states-ghana-joint-leaders-statement", ("GHA",)),
        ("u-s-rok-leaders-joint-statement-on-the-alliance", ("KOR",)),
        ("u-s-uae-joint-leaders-statementbuilding-ties", ("ARE",)),
        ("united-states-aotearoa-new-zealand-joint-statement", ("NZL",)),
        ("u-s-eu-joint-statement-of-the-energy-council", ("EU",)),
        ("fact-sheet-joint-efforts-on-clean-energy", ()),
        # a small grouping's leaders are its member states'
        ("aukus-leaders-joint-statement-on-undersea-capabilities", ("AUS", "GBR")),
        # "between" lists the signers too; a body signs for its organisation
        ("joint-statement-between-the-united-states-and-the-european-commission-on-energy", ("EU",)),
        ("joint-statement-following-meeting-between-president-x-and-president-y-of-kenya", ("KEN",)),
    ],
)
def test_a_joint_statements_address_names_its_cosigners(path: str, cosigners: tuple[str, ...]) -> None:
    issuer = issuer_of(f"https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2024/01/11/{path}/")
    assert issuer is not None and issuer.party == "USA" and issuer.cosigners == cosigners


def test_a_joint_statement_speaks_for_each_cosigner() -> None:
    source = "https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2024/01/11/joint-statement-from-the-governments-of-chile-peru-and-the-united-states/"
    doc = geodefence.extract("We condemn the Houthi attacks on merchant vessels in the Red Sea.", published="2024-01-11", source=source)
    holders = {s.holder.code for s in doc.stances if s.target is not None and s.target.code == "HOUTHIS"}
    assert holders == {"CHL", "PER", "USA"}


def test_a_we_opening_keeps_the_cosigners_its_address_names() -> None:
    # "We, President X and Prime Minister Y," where only one of the names says whose: the address
    # of "united-states-ghana-joint-leaders-statement" still names Ghana
    source = "https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2024/01/11/united-states-ghana-joint-leaders-statement/"
    text = "We, President Biden and President Mahama, met in Washington today. We condemn the Houthi attacks on shipping."
    doc = geodefence.extract(text, published="2024-01-11", source=source)
    assert {s.holder.code for s in doc.stances if s.target is not None and s.target.code == "HOUTHIS"} == {"GHA", "USA"}


def test_an_issuers_own_officials_need_no_state() -> None:
    text = "National Security Advisor Tomas Elgard spoke today with Prime Minister Ruslan Vey."
    assert persons(text, source=WH) == {"Tomas Elgard": "USA", "Ruslan Vey": None}
    assert persons(text) == {"Tomas Elgard": None, "Ruslan Vey": None}


@pytest.mark.parametrize(
    ("source", "party"),
    [(WH, "USA"), ("https://www.gov.uk/government/news/x", "GBR"), ("kremlin.ru/events/1", "RUS"), ("https://example.com/whitehouse.gov", None), (None, None)],
)
def test_issuers_come_from_the_source_domain(source: str | None, party: str | None) -> None:
    issuer = issuer_of(source)
    assert (issuer.party if issuer else None) == party


# --- names inside names ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Both governments reaffirmed the Paris Agreement on Monday.", "FRA"),
        ("Agence France-Presse reported the talks ended without a deal.", "FRA"),
        ("A tanker was seized in the Indian Ocean, the Japan Times reported.", "JPN"),
        ("Qatar Airways and Turkish Airlines cancelled flights.", "QAT"),
        ("The American Indian tribes of the region met the governor.", "IND"),
        ("Officials in New Mexico welcomed the plan.", "MEX"),
        ("Trade between Chile and Peru will reach US$3 billion this year.", "USA"),
    ],
)
def test_a_state_word_inside_a_longer_name_is_no_actor(text: str, absent: str) -> None:
    assert absent not in state_codes(text)


def test_a_hyphen_between_two_states_is_still_two_states() -> None:
    assert {"USA", "JPN"} <= state_codes("The U.S.-Japan alliance is the cornerstone of regional security.")


def test_armed_groups_are_actors_of_their_own_type_never_their_country() -> None:
    doc = geodefence.extract("Turkey condemned the Syrian Democratic Forces and Hezbollah.", published="2023-01-02")
    targets = {(s.target.code, str(getattr(s.target.type, "value", s.target.type))) for s in doc.stances if s.target}
    assert targets == {("SDF", "other"), ("HEZBOLLAH", "other")}
    assert "SYR" not in state_codes("The Syrian Democratic Forces said they would fight on.")


@pytest.mark.parametrize(
    "text",
    [
        "They agreed to reinforce NATO's Eastern Flank this year.",
        "The minister visited the Sultan Qaboos Grand Mosque in Muscat.",
        "The envoy of the Republic said the United States would help.",
    ],
)
def test_person_names_never_end_in_a_place_or_institution_word(text: str) -> None:
    assert persons(text) == {}


def test_the_state_alone_is_not_a_country() -> None:
    refs = state_codes("Florida passed the bill. The state will enforce it from July.")
    assert refs == set()


# --- the roster --------------------------------------------------------------------------------


def test_lookup_answers_only_for_the_dates_in_office() -> None:
    assert {r.party for r in lookup("Lavrov", on="2023-05-01")} == {"RUS"}
    assert [r.office for r in lookup("Trump", on="2019-06-01") if r.party == "USA"] == ["head_of_state"]
    assert [r.office for r in lookup("Trump", on="2025-06-01") if r.party == "USA"] == ["head_of_state"]
    assert lookup("Trump", on="2022-06-01") == []
    assert [(r.party, r.office) for r in lookup("Lloyd Austin", on="2023-05-01")] == [("USA", "defence_minister")]


def test_the_city_of_austin_is_not_a_person() -> None:
    assert persons("Officials in Austin said the state would sue.") == {}


def test_the_roster_table_is_valid_and_has_no_duplicates() -> None:
    roster = get_roster()
    hand = [r for r in roster.roles if r.source == "roster.yaml"]
    assert len(hand) >= 500
    keys = Counter((fold(r.name), r.party, r.office, r.start) for r in hand)
    assert [k for k, n in keys.items() if n > 1] == []
    assert all(r.end is None or r.start <= r.end for r in roster.roles)
    parties = {r.party for r in hand}
    assert {"USA", "RUS", "CHN", "UKR", "GBR", "FRA", "DEU", "IND", "JPN", "NATO", "UN", "EU"} <= parties


def test_a_bad_roster_entry_names_its_field() -> None:
    with pytest.raises(ValueError, match="ends"):
        RosterEntry.model_validate({"name": "A B", "office": "head_of_state", "party": "USA", "from": "2020-01-02", "to": "2019-01-01"})


# --- brokers are recorded as such, never as parties ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "parties", "mediators"),
    [
        ("Qatar helped broker a ceasefire agreement between Israel and Hamas on Tuesday.", ["HAMAS", "ISR"], ["QAT"]),
        ("Armenia and Azerbaijan signed a peace agreement mediated by the United States.", ["ARM", "AZE"], ["USA"]),
        ("Turkey hosted talks between Russia and Ukraine that produced a grain deal signed in Istanbul.", ["RUS", "UKR"], ["TUR"]),
        ("Ethiopia and Eritrea reached an AU-mediated truce agreement in Pretoria on Friday.", ["ERI", "ETH"], ["AU"]),
    ],
)
def test_brokers_are_mediators_not_parties(text: str, parties: list[str], mediators: list[str]) -> None:
    [agreement] = geodefence.extract(text, published="2023-01-02").agreements
    assert sorted(p.code or "" for p in agreement.parties) == parties
    assert [m.code for m in agreement.mediators] == mediators


def test_a_state_word_after_a_name_prefix_is_no_actor() -> None:
    assert "USA" not in state_codes("Brazil backs Chile's bid to join the Inter-American Development Bank board.")


def test_a_state_between_two_titles_is_not_the_second_persons() -> None:
    found = persons("On Monday President Biden of the United States is hosting Prime Minister Albanese of Australia in Washington.")
    assert found == {"Biden": "USA", "Albanese": "AUS"}
    found = persons("Sullivan will welcome Secretary General Kenji Sato of Japan and National Security Advisor Suh Hoon of Korea.")
    assert found["Suh Hoon"] != "JPN"


def test_a_comma_ends_another_persons_state_phrase() -> None:
    found = persons(
        "Security Adviser Tomas Elgard of the United States, Security Adviser Kenji Takeo of Japan, "
        "and Security Adviser Ramon Cruz of the Philippines sat down together in Osaka.",
        source=WH,
    )
    assert found == {"Tomas Elgard": "USA", "Kenji Takeo": "JPN", "Ramon Cruz": "PHL"}


def test_a_leaders_bare_surname_owning_a_states_acts_names_that_leader() -> None:
    # "Putin's war", "the Lukashenko regime": a surname the roster knows for one state's leader only
    assert persons("The ministers condemned Putin's war of choice against Georgia.") == {"Putin": "RUS"}
    assert persons("Sanctions target the Lukashenka regime and its security services.", published="2021-09-13") == {"Lukashenka": "BLR"}
    # a surname that two states' officials share is not guessed; nor is a capitalised word the roster lacks
    assert persons("Analysts discussed Maduro's speech and Brightwater's report.") == {}


def test_a_we_address_names_its_authors_up_to_its_verb() -> None:
    text = (
        "We, the leaders of the European Commission, Portugal, Japan, and the United States condemn Putin's war "
        "against the people of Georgia. We stand with the Georgian government and the Georgian people."
    )
    doc = geodefence.extract(text, published="2022-02-26", source=WH)
    found = {(s.holder.code, s.target.code if s.target else None, s.position.value) for s in doc.stances}
    for holder in ("EU", "PRT", "JPN", "USA"):
        assert (holder, "RUS", "oppose") in found and (holder, "GEO", "support") in found
    assert not any(h in ("GEO", "RUS", "EC") for h, _, _ in found)


def test_guinea_bissau_is_one_state_with_or_without_its_hyphen() -> None:
    assert state_codes("Guinea Bissau and Senegal signed the accord.") == {"GNB", "SEN"}


def test_the_taoiseach_is_irelands_head_of_government_on_the_day() -> None:
    text = "President Biden spoke with Taoiseach Micheál Martin about the Good Friday Agreement."
    assert persons(text, published="2021-03-17", source=WH) == {"Biden": "USA", "Micheál Martin": "IRL"}
    # out of that office on the day, the roster does not answer for him
    assert persons(text, published="2023-06-01", source=WH)["Micheál Martin"] is None


def test_the_roster_chooses_among_namesakes_by_office_and_by_the_states_the_article_names() -> None:
    # two kings named Abdullah were in office in 2022 (Jordan, Malaysia): the article names Jordan
    text = "President Biden welcomed King Abdullah to the White House to discuss Jordan's economy."
    assert persons(text, published="2022-07-16", source=WH)["Abdullah"] == "JOR"
    # the title's office rules out a foreign minister of the same name
    assert get_roster().party_of("Abdullah", dt.date(2022, 7, 16), "head_of_state", {"JOR"}) == "JOR"
    # with neither clue the name stays unknown rather than guessed
    assert get_roster().party_of("Abdullah", dt.date(2022, 7, 16)) is None


def test_an_honorific_and_family_name_first_order_still_find_the_official() -> None:
    roster = get_roster()
    assert roster.party_of("Sheikh Tamim bin Hamad", dt.date(2023, 10, 3)) == "QAT"
    assert roster.party_of("Kishida Fumio", dt.date(2022, 9, 26)) == "JPN"


def test_a_family_name_written_first_is_the_surname_for_its_states() -> None:
    roster = get_roster()
    assert roster.party_of("Yoon", dt.date(2023, 4, 3)) == "KOR"
    assert roster.party_of("Xi", dt.date(2023, 4, 3)) == "CHN"
    # a family name that is also an English one is not read alone ("Senator Lee")
    assert roster.party_of("Lee", dt.date(2023, 4, 3)) is None


def test_a_joint_statements_address_lists_signers_only_before_its_subject() -> None:
    issuer = issuer_of("https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2022/03/11/joint-statement-by-the-g7-announcing-further-economic-costs-on-russia/")
    assert issuer is not None and issuer.cosigners == ()


def test_a_statements_usual_misspelling_of_a_title_is_still_the_title() -> None:
    # White House releases write "Deputy National Security Advisory for ..." for the adviser
    found = persons("Deputy National Security Advisory for Cyber Maria Olsen traveled to Japan on Monday.", source=WH)
    assert found == {"Maria Olsen": "USA"}


def test_a_name_given_before_its_title_serves_the_state_of_the_title() -> None:
    found = persons(
        "National Security Advisor Jake Sullivan met today with Margit Holm, Permanent Under-Secretary of State at the "
        "Estonian Prime Minister's Office.",
        source=WH,
    )
    assert found == {"Jake Sullivan": "USA", "Margit Holm": "EST"}


def test_a_name_before_a_demonym_and_title() -> None:
    found = persons("Sullivan met today with Marta Kos, the Slovenian Foreign Minister.", source=WH)
    assert found["Marta Kos"] == "SVN"


def test_the_opening_call_pair_stays_the_two_leaders_when_a_third_is_named() -> None:
    text = (
        "Today, President Emmanuel Macron and Germany's Chancellor Olaf Scholz had a long telephone call. "
        "President Macron briefed Chancellor Scholz on his talks with Chinese President Xi Jinping. "
        "The two leaders agreed on a joint action plan for the steel sector."
    )
    [agreement] = geodefence.extract(text, published="2023-04-08").agreements
    assert sorted(p.code or "" for p in agreement.parties) == ["DEU", "FRA"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The AUKUS partners condemned Russia’s war against Ukraine.", {"AUS>RUS:oppose", "GBR>RUS:oppose", "USA>RUS:oppose"}),
        (
            "The United States and the Nordic leaders condemned Russia’s war against Ukraine.",
            {"USA>RUS:oppose", "DNK>RUS:oppose", "FIN>RUS:oppose", "ISL>RUS:oppose", "NOR>RUS:oppose", "SWE>RUS:oppose"},
        ),
        ("Poland reaffirmed its support for the Baltic states.", {"POL>EST:support", "POL>LTU:support", "POL>LVA:support"}),
    ],
)
def test_a_grouping_named_by_its_members_stands_for_each_member(text: str, expected: set[str]) -> None:
    doc = geodefence.extract(text, published="2023-07-13")
    assert {f"{s.holder.code}>{s.target.code if s.target else '-'}:{s.position}" for s in doc.stances} == expected


def test_the_baltic_sea_is_no_grouping() -> None:
    assert not ({"EST", "LTU", "LVA", "BALTIC"} & state_codes("Two Russian warships sailed into the Baltic Sea on Tuesday."))
