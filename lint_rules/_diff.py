"""``cfn-lint-lambda-auth diff BASE HEAD`` or ``diff --git REF``: what access a change adds and removes, in
Markdown for a pull request.

Per function: the invokers added and removed (who, under which conditions, public or not), the grants of its
execution role added and removed, most powerful first, and the changes of that role's trust policy; roles no
function of the template uses get the same for their grants and trust. Then the findings of this plugin the
change introduces or fixes (real cfn-lint, on both sides, matched without line numbers), and a Mermaid
diagram (callers -> function -> role -> services) of what changed, which GitHub renders in a comment.

Everything is read from the access model the rules use (``lint_rules.model``), as ``explain`` does: a diff
of two ``explain`` runs, by fact rather than by line. The name starts with ``_`` so that cfn-lint's directory
mode (``-a lint_rules`` in a clone), which imports every other file here standalone, skips it (its dataclasses
need a module of their own); ``lint_rules/diff.py`` is the command's entry point.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Exit codes: 0 the report was printed (changed or not); 2 an input is wrong (unreadable, not YAML or JSON,
# not a template, not a git repository, an unknown revision). argparse's usage errors are 2 too.
INPUT_ERROR = 2

# Access levels, most powerful first (IAM's Service Authorization Reference, as ``explain`` ranks them),
# then what the dataset does not know.
UNKNOWN_LEVEL = "Unknown"
_LEVEL_NAMES = {
    "Permissions management": "**Permissions management**",
    "Write": "**Write**",
    "Tagging": "Tagging",
    "Read": "Read",
    "List": "List",
    UNKNOWN_LEVEL: "Unknown to IAM's action list",
}
_LEVEL_ORDER = {level: rank for rank, level in enumerate(_LEVEL_NAMES)}
# A level for an AWS managed policy the data file records, by its kind (lint_rules.model._managed).
_MANAGED_LEVELS = {
    "admin": "Permissions management",
    "admin-equivalent": "Permissions management",
    "full-access": "Write",
    "baseline": "Write",
    "metadata": "Read",
}
_TEMPLATE_SUFFIXES = (".yaml", ".yml", ".json", ".template")
# A pull-request comment holds 65,536 characters: bound every table and the diagram.
MAX_ROWS = 40
MAX_REPORT = 60_000  # characters: under GitHub's 65,536 for a comment, with room for the comment action's header
MAX_EDGES = 60
_MAX_CELL = 300  # finding messages run to about 200 characters
ADDED = "added"
REMOVED = "removed"


class InputError(Exception):
    """An input the report cannot be made from; its message is the one line the user sees."""


# ----------------------------------------------------------------------------------------------- the facts


@dataclass(frozen=True)
class Invoker:
    """One way in to a function: a URL, a permission or resource-policy statement, a SAM event, an API method,
    an event source mapping. ``caller`` is a short plain-text name for the diagram."""

    source: str
    principal: str
    conditions: str
    public: bool
    caller: str


@dataclass(frozen=True)
class Grant:
    """One Action entry of a statement that applies to a role (or a managed policy attached to it): compared by
    everything but ``where`` (a statement moving to another index is no change)."""

    effect: str
    level: str
    action: str
    on: str
    service: str
    where: str = field(compare=False)
    conditions: str = "none"

    @property
    def rank(self) -> tuple[int, bool, str, str]:
        action = self.action.replace("`", "")
        return (_LEVEL_ORDER.get(self.level, len(_LEVEL_ORDER)), self.on != "`*`", action, self.on)


@dataclass(frozen=True)
class Trust:
    """One principal of a trust-policy statement of a role, with its actions and conditions."""

    effect: str
    principal: str
    actions: str
    conditions: str
    public: bool
    caller: str


@dataclass
class Subject:
    """What a function (or a role no function uses) is given: its invokers, its role's grants and trust."""

    name: str
    type: str
    role: str | None = None
    invokers: set[Invoker] = field(default_factory=set)
    grants: set[Grant] = field(default_factory=set)
    trust: set[Trust] = field(default_factory=set)


@dataclass(frozen=True)
class Finding:
    rule: str
    resource: str
    path: tuple[str, ...]
    message: str
    line: int = field(compare=False)


