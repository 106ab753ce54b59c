"""Template values as the rules see them: literals, parameters, the stack's own account, or unknown.

CloudFormation values are trees of intrinsic functions. The model never evaluates them fully; it
only needs to know, for a given node, which strings it can take and where in the template each
candidate was written, so that a finding points at the branch or parameter that produced it.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

Path = tuple[str | int, ...]

LITERAL = "literal"
PARAMETER = "parameter"
OWN = "own"  # names the stack's own account (AWS::AccountId, or a provider or stack id that holds it)
UNKNOWN = "unknown"

OWN_ACCOUNT = "<own-account>"
# Pseudo parameters as ARN parts. Only AWS::AccountId (and AWS::StackId, an ARN in that account) name the
# stack's own account; the partition, region and URL suffix are parts of any ARN and leave a value's
# kind as it is. The partition reads as "aws" so the value compares with ARNs recorded for it.
_PSEUDO = {
    "AWS::AccountId": OWN_ACCOUNT,
    "AWS::Partition": "aws",
    "AWS::Region": "<region>",
    "AWS::URLSuffix": "amazonaws.com",
    "AWS::StackName": "<stack-name>",
    "AWS::StackId": "<stack-id>",
}
_PLACEHOLDERS = frozenset(text for text in _PSEUDO.values() if text.startswith("<"))
_OWN_PSEUDO = frozenset({"AWS::AccountId", "AWS::StackId"})
_SSM_TYPE = "AWS::SSM::Parameter::Value<"
_LIST_TYPES = ("CommaDelimitedList", "List<")
_SUB_VARIABLE = re.compile(r"\$\{([^!}][^}]*)\}")


@dataclass(frozen=True)
class Value:
    """One string a template node can take.

    ``text`` is the string (None when unknown); ``path`` is where it was written (the Fn::If branch
    or list item, not the enclosing key); ``parameter`` names the parameter it came from, if any;
    ``label`` carries the principal type (``AWS``, ``Service``, ...) for Principal values.
    """

    kind: str
    text: str | None
    path: Path
    parameter: str | None = None
    label: str | None = None

    @property
    def known(self) -> bool:
        return self.text is not None

    def describe(self) -> str:
        """The value as a message quotes it, with where an indirect value came from."""
        if self.text is None:
            return "an unresolved value"
        text = self.text  # quote pseudo parameters as written, not as the model's placeholders
        for name, placeholder in _PSEUDO.items():
            if placeholder.startswith("<"):
                text = text.replace(placeholder, "${" + name + "}")
        if self.kind == PARAMETER and self.parameter:
            return f"'{text}' from parameter '{self.parameter}'"
        return f"'{text}'"


_ACCOUNT_PRINCIPAL = re.compile(r"(?:arn:[^:]+:iam::)?(\d{12})(?::.*)?")


def account_of(value: Value) -> str | None:
    """The account a principal value names (an id, ``arn:...:iam::<id>:root``, a role or user of it), when
    written literally or as a parameter; None for the stack's own account, services and unknown values."""
    if value.text is None or value.kind not in (LITERAL, PARAMETER) or value.label == "Service":
        return None
    match = _ACCOUNT_PRINCIPAL.fullmatch(value.text.strip())
    return match.group(1) if match else None


def is_no_value(node: Any) -> bool:
    return isinstance(node, dict) and len(node) == 1 and node.get("Ref") == "AWS::NoValue"


def is_intrinsic(node: Any) -> bool:
    if not isinstance(node, dict) or len(node) != 1:
        return False
    key = next(iter(node))
    return isinstance(key, str) and (key == "Ref" or key.startswith("Fn::") or key == "Condition")


# Fn::If may nest in both branches, so a template (YAML anchors make it cheap to write) can hold 2**n
# alternatives; past this many, the rest stay unexpanded and read as unknown values. Hand-written
# templates nest Fn::If three or four deep: sixteen alternatives.
MAX_BRANCHES = 256
# A value built from parts (Fn::Join, Fn::Sub) can take the product of its parts' alternatives; past this
# many candidates the rest read as one unknown value. Nested intrinsics deeper than MAX_VALUE_DEPTH are
# unknown too (cfn-lint's loader bounds nesting already; this keeps the reader's recursion shallow).
MAX_CANDIDATES = 64
MAX_VALUE_DEPTH = 24


