"""Renamed rules: the old id of a rule whose level changed keeps working wherever this plugin reads rule ids.

A rule's level is the first letter of its id (cfn-lint derives the severity from it), so a level change
renames the rule; ``lint_rules/data/renamed_rules.json`` lists each rename (old id, new id, date, reason), and
``docs/renamed-rules.md`` is generated from it. Where the old id is honoured:

- cfn-lint's lists of ids: ``-i``/``--ignore-checks``, ``-c``/``--include-checks``, ``--mandatory-checks``,
  the same keys in ``.cfnlintrc`` and in a template's top-level ``Metadata: cfn-lint: config``. cfn-lint asks
  each rule whether it is enabled (``CloudFormationLintRule.is_enabled``); a renamed rule reads an entry that is
  exactly one of its old ids as its own id (a prefix such as ``W`` or ``WA3`` means a level or an area, and
  keeps meaning the current one);
- ``configure_rules``/``-x`` options given under an old id (the new id's own options win);
- a resource's ``Metadata: cfn-lint: config: ignore_checks``: cfn-lint filters those by the match's rule id
  after the rules run, so the plugin drops a renamed rule's findings on a resource that lists an old id itself
  (``lint_rules._findings``, and the precedence judging in ``lint_rules._verdicts``, so the finding's folded
  observations speak instead, as for the new id);
- the baseline file (``lint_rules._baseline``): an entry of an old id holds the renamed rule's findings;
- SARIF (``lint_rules.sarif``): the rule's ``reportingDescriptor`` gets ``deprecatedIds``.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Rename:
    old: str
    new: str
    date: str
    reason: str


@functools.cache
def renames() -> tuple[Rename, ...]:
    """Every rename of ``lint_rules/data/renamed_rules.json``, in the file's order."""
    text = resources.files("lint_rules.data").joinpath("renamed_rules.json").read_text(encoding="utf-8")
    return tuple(
        Rename(entry["old"], entry["new"], entry["date"], entry["reason"]) for entry in json.loads(text)["renamed"]
    )


@functools.cache
def _new_of() -> dict[str, str]:
    return {rename.old: rename.new for rename in renames()}


@functools.cache
def current_id(rule_id: str) -> str:
    """The id the rule has now (``rule_id`` itself unless it was renamed, following renames of renames)."""
    seen = {rule_id}
    while rule_id in _new_of():
        rule_id = _new_of()[rule_id]
        if rule_id in seen:
            break  # a cycle in the data; the registry test forbids it
        seen.add(rule_id)
    return rule_id


@functools.cache
def old_ids(rule_id: str) -> tuple[str, ...]:
    """Every id the rule had before (directly or through a chain of renames)."""
    return tuple(rename.old for rename in renames() if rename.old != rule_id and current_id(rename.old) == rule_id)


def read_ids(ids: Iterable[Any] | None, rule_id: str, olds: tuple[str, ...]) -> list[Any] | None:
    """A list of rule ids as ``rule_id`` reads it: an entry that is exactly one of its ``olds`` names it."""
    if ids is None:
        return None
    return [rule_id if isinstance(entry, str) and entry in olds else entry for entry in ids]


def honour_old_ids(rule: Any, olds: tuple[str, ...] | None = None) -> None:
    """Make a renamed rule (an instance; its ``__init__`` calls this) answer to its old ids, in cfn-lint's
    id lists and rule options. ``olds`` defaults to the rule's old ids in ``renamed_rules.json``."""
    olds = old_ids(rule.id) if olds is None else olds
    if not olds:
        return
    rule.old_ids = olds
    is_enabled, configure = rule.is_enabled, rule.configure

    def enabled(
        include_experimental: Any = False,
        ignore_rules: Any = None,
        include_rules: Any = None,
        mandatory_rules: Any = None,
    ) -> Any:
        return is_enabled(
            include_experimental,
            read_ids(ignore_rules, rule.id, olds),
            read_ids(include_rules, rule.id, olds),
            read_ids(mandatory_rules, rule.id, olds),
        )

    def configured(configs: Any = None, experimental: Any = False) -> Any:
        return configure(_with_old_options(configs, olds), experimental)

    rule.is_enabled = enabled
    rule.configure = configured


def _with_old_options(configs: Any, olds: tuple[str, ...]) -> Any:
    """The options cfn-lint passes for the new id, over those the run's ``configure_rules`` gives an old id."""
    from lint_rules._runner import runner_local

    run = runner_local("config")
    configured = getattr(run, "configure_rules", None)
    if not isinstance(configured, dict):
        return configs
    merged: dict[Any, Any] = {}
    for old in olds:
        options = configured.get(old)
        if isinstance(options, dict):
            merged.update(options)
    if not merged:
        return configs
    return {**merged, **configs} if isinstance(configs, dict) else merged


def ignored_by_old_id(template: Any, rule_id: str, logical_id: str) -> bool:
    """Whether the resource's ``Metadata: cfn-lint: config: ignore_checks`` names an old id of the rule."""
    olds = old_ids(rule_id)
    if not olds:
        return False
    return any(name in olds for name in resource_ignores(template, logical_id))


def resource_ignores(template: Any, logical_id: Any) -> set[str]:
    """The rule ids a resource's ``Metadata: cfn-lint: config: ignore_checks`` names, as written."""
    resources_ = template.get("Resources") if isinstance(template, dict) else None
    resource = resources_.get(logical_id) if isinstance(resources_, dict) else None
    node: Any = resource.get("Metadata") if isinstance(resource, dict) else None
    for step in ("cfn-lint", "config", "ignore_checks"):
        node = node.get(step) if isinstance(node, dict) else None
    if isinstance(node, str):
        return {node}
    return {str(item) for item in node} if isinstance(node, list) else set()