@dataclass
class Access:
    """A template's access, as facts to compare: functions, every role, the roles some function runs as (``used``:
    the function's section speaks for them), and the plugin's findings."""

    functions: dict[str, Subject]
    roles: dict[str, Subject]
    findings: set[Finding]
    used: set[str] = field(default_factory=set)


EMPTY = Access({}, {}, set())


def read_access(text: str, name: str, findings: bool = True, informational: bool = False) -> Access:
    """The access facts of a template's text; InputError when it is not a readable template."""
    from cfnlint.decode.decode import decode_str

    from lint_rules._precommit import is_template
    from lint_rules._summary import functions_in, template_model

    decoded, errors = decode_str(text)
    if errors:
        error = errors[0]
        raise InputError(f"{name}:{error.linenumber}:{error.columnnumber}: {error.message}")
    if not is_template(decoded) or not isinstance(decoded, dict):
        raise InputError(
            f"{name}: not a CloudFormation or SAM template (no AWSTemplateFormatVersion, SAM Transform "
            "or Resources with a Type)"
        )
    model = template_model(decoded)
    functions: dict[str, Subject] = {}
    used_roles: set[str] = set()
    for logical_id in functions_in(model):
        function = model.functions[logical_id]
        subject = Subject(logical_id, function.type, invokers=_invokers(model, logical_id, decoded))
        role = model.execution_role(logical_id)
        if role is not None:
            used_roles.add(role.logical_id)
            subject.role = f"`{role.logical_id}`" + (" (created by SAM)" if role.implicit else "")
            subject.grants = _grants(model, role.logical_id, decoded)
            subject.trust = _trust(role)
        else:
            known = [value.text for value in function.role_values if value.text]
            subject.role = ", ".join(f"'{text}' (outside this template)" for text in known) or None
        functions[logical_id] = subject
    roles: dict[str, Subject] = {}
    for logical_id, identity in model.identities.items():
        if identity.kind == "role":
            roles[logical_id] = Subject(
                logical_id,
                "AWS::IAM::Role",
                role=f"`{logical_id}`",
                grants=_grants(model, logical_id, decoded),
                trust=_trust(identity),
            )
    return Access(functions, roles, lint_findings(text, informational) if findings else set(), used_roles)


def _cell(text: str) -> str:
    """Text for a Markdown table cell: one line, no column break, bounded."""
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= _MAX_CELL else text[: _MAX_CELL - 1] + "…"


def _invokers(model: Any, logical_id: str, template: dict[str, Any]) -> set[Invoker]:
    from lint_rules._summary import _KINDS, _NARROWING, _node_at, _quote

    exposure = model.exposure(logical_id)
    found: set[Invoker] = set()
    for url in exposure.urls:
        origin = "SAM `FunctionUrlConfig`" if url.sam else f"`{url.resource}` (AWS::Lambda::Url)"
        public = any(value.text == "NONE" for value in url.auth_type)
        found.add(
            Invoker(
                f"Function URL, {origin}",
                "anyone, without credentials" if public else "signed AWS requests (IAM)",
                f"AuthType {_quote(url.auth_type)}",
                public,
                "anyone (function URL)" if public else "function URL (IAM)",
            )
        )
    closed = [i for i in model.closed_invocations if i.function == logical_id]
    for invocation in [*exposure.invocations, *closed]:
        if invocation.kind == "sam-url":
            continue  # the URL's row says it; these are the public permissions SAM adds for it
        event_type = None
        if invocation.kind == "sam-event":
            event_type = _node_at(template, (*invocation.path, "Type"))
            source = f"SAM event `{invocation.path[-1]}`" + (f" ({event_type})" if isinstance(event_type, str) else "")
        else:
            source = f"{_KINDS.get(invocation.kind, invocation.kind)} `{invocation.resource}`"
        actions = ", ".join(dict.fromkeys(value.text or "an unresolved action" for value in invocation.action))
        conditions = (
            "narrowed by " + ", ".join(sorted(invocation.narrowing))
            if invocation.narrowing
            else f"not narrowed (no {_NARROWING})"
        )
        if actions:
            conditions = f"{actions}; {conditions}"
        if invocation in closed:
            conditions += "; closed by a Deny of its resource policy"
        anyone = any(value.text == "*" and value.label in (None, "*", "AWS") for value in invocation.principal)
        public = anyone and not invocation.narrowing and invocation not in closed
        api = _route(model, invocation.path) if event_type in ("Api", "HttpApi") else None
        if api is not None:
            conditions += f"; {api[0]}"
            public = public or api[1]
        principal = _quote(invocation.principal)
        found.add(Invoker(source, principal, conditions, public, _caller_name(invocation.principal, source)))
    for method in exposure.api_methods:
        if "Events" in method.path:
            continue  # a SAM event: its row above names the route's authorization
        auth = _quote(method.authorization) if method.authorization else "not set (NONE)"
        public = method.unauthenticated and method.opaque is None and method.restricted is None
        found.add(
            Invoker(
                f"API `{method.resource}` ({method.type})",
                "anyone who can reach the API" if public else "callers the authorizer admits",
                f"authorization {auth}",
                public,
                f"API {method.resource}",
            )
        )
    for mapping in exposure.event_source_mappings:
        event_type = _node_at(template, (*mapping.path, "Type"))
        if mapping.path[-2:-1] == ("Events",) and isinstance(event_type, str):
            label = f"SAM event `{mapping.path[-1]}` ({event_type})"
        else:
            label = f"Event source mapping `{mapping.resource}`"
        found.add(Invoker(label, "Lambda, polling with the function's role", "not an invoke permission", False, label))
    return found


