"""Renamed rules (``lint_rules/data/renamed_rules.json``): the old id of a rule whose level changed keeps working
wherever this plugin reads rule ids, through real cfn-lint on real templates: cfn-lint's id lists (command line,
``.cfnlintrc``, template ``Metadata``), rule options, a resource's ``ignore_checks``, the baseline, the language
server and SARIF."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from cfnlint.api import lint
from cfnlint.config import ConfigMixIn, ManualArgs
from cfnlint.decode.decode import decode_str
from cfnlint.rules import Rules
from cfnlint.runner.template.runner import run_template_by_data

from conftest import FIXTURES
from lint_rules import baseline, docs
from lint_rules._precommit import _cfn_lint
from lint_rules._renames import current_id, honour_old_ids, old_ids, renames
from lint_rules.lsp._engine import Engine, Prepared
from lint_rules.lsp._suppress import suppress_edit
from lint_rules.sarif import annotate, plugin_severities

USER = (FIXTURES / "IA3021" / "bad_old_id.yaml").read_text(encoding="utf-8")
# the user of bad_old_id.yaml without its Metadata: IA3020 speaks, folding IA3021
PLAIN_USER = re.sub(r"    Metadata:\n(?:      .*\n)+", "", USER)
SPOKEN = "IA3020 User 'Deployer' is given inline policy 'deploy' directly"


def _ours(text: str, **options: Any) -> list[str]:
    config = ManualArgs(regions=["us-east-1"], **options)  # type: ignore[typeddict-item]
    config["append_rules"] = ["lint_rules"]
    return sorted(f"{m.rule.id} {m.message}" for m in lint(text, config=config) if re.match(r"[EWI]A\d", m.rule.id))


def test_the_data_is_consistent() -> None:
    rule_ids = {str(cls.id) for cls in docs.rule_classes()}
    assert renames(), "the mechanism has at least the rename of issue 15"
    for rename in renames():
        assert rename.old not in rule_ids, f"{rename.old} is renamed but still a rule"
        assert current_id(rename.old) in rule_ids, f"{rename.old} leads to no rule"
        assert rename.old[1:] == rename.new[1:] and rename.old[0] != rename.new[0], "a rename changes the level only"
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", rename.date) and rename.reason
        assert not (FIXTURES / rename.old).exists(), f"the fixtures of {rename.old} move to {rename.new}"
    assert old_ids("IA3020") == ("WA3020",)
    assert current_id("WA3020") == "IA3020" and current_id("IA3021") == "IA3021"


def test_every_renamed_rule_answers_to_its_old_ids() -> None:
    rules = Rules.create_from_module("lint_rules")
    for rename in renames():
        rule = rules[current_id(rename.old)]
        assert rule.is_enabled(include_rules=["W", "E", "I"])  # type: ignore[no-untyped-call]
        assert not rule.is_enabled(include_rules=["W", "E", "I"], ignore_rules=[rename.old])  # type: ignore[no-untyped-call]


def test_the_plain_user_is_one_informational_finding() -> None:
    assert [line[: len(SPOKEN)] for line in _ours(PLAIN_USER, include_checks=["I"])] == [SPOKEN]
    assert _ours(PLAIN_USER) == []  # informational: off by default


def test_ignore_checks_with_the_old_id_and_the_folded_observation_speaks() -> None:
    found = _ours(PLAIN_USER, include_checks=["I"], ignore_checks=["WA3020"])
    assert found == [
        "IA3021 User 'Deployer' belongs to no group; add it to a group that carries its permissions, or use a role"
    ]


def test_a_prefix_keeps_naming_a_level_not_the_old_id() -> None:
    # `-i W` silences warnings; IA3020 is no longer one
    assert [line[: len(SPOKEN)] for line in _ours(PLAIN_USER, include_checks=["I"], ignore_checks=["W"])] == [SPOKEN]


def test_include_and_mandatory_checks_with_the_old_id() -> None:
    assert [line[: len(SPOKEN)] for line in _ours(PLAIN_USER, include_checks=["WA3020"])] == [SPOKEN]
    found = _ours(PLAIN_USER, include_checks=["I"], ignore_checks=["IA"], mandatory_checks=["WA3020"])
    assert [line[: len(SPOKEN)] for line in found] == [SPOKEN]


def test_the_command_line_and_the_template_metadata(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    template = tmp_path / "user.yaml"
    template.write_text(PLAIN_USER, encoding="utf-8")
    capsys.readouterr()
    _cfn_lint(["--append-rules=lint_rules", "-c", "I", "-i", "WA3020", "-f", "parseable", "--", str(template)])
    assert [line.split(":")[5] for line in capsys.readouterr().out.splitlines()] == ["IA3021"]
    silenced = PLAIN_USER.replace(
        "Resources:\n", "Metadata:\n  cfn-lint:\n    config:\n      ignore_checks: [WA3020, IA3021]\nResources:\n", 1
    )
    template.write_text(silenced, encoding="utf-8")
    code = _cfn_lint(["--append-rules=lint_rules", "-c", "I", "-f", "parseable", "--", str(template)])
    assert (code, capsys.readouterr().out) == (0, "")


def test_cfnlintrc_ignore_checks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "user.yaml").write_text(PLAIN_USER, encoding="utf-8")
    (tmp_path / ".cfnlintrc").write_text("ignore_checks:\n  - WA3020\n  - IA3021\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    code = _cfn_lint(["--append-rules=lint_rules", "-c", "I", "-f", "parseable", "--", "user.yaml"])
    assert (code, capsys.readouterr().out) == (0, "")


def test_resource_metadata_with_the_old_id() -> None:
    assert _ours(USER, include_checks=["I"]) == [
        "IA3021 User 'Deployer' belongs to no group; add it to a group that carries its permissions, or use a role"
    ]
    both = USER.replace("            - WA3020\n", "            - WA3020\n            - IA3021\n")
    assert _ours(both, include_checks=["I"]) == []


def _run(text: str, rules: Rules, **options: Any) -> list[str]:
    """cfn-lint's runner with a given rule set (what ``cfnlint.api.lint`` does for a ``RulesCollection``)."""
    template, errors = decode_str(text)
    assert not errors and template is not None
    config = ConfigMixIn(regions=["us-east-1"], **options)
    return [f"{m.rule.id} {m.message}" for m in run_template_by_data(template, config, rules)]


