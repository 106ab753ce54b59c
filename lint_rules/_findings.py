"""Helpers every rule shares: the doc link and turning model paths into cfn-lint matches."""

from __future__ import annotations

import difflib
import logging
import re
import sys
from types import FrameType
from typing import Any

from cfnlint.rules import RuleMatch

from lint_rules import _baseline
from lint_rules._renames import ignored_by_old_id, old_ids
from lint_rules._runner import is_mandatory
from lint_rules.model import Path, access_model

LOGGER = logging.getLogger(__name__)

# The project's one URL: rule links (SARIF helpUri, LSP links) and the README's pre-commit snippet, which
# `python -m lint_rules.docs` writes, are derived from it.
PROJECT_URL = "https://github.com/cfn-lint-lambda-auth/cfn-lint-lambda-auth"
DOCS_BASE = f"{PROJECT_URL}/blob/main/docs/rules/"


def doc_url(rule_id: str) -> str:
    return f"{DOCS_BASE}{rule_id}.md"


# At most this many findings per rule and template; the rest are counted in one closing finding. A template
# cannot make one rule emit thousands of findings (10,000 public statements in one policy, say): past a
# hundred, more of the same adds nothing a reader acts on, and cfn-lint's de-duplication of matches is
# quadratic in their number.
MAX_FINDINGS_PER_RULE = 100
# A message quotes at most this many characters of a value: a 1 MB string in a policy must not make a
# 1 MB message (values are quoted in single quotes throughout).
MAX_QUOTED = 120
# (an apostrophe inside a word, "function's", neither opens nor closes a quote; nor does the closing quote
# of one value open a span to the opening quote of the next: a value does not start or end with a space)
_LONG_QUOTE = re.compile("(?<![A-Za-z])'(?! )([^'\n]{" + str(MAX_QUOTED + 1) + ",})(?<! )'(?![A-Za-z])")


def shorten(message: str) -> str:
    """``message`` with every quoted value longer than ``MAX_QUOTED`` cut, with an ellipsis."""
    return _LONG_QUOTE.sub(lambda quoted: "'" + quoted.group(1)[: MAX_QUOTED - 3] + "...'", message)


def findings(cfn: Any, found: list[tuple[Path, str]], rule_id: str | None = None) -> list[RuleMatch]:
    """One match per (path, message), in the order found, duplicates dropped, at most
    ``MAX_FINDINGS_PER_RULE`` of them and then one saying how many more there are (at the first left out).

    Findings the project's baseline holds are dropped first (``lint_rules._baseline``), so every channel
    that runs the rules agrees. ``rule_id`` is the reporting rule's id, by default that of the rule whose
    ``match`` calls this (every rule's does, directly or through ``_verdicts.speak``). A renamed rule's findings
    on a resource whose ``Metadata`` ``ignore_checks`` lists its old id are dropped (``lint_rules._renames``).
    While a baseline is being written or checked, nothing else is dropped or capped and each match carries its
    ``baseline_key``.

    cfn-lint merges SAM Globals into each resource, keeping the Globals key when a resource overrides
    a value; for such overrides the match is placed on the resource's own value instead. A path into a
    policy document written as a JSON string is placed on the key that holds the string, as cfn-lint
    would place it, but without cfn-lint's search through the string's characters (which made a
    10,000-statement string document cost minutes).

    AWS CDK output: a finding on a resource with ``Metadata: aws:cdk:path`` ends with
    `` [construct: Stack/MyFn/ServiceRole]``; one on a helper the CDK generated says so and names the CDK
    fix, and one on a helper nothing in the app changes (the Provider framework's) is not reported.
    """
    if not found:  # most rules on most templates: nothing of what follows applies
        return []
    seen: set[tuple[Path, str]] = set()
    result = []
    globals_lines = _span(getattr(cfn, "transform_pre", {}).get("Globals"))
    model = access_model(cfn)
    unique = []
    for path, message in found:
        if _unchangeable(model, path):
            continue
        if (path, message) not in seen:
            seen.add((path, message))
            unique.append((path, message))
    rule = (rule_id or _calling_rule(sys._getframe(1))) if unique else None
    if rule is not None and old_ids(rule) and not is_mandatory(rule, old_ids(rule)):
        unique = [(path, message) for path, message in unique if not _ignored_by_old_id(cfn.template, rule, path)]
    if _baseline.is_recording():
        return _recorded(cfn, unique, globals_lines, model)
    applied = _baseline.applied(cfn) if unique else None
    if applied is not None and rule is not None:
        unique = applied.unreported(rule, cfn.template, unique)
    if len(unique) > MAX_FINDINGS_PER_RULE:
        rest = len(unique) - MAX_FINDINGS_PER_RULE
        first_left_out = unique[MAX_FINDINGS_PER_RULE][0]
        unique = unique[:MAX_FINDINGS_PER_RULE]
        unique.append(
            (
                first_left_out,
                f"{rest} more findings of this rule in this template are not listed (from here on); "
                f"fix the {MAX_FINDINGS_PER_RULE} above, or the pattern they share, and lint again",
            )
        )
    for path, message in unique:
        result.append(_match(cfn, path, message, globals_lines, model))
    return result