def _route(model: Any, event_path: tuple[Any, ...]) -> tuple[str, bool] | None:
    """The authorization of the route a SAM Api/HttpApi event adds, and whether it lets anyone in."""
    from lint_rules._summary import _quote

    route = next((entry for entry in model.api_auth if entry.path == event_path), None)
    if route is None:
        return None
    name = f"`{route.api}`" if route.api else "an API outside this template"
    if route.opaque:
        return f"on {name}, authorization unknown ({route.opaque})", False
    if route.unauthenticated:
        return f"on {name}, no authorizer" + (" (API key required)" if route.api_key else ""), route.restricted is None
    return f"on {name}, authorizer {_quote(route.authorization)}", False


def _caller_name(principal: list[Any], source: str) -> str:
    texts = [value.text for value in principal if value.text]
    if "*" in texts:
        return "any principal"
    return ", ".join(dict.fromkeys(texts)) or source.replace("`", "")


def _grants(model: Any, role: str, template: dict[str, Any]) -> set[Grant]:
    from lint_rules._summary import _resources_text

    identity = model.identities[role]
    found: set[Grant] = set()
    for value in identity.managed_policy_arns:
        if value.text:
            found.update(_managed_grants(value.text))
    for document, statement in model.grants(role):
        effect = statement.effect.text if statement.effect is not None and statement.effect.text else "?"
        if effect not in ("Allow", "Deny"):
            continue
        where = f"{statement.label()} of {document.name}"
        on = _resources_text(statement, template, document)
        conditions = _conditions_text(statement.condition)
        if "NotAction" in statement.values:
            excluded = ", ".join(f"`{a}`" for a in statement.texts("NotAction")) or "an unresolved list"
            found.add(
                Grant(effect, "Permissions management", f"every action except {excluded}", on, "*", where, conditions)
            )
            continue
        actions = statement.texts("Action")
        for action in actions:
            level, detail = _action_level(action)
            service = action.partition(":")[0].lower() if ":" in action else "*"
            found.add(Grant(effect, level, f"`{action}`{detail}", on, service, where, conditions))
        unresolved = sum(1 for value in statement.values.get("Action", []) if value.text is None)
        if unresolved:
            found.add(Grant(effect, UNKNOWN_LEVEL, f"{unresolved} unresolved action(s)", on, "?", where, conditions))
    return found