def test_mandatory_checks_outrank_resource_metadata_in_a_family() -> None:
    both = USER.replace("            - WA3020\n", "            - WA3020\n            - IA3021\n")
    # as cfn-lint does for its own rules: a mandatory rule is reported whatever the resource's Metadata says
    assert [line[:6] for line in _ours(both, include_checks=["I"], mandatory_checks=["IA3021"])] == ["IA3021"]
    assert [line[: len(SPOKEN)] for line in _ours(both, include_checks=["I"], mandatory_checks=["WA3020"])] == [SPOKEN]


def test_options_given_under_an_old_id() -> None:
    """No renamed rule has options yet: WA3005 stands in, as if it had been 'XA3005'."""
    trust = (FIXTURES / "WA3005" / "bad_sam.yaml").read_text(encoding="utf-8")
    rules = Rules.create_from_module("lint_rules")
    honour_old_ids(rules["WA3005"], ("XA3005",))
    before = [line for line in _run(trust, rules) if line.startswith("WA3005 ")]
    assert len(before) == 1 and "'111122223333'" in before[0]
    trusted = {"trusted_accounts": ["111122223333"]}
    assert [
        line for line in _run(trust, rules, configure_rules={"XA3005": trusted}) if line.startswith("WA3005 ")
    ] == []
    # the new id's own options win over the old id's
    both = {"XA3005": trusted, "WA3005": {"trusted_accounts": ["999999999999"]}}
    assert [line for line in _run(trust, rules, configure_rules=both) if line.startswith("WA3005 ")] == before