def branches(node: Any, path: Path) -> Iterator[tuple[Any, Path]]:
    """Both branches of every ``Fn::If`` (recursively), without ``AWS::NoValue``; other nodes as they are.

    Iterative, so a chain thousands deep cannot exhaust the stack; after ``MAX_BRANCHES`` alternatives the
    remaining ``Fn::If`` nodes are yielded whole (an intrinsic: every reader takes it as unknown).
    """
    stack = [(node, path)]
    yielded = 0
    while stack:
        current, current_path = stack.pop()
        if isinstance(current, dict) and len(current) == 1 and "Fn::If" in current and yielded < MAX_BRANCHES:
            args = current["Fn::If"]
            if isinstance(args, list) and len(args) == 3:
                stack.append((args[2], (*current_path, "Fn::If", 2)))
                stack.append((args[1], (*current_path, "Fn::If", 1)))
            continue
        if is_no_value(current):
            continue
        yielded += 1
        yield current, current_path


def items(node: Any, path: Path) -> Iterator[tuple[Any, Path]]:
    """The elements of a list-valued property, each with its path, through Fn::If at both levels."""
    for value, value_path in branches(node, path):
        if isinstance(value, list):
            for index, item in enumerate(value):
                yield from branches(item, (*value_path, index))
        else:
            yield value, value_path


