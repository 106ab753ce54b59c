"""docs/severity.md lists every rule once, at the level its id gives, with a reason."""

from __future__ import annotations

import inspect
import re

import lint_rules
from conftest import ROOT

_LEVELS = {"E": "Error", "W": "Warning", "I": "Informational"}


def _rule_ids() -> set[str]:
    ids = {getattr(obj, "id", None) for obj in vars(lint_rules).values() if inspect.isclass(obj)}
    return {rule for rule in ids if isinstance(rule, str) and re.fullmatch(r"[EWI]A\d{4}", rule)}


def test_every_rule_has_one_row_at_its_level() -> None:
    rows = re.findall(r"^\| ([EWI]A\d{4}) \| (\w+) \| (.+) \|$", (ROOT / "docs" / "severity.md").read_text(), re.M)
    ids = [rule for rule, _, _ in rows]
    assert sorted(ids) == sorted(_rule_ids())
    assert len(ids) == len(set(ids))
    for rule, level, reason in rows:
        assert level == _LEVELS[rule[0]], rule
        assert len(reason) > 40, rule
