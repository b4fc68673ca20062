"""The text layer alone: normalisation with offsets, sentence splitting, persons."""

from __future__ import annotations

import pytest

import geodefence
from geodefence.text.normalise import normalise
from geodefence.text.persons import find_persons
from geodefence.text.sentences import split
from geodefence.text.vocab import scan


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Kenya\u2019s army", "Kenya's army"),
        ("\u201cWe agree,\u201d he said", '"We agree," he said'),
        ("2026\u20132030", "2026-2030"),
        ("Lt.\u00a0Gen.\u202fSmith", "Lt. Gen. Smith"),
        ("line one\r\nline two", "line one \nline two"),
    ],
    ids=["apostrophe", "double-quotes", "en-dash", "odd-spaces", "crlf"],
)
def test_one_to_one_normalisation_keeps_offsets(raw: str, expected: str) -> None:
    n = normalise(raw)
    assert n.text == expected
    assert n.offsets is None
    assert n.quote(0, len(expected))[2] == raw


def test_zero_width_characters_are_dropped_with_an_offset_map() -> None:
    raw = "Pak\u00adistan and Ch\u200bile"
    n = normalise(raw)
    assert n.text == "Pakistan and Chile"
    s = n.text.index("Chile")
    start, end, quote = n.quote(s, s + 5)
    assert quote == "Ch\u200bile" and raw[start:end] == quote


def test_html_is_stripped_and_entities_map_back() -> None:
    raw = "<html><head><title>x</title></head><body><p>Ghana&nbsp;&amp; Togo signed a pact.</p><script>var a=1;</script><p>Next.</p></body></html>"
    n = normalise(raw)
    assert "<" not in n.text and "var a" not in n.text
    assert "Ghana & Togo signed a pact." in n.text
    s = n.text.index("&")
    assert n.quote(s, s + 1)[2] == "&amp;"
    s = n.text.index("Togo")
    assert n.quote(s, s + 4)[2] == "Togo"


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Rear Adm. Ola Berg met Lt. Gen. Ana Ruiz. They talked.", 2),
        ("The U.S. Navy and the U.K. Royal Navy sailed on Dec. 4. No. 3 Squadron joined.", 2),
        ("Headline Without A Stop\nBody text starts here. It goes on.", 3),
        ("A sentence that wraps\nacross a line. Another one.", 2),
        ('"We will respond," said Col. Diallo. The talks ended.', 2),
        ("He studied at St. Cyr. Then he served in Mali.", 2),
        ("Ghana sent a radar team. - **Maritime Cooperation with Togo:** Both navies will patrol the gulf. More follows.", 4),
        ("Chile will host the talks. * Peru joins the patrols. The rest is open.", 3),
        ("Ghana sent a team. - **Maritime Cooperation: ** Both navies will patrol the gulf.", 3),
    ],
    ids=["ranks", "dotted-acronyms-months", "headline", "wrapped-line", "quote", "saint", "bold-run-in-heading", "bullet", "spaced-heading"],
)
def test_sentence_split(text: str, count: int) -> None:
    spans = split(text)
    assert len(spans) == count, [text[s.start : s.end] for s in spans]


def _persons(text: str) -> dict[str, tuple[str | None, str | None, str | None]]:
    n = normalise(text).text
    persons, _ = find_persons(n, scan(n))
    return {p.name: (p.title, p.rank, p.country) for p in persons}


def test_person_with_demonym_and_title() -> None:
    found = _persons("Kazakh Defence Minister Ruslan Zhaksylykov met the visiting delegation.")
    assert "Ruslan Zhaksylykov" in found
    assert found["Ruslan Zhaksylykov"][2] == "KAZ"


def test_person_with_rank_only_has_no_invented_affiliation() -> None:
    found = _persons("The briefing was given by Brig. Gen. Tomas Varga on Monday.")
    assert "Tomas Varga" in found
    _title, rank, country = found["Tomas Varga"]
    assert rank is not None and country is None


