"""Visits in readouts and joint statements: a trip's stops, "we gather in", and meetings that are
not visits (held virtually, or an event hosted by someone). The passages are the team's own."""

from __future__ import annotations

import geodefence

WH = "https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2024/04/11/joint-statement/"


def visits(text: str, source: str | None = WH) -> set[str]:
    """VISITOR->HOST for each visit."""
    doc = geodefence.extract(text, published="2024-04-11", source=source)
    return {f"{v.visitor_party}->{v.host.code}" for v in doc.visits}


def test_each_stop_where_they_met_a_leader_is_a_visit_of_the_trips_travellers() -> None:
    text = (
        "On May 3, a senior U.S. delegation led by Deputy Secretary Maria Olsen visited Suva, Fiji. "
        "The visit followed stops in Guam, where the delegation met with officials from Japan; Samoa, where they met "
        "with Prime Minister Fiame Naomi Mata'afa; and Tonga, where they met with Prime Minister Siaosi Sovaleni."
    )
    assert {"USA->FJI", "USA->WSM", "USA->TON"} <= visits(text)


def test_a_joint_statements_we_gather_in_a_capital_is_a_visit_of_each_party_from_elsewhere() -> None:
    text = (
        "We, the leaders of Australia, Japan, and the United States, met today for our first trilateral summit. "
        "We gather today in Canberra as close partners."
    )
    assert visits(text) == {"USA->AUS", "JPN->AUS"}


def test_a_virtual_meeting_is_no_visit() -> None:
    assert visits("On March 2, President Biden hosted Prime Minister Mark Rutte of the Netherlands for a virtual bilateral meeting.") == set()


def test_an_event_hosted_by_a_leader_is_no_visit_by_him() -> None:
    text = (
        "The countries note that the historic Aqaba Summit, initiated and hosted by King Abdullah II of Jordan, was a "
        "landmark event in joint U.S.-Jordan efforts to build regional ties."
    )
    assert visits(text) == set()


def test_the_parties_leaders_are_the_visitors_and_those_they_meet() -> None:
    text = (
        "We, the leaders of Australia, Japan, and the United States, met today for our first trilateral summit. "
        "We gather today in Canberra as close partners. Prime Minister Fumio Kishida thanked Prime Minister "
        "Anthony Albanese, and President Joe Biden praised the host."
    )
    doc = geodefence.extract(text, published="2023-05-20", source=WH)
    japan = next(v for v in doc.visits if v.visitor_party == "JPN")
    assert japan.visitor is not None and japan.visitor.name == "Fumio Kishida"
    assert sorted(a.name for a in japan.met_with) == ["Anthony Albanese", "Joe Biden"]


def test_a_verb_after_a_name_is_no_apposition_naming_its_state() -> None:
    doc = geodefence.extract(
        "Special Envoy for the Horn of Africa, Mary Ostrander, departed last night for visits to Kenya and Ethiopia.",
        published="2024-04-11",
        source=WH,
    )
    assert {(v.visitor_party, v.host.code) for v in doc.visits} == {("USA", "KEN"), ("USA", "ETH")}


def test_a_list_of_destinations_goes_on_past_a_territory() -> None:
    text = "Coordinator Mary Ostrander departed for visits to Egypt, Israel, the Golan Heights, Lebanon, and Jordan."
    assert visits(text) == {"USA->EGY", "USA->ISR", "USA->LBN", "USA->JOR"}


def test_a_briefing_received_is_no_guest() -> None:
    text = "The Task Force also received a briefing from Special Envoy Omar Haddad of Jordan on the summit in Amman."
    assert visits(text) == set()


def test_welcoming_a_leader_during_phone_calls_is_no_visit() -> None:
    text = (
        "Throughout each of the calls, the Vice President underscored the unity of the Alliance and welcomed "
        "President Klaus Iohannis of Romania's leadership."
    )
    assert visits(text) == set()


