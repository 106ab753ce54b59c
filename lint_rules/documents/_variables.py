"""Policy variables (``${aws:username}``) in the policy documents the template writes, judged once per
template against the grammar of the IAM User Guide ("IAM policy elements: Variables and tags").

The grammar: ``$`` then ``{``, a condition key's name, optionally ``, 'default'`` (comma, space, a value in
single quotes), then ``}``; ``${*}``, ``${?}`` and ``${$}`` stand for the characters themselves. Variables
are read in ``Resource`` / ``NotResource`` and in the values of string and ARN condition operators, and
only when the document's ``Version`` is ``2012-10-17``; elsewhere IAM takes them as plain text.

Only the text IAM receives is read (``lint_rules.model._texts``): plain strings and the literal parts of
``Fn::Sub`` / ``Fn::Join``. Inside ``Fn::Sub``, ``${Param}`` and ``${AWS::Region}`` are CloudFormation's and
never judged; IAM's variables there are the ones written ``${!aws:username}``. A variable with a part
CloudFormation fills in (``${!aws:PrincipalTag/${TagName}}``) is not judged either.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lint_rules.model import Path, access_model
from lint_rules.model._condition_keys import family_expands_variables, parse_operator
from lint_rules.model._documents import IDENTITY, TRUST, WRITTEN, PolicyDocument, Statement
from lint_rules.model._texts import UNKNOWN_PART, iam_text, node_at
from lint_rules.model._values import branches, is_intrinsic

VARIABLE_INVALID = "EA4023"
VERSION_MISSING = "WA4024"
_CACHE = "policy-variables"
_CURRENT = "2012-10-17"
_SPECIAL = ("*", "?", "$")  # ${*}, ${?}, ${$}: the characters themselves
_NAME_SYMBOLS = frozenset("_.:/=+-@")  # besides letters and digits: what condition keys and tag keys hold
_READ = ("Resource", "NotResource")
_NOT_READ = ("Action", "NotAction", "Principal", "NotPrincipal")


@dataclass(frozen=True)
class _Variable:
    written: str  # as IAM receives it, '${' to '}' (or to where the brace is missing)
    problem: str | None = None  # what is wrong, when the variable is malformed
    check: str | None = None  # the Access Analyzer check's name
    fix: str | None = None


def variable_findings(cfn: Any, rule_id: str) -> list[tuple[Path, str]]:
    model = access_model(cfn)
    cached: dict[str, list[tuple[Path, str]]] | None = model.derived.get(_CACHE)
    if cached is None:
        cached = {}
        for document in model.documents:
            if document.origin == WRITTEN and isinstance(document.source, dict):
                _document(document, model.sam, cached)
        model.derived[_CACHE] = cached
    return cached.get(rule_id, [])


def _add(out: dict[str, list[tuple[Path, str]]], rule_id: str, path: Path, message: str) -> None:
    out.setdefault(rule_id, []).append((path, message))


def _document(document: PolicyDocument, sam: bool, out: dict[str, list[tuple[Path, str]]]) -> None:
    name = f"{document.name[0].upper()}{document.name[1:]}"
    read: list[tuple[Path, _Variable]] = []  # variables where IAM reads them, for the Version checks
    for statement in document.statements:
        where = f"{name}, {statement.label()}"
        node = node_at(document.source, document.path, statement.path)
        if not isinstance(node, dict):
            continue
        for key in _READ:
            if key in node:
                read.extend(_judge(_strings(node[key], (*statement.path, key)), key, where, out))
        if "Condition" in node:
            read.extend(
                _judge(_condition_strings(node["Condition"], (*statement.path, "Condition")), "Condition", where, out)
            )
        for key in _NOT_READ:
            if key in node and not (key.endswith("Action") and _actions_checked(document, sam)):
                _unsupported_element(statement, node[key], key, where, out)
    if read:
        _version(document, name, read, out)


def _actions_checked(document: PolicyDocument, sam: bool) -> bool:
    """Whether another rule already reports an action holding '${...}' as an action IAM does not have:
    cfn-lint's W3037 in IAM resources of templates without the SAM transform, WA2013 in identity policies
    of SAM templates."""
    if document.kind == IDENTITY:
        return document.checked_by_cfn_lint or sam
    return document.kind == TRUST and document.checked_by_cfn_lint and not sam


def _strings(node: Any, path: Path, depth: int = 0) -> Iterator[tuple[str, Path]]:
    """Every string IAM receives below ``node`` (through lists, mappings and Fn::If branches), with its path."""
    for branch, branch_path in branches(node, path):
        if isinstance(branch, list):
            for index, item in enumerate(branch):
                yield from _strings(item, (*branch_path, index), depth + 1)
        elif isinstance(branch, dict) and not is_intrinsic(branch):
            if depth < 8:
                for key, value in branch.items():
                    yield from _strings(value, (*branch_path, key), depth + 1)
        else:
            text = iam_text(branch)
            if text is not None and "${" in text:
                yield text, branch_path


def _condition_strings(node: Any, path: Path) -> Iterator[tuple[str, Path]]:
    """The values of string and ARN operators, the ones that expand policy variables (the others never do:
    WA4012 reports a variable under them)."""
    for block, block_path in branches(node, path):
        if not isinstance(block, dict) or is_intrinsic(block):
            continue
        for written, tests in block.items():
            operator = parse_operator(written) if isinstance(written, str) else None
            if operator is None or not family_expands_variables(operator.family) or operator.family == "Bool":
                continue
            for test, test_path in branches(tests, (*block_path, written)):
                if isinstance(test, dict) and not is_intrinsic(test):
                    for key, values in test.items():
                        yield from _strings(values, (*test_path, key))


def _judge(
    found: Iterator[tuple[str, Path]], element: str, where: str, out: dict[str, list[tuple[Path, str]]]
) -> list[tuple[Path, _Variable]]:
    result = []
    for text, path in found:
        for variable in variables(text):
            result.append((path, variable))
            if variable.problem is not None:
                _add(
                    out,
                    VARIABLE_INVALID,
                    path,
                    f"{where}: {element} value '{_shown(text)}' {variable.problem} ({variable.check}); {variable.fix}",
                )
    return result


def _unsupported_element(
    statement: Statement, node: Any, key: str, where: str, out: dict[str, list[tuple[Path, str]]]
) -> None:
    for text, path in _strings(node, statement.key_paths.get(key, (*statement.path, key))):
        found = variables(text)
        if found:
            _add(
                out,
                VARIABLE_INVALID,
                path,
                f"{where}: {key} value '{_shown(text)}' holds the policy variable '{_shown(found[0].written)}', "
                "which IAM reads only in Resource and Condition (Variable unsupported in element); "
                "write the value itself",
            )


def _version(
    document: PolicyDocument, name: str, read: list[tuple[Path, _Variable]], out: dict[str, list[tuple[Path, str]]]
) -> None:
    source = document.source
    first_path, first = read[0]
    others = len({variable.written for _, variable in read}) - 1
    more = f" and {others} more" if others > 0 else ""
    if "Version" not in source:
        _add(
            out,
            VERSION_MISSING,
            document.path,
            f"{name} has no Version, so IAM reads its policy variable '{_shown(first.written)}'{more} as plain "
            f"text (Missing version); add Version: '{_CURRENT}'",
        )
        return
    version = source["Version"]
    text = version.isoformat() if hasattr(version, "isoformat") else version
    if isinstance(text, str) and text.strip() != _CURRENT and text.strip() == "2008-10-17":
        _add(
            out,
            VARIABLE_INVALID,
            first_path,
            f"{name}: Version 2008-10-17 reads the policy variable '{_shown(first.written)}'{more} as plain text "
            f"(Variable unsupported in version); set Version to '{_CURRENT}'",
        )


def _shown(text: str) -> str:
    """A value as a message quotes it: the parts CloudFormation fills in as '...'."""
    return text.replace(UNKNOWN_PART + "{", "${").replace(UNKNOWN_PART, "...")


def variables(text: str) -> list[_Variable]:
    """Every policy variable IAM finds in ``text``, each with what is wrong with it (None: nothing)."""
    result: list[_Variable] = []
    start = text.find("${")
    while start != -1:
        following = text.find("${", start + 2)
        close = text.find("}", start + 2)
        if close == -1 or (following != -1 and following < close):
            end = following if following != -1 else len(text)
            if UNKNOWN_PART not in text[start:end]:  # a part filled in at deploy time may hold the brace
                written = text[start:end].rstrip()
                result.append(
                    _Variable(
                        written,
                        f"opens the policy variable '{_shown(written)[:60]}' and never closes it",
                        "Missing brace in variable",
                        "add '}' where the variable's name ends",
                    )
                )
            start = following
            continue
        content = text[start + 2 : close]
        if UNKNOWN_PART not in content:
            result.append(_grammar(text[start : close + 1], content))
        start = text.find("${", close + 1)
    return result


def _grammar(written: str, content: str) -> _Variable:
    shown = written[:60]
    if content in _SPECIAL:
        return _Variable(written)
    name, comma, default = content.partition(",")
    if not name.strip():
        return _Variable(
            written,
            f"holds '{shown}', a policy variable that names no key",
            "Empty variable",
            "remove it or name the key inside the braces",
        )
    if any(character.isspace() for character in name):
        return _Variable(
            written,
            f"has a space in the name of the policy variable '{shown}'",
            "Unsupported space in variable",
            "remove it (a space may appear only in the default value)",
        )
    if name.startswith("!"):
        return _Variable(
            written,
            f"holds '{shown}', whose '!' only Fn::Sub removes, so IAM reads it in the variable's name",
            "Unsupported symbol in variable",
            f"write '${{{name[1:60]}}}', or put the value in Fn::Sub",
        )
    symbols = sorted({character for character in name if not (character.isalnum() or character in _NAME_SYMBOLS)})
    if symbols:
        listed = "', '".join(symbols[:3])
        return _Variable(
            written,
            f"has '{listed}' in the name of the policy variable '{shown}', which a condition key's name cannot hold",
            "Unsupported symbol in variable",
            "remove it (write '${*}', '${?}' or '${$}' for those characters themselves)",
        )
    if comma:
        value = default.strip()
        if len(value) < 2 or not (value.startswith("'") and value.endswith("'")):
            return _Variable(
                written,
                f"gives the policy variable '{shown}' a default value that is not in single quotes",
                "Missing quote in variable",
                f"write it as ${{{name[:60]}, '{value.strip(chr(39))[:40]}'}}",
            )
    return _Variable(written)