def test_person_with_organisation_in_title_tail() -> None:
    found = _persons("Secretary General of NATO Jens Halvorsen arrived in Skopje.")
    assert found.get("Jens Halvorsen", (None, None, None))[2] == "NATO"


def test_later_mentions_resolve_to_the_person() -> None:
    text = "Vice Adm. Karin Holt led the flotilla. Holt said the minister approved. The admiral then left, and she flew home."
    n = normalise(text).text
    persons, refs = find_persons(n, scan(n))
    assert [p.name for p in persons] == ["Karin Holt"]
    vias = {r.via for r in refs}
    assert {"name", "surname", "title", "pronoun"} <= vias
    assert all(r.person is persons[0] for r in refs)


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("EU foreign policy chief Kaja Kallas criticised the vote.", "Kaja Kallas", "EU"),
        ("Russian foreign ministry spokeswoman Maria Zakharova said so.", "Maria Zakharova", "RUS"),
        ("He met his Chinese counterpart Dong Jun in Vientiane.", "Dong Jun", "CHN"),
        ("Gen. Piotr Nowak, the Polish army chief, flew home.", "Piotr Nowak", "POL"),
        ("President Prabowo Subianto of Indonesia spoke first.", "Prabowo Subianto", "IDN"),
    ],
    ids=["office-words-after-org", "lower-case-words-before-title", "counterpart", "apposition", "of-state-after-name"],
)
def test_affiliation_forms(text: str, name: str, country: str) -> None:
    assert _persons(text).get(name, (None, None, None))[2] == country


def test_suffix_is_not_the_surname_and_cataphora_resolves_forward() -> None:
    text = "President Ferdinand Marcos Jr. spoke. During his visit, Marcos met the troops."
    n = normalise(text).text
    persons, refs = find_persons(n, scan(n))
    assert [p.surname for p in persons] == ["Marcos"]
    his = [r for r in refs if r.via == "pronoun"]
    assert his and his[0].person is persons[0]
    assert any(r.via == "surname" for r in refs)


def test_appositive_names_the_affiliation() -> None:
    found = _persons("The ceremony was attended by General Paul Lenoir, the commander of French forces in Africa.")
    assert found["Paul Lenoir"][2] == "FRA"


def test_possessive_names_in_a_list() -> None:
    found = _persons("Sandvik, Finland's Antti Hakkanen, Sweden's Pal Jonson and Denmark's Troels Lund Poulsen met.")
    assert (found["Antti Hakkanen"][2], found["Pal Jonson"][2], found["Troels Lund Poulsen"][2]) == ("FIN", "SWE", "DNK")


def test_the_two_ministers_are_the_ministers() -> None:
    text = (
        "Turkish Defence Minister Ali Kaya met President Omar Hadi and Defence Minister Zaur Mammadov in Baku. "
        "President Hadi praised the talks. The two ministers signed a protocol."
    )
    n = normalise(text).text
    _persons_found, refs = find_persons(n, scan(n))
    pair = {r.person.name for r in refs if r.via == "pair"}
    assert pair == {"Ali Kaya", "Zaur Mammadov"}


def test_a_facility_glossed_in_english_keeps_its_own_name() -> None:
    doc = geodefence.extract(
        "Bolivian Defence Minister Edmundo Novillo will meet with Chilean Defence Minister Maya Fernandez "
        "at the Palacio de la Moneda (Currency Palace) in Santiago, Chile.",
        published="2024-03-02",
    )
    places = [p.name for v in doc.visits for p in v.places]
    assert "Palacio de la Moneda" in places and "Currency Palace" not in places


def test_a_word_inside_a_states_name_is_no_person() -> None:
    assert _persons("Ministers met the President of the Republic of Moldova on Friday.") == {}
    assert _persons("Officials condemned the Democratic People's Republic of Korea's launches.") == {}


def test_the_name_after_an_organisations_full_name_is_its_officials() -> None:
    found = _persons("The Secretary General of the Organization for Security and Co-operation in Europe, Ana Lind, arrived in Tbilisi.")
    assert found == {"Ana Lind": ("Secretary General", None, "OSCE")}
