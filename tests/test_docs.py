"""Generated docs match the rules and fixtures; the generator catches drift."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from lint_rules import docs
from lint_rules.docs import expected_files, rule_classes


def test_docs_are_up_to_date() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "lint_rules.docs", "--check"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


def test_generated_files_cover_every_rule() -> None:
    files = expected_files()
    page = ROOT / "docs" / "rules" / f"{rule_classes()[0].id}.md"
    assert page in files and "## Example" in files[page] and "## Use instead" in files[page]
    readme = files[ROOT / "README.md"]
    for cls in rule_classes():
        assert f"[{cls.id}](docs/rules/{cls.id}.md)" in readme


def test_every_page_shows_its_tested_example_and_findings() -> None:
    for cls in rule_classes():
        text = (ROOT / "docs" / "rules" / f"{cls.id}.md").read_text(encoding="utf-8")
        bad = (ROOT / "tests" / "fixtures" / cls.id / "bad.yaml").read_text(encoding="utf-8").strip()
        assert bad in text
        assert f" {cls.id} " in text.split("Findings")[1]


def test_check_fails_on_a_stale_page_and_a_stale_table(tmp_path: Path) -> None:
    for part in ("README.md", "docs", "tests/fixtures"):
        source, target = ROOT / part, tmp_path / part
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy(source, target)
    patch = pytest.MonkeyPatch()
    patch.setattr(docs, "ROOT", tmp_path)
    try:
        assert docs.main(["--check"]) == 0
        page = tmp_path / "docs" / "rules" / f"{rule_classes()[0].id}.md"
        page.write_text(page.read_text(encoding="utf-8") + "edited by hand\n", encoding="utf-8")
        assert docs.main(["--check"]) == 1
        assert docs.main([]) == 0 and docs.main(["--check"]) == 0
        readme = tmp_path / "README.md"
        readme.write_text(readme.read_text(encoding="utf-8").replace("| error |", "| warning |", 1), encoding="utf-8")
        assert docs.main(["--check"]) == 1
        (tmp_path / "docs" / "rules" / "EA9999.md").write_text("orphan\n", encoding="utf-8")
        assert docs.main([]) == 0 and not (tmp_path / "docs" / "rules" / "EA9999.md").exists()
    finally:
        patch.undo()
