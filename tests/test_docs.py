"""Generated docs match the rules and fixtures; the generator catches drift."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from lint_rules import docs
from lint_rules._findings import PROJECT_URL
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
    for part in ("README.md", "docs", "tests/fixtures", "examples"):
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


def _outside_generated_blocks(text: str) -> str:
    return re.sub(r"<!-- ([a-z-]+):start -->.*?<!-- \1:end -->", "", text, flags=re.DOTALL)


def test_the_project_url_has_one_place() -> None:
    """PROJECT_URL is written once; the README's snippets that need it are generated (and --check'ed)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert PROJECT_URL in readme
    assert "github.com/cfn-lint-lambda-auth" not in _outside_generated_blocks(readme)
    for path in [*ROOT.glob("*.toml"), *ROOT.glob(".*.yaml"), *(ROOT / "lint_rules").rglob("*.py")]:
        if path.name != "_findings.py":
            assert "github.com/cfn-lint-lambda-auth" not in path.read_text(encoding="utf-8"), path


def test_install_instructions_work_before_a_release() -> None:
    """No release or tag exists yet: PyPI and tag forms appear only as what to do after the first release."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for line in readme.splitlines():
        from_pypi = "pip install 'cfn-lint-lambda-auth" in line or "pip install cfn-lint-lambda-auth" in line
        if (from_pypi and "@ git+" not in line) or re.search(r"rev: v\d", line):
            assert "after the first release" in line.lower(), line
    assert "rev: 0000000000000000000000000000000000000000" in readme
    assert "pip install dist/cfn_lint_lambda_auth-*.whl" in readme


def test_check_fails_on_a_stale_snippet(tmp_path: Path) -> None:
    shutil.copy(ROOT / "README.md", tmp_path / "README.md")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    readme = tmp_path / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8").replace(PROJECT_URL, "https://example.com/old"), "utf-8")
    patch = pytest.MonkeyPatch()
    patch.setattr(docs, "ROOT", tmp_path)
    try:
        assert docs.main(["--check"]) == 1
        assert docs.main([]) == 0 and docs.main(["--check"]) == 0
        assert readme.read_text(encoding="utf-8") == (ROOT / "README.md").read_text(encoding="utf-8")
    finally:
        patch.undo()
