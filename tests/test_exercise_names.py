"""Exercises named in lists: one record per named exercise (the team's own passages)."""

from __future__ import annotations

import geodefence


def test_two_named_exercises_in_one_phrase_are_two_records_with_the_host() -> None:
    doc = geodefence.extract(
        "Canberra confirmed that Australian troops will join Exercises IRON CREST and NORTH WIND in Japan next year.",
        published="2025-05-02",
    )
    found = sorted((e.name or "", tuple(sorted(p.code or "" for p in e.participants))) for e in doc.exercises)
    assert found == [("IRON CREST", ("AUS", "JPN")), ("NORTH WIND", ("AUS", "JPN"))]


def test_an_unnamed_drill_after_a_named_exercise_is_the_same_exercise() -> None:
    doc = geodefence.extract(
        "Japan and the Philippines launched their first Blue Current exercise on Thursday, a three-day drill south of Luzon.",
        published="2025-05-02",
    )
    assert [e.name for e in doc.exercises] == ["Blue Current"]


def test_two_exercises_each_named_before_its_noun_are_two_records() -> None:
    doc = geodefence.extract(
        "Canada and Japan will take part in the IRON CREST exercise in 2026 and the NORTH WIND exercise in 2027.",
        published="2025-05-02",
    )
    assert sorted(e.name or "" for e in doc.exercises) == ["IRON CREST", "NORTH WIND"]


def test_a_date_before_a_second_exercise_noun_is_no_name() -> None:
    doc = geodefence.extract(
        "Some 900 troops took part in the Coral Shield drill held in Fiji in October 2024, the largest joint exercise "
        "Fiji and New Zealand have staged.",
        published="2025-05-02",
    )
    assert [e.name for e in doc.exercises] == ["Coral Shield"]


def test_a_fact_sheets_run_in_heading_is_its_own_sentence() -> None:
    doc = geodefence.extract(
        "Norway will send a patrol ship to support Ukraine. - **Deepening Cooperation with Japan:** "
        "Canada and Japan will hold the NORTH WIND exercise in 2027.",
        published="2025-05-02",
    )
    (ex,) = doc.exercises
    assert sorted(p.code or "" for p in ex.participants) == ["CAN", "JPN"]


def test_an_unnamed_exercise_noun_gives_way_to_the_named_one_in_its_sentence() -> None:
    doc = geodefence.extract(
        "Brazil and Peru held their largest bilateral, tri-service exercise to date during the May 2024 SOUTHERN CROSS exercise.",
        published="2024-06-02",
    )
    assert [e.name for e in doc.exercises] == ["SOUTHERN CROSS"]


def test_a_statements_our_exercise_is_its_voices() -> None:
    doc = geodefence.extract(
        "The leaders noted that Indonesia hosted our largest bilateral exercise to date during the June 2024 BLUE HARBOR exercise.",
        published="2024-06-20",
        source="https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2024/06/20/joint-statement/",
    )
    (ex,) = doc.exercises
    assert sorted(p.code or "" for p in ex.participants) == ["IDN", "USA"]


def test_training_for_police_is_no_exercise() -> None:
    doc = geodefence.extract(
        "Kenya and the United States will expand specialized training and mentorship for female law enforcement officers.",
        published="2024-06-20",
    )
    assert doc.exercises == []


def test_a_capacity_to_hold_an_exercise_is_no_exercise() -> None:
    doc = geodefence.extract(
        "Mongolia said its armed forces run a regional training centre capable of executing a multinational "
        "peacekeeping exercise with partners such as India and Japan.",
        published="2024-06-20",
    )
    assert doc.exercises == []


def test_exercise_collaboration_is_no_exercise() -> None:
    doc = geodefence.extract(
        "The access agreement between Japan and the Philippines has already deepened exercise collaboration between their forces.",
        published="2024-06-20",
    )
    assert doc.exercises == []


JOINT = "https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2024/06/20/united-states-canada-joint-statement/"


def _found(doc: geodefence.Document) -> list[tuple[str, tuple[str, ...]]]:
    return sorted((e.name or "", tuple(sorted(p.code or "" for p in e.participants))) for e in doc.exercises)


