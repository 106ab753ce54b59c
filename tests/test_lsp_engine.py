"""The language server's fast lane: the same findings as cfn-lint's own ``Rules.run`` at less cost
(issue 22 item 1), and the garbage collector held off during it and restored after."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest
from cfnlint.rules import CloudFormationLintRule, RuleMatch, Rules

from lint_rules.lsp._engine import Engine, Finding, PluginRules, Prepared
from lint_rules.lsp._server import _Collections

FIXTURES = Path(__file__).parent / "fixtures"
TEMPLATES = sorted(path for path in FIXTURES.glob("*/*") if path.suffix in {".yaml", ".json"})


def _findings(engine: Engine, path: Path, rules: Rules) -> list[Finding]:
    prepared = engine.prepare(path.read_text(encoding="utf-8"), path)
    assert isinstance(prepared, Prepared), path
    return list(engine._run(prepared, rules).findings)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


def test_the_fast_lane_finds_what_cfn_lints_run_finds_on_every_fixture(engine: Engine) -> None:
    plain = Rules.create_from_module("lint_rules")  # cfn-lint's own run, per-resource pass included
    fast = engine.plugin_rules()
    assert isinstance(fast, PluginRules)
    assert set(fast) == set(plain)
    found = 0
    for path in TEMPLATES:
        expected = _findings(engine, path, plain)
        assert _findings(engine, path, fast) == expected, path
        found += len(expected)
    assert len(TEMPLATES) > 300
    assert found > 300  # the bad fixtures' findings are among them


class _PerResource(CloudFormationLintRule):
    id = "E9903"
    shortdesc = "Per-resource check"
    description = "Reports every queue from cfn-lint's per-resource pass."
    source_url = ""
    tags: list[str] = []

    def __init__(self) -> None:
        super().__init__()
        self.resource_property_types = ["AWS::SQS::Queue"]

    def match_resource_properties(
        self, properties: dict[str, Any], resourcetype: str, path: Any, cfn: Any
    ) -> list[RuleMatch]:
        return [RuleMatch(list(path), "a queue")]


def test_a_rule_with_a_per_resource_check_keeps_cfn_lints_resource_pass(engine: Engine, tmp_path: Path) -> None:
    template = tmp_path / "queue.yaml"
    template.write_text("Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties: {}\n", encoding="utf-8")
    rules = PluginRules()
    rules.update(Rules.create_from_module("lint_rules"))
    rules.register(_PerResource())
    assert [f.rule_id for f in _findings(engine, template, rules)] == ["E9903"]


def test_collections_are_held_then_run_once_and_the_collector_restored() -> None:
    collections = _Collections()
    assert gc.isenabled()
    try:
        collections.hold()
        collections.hold()  # nested: still one hold
        assert not gc.isenabled()
        assert collections.held
        cycle: list[object] = []
        cycle.append(cycle)
        del cycle
        before = gc.get_stats()[2]["collections"]
        collections.release()
        assert gc.isenabled()
        assert not collections.held
        assert gc.get_stats()[2]["collections"] == before + 1  # one full collection
        collections.release()  # nothing held: nothing done
        assert gc.get_stats()[2]["collections"] == before + 1
    finally:
        gc.enable()


def test_a_host_that_keeps_the_collector_off_keeps_it_off() -> None:
    collections = _Collections()
    gc.disable()
    try:
        collections.hold()
        collections.release()
        assert not gc.isenabled()
    finally:
        gc.enable()