def _match(cfn: Any, path: Path, message: str, globals_lines: tuple[int, int] | None, model: Any = None) -> RuleMatch:
    match = RuleMatch(list(path), shorten(message) + (_cdk_note(model, path) if model is not None else ""))
    in_string = _string_key_span(cfn.template, path)
    if in_string is not None:
        match.location = in_string  # type: ignore[attr-defined]  # read by cfn-lint via hasattr
    elif globals_lines is not None:
        location = _local_override(cfn.template, path, globals_lines)
        if location is not None:
            match.location = location  # type: ignore[attr-defined]  # read by cfn-lint via hasattr
    return match


def _recorded(
    cfn: Any, unique: list[tuple[Path, str]], globals_lines: tuple[int, int] | None, model: Any
) -> list[RuleMatch]:
    """Every finding, uncapped, each with its fingerprint (cfn-lint copies the attribute onto its ``Match``);
    the fingerprint is of the rule's own message, without the AWS CDK notes."""
    result = []
    for path, message in unique:
        match = _match(cfn, path, message, globals_lines, model)
        match.baseline_key = _baseline.fingerprint(cfn.template, path, message)  # type: ignore[attr-defined]
        result.append(match)
    return result


def _ignored_by_old_id(template: Any, rule_id: str, path: Path) -> bool:
    """Whether the finding's resource lists an old id of the (renamed) rule in its ``ignore_checks``, which
    cfn-lint, matching the new id only, would not apply (``lint_rules._renames``)."""
    logical_id = _resource_of(path)
    return logical_id is not None and ignored_by_old_id(template, rule_id, logical_id)


def _resource_of(path: Path) -> str | None:
    return path[1] if len(path) > 1 and path[0] == "Resources" and isinstance(path[1], str) else None


def _unchangeable(model: Any, path: Path) -> bool:
    """Whether the finding is on a CDK helper that nothing in the app changes."""
    logical_id = _resource_of(path)
    helper = model.cdk_helpers.get(logical_id) if logical_id is not None else None
    return helper is not None and helper.fix is None


def _cdk_note(model: Any, path: Path) -> str:
    """What a CDK user needs after the message: the helper the CDK generated and its fix, and the construct
    path (its last ``MAX_QUOTED`` characters: a path is as long as the app's nesting)."""
    logical_id = _resource_of(path)
    if logical_id is None:
        return ""
    note = ""
    helper = model.cdk_helpers.get(logical_id)
    if helper is not None and helper.fix is not None:
        users = helper.used_by[:3]
        more = f" and {len(helper.used_by) - 3} more" if len(helper.used_by) > 3 else ""
        served = f", for {', '.join(_tail(user) for user in users)}{more}" if users else ""
        note = f"; generated by the CDK ({helper.what}{served}): {helper.fix}"
    construct = model.constructs.get(logical_id)
    if construct is not None:
        note += f" [construct: {_tail(construct)}]"
    return note


def _tail(construct: str) -> str:
    """The path, or its innermost constructs that fit in ``MAX_QUOTED`` characters after '.../'."""
    if len(construct) <= MAX_QUOTED:
        return construct
    parts, kept = construct.split("/"), list[str]()
    while parts and len("/".join([parts[-1], *kept])) <= MAX_QUOTED - 4:
        kept.insert(0, parts.pop())
    return ".../" + "/".join(kept) if kept else "..." + construct[-(MAX_QUOTED - 3) :]


def _calling_rule(frame: FrameType | None) -> str | None:
    """The id of the rule whose method called ``findings`` (its ``self``), looking a few frames up."""
    for _ in range(4):
        if frame is None:
            return None
        owner = frame.f_locals.get("self")
        rule_id = getattr(owner, "id", None) if callable(getattr(owner, "matchall", None)) else None
        if isinstance(rule_id, str) and rule_id:
            return rule_id
        frame = frame.f_back
    return None


