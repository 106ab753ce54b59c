"""Every rule's fixtures through real cfn-lint: bad files give exactly expected.txt, good files nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, lint_file

CASES = sorted(path for path in FIXTURES.glob("*/*") if path.suffix in (".yaml", ".json"))


def _expected(path: Path) -> list[str]:
    lines = (path.parent / "expected.txt").read_text(encoding="utf-8").splitlines()
    prefix = f"{path.name}:"
    return sorted(line[len(prefix) :] for line in lines if line.startswith(prefix))


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.name}" for p in CASES])
def test_fixture(path: Path) -> None:
    found = lint_file(path)
    if path.name.startswith("good"):
        assert found == []
    else:
        assert found == _expected(path)
        rule_id = path.parent.name
        assert any(f" {rule_id} " in line for line in found), f"{rule_id} does not fire on {path.name}"


def test_expected_files_name_only_existing_fixtures() -> None:
    for expected in FIXTURES.glob("*/expected.txt"):
        for line in expected.read_text(encoding="utf-8").splitlines():
            name = line.split(":", 1)[0]
            assert (expected.parent / name).is_file(), f"{expected}: {name} does not exist"