class Resolver:
    """Turns nodes into candidate strings, using the template's Parameters."""

    def __init__(self, template: dict[str, Any]) -> None:
        parameters = template.get("Parameters")
        self._parameters: dict[str, Any] = parameters if isinstance(parameters, dict) else {}
        resources = template.get("Resources")
        self._resources: dict[str, Any] = resources if isinstance(resources, dict) else {}
        self._visiting: set[str] = set()  # identity providers whose Url is being read
        self._globals: Any = template.get("Globals")
        mappings = template.get("Mappings")
        self._mappings: dict[str, Any] = mappings if isinstance(mappings, dict) else {}

    @property
    def globals(self) -> Any:
        """The SAM Globals section as written (cfn-lint merges it into resources, not into SAM's implicit APIs)."""
        return self._globals

    @property
    def resources(self) -> dict[str, Any]:
        """The template's Resources section, as written."""
        return self._resources

    def is_resource(self, name: Any) -> bool:
        """A resource of the template, or the execution role SAM generates for a function (``<Fn>Role``)."""
        if not isinstance(name, str):
            return False
        return name in self._resources or (name.endswith("Role") and self._is_sam_function(name[:-4]))

    def _is_sam_function(self, name: str) -> bool:
        resource = self._resources.get(name)
        return isinstance(resource, dict) and resource.get("Type") == "AWS::Serverless::Function"

    def sam_function_of(self, name: str) -> str | None:
        """The SAM function a generated qualifier names: ``Fn.Alias``, ``Fn.Version``, ``FnAlias<alias>``."""
        base, _, attribute = name.partition(".")
        if attribute in ("Alias", "Version") and self._is_sam_function(base):
            return base
        for marker in ("Alias", "Version"):
            head, found, tail = name.rpartition(marker)
            if found and tail and self._is_sam_function(head) and name not in self._resources:
                return head
        return None

    def strings(self, node: Any, path: Path, label: str | None = None) -> list[Value]:
        """Every string the node can take; one UNKNOWN value where that cannot be known."""
        result: list[Value] = []
        for value, value_path in branches(node, path):
            result.extend(self._one(value, value_path, label, 0))
        # the Fn::If branches of a value are each a candidate (branches() bounds them at MAX_BRANCHES, and
        # a public '*' at the end of a long chain must not be cut off); products of parts are capped lower
        return _capped(result, path, label, MAX_BRANCHES)

    def string_list(self, node: Any, path: Path, label: str | None = None) -> list[Value]:
        """Like ``strings`` for a property that is a string or a list of strings (a list-typed parameter's
        Default, ``Fn::Split``: each element)."""
        result: list[Value] = []
        for value, value_path in items(node, path):
            if isinstance(value, dict) and len(value) == 1 and ("Fn::Split" in value or self._is_list_ref(value)):
                alternatives = self._list(value, value_path, label, 0)
                if alternatives is not None:
                    result.extend(v for parts in alternatives for part in parts for v in part)
                    continue
            result.extend(self._one(value, value_path, label, 0))
        return _capped(result, path, label, MAX_BRANCHES)

    def _is_list_ref(self, node: dict[Any, Any]) -> bool:
        name = node.get("Ref")
        parameter = self._parameters.get(name) if isinstance(name, str) else None
        kind = parameter.get("Type") if isinstance(parameter, dict) else None
        return isinstance(kind, str) and kind.startswith(_LIST_TYPES)

    def _alternatives(self, node: Any, path: Path, label: str | None, depth: int) -> list[Value]:
        result: list[Value] = []
        for value, value_path in branches(node, path):
            result.extend(self._one(value, value_path, label, depth))
        return result

    def _one(self, node: Any, path: Path, label: str | None, depth: int = 0) -> list[Value]:
        if isinstance(node, bool):
            return [Value(LITERAL, "true" if node else "false", path, label=label)]
        if isinstance(node, datetime.date):  # unquoted YAML dates (Version: 2012-10-17)
            return [Value(LITERAL, node.isoformat(), path, label=label)]
        if isinstance(node, (str, int, float)):
            return [Value(LITERAL, str(node), path, label=label)]
        if isinstance(node, dict) and len(node) == 1 and depth < MAX_VALUE_DEPTH:
            key, args = next(iter(node.items()))
            if key == "Ref":
                return self._ref(args, path, label)
            if key == "Fn::Sub":
                return self._sub(args, path, label, depth + 1)
            if key == "Fn::GetAtt":
                return self._get_att(args, path, label)
            if key == "Fn::Join":
                return self._join(args, path, label, depth + 1)
            if key == "Fn::Select":
                return self._select(args, path, label, depth + 1)
            if key == "Fn::FindInMap":
                return self._find_in_map(args, path, label, depth + 1)
        # Fn::ImportValue, Fn::Base64, Fn::GetAZs, ...: a value of another stack or of deploy time, not
        # known to be the stack's own
        return [Value(UNKNOWN, None, path, label=label)]

    def _get_att(self, args: Any, path: Path, label: str | None) -> list[Value]:
        """``Fn::GetAtt [Provider, Arn]`` of an identity provider: its ARN, as ``Ref`` gives it."""
        name, attribute = (*args, None, None)[:2] if isinstance(args, list) else (None, None)
        if isinstance(args, str):
            name, _, attribute = args.partition(".")
        if attribute == "Arn" and isinstance(name, str):
            return self._provider_arn(name, path, label)
        return [Value(UNKNOWN, None, path, label=label)]

    def _provider_arn(self, name: str, path: Path, label: str | None) -> list[Value]:
        """The ARN of an ``AWS::IAM::OIDCProvider`` (from its Url) or ``AWS::IAM::SAMLProvider`` (its Name)
        of the template, which a Federated principal names; unknown for other resources."""
        resource = self._resources.get(name)
        resource = resource if isinstance(resource, dict) else {}
        props = resource.get("Properties")
        props = props if isinstance(props, dict) else {}
        prefix = f"arn:aws:iam::{OWN_ACCOUNT}:"
        if resource.get("Type") == "AWS::IAM::OIDCProvider":
            if name in self._visiting:  # a Url that refers, through Fn::If, back to a provider
                return [Value(UNKNOWN, None, path, label=label)]
            self._visiting.add(name)
            try:
                urls = self.strings(props.get("Url"), path)
            finally:
                self._visiting.discard(name)
            return [
                Value(OWN, f"{prefix}oidc-provider/{url.text.removeprefix('https://')}", path, label=label)
                if url.text is not None
                else Value(UNKNOWN, None, path, label=label)
                for url in urls
            ]
        if resource.get("Type") == "AWS::IAM::SAMLProvider":
            names = [value.text for value in self.strings(props.get("Name"), path)] if "Name" in props else [name]
            return [Value(OWN, f"{prefix}saml-provider/{text or name}", path, label=label) for text in names]
        return [Value(UNKNOWN, None, path, label=label)]

    def _ref(self, name: Any, path: Path, label: str | None) -> list[Value]:
        if not isinstance(name, str):
            return [Value(UNKNOWN, None, path, label=label)]
        if name in _PSEUDO:
            return [Value(OWN if name in _OWN_PSEUDO else LITERAL, _PSEUDO[name], path, label=label)]
        parameter = self._parameters.get(name)
        if not isinstance(parameter, dict):
            return (
                self._provider_arn(name, path, label)
                if name in self._resources
                else [Value(UNKNOWN, None, path, label=label)]
            )
        kind = parameter.get("Type")
        if isinstance(kind, str) and kind.startswith(_SSM_TYPE):  # Default names the SSM parameter, not its value
            return [Value(UNKNOWN, None, path, parameter=name, label=label)]
        candidates: list[str] = []
        default = parameter.get("Default")
        if isinstance(default, (str, int, float)) and not isinstance(default, bool):
            candidates.append(str(default))
        allowed = parameter.get("AllowedValues")
        if isinstance(allowed, list):
            candidates.extend(str(v) for v in allowed if isinstance(v, (str, int, float)))
        if not candidates:
            return [Value(UNKNOWN, None, path, parameter=name, label=label)]
        unique = list(dict.fromkeys(candidates))
        return [Value(PARAMETER, text, path, parameter=name, label=label) for text in unique]

    def _sub(self, args: Any, path: Path, label: str | None, depth: int) -> list[Value]:
        """``Fn::Sub``: each ``${Name}`` a pseudo parameter, a variable of its map, a parameter (its Default
        and AllowedValues, as ``Ref`` reads them) or a resource attribute (unknown, not the stack's own)."""
        text = args[0] if isinstance(args, list) and args else args
        variables = args[1] if isinstance(args, list) and len(args) == 2 and isinstance(args[1], dict) else {}
        if not isinstance(text, str):
            return [Value(UNKNOWN, None, path, label=label)]
        parts: list[list[Value]] = []
        position = 0
        for match in _SUB_VARIABLE.finditer(text):
            parts.append([Value(LITERAL, text[position : match.start()], path)])
            name = match.group(1)
            if name in variables:
                parts.append(self._alternatives(variables[name], (*path, "Fn::Sub", 1, name), label, depth))
            elif name in _PSEUDO or name in self._parameters:
                parts.append(self._ref(name, path, label))
            else:
                parts.append([Value(UNKNOWN, None, path)])
            position = match.end()
        parts.append([Value(LITERAL, text[position:], path)])
        return [
            Value(v.kind, v.text.replace("${!", "${"), v.path, v.parameter, v.label) if v.text is not None else v
            for v in _combine(parts, "", path, label)
        ]

    def _join(self, args: Any, path: Path, label: str | None, depth: int) -> list[Value]:
        """``Fn::Join [delimiter, parts]``, parts a list (each item through Fn::If) or a list-valued intrinsic."""
        if not (isinstance(args, list) and len(args) == 2 and isinstance(args[0], str)):
            return [Value(UNKNOWN, None, path, label=label)]
        alternatives = self._list(args[1], (*path, "Fn::Join", 1), label, depth)
        if alternatives is None:
            return [Value(UNKNOWN, None, path, label=label)]
        result: list[Value] = []
        for parts in alternatives:
            result.extend(_combine(parts, args[0], path, label))
        return _capped(result, path, label)

    def _select(self, args: Any, path: Path, label: str | None, depth: int) -> list[Value]:
        """``Fn::Select [index, list]`` over a literal list, ``Fn::Split`` or a list-typed parameter."""
        if not (isinstance(args, list) and len(args) == 2):
            return [Value(UNKNOWN, None, path, label=label)]
        indexes = self._alternatives(args[0], (*path, "Fn::Select", 0), None, depth)
        alternatives = self._list(args[1], (*path, "Fn::Select", 1), label, depth)
        if alternatives is None:
            return [Value(UNKNOWN, None, path, label=label)]
        result: list[Value] = []
        for index in indexes:
            position = int(index.text) if index.text is not None and index.text.isdigit() else None
            for parts in alternatives:
                if position is None or position >= len(parts):
                    result.append(Value(UNKNOWN, None, path, label=label))
                else:
                    result.extend(parts[position])
        return _capped(list(dict.fromkeys(result)), path, label)

    def _list(self, node: Any, path: Path, label: str | None, depth: int) -> list[list[list[Value]]] | None:
        """The alternatives of a list-valued node, each a list of elements, each element's candidates;
        None when the list itself is unknown (Fn::GetAZs, an attribute, ...)."""
        result: list[list[list[Value]]] = []
        for value, value_path in branches(node, path):
            if isinstance(value, list):
                result.append(
                    [self._alternatives(item, (*value_path, index), label, depth) for index, item in enumerate(value)]
                )
                continue
            if not (isinstance(value, dict) and len(value) == 1) or depth >= MAX_VALUE_DEPTH:
                return None
            key, args = next(iter(value.items()))
            if (
                key == "Fn::Split"
                and isinstance(args, list)
                and len(args) == 2
                and isinstance(args[0], str)
                and args[0]
            ):
                sources = self._alternatives(args[1], (*value_path, "Fn::Split", 1), label, depth + 1)
            elif key == "Ref" and self._is_list_ref(value):
                sources, args = self._ref(args, value_path, label), [","]
            else:
                return None
            for source in sources[:MAX_CANDIDATES]:
                if source.text is None:
                    return None
                pieces = source.text.split(args[0])
                if args[0] == ",":
                    pieces = [piece.strip() for piece in pieces]
                result.append([[Value(source.kind, piece, source.path, source.parameter, label)] for piece in pieces])
        return result[:MAX_CANDIDATES]

    def _find_in_map(self, args: Any, path: Path, label: str | None, depth: int) -> list[Value]:
        """``Fn::FindInMap [Map, TopKey, SecondKey]`` over the template's Mappings: each entry a key can
        select (every key of its level when the key is unknown, e.g. ``AWS::Region``), reported at the entry."""
        if not (isinstance(args, list) and len(args) in (3, 4)):
            return [Value(UNKNOWN, None, path, label=label)]
        found: list[tuple[Any, Path]] = [(self._mappings, ("Mappings",))]
        for position in range(3):
            keys = self._alternatives(args[position], (*path, "Fn::FindInMap", position), None, depth)
            deeper: list[tuple[Any, Path]] = []
            for level, level_path in found:
                if not isinstance(level, dict):
                    continue
                for key in keys:
                    if key.text is None or (key.text in _PLACEHOLDERS and key.text not in level):
                        deeper.extend((entry, (*level_path, name)) for name, entry in level.items())
                    elif key.text in level:
                        deeper.append((level[key.text], (*level_path, key.text)))
            found = deeper[: MAX_CANDIDATES + 1]
        result = [
            Value(LITERAL, str(entry) if not isinstance(entry, bool) else str(entry).lower(), entry_path, label=label)
            if isinstance(entry, (str, int, float))
            else Value(UNKNOWN, None, entry_path, label=label)
            for entry, entry_path in found
        ]
        return _capped(result, path, label) or [Value(UNKNOWN, None, path, label=label)]