def test_a_declared_participation_names_the_participant_not_the_statements_we() -> None:
    doc = geodefence.extract(
        "We welcome the new access arrangement between Norway and Poland, paving the way for Poland's first "
        "participation in Exercise COLD ANVIL in Norway.",
        published="2024-06-20",
        source=JOINT,
    )
    assert _found(doc) == [("COLD ANVIL", ("NOR", "POL"))]


def test_a_name_given_after_known_as() -> None:
    doc = geodefence.extract(
        "Chile and Peru are testing uncrewed boats through a series of joint exercise and experimentation known as "
        "the Pacific Relay, the two navies said.",
        published="2024-06-20",
    )
    assert _found(doc) == [("Pacific Relay", ("CHL", "PER"))]


def test_a_bilateral_exercise_with_no_state_named_is_the_two_party_statements() -> None:
    doc = geodefence.extract(
        "The leaders welcomed new equipment demonstrations on the margins of the ongoing bilateral Army MAPLE TRAIL exercise.",
        published="2024-06-20",
        source=JOINT,
    )
    assert _found(doc) == [("MAPLE TRAIL", ("CAN", "USA"))]


def test_the_state_posing_a_threat_and_its_short_form_are_no_participants() -> None:
    doc = geodefence.extract(
        "Considering the threat posed by the Islamic Republic of Iran (IRI), Oman and Qatar agreed to expand combined "
        "military exercises in the Gulf.",
        published="2024-06-20",
    )
    assert [tuple(sorted(p.code or "" for p in e.participants)) for e in doc.exercises] == [("OMN", "QAT")]


def test_exercises_in_a_list_of_fields_of_cooperation_are_no_exercise() -> None:
    doc = geodefence.extract(
        "Ghana and Canada intend to sign a defence arrangement that deepens cooperation in military medicine; cyber; "
        "peacekeeping; combined exercises; and counter-piracy.",
        published="2024-06-20",
    )
    assert doc.exercises == []


def test_civil_training_and_capacity_building_is_no_exercise() -> None:
    doc = geodefence.extract(
        "Answering Ghana's request for further training and capacity building for scientists, engineers and regulatory "
        "personnel, the two nations will expand civil nuclear cooperation.",
        published="2024-06-20",
    )
    assert doc.exercises == []


def test_the_first_ever_exercise_is_a_new_exercise_not_a_later_mention() -> None:
    doc = geodefence.extract(
        "Ghana's army held weapons training for cadets in March. Following the first-ever joint exercise between the coast "
        "guards of Ghana and Togo in 2023, the two navies plan a patrol this year.",
        published="2024-06-20",
    )
    assert ("", ("GHA", "TGO")) in _found(doc)


def test_a_state_that_takes_part_is_the_participant_not_the_statements_we() -> None:
    doc = geodefence.extract(
        "We welcome the new access arrangement, and Poland will take part in Exercise COLD ANVIL in Norway next year.",
        published="2024-06-20",
        source=JOINT,
    )
    assert _found(doc) == [("COLD ANVIL", ("NOR", "POL"))]


def test_exercising_due_diligence_is_no_exercise() -> None:
    doc = geodefence.extract("The G7 urged businesses to exercise due diligence in their trade with Myanmar's military.", published="2024-06-20")
    assert doc.exercises == []


def test_the_best_trained_forces_is_no_exercise() -> None:
    doc = geodefence.extract("Canadian soldiers remain the best trained and equipped fighting forces in the region.", published="2024-06-20")
    assert doc.exercises == []


def test_awareness_trainings_for_law_enforcement_are_no_exercise() -> None:
    doc = geodefence.extract(
        "Mexico and the United States held a series of fentanyl awareness trainings for law enforcement officers.",
        published="2024-06-20",
    )
    assert doc.exercises == []


def test_a_sentences_first_word_or_a_plan_is_no_exercise_name() -> None:
    doc = geodefence.extract(
        "Through joint exercises, Chile and Peru will deepen defence ties. The Multi-year Bilateral Exercise Plan "
        "of Chile and Peru was adopted on Monday.",
        published="2024-06-20",
    )
    assert all(e.name not in ("Through", "Plan") for e in doc.exercises)
