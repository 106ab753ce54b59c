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
OWN = "own"  # built from the stack's own pseudo parameters (AWS::AccountId, AWS::Partition, ...)
UNKNOWN = "unknown"

OWN_ACCOUNT = "<own-account>"
_PSEUDO = {
    "AWS::AccountId": OWN_ACCOUNT,
    "AWS::Partition": "aws",
    "AWS::Region": "<region>",
    "AWS::URLSuffix": "amazonaws.com",
    "AWS::StackName": "<stack-name>",
    "AWS::StackId": "<stack-id>",
}
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
        if self.kind == PARAMETER and self.parameter:
            return f"'{self.text}' from parameter '{self.parameter}'"
        if self.kind == OWN:  # quote pseudo parameters as written, not as the model's placeholders
            text = self.text
            for name, placeholder in _PSEUDO.items():
                if placeholder.startswith("<"):
                    text = text.replace(placeholder, "${" + name + "}")
            return f"'{text}'"
        return f"'{self.text}'"


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
            result.extend(self._one(value, value_path, label))
        return result

    def string_list(self, node: Any, path: Path, label: str | None = None) -> list[Value]:
        """Like ``strings`` for a property that is a string or a list of strings."""
        result: list[Value] = []
        for value, value_path in items(node, path):
            result.extend(self._one(value, value_path, label))
        return result

    def _one(self, node: Any, path: Path, label: str | None) -> list[Value]:
        if isinstance(node, bool):
            return [Value(LITERAL, "true" if node else "false", path, label=label)]
        if isinstance(node, datetime.date):  # unquoted YAML dates (Version: 2012-10-17)
            return [Value(LITERAL, node.isoformat(), path, label=label)]
        if isinstance(node, (str, int, float)):
            return [Value(LITERAL, str(node), path, label=label)]
        if isinstance(node, dict) and len(node) == 1:
            if "Ref" in node:
                return self._ref(node["Ref"], path, label)
            if "Fn::Sub" in node:
                return self._sub(node["Fn::Sub"], path, label)
            if "Fn::GetAtt" in node:
                return self._get_att(node["Fn::GetAtt"], path, label)
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
            return [Value(OWN, _PSEUDO[name], path, label=label)]
        parameter = self._parameters.get(name)
        if not isinstance(parameter, dict):
            return (
                self._provider_arn(name, path, label)
                if name in self._resources
                else [Value(UNKNOWN, None, path, label=label)]
            )
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

    def _sub(self, args: Any, path: Path, label: str | None) -> list[Value]:
        """``Fn::Sub`` with pseudo parameters and variables from its map, each variable one known string."""
        text = args[0] if isinstance(args, list) and args else args
        variables = args[1] if isinstance(args, list) and len(args) == 2 and isinstance(args[1], dict) else {}
        if not isinstance(text, str):
            return [Value(UNKNOWN, None, path, label=label)]
        kind = LITERAL
        known: dict[str, str] = {}
        for name in set(_SUB_VARIABLE.findall(text)):
            if name in variables:
                candidates = self.strings(variables[name], ())
                if len(candidates) != 1 or candidates[0].text is None:
                    return [Value(UNKNOWN, None, path, label=label)]
                known[name] = candidates[0].text
                kind = OWN if candidates[0].kind == OWN or kind == OWN else kind
            elif name in _PSEUDO:
                known[name] = _PSEUDO[name]
                kind = OWN
            else:
                return [Value(UNKNOWN, None, path, label=label)]
        resolved = _SUB_VARIABLE.sub(lambda m: known[m.group(1)], text)
        return [Value(kind, resolved.replace("${!", "${"), path, label=label)]


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
        return node, f"is a JSON string that does not parse ('{reason}'{where}); fix the JSON or write it as a mapping"


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