def _managed_grants(arn: str) -> set[Grant]:
    """An AWS managed policy's grants, from the policies the data file records (their documents, or for the
    ``*FullAccess`` family their wildcards on ``*``); one row naming the policy for any other."""
    from lint_rules.model._managed import aws_managed_policy

    known = aws_managed_policy(arn)
    name = arn.rsplit("/", 1)[-1]
    where = f"AWS managed policy `{name}`"
    if known is None:
        return {Grant("Allow", UNKNOWN_LEVEL, f"managed policy `{name}`", "what it names", "managed policy", where)}
    found = set()
    statements = known.document.get("Statement", []) if isinstance(known.document, dict) else []
    entries = [
        (str(s.get("Effect", "?")), s.get("Action", []), s.get("Resource", "*"), s.get("Condition"))
        for s in (statements if isinstance(statements, list) else [statements])
        if isinstance(s, dict) and "NotAction" not in s
    ]
    entries += [("Allow", list(known.wildcards), "*", None)]
    for effect, actions, resources, condition in entries:
        resources = resources if isinstance(resources, list) else [resources]
        on = (
            "`*`"
            if "*" in resources
            else ", ".join(f"`{r}`" for r in resources[:2])
            + (f" and {len(resources) - 2} more" if len(resources) > 2 else "")
        )
        for action in actions if isinstance(actions, list) else [actions]:
            if isinstance(action, str):
                level, detail = _action_level(action)
                service = action.partition(":")[0].lower() if ":" in action else "*"
                conditions = _conditions_text(condition if isinstance(condition, dict) else {})
                found.add(Grant(effect, level, f"`{action}`{detail}", on, service, where, conditions))
    return found or {Grant("Allow", _MANAGED_LEVELS[known.kind], f"managed policy `{name}`", "`*`", "*", where)}


def _action_level(action: str) -> tuple[str, str]:
    """The most powerful level an Action entry reaches, and for a pattern how many actions it covers."""
    from lint_rules._summary import _levels_of

    if action.strip() == "*":
        return "Permissions management", " (every action of every service)"
    counts = _levels_of(action)
    if None in counts:
        return UNKNOWN_LEVEL, ""
    levels = sorted((level for level in counts if level is not None), key=lambda level: _LEVEL_ORDER[level])
    if all(count is None for count in counts.values()):
        return levels[0], ""
    parts = [f"{counts[level]} {level.lower()}" for level in levels]
    total = sum(count or 0 for count in counts.values())
    return levels[0], f" ({total} actions: {', '.join(parts)})"


def _trust(identity: Any) -> set[Trust]:
    found: set[Trust] = set()
    for document in identity.trust:
        for statement in document.statements:
            effect = statement.effect.text if statement.effect is not None and statement.effect.text else "?"
            actions = ", ".join(statement.texts("Action") or statement.texts("NotAction")) or "no action"
            if "NotAction" in statement.values:
                actions = f"every action except {actions}"
            conditions = _conditions_text(statement.condition)
            for key in ("Principal", "NotPrincipal"):
                for value in statement.values.get(key, []):
                    label = value.label if value.label not in (None, "*") else ""
                    who = f"{label} {value.describe()}".strip()
                    if key == "NotPrincipal":
                        who = f"everyone but {who}"
                    anyone = value.text == "*" and value.label in (None, "*", "AWS")
                    public = effect == "Allow" and (anyone or key == "NotPrincipal") and not statement.condition
                    caller = "any principal" if anyone else (value.text or "an unresolved principal")
                    found.add(Trust(effect, who, actions, conditions, public, caller))
    return found


def _conditions_text(condition: dict[str, dict[str, Any]]) -> str:
    if not condition:
        return "none"
    parts = []
    for operator, tests in sorted(condition.items(), key=lambda item: str(item[0])):
        if not isinstance(tests, dict):
            parts.append(f"{operator} {json.dumps(tests, sort_keys=True, default=str)}")
            continue
        for key, value in sorted(tests.items(), key=lambda item: str(item[0])):
            shown = value if isinstance(value, str) else json.dumps(value, sort_keys=True, default=str)
            parts.append(f"{operator} {key} {shown}")
    return "; ".join(parts)


def lint_findings(text: str, informational: bool = False) -> set[Finding]:
    """This plugin's findings on a template's text, from real cfn-lint with the plugin's rules."""
    from cfnlint.api import lint
    from cfnlint.config import ManualArgs

    config = ManualArgs(regions=["us-east-1"], include_checks=["IA"] if informational else [])
    config["append_rules"] = ["lint_rules"]  # type: ignore[typeddict-unknown-key]
    found = set()
    for match in lint(text, config=config):
        rule = match.rule.id
        if rule[1:2] != "A":
            continue
        path = tuple(str(part) for part in getattr(match, "path", None) or ())
        resource = path[1] if len(path) > 1 and path[0] == "Resources" else ""
        found.add(Finding(rule, resource, path, match.message, match.linenumber))
    return found


# ---------------------------------------------------------------------------------------------- the report