def _capped(values: list[Value], path: Path, label: str | None, limit: int = MAX_CANDIDATES) -> list[Value]:
    """At most ``limit`` values; the rest as one unknown value at ``path``."""
    if len(values) <= limit:
        return values
    return [*values[: limit - 1], Value(UNKNOWN, None, path, label=label)]


_KIND_ORDER = {LITERAL: 0, PARAMETER: 1, OWN: 2, UNKNOWN: 3}


def _combine(parts: list[list[Value]], delimiter: str, path: Path, label: str | None) -> list[Value]:
    """The strings parts joined with a delimiter can make (their product, capped at MAX_CANDIDATES).

    A candidate is unknown if a part of it is, the stack's own if a part names the own account, a
    parameter's if a part came from one (the first such parameter names it). It is reported where the one
    part that varies was written (a Fn::If branch, a parameter's Ref), else at ``path``.
    """
    deciding = [i for i, part in enumerate(parts) if not (len(part) == 1 and part[0].kind == LITERAL)]
    combos: list[list[Value]] = [[]]
    for part in parts:
        combos = [[*combo, value] for combo in combos for value in (part or [Value(UNKNOWN, None, path)])]
        if len(combos) > MAX_CANDIDATES:
            combos = combos[: MAX_CANDIDATES + 1]
    result: list[Value] = []
    for combo in combos:
        kind = max((value.kind for value in combo), key=_KIND_ORDER.__getitem__, default=LITERAL)
        parameter = next((value.parameter for value in combo if value.parameter), None)
        where = combo[deciding[0]].path if len(deciding) == 1 else path
        if kind == UNKNOWN:
            value = Value(UNKNOWN, None, where, parameter, label)
        else:
            text = delimiter.join(value.text or "" for value in combo)
            value = Value(kind, text, where, parameter, label)
        if value not in result:
            result.append(value)
    return _capped(result, path, label)


