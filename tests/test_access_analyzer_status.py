"""The Access Analyzer status table (lint_rules/data/access_analyzer_checks.json) says only what is true:
every check marked implemented names rules that exist and whose page names the check, and a bad fixture
of one of them that fires, with a good twin; and no finding of area 4 repeats one cfn-lint gives at the
same key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import FIXTURES, lint_matches
from lint_rules.docs import access_analyzer_checks, rule_classes, sections

ROWS = access_analyzer_checks()
RULES = {str(cls.id): cls for cls in rule_classes()}
STATUSES = {"implemented", "cfn-lint", "not-offline", "not-applicable", "todo"}
# cfn-lint's own policy-document rules: what area 4 must never say again at the same key
CFN_LINT_DOCUMENT_RULES = {"E3510", "E3512", "E3513", "E3514", "E3530", "W3037", "I3510", "W2511"}


def test_every_check_once() -> None:
    assert [row["n"] for row in ROWS] == list(range(1, 137))
    assert len({row["check"].lower() for row in ROWS}) == 136


@pytest.mark.parametrize("row", ROWS, ids=[f"{row['n']}-{row['check']}" for row in ROWS])
def test_row_is_backed(row: dict[str, object]) -> None:
    status = row["status"]
    assert status in STATUSES
    rules = row["rules"]
    assert isinstance(rules, list)
    if status == "implemented":
        assert rules, "an implemented check names the rules that report it"
        for rule_id in rules:
            assert rule_id in RULES, f"{rule_id} is no rule of this plugin"
            page = " ".join(sections(RULES[rule_id]).values()).lower()
            assert str(row["check"]).lower() in page, f"{rule_id}'s page does not name '{row['check']}'"
        fixture = FIXTURES / str(row["fixture"])
        assert fixture.is_file(), f"no fixture {row['fixture']}"
        assert fixture.parent.name in rules and fixture.name.startswith("bad")
        twin = fixture.with_name("good" + fixture.name[len("bad") :])
        assert twin.is_file(), f"no good twin {twin.name} beside {fixture.name}"
        expected = (fixture.parent / "expected.txt").read_text(encoding="utf-8").splitlines()
        assert any(line.startswith(f"{fixture.name}:") and f" {fixture.parent.name} " in line for line in expected)
    elif status == "cfn-lint":
        assert row["cfn_lint"], "say which cfn-lint rules report it"
    elif status in ("not-offline", "not-applicable"):
        assert str(row["note"]).strip(), "say why"


def _area4_fixtures() -> list[Path]:
    return sorted(p for p in FIXTURES.glob("?A4*/*") if p.suffix in (".yaml", ".json"))


@pytest.mark.parametrize("path", _area4_fixtures(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_repeat_of_cfn_lint(path: Path) -> None:
    """With every informational rule on (cfn-lint's too), no key carries a finding of area 4 and one of
    cfn-lint's policy-document rules: the mistake is reported once."""
    matches = lint_matches(path.read_text(encoding="utf-8"), ("I",))
    ours = {(m.linenumber, m.columnnumber) for m in matches if re.match(r"[EWI]A4", m.rule.id)}
    theirs = {(m.linenumber, m.columnnumber) for m in matches if m.rule.id in CFN_LINT_DOCUMENT_RULES}
    assert not ours & theirs, f"area 4 repeats cfn-lint at {sorted(ours & theirs)}"