@dataclass
class Change:
    """One subject's changes: every fact on one side only, with the subject's status."""

    subject: Subject
    status: str  # "changed", ADDED or REMOVED
    role_before: str | None = None
    invokers: list[tuple[str, Invoker]] = field(default_factory=list)
    grants: list[tuple[str, Grant]] = field(default_factory=list)
    trust: list[tuple[str, Trust]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.invokers or self.grants or self.trust or self.role_before is not None)


def _sides(before: Iterable[Any], after: Iterable[Any], key: Callable[[Any], Any]) -> list[tuple[str, Any]]:
    before_set, after_set = set(before), set(after)
    rows = [(ADDED, fact) for fact in after_set - before_set] + [(REMOVED, fact) for fact in before_set - after_set]
    return sorted(rows, key=lambda row: (key(row[1]), row[0]))


def changes(base: Access, head: Access) -> list[Change]:
    """Every function and unused role whose access differs, functions first, in the head's order."""
    result = []
    for kind in ("functions", "roles"):
        old: dict[str, Subject] = getattr(base, kind)
        new: dict[str, Subject] = getattr(head, kind)
        for name in [*new, *(name for name in old if name not in new)]:
            if kind == "roles" and (name not in old or name in base.used) and (name not in new or name in head.used):
                continue  # a function's role wherever it exists: that function's section says what changed
            after, before = new.get(name), old.get(name)
            subject = after or before
            assert subject is not None
            empty = Subject(name, subject.type)
            status = "changed" if after and before else (ADDED if after else REMOVED)
            change = Change(subject, status)
            a, b = after or empty, before or empty
            if status == "changed" and a.role != b.role:
                change.role_before = b.role or "none"
            change.invokers = _sides(b.invokers, a.invokers, lambda fact: (not fact.public, fact.source))
            change.grants = _sides(b.grants, a.grants, lambda fact: fact.rank)
            change.trust = _sides(b.trust, a.trust, lambda fact: (not fact.public, fact.principal))
            if not change.empty or status != "changed":
                result.append(change)
    return result


def _mark(side: str) -> str:
    return "added" if side == ADDED else "removed"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in rows[:MAX_ROWS]]
    if len(rows) > MAX_ROWS:
        lines.append(f"| … | {len(rows) - MAX_ROWS} more rows not shown |" + " |" * (len(header) - 2))
    return [*lines, ""]


def report(base: Access, head: Access, base_name: str, head_name: str, title: str | None = None) -> str:
    """The Markdown report of what changed from ``base`` to ``head`` (one line when nothing did)."""
    found = changes(base, head)
    introduced = sorted(head.findings - base.findings, key=_finding_order)
    fixed = sorted(base.findings - head.findings, key=_finding_order)
    where = f"`{head_name}`" if base_name == head_name else f"`{base_name}` → `{head_name}`"
    if not found and not introduced and not fixed:
        return f"No access change in {where}.\n"
    lines = [f"## Access changes in {where}" if title is None else title, ""]
    summary = _summary(found, introduced, fixed)
    lines += [summary, ""]
    tail: list[str] = []
    if introduced or fixed:
        tail += ["### Findings of cfn-lint-lambda-auth", ""]
        rows = [
            ["introduced", f"{head_name}:{f.line}", f"`{f.rule}`", f"`{f.resource}`", f.message] for f in introduced
        ]
        rows += [["fixed", f"{base_name}:{f.line}", f"`{f.rule}`", f"`{f.resource}`", f.message] for f in fixed]
        tail += _table(["Change", "Where", "Rule", "Resource", "Message"], rows)
    diagram = mermaid(found)
    if diagram:
        tail += ["### What changed, as a diagram", "", "```mermaid", diagram.rstrip("\n"), "```", ""]
    # The sections as long as a comment holds them; the findings and the diagram always (each is bounded).
    budget = MAX_REPORT - 1_000 - sum(len(line) + 1 for line in [*lines, *tail])
    left_out: list[str] = []
    for change in found:
        section = _change_section(change)
        size = sum(len(line) + 1 for line in section)
        if left_out or size > budget:
            left_out.append(f"`{change.subject.name}`")
            continue
        budget -= size
        lines += section
    if left_out:
        shown = ", ".join(left_out[:20]) + (f" and {len(left_out) - 20} more" if len(left_out) > 20 else "")
        lines += [f"Not shown, to keep the report within a pull-request comment: {shown}.", ""]
    lines += tail
    return "\n".join(lines).rstrip("\n") + "\n"


