"""Merge what the sources offer into the estate's round-trip YAML tree, in place.

An entry is added when its id is new, updated (only the fields its source owns) when its
`labels.source` names the same source, and left alone, reported, when it was written by hand
or belongs to another source. Nothing is ever deleted."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import TypeAdapter, ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from exitkit.inventory.models import Asset
from exitkit.inventory_import.estate_yaml import plain
from exitkit.inventory_import.records import Candidate, CredentialSet, Harvest, Skip

_ASSET: TypeAdapter[Any] = TypeAdapter(Asset)


@dataclass
class Outcome:
    """What the merge did, by asset id; `files` are secret values to write (never printed)."""

    added: list[Candidate] = field(default_factory=list)
    changed: list[tuple[Candidate, list[str]]] = field(default_factory=list)
    unchanged: list[Candidate] = field(default_factory=list)
    left: list[Skip] = field(default_factory=list)
    credentials_added: list[str] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict, repr=False)
    changed_indexes: set[int] = field(default_factory=set)

    @property
    def edits(self) -> bool:
        return bool(self.added or self.changed or self.credentials_added)


def merge(document: CommentedMap, harvests: list[Harvest]) -> Outcome:
    """Apply every candidate of every harvest to `document`, first source first."""
    outcome = Outcome()
    assets = _child(document, "assets", CommentedSeq)
    where = {str(node.get("id")): i for i, node in enumerate(assets) if isinstance(node, dict)}
    offered: dict[str, str] = {}
    for harvest in harvests:
        for candidate in harvest.candidates:
            if candidate.id in offered:
                outcome.left.append(_left(candidate, f"also offered by {offered[candidate.id]}"))
                continue
            offered[candidate.id] = harvest.source
            problem = _invalid(candidate.fields)
            if problem:
                outcome.left.append(_left(candidate, problem))
            elif candidate.id not in where:
                where[candidate.id] = len(assets)
                assets.append(_node(candidate.fields))
                outcome.added.append(candidate)
                _need_credentials(document, candidate.credential, outcome)
            else:
                _update(document, assets, where[candidate.id], harvest.kind, candidate, outcome)
    return outcome


def _update(
    document: CommentedMap,
    assets: CommentedSeq,
    index: int,
    kind: str,
    candidate: Candidate,
    outcome: Outcome,
) -> None:
    node = assets[index]
    labels = node.get("labels")
    owner = labels.get("source") if isinstance(labels, dict) else None
    if owner != kind:
        whose = f"imported from {owner}" if owner else "written by hand (no labels.source)"
        outcome.left.append(_left(candidate, f"an entry with this id exists, {whose}"))
        return
    wanted, wanted_labels = _owned_view(candidate), _labels(candidate)
    proposed = _overlay(plain(node), wanted)
    proposed["labels"] = _overlay(plain(labels), wanted_labels)
    problem = _invalid(proposed)
    if problem:
        outcome.left.append(_left(candidate, problem))
        return
    changes = _apply(node, wanted) + [f"labels.{k}" for k in _apply(labels, wanted_labels)]
    if changes:
        outcome.changed.append((candidate, changes))
        outcome.changed_indexes.add(index)
        if "credentials" in changes:
            _need_credentials(document, candidate.credential, outcome)
    else:
        outcome.unchanged.append(candidate)


def _owned_view(candidate: Candidate) -> dict[str, Any]:
    """Owned fields -> wanted value (None: the source no longer sets it, so it goes)."""
    return {key: candidate.fields.get(key) for key in candidate.owned}


def _labels(candidate: Candidate) -> dict[str, Any]:
    labels = candidate.fields.get("labels") or {}
    return {key: labels.get(key) for key in candidate.owned_labels}


def _overlay(base: dict[str, Any], wanted: dict[str, Any]) -> dict[str, Any]:
    result = dict(base)
    for key, value in wanted.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = value
    return result


def _apply(node: CommentedMap, wanted: dict[str, Any]) -> list[str]:
    """Set or remove each wanted key in place; returns the keys that changed."""
    changed = []
    for key, value in wanted.items():
        if value is None:
            if key in node:
                del node[key]
                changed.append(key)
        elif plain(node.get(key)) != value:
            node[key] = _value(value)
            changed.append(key)
    return changed


def _need_credentials(
    document: CommentedMap, credential: CredentialSet | None, outcome: Outcome
) -> None:
    if credential is None:
        return
    credentials = _child(document, "credentials", CommentedMap)
    if credential.name in credentials:
        return
    credentials[credential.name] = _value(credential.references)
    outcome.credentials_added.append(credential.name)
    outcome.files.update(credential.files)


def _invalid(fields: dict[str, Any]) -> str:
    """Why an entry would not pass the inventory model ("" when it does); never a value."""
    try:
        _ASSET.validate_python(fields)
    except ValidationError as error:
        first = error.errors(include_input=False, include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"][1:]) or "entry"
        return f"the entry would not be valid: {where}: {first['msg']}"
    return ""


def _left(candidate: Candidate, reason: str) -> Skip:
    return Skip(candidate.id, candidate.origin, reason)


def _child(document: CommentedMap, key: str, kind: type[Any]) -> Any:
    if not isinstance(document.get(key), kind):
        document[key] = kind()
    return document[key]


def _node(fields: dict[str, Any]) -> CommentedMap:
    node = CommentedMap()
    for key, value in fields.items():
        node[key] = _value(value)
    return node


def _value(value: Any) -> Any:
    """Plain data as round-trip nodes; nested mappings and lists written inline (flow)."""
    if isinstance(value, dict):
        node = CommentedMap((k, _value(v)) for k, v in value.items())
        node.fa.set_flow_style()
        return node
    if isinstance(value, list):
        seq = CommentedSeq(_value(v) for v in value)
        seq.fa.set_flow_style()
        return seq
    return value