def test_a_baseline_entry_of_the_old_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stacks = tmp_path / "stacks"
    stacks.mkdir()
    (stacks / "user.yaml").write_text(PLAIN_USER, encoding="utf-8")
    (tmp_path / ".cfn-lint-lambda-auth.yaml").write_text("baseline: baseline.json\n", encoding="utf-8")
    file = tmp_path / "baseline.json"
    capsys.readouterr()
    assert baseline.main(["write", str(file), "--", str(stacks / "*")]) == 0
    written = json.loads(file.read_text(encoding="utf-8"))
    assert [entry["rule"] for entry in written["findings"]] == ["IA3020"]
    # a baseline written before the rename names WA3020
    written["findings"][0]["rule"] = "WA3020"
    file.write_text(json.dumps(written), encoding="utf-8")
    capsys.readouterr()
    _cfn_lint(["--append-rules=lint_rules", "-c", "I", "-f", "parseable", "--", str(stacks / "user.yaml")])
    assert capsys.readouterr().out == ""  # held
    assert baseline.main(["check", str(file), "--fail-on-stale", "--", str(stacks / "*")]) == 0
    assert capsys.readouterr().out == (
        f"{file}: 0 of 1 entries match no finding any more; entries of renamed rules are read under their new ids "
        "(WA3020 as IA3020): --prune rewrites them under the new ids\n"
    )
    assert baseline.main(["check", str(file), "--prune", "--", str(stacks / "*")]) == 0
    assert capsys.readouterr().out.endswith("(WA3020 as IA3020): rewritten under the new ids\n")
    assert [entry["rule"] for entry in json.loads(file.read_text(encoding="utf-8"))["findings"]] == ["IA3020"]
    assert baseline.main(["check", str(file), "--", str(stacks / "*")]) == 0
    assert capsys.readouterr().out == f"{file}: 0 of 1 entries match no finding any more\n"


def test_the_language_server_honours_the_old_id_and_offers_no_second_suppression(tmp_path: Path) -> None:
    (tmp_path / ".cfnlintrc").write_text("include_checks:\n  - I\n", encoding="utf-8")  # informational rules on
    engine = Engine()
    plain = engine.prepare(PLAIN_USER, tmp_path / "user.yaml")
    assert isinstance(plain, Prepared)
    assert {finding.rule_id for finding in engine.plugin_stage(plain).findings} == {"IA3020"}
    prepared = engine.prepare(USER, tmp_path / "user.yaml")
    assert isinstance(prepared, Prepared)
    assert [finding.rule_id for finding in engine.plugin_stage(prepared).findings] == ["IA3021"]
    assert suppress_edit(USER, prepared.template, "Deployer", "IA3020") is None  # the old id is listed already
    edit = suppress_edit(USER, prepared.template, "Deployer", "IA3021")
    assert edit is not None and edit[1].strip() == "- IA3021"


def test_sarif_names_the_old_ids() -> None:
    log = {
        "runs": [{"tool": {"driver": {"rules": [{"id": "IA3020"}, {"id": "IA3021"}, {"id": "E3002"}]}}, "results": []}]
    }
    annotate(log, plugin_severities())
    rules = {rule["id"]: rule for rule in log["runs"][0]["tool"]["driver"]["rules"]}  # type: ignore[index]
    assert rules["IA3020"]["deprecatedIds"] == ["WA3020"]
    assert "deprecatedIds" not in rules["IA3021"] and "deprecatedIds" not in rules["E3002"]


def test_the_docs_list_every_rename_and_keep_the_old_page() -> None:
    page = (docs.ROOT / "docs" / "renamed-rules.md").read_text(encoding="utf-8")
    for rename in renames():
        assert f"| {rename.old} | [{rename.new}](rules/{rename.new}.md) | {rename.date} |" in page
        stub = (docs.ROOT / "docs" / "rules" / f"{rename.old}.md").read_text(encoding="utf-8")
        assert f"renamed to {rename.new}" in stub and f"({rename.new}.md)" in stub


def test_a_rule_outside_any_family_honours_its_old_id_in_resource_metadata() -> None:
    """IA1005 (was WA1005) reports through the plain findings layer, not a precedence family: a resource's
    ignore_checks naming WA1005 silences it on that resource only."""
    layers = (FIXTURES / "IA1005" / "bad.yaml").read_text(encoding="utf-8")
    assert [line[:6] for line in _ours(layers, include_checks=["I"])] == ["IA1005", "IA1005"]
    quiet = layers.replace(
        "  PublicLayer:\n    Type: AWS::Lambda::LayerVersionPermission\n",
        "  PublicLayer:\n    Type: AWS::Lambda::LayerVersionPermission\n"
        "    Metadata:\n      cfn-lint:\n        config:\n          ignore_checks: [WA1005]\n",
    )
    found = _ours(quiet, include_checks=["I"])
    assert len(found) == 1 and "'ConfigurableLayer'" in found[0]
    assert _ours(layers, include_checks=["I"], ignore_checks=["WA1005"]) == []