# A policy document written as a JSON string holds no intrinsic functions, so its nesting is IAM's
# grammar alone: document > Statement list > statement > Condition > operator > key > value list is
# seven levels, and no valid policy goes deeper. IAM also caps a policy's size (6,144 characters for a
# managed policy, 10,240 for a role's inline policies, 20 KB for a Lambda resource policy), so nothing
# deeper than a handful of levels can ever deploy. 32 leaves four times the grammar's depth as margin and
# keeps json.loads, schema validation and error messages far from Python's recursion limit.
MAX_JSON_DEPTH = 32
_JSON_STRING_LITERAL = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_A_BRACKET = re.compile(r"[^\[\]{}]+")


def json_too_deep(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether JSON text nests brackets deeper than ``limit``, by a linear scan that never recurses.

    String literals are dropped first, so brackets inside them do not count.
    """
    brackets = _NOT_A_BRACKET.sub("", _JSON_STRING_LITERAL.sub("", text))
    depth = 0
    for bracket in brackets:
        if bracket in "[{":
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


UNPARSABLE = "is a JSON string that does not parse"  # how a problem of parse_json_document starts when it does not


def parse_json_document(node: Any) -> tuple[Any, str | None]:
    """A policy document written as a JSON string, parsed; if it cannot be, the string and the rest of a
    message saying why and what to do ('is a JSON string that ...; fix ...'). Other nodes come back as
    they are, with no problem."""
    if not isinstance(node, str) or not node.lstrip().startswith("{"):
        return node, None
    if json_too_deep(node):
        return node, (
            f"is a JSON string nested more than {MAX_JSON_DEPTH} levels deep, deeper than IAM accepts;"
            " write it as a mapping of Version and Statement"
        )
    try:
        return json.loads(node), None
    except ValueError as error:  # json.JSONDecodeError
        reason = error.msg if isinstance(error, json.JSONDecodeError) else str(error)
        where = f" at character {error.pos}" if isinstance(error, json.JSONDecodeError) else ""
        return node, f"{UNPARSABLE} ('{reason}'{where}); fix the JSON or write it as a mapping"


def logical_id_of(node: Any) -> str | None:
    """The logical id a reference names: ``Ref: X``, ``Fn::GetAtt: [X, Arn]``, ``X.Arn``, ``${X.Arn}``."""
    if not isinstance(node, dict) or len(node) != 1:
        return None
    key, arg = next(iter(node.items()))
    if key == "Ref" and isinstance(arg, str):
        return arg
    if key == "Fn::GetAtt":
        if isinstance(arg, list) and arg and isinstance(arg[0], str):
            return arg[0]
        if isinstance(arg, str):
            return arg.split(".", 1)[0]
    if key == "Fn::Sub":
        text = arg[0] if isinstance(arg, list) and arg else arg
        if isinstance(text, str):
            match = re.fullmatch(r"\$\{([A-Za-z0-9]+)(?:\.[A-Za-z.]+)?\}", text)
            if match:
                return match.group(1)
    return None
