"""One fact, one finding: the precedence between rules that can report the same fact.

cfn-lint runs every rule on its own, so nothing stops two rules from reporting one statement (``iam:*``
on ``*`` is an action wildcard, a PassRole grant, an access-key grant and an escalation path at once).
``lint_rules/data/precedence.json`` groups such rules into families. For a family, every observer (a
function of the access model, named in the table) says what each of its rules would report: an
``Observation`` with the rule, the path, the full message, a short note for when another finding
speaks for it, and the fact it is about (a statement, a principal, a user; by default its path).

Per fact, one observation speaks: the most severe (the rule id's letter: E, W, I), then the first in the
family's ``order``. The others fold into its message ("...; also: can pass any role ..."). Judged once
per template (cached on the access model), so each rule's ``match`` only returns its share.

A rule that cannot report (not enabled in this run: ``-i``, informational rules left out, or named in
the resource's ``Metadata: cfn-lint: config: ignore_checks``, unless the run makes it mandatory) takes no part,
so silencing the rule that would speak never silences what it would have folded: the next one speaks instead.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import json
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from importlib import resources
from typing import Any

from cfnlint.rules import RuleMatch

from lint_rules._findings import findings
from lint_rules._renames import current_id, old_ids, resource_ignores
from lint_rules._runner import enabled_for, is_mandatory, runner_local
from lint_rules.model import AccessModel, Path, access_model
from lint_rules.model._collector import young_only

_SEVERITY = "EWI"
NOTES_SHOWN = 3  # folded notes quoted in one message; the rest are counted


@dataclass(frozen=True)
class Observation:
    """What ``rule`` would report at ``path``; ``note`` is how it reads folded into another finding;
    observations of one family with the same ``fact`` fold (None: the fact is the path)."""

    rule: str
    path: Path
    message: str
    note: str
    fact: Hashable = None

    @property
    def key(self) -> Hashable:
        return self.path if self.fact is None else self.fact


Observer = Callable[..., list[Observation]]
RuleConfig = Callable[[str], dict[str, Any]]  # a rule id -> that rule's configured options (``config_definition``)


@dataclass(frozen=True)
class Family:
    name: str
    order: tuple[str, ...]
    observers: tuple[str, ...]


@functools.cache
def families() -> dict[str, Family]:
    """The families of lint_rules/data/precedence.json, by name."""
    text = resources.files("lint_rules.data").joinpath("precedence.json").read_text(encoding="utf-8")
    return {
        name: Family(name, tuple(entry["order"]), tuple(entry["observers"]))
        for name, entry in json.loads(text)["families"].items()
    }


@functools.cache
def family_of(rule_id: str) -> Family | None:
    return next((family for family in families().values() if rule_id in family.order), None)


@functools.cache
def _observer(reference: str) -> tuple[Observer, bool]:
    """The observer a reference names, and whether it takes the run's rule options (a second parameter)."""
    module, _, name = reference.partition(":")
    function: Observer = getattr(importlib.import_module(module), name)
    return function, len(inspect.signature(function).parameters) > 1


def observations(rule: str, found: list[tuple[Path, str]], note: str | Callable[[str], str]) -> list[Observation]:
    """Observations of a rule whose findings are (path, message) pairs and whose fact is the path; ``note``
    is its folded text, or a function of the message giving it."""
    return [
        Observation(rule, path, message, note if isinstance(note, str) else note(message)) for path, message in found
    ]


def speak(cfn: Any, rule_id: str) -> list[RuleMatch]:
    """The matches of a rule of a precedence family: the facts it speaks for, with what it folds."""
    return findings(cfn, verdicts(cfn, rule_id), rule_id)


def verdicts(cfn: Any, rule_id: str) -> list[tuple[Path, str]]:
    family = family_of(rule_id)
    if family is None:
        raise KeyError(f"{rule_id} is in no family of precedence.json")
    model = access_model(cfn)
    key = f"verdicts.{family.name}"
    cached: dict[str, list[tuple[Path, str]]] | None = model.derived.get(key)
    if cached is None:
        with young_only():
            cached = _judge(cfn, model, family)
        model.derived[key] = cached
    return cached.get(rule_id, [])


def _judge(cfn: Any, model: AccessModel, family: Family) -> dict[str, list[tuple[Path, str]]]:
    enabled = enabled_for(cfn)
    mandatory: set[str] | None = None  # read from cfn-lint's runner only where a resource ignores a rule
    rank = {rule: (_SEVERITY.index(rule[0]), position) for position, rule in enumerate(family.order)}
    facts: dict[Hashable, list[Observation]] = {}
    for reference in family.observers:
        observer, configured = _observer(reference)
        for seen in observer(model, rule_config) if configured else observer(model):
            if seen.rule not in rank:
                raise KeyError(f"{reference} observed {seen.rule}, which is not in family {family.name}")
            if enabled is not None and seen.rule not in enabled:
                continue
            if seen.rule in _ignored_at(cfn.template, seen.path):
                if mandatory is None:
                    mandatory = {rule for rule in family.order if is_mandatory(rule, old_ids(rule))}
                if seen.rule not in mandatory:
                    continue  # (a mandatory rule is reported whatever a resource's Metadata says, as cfn-lint does)
            facts.setdefault(seen.key, []).append(seen)
    spoken: dict[str, list[tuple[Path, str]]] = {}
    for group in facts.values():
        speaker = min(group, key=lambda observation: rank[observation.rule])
        notes = list(dict.fromkeys(other.note for other in group if other.note and other.note != speaker.note))
        message = speaker.message
        if notes:
            shown = "; ".join(notes[:NOTES_SHOWN])
            more = f"; and {len(notes) - NOTES_SHOWN} more" if len(notes) > NOTES_SHOWN else ""
            message = f"{message} (also: {shown}{more})"
        spoken.setdefault(speaker.rule, []).append((speaker.path, message))
    return spoken


def rule_config(rule_id: str) -> dict[str, Any]:
    """A rule's configured options in this cfn-lint run (``-x``, ``configure_rules``): an observer that speaks
    for another rule of its family needs them (WA3005's ``trusted_accounts``). Read from the runner's rule set
    (``self.data`` of ``Rules.run``, beside ``enabled_rule_ids``); empty outside cfn-lint's runner."""
    runner = runner_local("self")
    data = getattr(runner, "data", None)
    rule = data.get(current_id(rule_id)) if isinstance(data, dict) else None
    config = getattr(rule, "config", None)
    return config if isinstance(config, dict) else {}


def _ignored_at(template: Any, path: Path) -> set[str]:
    """The rule ids a resource's ``Metadata: cfn-lint: config: ignore_checks`` names, for a path inside it (an
    old id of a renamed rule read as its id now)."""
    if len(path) < 2 or path[0] != "Resources":
        return set()
    return {current_id(name) for name in resource_ignores(template, path[1])}