def _finding_order(finding: Finding) -> tuple[int, str, str, str]:
    return (finding.line, finding.rule, finding.resource, finding.message)


def _summary(found: list[Change], introduced: list[Finding], fixed: list[Finding]) -> str:
    public = sum(1 for c in found for side, fact in c.invokers if side == ADDED and fact.public)
    public += sum(1 for c in found for side, fact in c.trust if side == ADDED and fact.public)
    strongest = [
        fact for c in found for side, fact in c.grants if side == ADDED and fact.level == "Permissions management"
    ]
    parts = [f"{len(found)} function(s) or role(s) changed"]
    if public:
        parts.append(f"**{public} public access path(s) added**")
    if strongest:
        parts.append(f"**{len(strongest)} permissions-management grant(s) added**")
    parts.append(f"{len(introduced)} finding(s) introduced, {len(fixed)} fixed")
    return "; ".join(parts) + "."


def _change_section(change: Change) -> list[str]:
    subject = change.subject
    status = "" if change.status == "changed" else f" — {change.status}"
    lines = [f"### `{subject.name}` ({subject.type}){status}", ""]
    if change.role_before is not None:
        lines += [f"Execution role: {change.role_before} → {subject.role or 'none'}", ""]
    if change.invokers:
        lines += ["**Invokers**", ""]
        rows = [
            [_mark(side), fact.source, fact.principal, fact.conditions, "**yes**" if fact.public else "no"]
            for side, fact in change.invokers
        ]
        lines += _table(["Change", "Invoker", "Principal", "Conditions", "Public"], rows)
    if change.grants:
        role = f" of {subject.role}" if subject.role and subject.type != "AWS::IAM::Role" else ""
        lines += [f"**Grants{role}** (most powerful first)", ""]
        rows = [
            [
                _mark(side),
                fact.effect,
                _LEVEL_NAMES.get(fact.level, fact.level),
                fact.action,
                fact.on,
                fact.conditions,
                fact.where,
            ]
            for side, fact in change.grants
        ]
        lines += _table(["Change", "Effect", "Access level", "Action", "Resource", "Conditions", "Where"], rows)
    if change.trust:
        role = f" of {subject.role}" if subject.role and subject.type != "AWS::IAM::Role" else ""
        lines += [f"**Trust policy{role}** (who may assume it)", ""]
        rows = [
            [
                _mark(side),
                fact.effect,
                fact.principal,
                fact.actions,
                fact.conditions,
                "**yes**" if fact.public else "no",
            ]
            for side, fact in change.trust
        ]
        lines += _table(["Change", "Effect", "Principal", "Action", "Conditions", "Public"], rows)
    return lines


# --------------------------------------------------------------------------------------------- the diagram


def mermaid_label(text: str) -> str:
    """A quoted Mermaid label that parses whatever the text holds: quotes, brackets, pipes, ``#``, HTML, and
    backticks (which would start a Markdown string) as entity codes; one line."""
    text = " ".join(text.split())[:80]
    escaped = "".join(_ENTITIES.get(character, character) for character in text)
    return f'"{escaped}"'


_ENTITIES = {
    "#": "#35;",
    '"': "#quot;",
    "`": "#96;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "|": "#124;",
    "\\": "#92;",
}


