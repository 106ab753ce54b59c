"""Policy documents and their statements, normalised, with the template path of every part."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lint_rules.model._conditions import Test, conditions_of
from lint_rules.model._schemas import SchemaError, cfn_lint_gaps, validate
from lint_rules.model._values import (
    UNPARSABLE,
    Path,
    Resolver,
    Value,
    branches,
    is_intrinsic,
    items,
    parse_json_document,
)

IDENTITY = "identity"
RESOURCE = "resource"
TRUST = "trust"
# Who wrote a document's statements: the template's author, a SAM policy template (expanded with the
# parameters given), or SAM itself (the statements it adds for events and destinations).
WRITTEN = "written"
SAM_TEMPLATE = "sam-template"
SAM_GENERATED = "sam-generated"

_LIST_KEYS = ("Action", "NotAction", "Resource", "NotResource")
_PRINCIPAL_KEYS = ("Principal", "NotPrincipal")


MISSING = object()  # PolicyDocument.written_at: nothing is written there


@dataclass
class Statement:
    """One statement. ``values[key]`` holds the candidate strings of Action, Resource, Principal and
    their Not- forms; ``key_paths[key]`` is where that key is written (Effect and Condition included)."""

    index: int
    path: Path
    effect: Value | None
    values: dict[str, list[Value]] = field(default_factory=dict)
    key_paths: dict[str, Path] = field(default_factory=dict)
    condition: dict[str, dict[str, Any]] = field(default_factory=dict)
    tests: list[list[Test]] = field(default_factory=lambda: [[]])  # per Fn::If alternative of Condition
    sid: str | None = None  # the Sid, when written as a literal string

    @property
    def allows(self) -> bool:
        return self.effect is not None and self.effect.text == "Allow"

    def texts(self, key: str) -> list[str]:
        return [value.text for value in self.values.get(key, []) if value.text is not None]

    def condition_keys(self) -> set[str]:
        """Condition keys tested by the statement, lower-cased (IAM condition keys are case-insensitive)."""
        return {key.lower() for block in self.condition.values() for key in block if isinstance(key, str)}

    def label(self) -> str:
        return f"Statement {self.index + 1}"  # counted from 1, as people count (the index is 0-based)


@dataclass
class PolicyDocument:
    """A policy document as the model loaded it.

    ``kind``: identity, resource or trust. ``path``: where the document is written. ``resource``: the
    logical id it is written in. ``attached_to``: logical ids of the roles, users and groups (identity
    documents) or functions and layers (resource documents) it applies to. ``checked_by_cfn_lint``:
    cfn-lint validates this document's syntax itself, so only what its schemas let through is ours to
    report (``cfn_lint_gaps``, and a JSON string that does not parse).
    ``errors``: the schema errors, computed on first use (most documents are never asked: cfn-lint
    checks IAM resources' documents itself, and validation is the model's most expensive step).
    ``problem``: why a document written as a JSON string could not be read (too deep, not JSON); such a
    document has no statements and its one error says so. ``origin``: WRITTEN, SAM_TEMPLATE
    (``template`` names it, ``arguments`` holds the parameter values given) or SAM_GENERATED (written by the
    model, such as the trust policy SAM gives the role it creates: ``generated``).
    """

    kind: str
    path: Path
    resource: str
    name: str
    statements: list[Statement]
    source: Any = None  # the document as written (JSON strings parsed), for validation
    attached_to: list[str] = field(default_factory=list)
    checked_by_cfn_lint: bool = True
    problem: str | None = None
    origin: str = WRITTEN
    template: str | None = None  # origin SAM_TEMPLATE: the policy template's name
    arguments: dict[str, list[Value]] = field(default_factory=dict)  # its parameters' values, where written
    _errors: list[SchemaError] | None = field(default=None, repr=False)

    @property
    def generated(self) -> bool:
        """Written by the model, not the template (SAM's statements and the trust policy of its roles)."""
        return self.origin == SAM_GENERATED

    def written_at(self, path: Path) -> Any:
        """The node written at ``path`` inside the document (its JSON types kept), or ``MISSING``."""
        if path[: len(self.path)] != self.path:
            return MISSING
        node: Any = self.source
        for part in path[len(self.path) :]:
            found = (isinstance(node, dict) and part in node) or (
                isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
            )
            if not found:
                return MISSING
            node = node[part]
        return node

    @property
    def unparsable(self) -> bool:
        """Written as a JSON string that is not JSON (cfn-lint reports nothing about such a document)."""
        return self.problem is not None and self.problem.startswith(UNPARSABLE)

    @property
    def errors(self) -> list[SchemaError]:
        if self._errors is None:
            if self.problem is not None:
                # cfn-lint reads a document too deep for us, but says nothing about one that does not parse
                reported = not self.checked_by_cfn_lint or self.unparsable
                self._errors = [SchemaError(self.path, f"The policy document {self.problem}")] if reported else []
            elif self.source is not None and self.checked_by_cfn_lint:
                self._errors = cfn_lint_gaps(self.kind, self.source, self.path)
            elif self.source is not None:
                self._errors = validate(self.kind, self.source, self.path)
            else:
                self._errors = []
        return self._errors


def load_documents(
    node: Any,
    path: Path,
    *,
    kind: str,
    resource: str,
    name: str,
    resolver: Resolver,
    attached_to: list[str] | None = None,
    checked_by_cfn_lint: bool = True,
) -> list[PolicyDocument]:
    """The documents a property holds: one per Fn::If branch of the whole document."""
    result = []
    for branch, branch_path in branches(node, path):
        document, problem = parse_json_document(branch)
        result.append(
            PolicyDocument(
                kind=kind,
                path=branch_path,
                resource=resource,
                name=name,
                statements=_statements(document, branch_path, resolver) if problem is None else [],
                source=document,
                attached_to=list(attached_to or []),
                checked_by_cfn_lint=checked_by_cfn_lint,
                problem=problem,
            )
        )
    return result


def _statements(document: Any, path: Path, resolver: Resolver) -> list[Statement]:
    if not isinstance(document, dict) or "Statement" not in document:
        return []
    result = []
    raw = document["Statement"]
    statement_path = (*path, "Statement")
    single = isinstance(raw, dict) and not is_intrinsic(raw)
    source = [(raw, statement_path)] if single else list(items(raw, statement_path))
    for position, (node, node_path) in enumerate(source):
        if isinstance(node, dict) and not is_intrinsic(node):
            at = node_path[len(statement_path)] if len(node_path) > len(statement_path) else None
            index = at if isinstance(at, int) else position
            result.append(statement_from(node, node_path, index, resolver))
    return result


def statement_from(node: dict[str, Any], path: Path, index: int, resolver: Resolver) -> Statement:
    effect_values = resolver.strings(node.get("Effect"), (*path, "Effect")) if "Effect" in node else []
    statement = Statement(index=index, path=path, effect=effect_values[0] if effect_values else None)
    for key in node:
        if isinstance(key, str):
            statement.key_paths[key] = (*path, key)
    sid = node.get("Sid")
    if isinstance(sid, str):
        statement.sid = sid
    for key in _LIST_KEYS:
        if key in node:
            statement.values[key] = resolver.string_list(node[key], (*path, key))
    for key in _PRINCIPAL_KEYS:
        if key in node:
            statement.values[key] = principal_values(node[key], (*path, key), resolver)
    condition = node.get("Condition")
    if condition is not None:
        statement.tests = conditions_of(condition, (*path, "Condition"), resolver)
    for block, _ in branches(condition, (*path, "Condition")):
        if isinstance(block, dict) and not is_intrinsic(block):
            for operator, tests in block.items():
                if isinstance(operator, str) and isinstance(tests, dict):
                    statement.condition.setdefault(operator, {}).update(tests)
    return statement


def principal_values(node: Any, path: Path, resolver: Resolver) -> list[Value]:
    """Principal as labelled values: ``'*'`` keeps label ``*``; ``{AWS: [...]}`` gives label ``AWS``."""
    result: list[Value] = []
    for branch, branch_path in branches(node, path):
        if isinstance(branch, dict) and not is_intrinsic(branch):
            for label, inner in branch.items():
                if isinstance(label, str):
                    result.extend(resolver.string_list(inner, (*branch_path, label), label=label))
        else:
            result.extend(resolver.strings(branch, branch_path, label="*"))
    return result