TRUSTED_ACCOUNTS = "trusted_accounts"


def add_trusted_accounts_option(rule: Any) -> None:
    """Give a rule the ``trusted_accounts`` option (configure_rules, ``.cfnlintrc``, ``-x``), default none."""
    rule.config_definition = {TRUSTED_ACCOUNTS: {"default": [], "type": "list", "itemtype": "string"}}
    warn_unknown_options(rule)
    rule.configure()


_WARNED: set[tuple[str, tuple[str, ...]]] = set()


def warn_unknown_options(rule: Any) -> None:
    """Log a warning when the rule is configured with an option it does not have (a misspelt
    ``trusted_account``): cfn-lint drops such keys without a word, and the rule would then run unconfigured.
    Once per rule and set of unknown keys in a process (cfn-lint configures every rule for every template)."""
    configure = rule.configure

    def checked(configs: Any = None, experimental: Any = False) -> Any:
        if isinstance(configs, dict):
            known = [name for name in rule.config_definition if name != "experimental"]
            unknown = tuple(sorted(str(key) for key in configs if key not in rule.config_definition))
            if unknown and (rule.id, unknown) not in _WARNED:
                _WARNED.add((rule.id, unknown))
                for key in unknown:
                    close = difflib.get_close_matches(key, known, n=1)
                    hint = f"did you mean '{close[0]}'? " if close else ""
                    LOGGER.warning(
                        "%s: unknown option '%s', which cfn-lint ignores (%s%s reads only %s)",
                        rule.id,
                        key,
                        hint,
                        rule.id,
                        ", ".join(f"'{name}'" for name in known),
                    )
        return configure(configs, experimental)

    rule.configure = checked


def trusted_accounts(rule: Any) -> set[str]:
    """The accounts a rule's ``trusted_accounts`` option lists."""
    return configured_accounts(rule.config.get(TRUSTED_ACCOUNTS, []))


def configured_accounts(configured: Any) -> set[str]:
    """A ``trusted_accounts`` option: a list (``.cfnlintrc``), or one string of ids separated by spaces
    (``-x``, whose values cfn-lint splits at commas)."""
    items = configured if isinstance(configured, list) else [configured]
    return {part for item in items for part in re.split(r"[\s,;]+", str(item)) if part}


def grant_subject(invocation: Any) -> str:
    """How a message names a grant: 'Permission 'P'' or 'Statement 2 of resource policy 'RP''."""
    if invocation.statement is not None:
        return f"{invocation.statement.label()} of resource policy '{invocation.resource}'"
    return f"Permission '{invocation.resource}'"


def quote(name: str | None) -> str:
    return f"'{name}'" if name else "a function outside this template"


def quote_layer(name: str | None) -> str:
    return f"layer '{name}'" if name else "a layer outside this template"


def _span(node: Any) -> tuple[int, int] | None:
    start, end = getattr(node, "start_mark", None), getattr(node, "end_mark", None)
    if start is None or end is None:
        return None
    return int(start.line), int(end.line)


def _string_key_span(template: Any, path: Path) -> tuple[int, int, int, int] | None:
    """The span of the key holding a string that the path goes on into (a JSON-string document), if any."""
    node, holder, name = template, None, None
    for step in path:
        if isinstance(node, str):
            # The decoder's key object carries the marks; look it up only now, in one mapping.
            return _mark_span(next((key for key in holder if key == name), None)) if holder is not None else None
        try:
            if isinstance(node, dict):
                holder, name = node, step
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return None
    return None


def _mark_span(node: Any) -> tuple[int, int, int, int] | None:
    start, end = getattr(node, "start_mark", None), getattr(node, "end_mark", None)
    if start is None or end is None:
        return None
    return (int(start.line), int(start.column), int(end.line), int(end.column))


def _local_override(template: Any, path: Path, globals_lines: tuple[int, int]) -> tuple[int, int, int, int] | None:
    """The value's own span when the path's key was written in Globals but its value in the resource."""
    node, key = template, None
    for step in path:
        try:
            if isinstance(node, dict):
                key = next((k for k in node if k == step), None)
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return None
    key_span, value_start, value_end = (
        _span(key),
        getattr(node, "start_mark", None),
        getattr(node, "end_mark", None),
    )
    if key_span is None or value_start is None or value_end is None:
        return None
    first, last = globals_lines
    if first <= key_span[0] <= last and not first <= value_start.line <= last:
        return (value_start.line, value_start.column, value_end.line, value_end.column)
    return None