def mermaid(found: list[Change]) -> str:
    """``flowchart LR`` of what changed: callers -> function -> role -> services (and trusted principals ->
    role); added edges solid, removed ones dotted, public callers in red. Node ids are generated (``n0``...),
    never taken from the template, and every label is quoted and escaped."""
    nodes: dict[tuple[str, str], str] = {}
    definitions: list[str] = []
    edges: list[str] = []
    public_nodes: list[str] = []

    def node(kind: str, name: str, shape: str = "[{}]") -> str:
        if (kind, name) not in nodes:
            nodes[kind, name] = f"n{len(nodes)}"
            definitions.append(f"    {nodes[kind, name]}{shape.format(mermaid_label(name))}")
        return nodes[kind, name]

    def edge(source: str, side: str | None, label: str, target: str) -> None:
        arrow = "-->" if side != REMOVED else "-.->"
        text = label if side is None else f"{'+' if side == ADDED else '-'} {label}".strip()
        edges.append(
            f"    {source} {arrow}|{mermaid_label(text)}| {target}" if text else f"    {source} {arrow} {target}"
        )

    for change in found:
        subject = change.subject
        is_role = subject.type == "AWS::IAM::Role"
        center = node("role" if is_role else "function", f"{'role' if is_role else 'function'} {subject.name}")
        for side, invoker in change.invokers:
            caller = node("caller", invoker.caller, "([{}])")
            if invoker.public and caller not in public_nodes:
                public_nodes.append(caller)
            edge(caller, side, "invoke", center)
        role_node = center
        if not is_role and (change.grants or change.trust):
            role_node = node("role", f"role {(subject.role or 'outside the template').replace('`', '')}")
            edge(center, None, "runs as", role_node)
        for side, trust in change.trust:
            caller = node("caller", trust.caller, "([{}])")
            if trust.public and caller not in public_nodes:
                public_nodes.append(caller)
            edge(caller, side, f"assume ({trust.effect})" if trust.effect != "Allow" else "assume", role_node)
        by_service: dict[tuple[str, str], list[Grant]] = {}
        for side, grant in change.grants:
            by_service.setdefault((grant.service, side), []).append(grant)
        for (service, side), grants in by_service.items():
            target = node("service", "every service" if service == "*" else service, "[({})]")
            shown = [
                g.action.split(" (")[0].replace("`", "") + (" (Deny)" if g.effect == "Deny" else "") for g in grants
            ]
            more = f" and {len(shown) - 2} more" if len(shown) > 2 else ""
            edge(role_node, side, ", ".join(shown[:2]) + more, target)
    if not edges:
        return ""
    lines = ["flowchart LR", *definitions, *edges[:MAX_EDGES]]
    if len(edges) > MAX_EDGES:
        lines.append(f"    more[{mermaid_label(f'{len(edges) - MAX_EDGES} more changes, see the tables')}]")
    if public_nodes:
        lines.append("    classDef public fill:#fdd,stroke:#c00,color:#900")
        lines.append(f"    class {','.join(public_nodes)} public")
    return "\n".join(lines) + "\n"


# -------------------------------------------------------------------------------------------- the commands


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as failure:
        raise InputError(f"{path}: {failure.strerror}") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not a CloudFormation or SAM template (not UTF-8 text)") from None


