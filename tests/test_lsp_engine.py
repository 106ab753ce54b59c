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


_SAM_WITH_REFS = """\
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.12
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{AttributeName: id, KeyType: HASH}]
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      BillingMode: PAY_PER_REQUEST
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      CodeUri: src/
      Environment:
        Variables:
          TABLE: !Ref Table
          ARN: !GetAtt Table.Arn
"""


def test_the_fast_lanes_template_defers_the_graph_and_cfn_lints_stage_gets_cfn_lints_graph(
    engine: Engine, tmp_path: Path
) -> None:
    import cfnlint.template.template as template_module
    import cfnlint.template.transforms.transform as transform_module
    from cfnlint.graph import Graph
    from cfnlint.helpers import format_json_string
    from cfnlint.template import Template

    from lint_rules.lsp._light import DeferredGraph

    document = tmp_path / "template.yaml"
    prepared = engine.prepare(_SAM_WITH_REFS, document)
    assert isinstance(prepared, Prepared)
    engine.plugin_stage(prepared)
    assert prepared.cfn is not None
    assert isinstance(prepared.cfn.graph, DeferredGraph)  # not built: this plugin's rules do not read it
    # what cfn-lint's module globals were is what they are again
    assert template_module.Graph is Graph and transform_module.Graph is Graph
    assert transform_module.format_json_string is format_json_string

    engine.cfn_lint_stage(prepared)  # the second stage, on the same template
    assert type(prepared.cfn.graph) is Graph
    again = engine.prepare(_SAM_WITH_REFS, document)
    assert isinstance(again, Prepared)
    reference = Template(str(document), again.template, ["us-east-1"])
    reference.transform()
    assert reference.graph is not None
    assert sorted(prepared.cfn.graph.graph.edges) == sorted(reference.graph.graph.edges)
    assert ("Fn", "Table") in {edge[:2] for edge in prepared.cfn.graph.graph.edges}  # the Ref and GetAtt are read


def test_the_fast_lanes_deferred_log_text_is_cfn_lints_when_it_is_logged(engine: Engine, tmp_path: Path) -> None:
    import logging

    from cfnlint.helpers import format_json_string

    records: list[str] = []

    class _Sink(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record.getMessage())

    logger = logging.getLogger("cfnlint")
    sink = _Sink(level=logging.INFO)
    level = logger.level
    logger.addHandler(sink)
    logger.setLevel(logging.INFO)
    try:
        prepared = engine.prepare(_SAM_WITH_REFS, tmp_path / "template.yaml")
        assert isinstance(prepared, Prepared)
        engine.plugin_stage(prepared)
    finally:
        logger.removeHandler(sink)
        logger.setLevel(level)
    assert prepared.cfn is not None
    transformed = [text for text in records if text.startswith("Transformed template: \n")]
    expected = format_json_string(prepared.cfn.template)  # type: ignore[no-untyped-call]
    assert transformed == ["Transformed template: \n" + expected]


def test_a_graph_cfn_lints_template_could_not_build_is_none_for_cfn_lints_stage() -> None:
    from lint_rules.lsp._light import DeferredGraph, realize

    def broken(cfn: Any) -> Any:
        raise KeyError("Resources")

    class _Cfn:
        graph: Any = None

    guarded = _Cfn()
    guarded.graph = DeferredGraph(broken, guarded, guarded=True)  # as Template.__init__ builds it
    realize(guarded)
    assert guarded.graph is None  # cfn-lint's Template catches it and keeps None

    unguarded = _Cfn()
    unguarded.graph = DeferredGraph(broken, unguarded, guarded=False)  # as transform() builds it
    with pytest.raises(KeyError):
        realize(unguarded)  # cfn-lint's transform lets it through
