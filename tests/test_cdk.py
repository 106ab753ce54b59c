"""Templates the AWS CDK synthesized (tests/cdk/, from scripts/synth_cdk_fixtures.py) through real cfn-lint.

Each ``<name>.template.json`` gives exactly the plugin findings in ``<name>.expected.txt`` (same
``file:line:col ID message`` format as tests/fixtures). cfn-lint's own findings are left out: CDK
output carries W3005 (a DependsOn also implied by a GetAtt) on most roles, which is the CDK's doing,
not an access fact.

AdministratorAccess (EA2002) and the cross-account trust (WA3005) are written with ``Fn::Join``, as the
CDK writes every managed-policy ARN and account principal: the value reader (lint_rules/model/_values.py)
reads them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, lint_file

CDK = ROOT / "tests" / "cdk"
TEMPLATES = sorted(CDK.glob("*.template.json"))
PLUGIN_PREFIXES = ("EA", "WA", "IA")


def _name(path: Path) -> str:
    return path.name.removesuffix(".template.json")


def _lines(path: Path) -> list[str]:
    if not path.is_file():
        return []
    return sorted(line for line in path.read_text(encoding="utf-8").splitlines() if line)


def _plugin_findings(path: Path) -> list[str]:
    found = []
    for line in lint_file(path):
        rule_id = line.split(" ", 2)[1]
        if rule_id.startswith(PLUGIN_PREFIXES):
            found.append(f"{path.name}:{line}")
    return sorted(found)


_FOUND: dict[Path, list[str]] = {}


def _found(path: Path) -> list[str]:
    if path not in _FOUND:
        _FOUND[path] = _plugin_findings(path)
    return _FOUND[path]


@pytest.mark.parametrize("path", TEMPLATES, ids=[_name(p) for p in TEMPLATES])
def test_cdk_template(path: Path) -> None:
    assert _found(path) == _lines(CDK / f"{_name(path)}.expected.txt")


def test_the_cdk_written_administrator_policy_and_account_principal_are_read() -> None:
    assert [line.split()[1] for line in _found(CDK / "admin_function.template.json")] == ["EA2002"]
    assert [line.split()[1] for line in _found(CDK / "cross_account.template.json")] == ["WA3005"]


def test_every_template_has_an_app_and_an_expectation() -> None:
    apps = sorted(app.parent.name for app in (CDK / "apps").glob("*/app.js"))
    assert [_name(p) for p in TEMPLATES] == apps
    for path in TEMPLATES:
        assert (CDK / f"{_name(path)}.expected.txt").is_file(), f"{path.name} has no expected.txt"
    for expectation in CDK.glob("*.expected.txt"):
        for line in _lines(expectation):
            name = line.split(":", 1)[0]
            assert name == expectation.name.split(".", 1)[0] + ".template.json", f"{expectation}: {line}"


def test_clean_app_is_clean() -> None:
    """The ordinary app (scoped grants, bucket notification, log retention) draws no plugin finding."""
    assert _lines(CDK / "clean.expected.txt") == []
