"""Parts of a policy document that add nothing: an action or a resource another entry of the same list
already covers, a statement written twice. Judged once per template, on the documents the template's
author writes (SAM's policy templates and generated statements are not theirs to edit).

Only entries that are there together are compared: literal strings written directly in the list, not
the alternatives of an ``Fn::If`` (one of which is absent at deploy time), nor values from parameters or
intrinsics, whose text is not known.
"""

from __future__ import annotations

import functools
import json
import re
from typing import Any

from lint_rules.model import Path, access_model
from lint_rules.model._actions import matching
from lint_rules.model._documents import WRITTEN, PolicyDocument, Statement
from lint_rules.model._texts import node_at
from lint_rules.model._values import LITERAL, Value, is_intrinsic

REDUNDANT = "IA4025"
_CACHE = "redundant-elements"
_ACTION_KEYS = ("Action", "NotAction")
_RESOURCE_KEYS = ("Resource", "NotResource")
_MAX_WIDE = 50  # wildcard entries compared per list: the work stays linear in the list's length


def redundancy_findings(cfn: Any, rule_id: str) -> list[tuple[Path, str]]:
    model = access_model(cfn)
    cached: dict[str, list[tuple[Path, str]]] | None = model.derived.get(_CACHE)
    if cached is None:
        found: list[tuple[Path, str]] = []
        for document in model.documents:
            if document.origin == WRITTEN:
                _document(document, found)
        cached = {REDUNDANT: found}
        model.derived[_CACHE] = cached
    return cached.get(rule_id, [])


def _document(document: PolicyDocument, out: list[tuple[Path, str]]) -> None:
    name = f"{document.name[0].upper()}{document.name[1:]}"
    seen: dict[str, Statement] = {}
    for statement in document.statements:
        where = f"{name}, {statement.label()}"
        if _repeated(document, statement, where, seen, out):
            continue  # the whole statement goes: what is redundant inside it does not matter
        for key in _ACTION_KEYS:
            _list(statement, key, where, _action_covers, "Redundant action", out)
        for key in _RESOURCE_KEYS:
            _list(statement, key, where, _resource_covers, "Redundant resource", out)


def _repeated(
    document: PolicyDocument, statement: Statement, where: str, seen: dict[str, Statement], out: list[tuple[Path, str]]
) -> bool:
    """Reports a statement written before in the document; True when it was."""
    if "Fn::If" in statement.path[len(document.path) :]:
        return False  # one alternative of a statement: it is not there together with the other
    written = _canonical(node_at(document.source, document.path, statement.path))
    if written is None:
        return False
    first = seen.get(written)
    if first is None:
        seen[written] = statement
        return False
    out.append(
        (
            statement.path,
            f"{where} grants exactly what {first.label()} grants (Redundant statement); remove one of them, "
            "so that an edit to one cannot leave the other behind",
        )
    )
    return True


def _entries(statement: Statement, key: str) -> list[Value]:
    """The literal strings written directly in the element (the element itself or its list's items)."""
    path = statement.key_paths.get(key)
    if path is None:
        return []
    return [
        value
        for value in statement.values.get(key, [])
        if value.kind == LITERAL
        and value.text
        and (value.path == path or (len(value.path) == len(path) + 1 and isinstance(value.path[-1], int)))
    ]


def _list(
    statement: Statement,
    key: str,
    where: str,
    covers: Any,
    check: str,
    out: list[tuple[Path, str]],
) -> None:
    entries = _entries(statement, key)
    if len(entries) < 2:
        return
    first: dict[str, int] = {}
    wide: list[tuple[int, str]] = []  # the entries with wildcards, the only ones that cover others
    for position, entry in enumerate(entries):
        text = (entry.text or "").strip()
        first.setdefault(text.lower() if key in _ACTION_KEYS else text, position)
        if _wild(text) and len(wide) < _MAX_WIDE:
            wide.append((position, text))
    for position, entry in enumerate(entries):
        text = (entry.text or "").strip()
        why = None
        fix = "remove it"
        if first[text.lower() if key in _ACTION_KEYS else text] != position:
            why = "is listed again"
        else:
            for other_position, other in wide:
                if other_position == position or _same(text, other, key):
                    continue
                if covers(other, text) and not (other_position > position and covers(text, other)):
                    why = f"is already covered by '{other[:80]}'"  # (of two that cover each other, the later)
                    fix = f"remove it, or narrow the wildcard if '{text[:80]}' was meant to be the only one"
                    break
        if why is not None:
            out.append(
                (
                    entry.path,
                    f"{where}: '{text[:80]}' {why} in the same {key} ({check}); {fix}",
                )
            )


def _same(text: str, other: str, key: str) -> bool:
    return text.lower() == other.lower() if key in _ACTION_KEYS else text == other


@functools.cache
def _glob(pattern: str, ignore_case: bool) -> re.Pattern[str]:
    expression = re.escape(pattern).replace(r"\*", ".*").replace(r"\?", ".")
    return re.compile(expression, re.IGNORECASE if ignore_case else 0)


def _wild(text: str) -> bool:
    return "*" in text or "?" in text


def _action_covers(wider: str, narrower: str) -> bool:
    """Whether every action ``narrower`` names is one ``wider`` names (IAM compares actions case-insensitively).
    A pattern the dataset cannot expand is covered only by a prefix it extends (``s3:Get*`` by ``s3:*``)."""
    if not _wild(wider) or "${" in wider:
        return False
    if wider == "*":
        return True
    if not _wild(narrower):
        return _glob(wider, True).fullmatch(narrower) is not None
    head = wider[:-1]
    if wider.endswith("*") and not _wild(head) and narrower.lower().startswith(head.lower()):
        return True
    service, separator, _ = narrower.partition(":")
    if not separator or _wild(service):
        return False
    actions = matching(narrower, service.lower())
    if not actions:
        return False  # an unknown service, or a pattern that names nothing: nothing to compare
    expression = _glob(wider, True)
    return all(expression.fullmatch(action.qualified) for action in actions)


def _resource_covers(wider: str, narrower: str) -> bool:
    """Whether ``wider``, an ARN with wildcards, matches every resource ``narrower`` names (ARNs compare
    case-sensitively). Text holding a policy variable is compared as written: a wildcard covers any value."""
    if not _wild(wider) or "${" in wider:
        return False
    if wider == "*":
        return True
    if not _wild(narrower):
        return _glob(wider, False).fullmatch(narrower) is not None
    head = wider[:-1]
    return wider.endswith("*") and not _wild(head) and narrower.startswith(head)


def _canonical(node: Any) -> str | None:
    """The statement as a comparable text: Sid dropped, lists of strings in sorted order, a string the same
    as a list of that one string (as IAM reads both); None for a statement that is not a mapping."""
    if not isinstance(node, dict):
        return None

    def normal(value: Any) -> Any:
        if is_intrinsic(value):
            return json.loads(json.dumps(value, default=str))  # as written: the order of its arguments matters
        if isinstance(value, dict):
            return {str(key): normal([item] if isinstance(item, str) else item) for key, item in value.items()}
        if isinstance(value, list):
            items = [normal(item) for item in value]
            if all(isinstance(item, str) for item in items):
                return sorted(set(items))
            return items
        if isinstance(value, (str, int, float, bool)) or value is None:
            return value
        return str(value)

    try:
        return json.dumps(normal({key: value for key, value in node.items() if key != "Sid"}), sort_keys=True)
    except (TypeError, ValueError, RecursionError):
        return None