def _git(root: Path | None, *args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    except OSError as failure:
        raise InputError(f"git: {failure.strerror}") from None
    if done.returncode != 0:
        message = " ".join(done.stderr.split()) or f"git {' '.join(args)} failed"
        raise InputError(f"git: {message}")
    return done.stdout


def _git_bytes(root: Path, *args: str) -> bytes:
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
    if done.returncode != 0:
        raise InputError(f"git: {' '.join(done.stderr.decode('utf-8', 'replace').split())}")
    return done.stdout


def changed_templates(ref: str, paths: list[str]) -> tuple[Path, list[tuple[str | None, str | None]]]:
    """The repository's root and the (path at REF, path in the working tree) of every changed file that may be
    a template: a YAML, JSON or ``.template`` file changed, added, removed or renamed since REF (untracked
    files included; ``None`` on the side where it does not exist)."""
    root = Path(_git(None, "rev-parse", "--show-toplevel").strip())
    _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    pathspec = ["--", *[str(Path(p).resolve()) for p in paths]] if paths else ["--"]
    status = _git(root, "diff", "--name-status", "-z", "-M", "--no-ext-diff", ref, *pathspec).split("\0")
    found: list[tuple[str | None, str | None]] = []
    at = 0
    while at < len(status) and status[at]:
        code = status[at]
        if code[0] in "RC":
            old, new = status[at + 1], status[at + 2]
            found.append((old if code[0] == "R" else None, new))
            at += 3
            continue
        name = status[at + 1]
        found.append((None if code[0] == "A" else name, None if code[0] == "D" else name))
        at += 2
    untracked = _git(root, "ls-files", "--others", "--exclude-standard", "-z", *pathspec).split("\0")
    found += [(None, name) for name in untracked if name]  # relative to the root, where git ran
    wanted = [pair for pair in found if any((p or "").lower().endswith(_TEMPLATE_SUFFIXES) for p in pair)]
    return root, sorted(wanted, key=lambda pair: pair[1] or pair[0] or "")


def _side(text: str | None, name: str, findings: bool, informational: bool) -> Access | None:
    """A side's access, ``EMPTY`` when the file is absent there, None when it is not a template at all."""
    if text is None:
        return EMPTY
    from lint_rules._precommit import is_template, parse

    if not is_template(parse(text)):
        from cfnlint.decode.decode import decode_str

        decoded, errors = decode_str(text)
        if errors or not is_template(decoded):
            return None
    return read_access(text, name, findings, informational)


def git_report(ref: str, paths: list[str], findings: bool, informational: bool) -> tuple[str, list[str]]:
    """The report of every template changed since REF, and the errors of those that could not be read."""
    root, pairs = changed_templates(ref, paths)
    sections: list[str] = []
    errors: list[str] = []
    for old, new in pairs:
        name = new or old or ""
        try:
            before = _git_bytes(root, "show", f"{ref}:{old}").decode("utf-8") if old else None
        except UnicodeDecodeError:
            before = None
        try:
            after = _read(root / new) if new else None
            base = _side(before, f"{ref}:{old}", findings, informational)
            head = _side(after, name, findings, informational)
        except InputError as error:
            errors.append(str(error))
            sections.append(f"## `{name}`\n\nCould not be read: {_cell(str(error))}\n")
            continue
        if base is None and head is None:
            continue  # neither side is a template: some other YAML or JSON file
        if base is None or head is None:
            problem = f"{name}: not a CloudFormation or SAM template {'at ' + ref if base is None else 'any more'}"
            errors.append(problem)
            sections.append(f"## `{name}`\n\nCould not be read: {_cell(problem)}\n")
            continue
        label = name if old is None or new is None or old == new else f"{old}` → `{new}"
        title = f"## `{label}`" + (" (added)" if old is None else " (removed)" if new is None else "")
        body = report(base, head, name, name, title=title)
        sections.append(body if not body.startswith("No access change") else f"No access change in `{label}`.\n")
    if not sections:
        return f"No CloudFormation or SAM template changed since `{ref}`.\n", errors
    heading = f"# Access changes since `{ref}`\n\n" if len(sections) > 1 else ""
    return heading + "\n".join(sections), errors


def bounded(text: str, limit: int = MAX_REPORT) -> str:
    """The report cut, when longer than a pull-request comment holds, at the last heading that fits (never inside
    a table or a diagram), with a line saying so."""
    if len(text) <= limit:
        return text
    cut = max(text.rfind("\n## ", 0, limit), text.rfind("\n### ", 0, limit))
    kept = text[: cut + 1] if cut > 0 else ""
    return (
        kept + f"\n**The report is cut here**: it has {len(text):,} characters, more than a pull-request comment "
        "holds; run `cfn-lint-lambda-auth diff` for the whole of it.\n"
    )


def main(argv: list[str] | None = None, prog: str = "python -m lint_rules.diff") -> int:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="What access a change adds and removes, in Markdown for a pull request: per function, "
        "invokers, grants and trust added and removed, the plugin's findings introduced and fixed, and a "
        "Mermaid diagram.",
    )
    parser.add_argument("templates", nargs="*", help="BASE HEAD: two template files; with --git, paths to limit to")
    parser.add_argument("--git", metavar="REF", help="compare the working tree's templates with this git revision")
    parser.add_argument("--no-findings", action="store_true", help="do not run cfn-lint (access changes only)")
    parser.add_argument("--informational", action="store_true", help="compare informational findings too")
    args = parser.parse_args(argv)
    findings = not args.no_findings
    try:
        if args.git is not None:
            text, errors = git_report(args.git, args.templates, findings, args.informational)
            sys.stdout.write(bounded(text))
            for error in errors:
                sys.stderr.write(error + "\n")
            return INPUT_ERROR if errors else 0
        if len(args.templates) != 2:
            parser.error("give two templates, BASE HEAD, or --git REF")
        base_path, head_path = (Path(name) for name in args.templates)
        base = read_access(_read(base_path), str(base_path), findings, args.informational)
        head = read_access(_read(head_path), str(head_path), findings, args.informational)
    except InputError as error:
        sys.stderr.write(f"{error}\n")
        return INPUT_ERROR
    sys.stdout.write(bounded(report(base, head, str(base_path), str(head_path))))
    return 0