def test_brussels_with_its_state_after_it_is_a_city_visited() -> None:
    doc = geodefence.extract(
        "Deputy National Security Advisor Maria Olsen traveled to Brussels, Belgium on May 18 for talks.",
        published="2024-05-21",
        source=WH,
    )
    (visit,) = doc.visits
    assert visit.host.code == "BEL" and [p.name for p in visit.places] == ["Brussels"]


def test_guests_listed_with_their_titles_then_the_place_met_in() -> None:
    text = (
        "Secretary of State Antony Blinken and National Security Advisor Jake Sullivan met with Chilean Foreign "
        "Minister Alberto van Klaveren, Chilean Defense Minister Maya Fernandez, and Chilean Ambassador Juan Gabriel "
        "Valdes in Washington, DC today."
    )
    assert visits(text) == {"CHL->USA"}


def test_welcoming_a_states_plan_or_an_organisations_paper_is_no_guest() -> None:
    text = (
        "We welcome the EU's Joint Communication on Cooperation in the Indo-Pacific. The two sides welcomed the "
        "finalization of a Partnership Framework. The United States welcomes Moldova's ongoing efforts, including "
        "through Moldova's Peace Roadmap, to engage the region."
    )
    assert visits(text) == set()


def test_a_named_place_no_vocabulary_knows_takes_no_host_from_the_article_before() -> None:
    text = (
        "The two campaigns also spoke about the fighting between Armenia and Azerbaijan.\n\n"
        "Entering October, Governor Maria Lane trailed President Donald Trump, the Republican nominee, by two points.\n\n"
        "President Trump began the week visiting Yorkton, Ohio, where a factory had closed."
    )
    doc = geodefence.extract(text, published="2020-09-30")
    assert doc.visits == []


def test_a_meeting_in_a_town_of_the_hosts_country_is_a_visit_even_if_no_vocabulary_knows_the_town() -> None:
    text = "Vice President Harris met today with President Umaro Embaló of Guinea-Bissau in Bafatá, Guinea-Bissau."
    assert visits(text) == {"USA->GNB"}


def test_a_dated_opening_in_a_city_and_country_places_the_meeting() -> None:
    text = "On March 4, 2024 in Hanoi, Vietnam, National Security Advisor Jake Sullivan met with Vietnamese Deputy Prime Minister Tran Luu Quang."
    assert visits(text) == {"USA->VNM"}


def test_every_state_of_a_subject_that_met_in_a_city_visited_it() -> None:
    text = "On 2 May 2024, the Presidents of Estonia and Latvia and the Prime Ministers of Lithuania and Poland met in Riga."
    assert visits(text, source=None) == {"EST->LVA", "LTU->LVA", "POL->LVA"}


def test_a_grouping_named_in_the_subject_visits_with_its_members() -> None:
    assert visits("President Biden and the Nordic leaders met in Oslo on Tuesday.") == {"USA->NOR", "DNK->NOR", "FIN->NOR", "ISL->NOR", "SWE->NOR"}


def test_welcoming_a_dated_statement_is_no_visit() -> None:
    assert visits("The ministers welcomed the 4 May 2024 statement by Poland, Hungary, and NATO Secretary General Jens Stoltenberg.") == set()


def test_leading_a_dotted_states_delegation_is_a_visit() -> None:
    assert visits("Under Secretary of State Victoria Nuland led a U.S. delegation to Pristina, Kosovo on Monday.") == {"USA->XKX"}


def test_the_place_after_a_long_list_of_guests_is_where_they_met() -> None:
    text = (
        "Secretary of State Antony Blinken met with Egyptian President Abdel Fattah al-Sisi, Egyptian Foreign Minister "
        "Sameh Shoukry, and Egyptian Intelligence Chief Abbas Kamel today in Cairo, Egypt to discuss the conflict."
    )
    assert visits(text) == {"USA->EGY"}
