"""PLOVER event records: one JSON object per geodefence record, following the PLOVER specification.

The category, modes and contexts come from ``data/plover.yaml``; the record's fields are those of
the specification's chapter "JSON Data Fields" (``id``, ``date``, ``source``, ``recipient``,
``event``, ``mode``, ``context``, ``event_text``, ``quad_code``, ``event_scale``, ``event_loc``,
``text_info``, ``cite_info``, ``coder``, ``comment``), checked by ``export/plover.schema.json``.

A record that maps to no category, or lacks what a coded event needs (a source actor, a date, a
recipient where the category requires one), is written with ``has_event: false``, an empty
``event`` and the reasons in ``not_coded`` (the field the specification's open issue proposes),
never forced into a category. ``date`` is the record's own date when the text gives its day, else
the story's publication date (the convention of automated event data), with the record's own
coarser date in ``event_date`` and a ``historical`` or ``future`` context when it lies wholly
before or after the story. ``doc_id``, ``kind``, ``rule`` and ``event_date`` are added (the specification
invites named fields beyond its own) so every event leads back to its document and rule.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from geodefence.export.events import DocsLike, Party, dyad, iter_records, parties
from geodefence.export.mapping import PloverTarget, plover_table, resolve
from geodefence.validate.checks import org_codes, state_codes

REQUIRES_RECIPIENT = frozenset({"COOPERATE", "AID", "SANCTION"})
"""Categories whose section says "Requires recipient: Yes"."""

_DATE_FIELD = {"agreement": "date", "visit": "date", "exercise": "start", "stance": "date"}
_END_FIELD = {"agreement": None, "visit": "end", "exercise": "end", "stance": None}
_PLACE_FIELD = {"agreement": "location", "visit": "places", "exercise": "location", "stance": None}


def _coder() -> str:
    from geodefence import __version__

    return f"geodefence {__version__}"


def _day(value: Any) -> str | None:
    """The value of a DateValue dict when it is a whole day, else None."""
    if isinstance(value, Mapping) and value.get("precision") == "day" and value.get("value"):
        return str(value["value"])
    return None


def _tense(own: str | None, published: Any) -> list[str]:
    """``historical`` (or ``future``) when a record dated coarser than a day lies wholly before (after) the story's date.

    Such a record is dated by the story (``date``, the convention of automated event data) and
    keeps its own date in ``event_date``; the context says the event is not the story's news.
    """
    if not own or len(own) == 10 or not published:
        return []
    story = str(published)[: len(own)]
    return ["historical"] if own < story else ["future"] if own > story else []


def plover_actor(p: Party) -> dict[str, Any]:
    """The PLOVER actor object of a dyad member: code, sector, actor_text, identifier_text, office."""
    rules = plover_table().actors
    actor = p.actor or {}
    kind = str(actor.get("type") or ("state" if p.code in state_codes() else "organization"))
    rule = rules.get(kind, rules["other"])
    out: dict[str, Any] = {}
    code = p.code
    if rule.code == "IGO" or (rule.code == "country" and code and code not in state_codes() and code in org_codes()):
        out["code"] = "IGO"
    elif rule.code in ("own", "country") and code and code in state_codes():
        out["code"] = code
    sector = rule.sector or ("MIL" if actor.get("rank") else None)
    if sector:
        out["sector"] = sector
    if p.name:
        out["actor_text"] = p.name
    if code:
        out["identifier_text"] = code
    if actor.get("title"):
        out["office"] = str(actor["title"])
    return out


def _location(kind: str, record: Mapping[str, Any]) -> dict[str, Any] | None:
    field = _PLACE_FIELD[kind]
    place = record.get(field) if field else None
    if isinstance(place, list):
        place = place[0] if place else None
    if not isinstance(place, Mapping) or not place.get("name"):
        return None
    loc: dict[str, Any] = {"name": place["name"]}
    if place.get("country"):
        loc["cc3"] = place["country"]
    return loc


def _sides(kind: str, record: Mapping[str, Any], target: PloverTarget) -> tuple[list[Party], list[Party], str | None]:
    """(source, recipient, why not coded) for a coded target."""
    event = target.event or ""
    if target.dyad == "reciprocal":
        everyone = parties(kind, record)
        if event in REQUIRES_RECIPIENT:
            if len(everyone) < 2:
                return everyone, [], f"{event} requires a recipient, and the record names only {len(everyone)} party"
            return everyone[:1], everyone[1:], None
        return everyone, [], None
    one, two = dyad(kind, record)
    source, recipient = ([one] if one else []), ([two] if two else [])
    if event in REQUIRES_RECIPIENT and not recipient:
        return source, recipient, f"{event} requires a recipient, and the record names none"
    return source, recipient, None


def plover_record(doc: Mapping[str, Any], kind: str, record: Mapping[str, Any]) -> dict[str, Any]:
    """The PLOVER record of one geodefence record (coded, or ``has_event: false`` with the reasons)."""
    table = plover_table()
    kt = table.kinds[kind]
    target = resolve(kt, dict(record))
    reasons: list[str] = []
    source: list[Party] = []
    recipient: list[Party] = []
    if target.event is None:
        reasons.append(target.reason)
        one, two = dyad(kind, record)
        source, recipient = ([one] if one else []), ([two] if two else [])
    else:
        source, recipient, why = _sides(kind, record, target)
        if why:
            reasons.append(why)
    if target.event is not None and not any(p.code or p.name for p in source):
        reasons.append("no source actor is named, and PLOVER codes no event without one")
    date_field = _DATE_FIELD[kind]
    own = record.get(date_field) if date_field else None
    own_value = str(own["value"]) if isinstance(own, Mapping) and own.get("value") else None
    date = _day(own) or doc.get("published")
    if target.event is not None and not date:
        reasons.append("the record has no day-precise date and the document no publication date")
    evidence = (record.get("evidence") or [None])[0] or {}
    out: dict[str, Any] = {"id": str(record.get("id") or ""), "has_event": not reasons}
    if date:
        out["date"] = str(date)
    if own_value and own_value != out.get("date"):
        out["event_date"] = own_value
    end_field = _END_FIELD[kind]
    end = _day(record.get(end_field)) if end_field else None
    if end:
        out["enddate"] = end
    out["source"] = [plover_actor(p) for p in source]
    if recipient:
        out["recipient"] = [plover_actor(p) for p in recipient]
    if reasons:
        out["event"] = []
        out["not_coded"] = reasons
    else:
        event = str(target.event)
        contexts = list(kt.base_context) + list(target.context) + _tense(own_value, doc.get("published"))
        for field, values in kt.contexts.items():
            for value in record.get(field) or []:
                extra = values.get(str(value))
                if isinstance(extra, list):
                    contexts.extend(extra)
        out["event"] = [event]
        if target.mode:
            out["mode"] = list(target.mode)
        if contexts:
            out["context"] = list(dict.fromkeys(contexts))
        out["quad_code"] = table.categories[event].quad
        out["event_scale"] = table.categories[event].scale
        out["comment"] = target.reason
    loc = _location(kind, record)
    if loc:
        out["event_loc"] = loc
    if evidence.get("text") is not None:
        out["event_text"] = [evidence["text"]]
        out["text_info"] = {"start": evidence["start"], "end": evidence["end"]}
    cite: dict[str, Any] = {"citation": str(doc.get("doc_id")), "coder": _coder(), "codebook": table.codebook}
    if doc.get("source"):
        cite["url"] = str(doc["source"])
    if doc.get("language"):
        cite["language"] = str(doc["language"])
    out["cite_info"] = cite
    out["coder"] = _coder()
    out["doc_id"] = doc.get("doc_id")
    out["kind"] = kind
    out["rule"] = evidence.get("rule")
    return out


def plover_records(docs: DocsLike) -> Iterator[dict[str, Any]]:
    """One PLOVER record per geodefence record of ``docs``, in the events table's order."""
    for doc, kind, record in iter_records(docs):
        yield plover_record(doc, kind, record)


__all__ = ["REQUIRES_RECIPIENT", "plover_actor", "plover_record", "plover_records"]
