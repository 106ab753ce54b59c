"""What the README tells a new user to run in CI does what it says, with real cfn-lint."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CFN_LINT = str(Path(sys.executable).with_name("cfn-lint"))
INFORMATIONAL = FIXTURES / "IA3021" / "bad.yaml"  # one informational finding: a user in no group


def _cfn_lint(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CFN_LINT, *args], cwd=cwd, capture_output=True, text=True, check=False)


def test_the_readme_says_informational_rules_are_hidden_and_how_to_show_them() -> None:
    introduced = README.index("### Command line and CI")
    line = next(line for line in README[introduced:].splitlines() if "informational" in line)
    assert "hides informational rules by default" in line
    assert "`-c I`" in README[introduced:] and "`include_checks: [I]`" in README[introduced:]


def test_informational_findings_show_only_when_asked(tmp_path: Path) -> None:
    shutil.copy(INFORMATIONAL, tmp_path / "t.yaml")
    hidden = _cfn_lint(tmp_path, "--append-rules=lint_rules", "--", "t.yaml")
    assert (hidden.returncode, hidden.stdout) == (0, "")
    shown = _cfn_lint(tmp_path, "--append-rules=lint_rules", "-c", "I", "--", "t.yaml")
    assert shown.returncode == 8 and shown.stdout.startswith("IA3021 "), shown.stdout
    (tmp_path / ".cfnlintrc").write_text(
        "append_rules: [lint_rules]\ninclude_checks: [I]\ntemplates: [t.yaml]\n", encoding="utf-8"
    )
    from_rc = _cfn_lint(tmp_path)
    assert (from_rc.returncode, from_rc.stdout) == (8, shown.stdout)
