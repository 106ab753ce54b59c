"""A rule the cfn-lint run does not report does no work (issue 22, cost): cfn-lint calls every rule's match,
enabled or not, and drops the disabled ones' matches afterwards; this plugin's rules return at once instead.
The enabled set is read once per run, so a second run on the same template with another configuration is
not answered from the first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from cfnlint.config import ConfigMixIn
from cfnlint.decode import decode_str
from cfnlint.rules import Rules
from cfnlint.template import Template

import lint_rules.invocation.api_read_method_unauthenticated as ia1013

BAD = Path(__file__).parent / "fixtures" / "IA1013" / "bad_sam.yaml"


@pytest.fixture(scope="module")
def rules() -> Rules:
    return Rules.create_from_module("lint_rules")


def _template() -> Template:
    decoded, errors = decode_str(BAD.read_text(encoding="utf-8"))
    assert decoded is not None and not errors
    cfn = Template(str(BAD), decoded, ["us-east-1"])
    cfn.transform()
    return cfn


def _run(rules: Rules, cfn: Template, include: list[str]) -> list[str]:
    config = ConfigMixIn(regions=["us-east-1"], include_checks=include)
    return [match.rule.id for match in rules.run(str(BAD), cfn, config)]


def test_a_rule_the_run_does_not_report_does_not_look(rules: Rules, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Any] = []
    real = ia1013.open_routes  # type: ignore[attr-defined]

    def counted(*args: Any) -> Any:
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(ia1013, "open_routes", counted)
    assert "IA1013" not in _run(rules, _template(), [])  # cfn-lint's default: errors and warnings
    assert calls == []
    assert "IA1013" in _run(rules, _template(), ["I"])
    assert len(calls) == 1


def test_a_second_run_on_the_same_template_reads_its_own_configuration(rules: Rules) -> None:
    cfn = _template()
    assert "IA1013" not in _run(rules, cfn, [])
    assert "IA1013" in _run(rules, cfn, ["I"])  # (read from the first run, the rule would not look)
    assert "IA1013" not in _run(rules, cfn, [])
