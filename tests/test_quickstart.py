"""What the README tells a new user to run in CI does what it says, with real cfn-lint."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from packaging.requirements import Requirement

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


WORKFLOW = ROOT / "examples" / "github-actions.yml"


def _workflow() -> dict[Any, Any]:
    loaded: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return loaded


def _steps() -> list[dict[str, Any]]:
    (job,) = _workflow()["jobs"].values()
    steps: list[dict[str, Any]] = job["steps"]
    return steps


def test_the_workflow_is_complete_and_shown_in_the_readme() -> None:
    workflow = _workflow()
    triggers = workflow["on"] if "on" in workflow else workflow[True]  # YAML 1.1 (PyYAML) reads `on` as true
    assert set(triggers) == {"push", "pull_request"}
    assert workflow["permissions"]["security-events"] == "write"  # upload-sarif is refused without it
    uses = [step.get("uses", "") for step in _steps()]
    assert uses[:2] == ["actions/checkout@v4", "actions/setup-python@v5"]
    version = _steps()[1]["with"]["python-version"]
    assert tuple(int(part) for part in version.split(".")) >= (3, 10)
    assert "github/codeql-action/upload-sarif@v3" in uses
    assert "continue-on-error" not in WORKFLOW.read_text(encoding="utf-8")  # the last step gates instead
    assert WORKFLOW.read_text(encoding="utf-8").rstrip("\n") in README


def test_the_pip_install_line_names_this_package_with_its_sarif_extra() -> None:
    (install,) = [step["run"] for step in _steps() if step.get("run", "").startswith("pip install ")]
    requirement = Requirement(shlex.split(install)[2])
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert requirement.name == "cfn-lint-lambda-auth" and f'name = "{requirement.name}"' in pyproject
    assert requirement.extras == {"sarif"} and "\nsarif = [" in pyproject
    assert requirement.url is not None and requirement.url.startswith("git+https://")


def _run_steps(folder: Path) -> list[subprocess.CompletedProcess[str]]:
    """The workflow's run: steps after pip install, as the runner runs them (bash -e), in ``folder``."""
    output = folder / "github-output"
    output.write_text("", encoding="utf-8")
    env = {**os.environ, "GITHUB_OUTPUT": str(output), "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    done = []
    for step in _steps():
        command = step.get("run")
        if command is None or command.startswith("pip install "):
            continue
        outputs = dict(line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines())
        command = command.replace("${{ steps.lint.outputs.exit || 0 }}", outputs.get("exit") or "0")
        assert "${{" not in command, command
        done.append(subprocess.run(["bash", "-e", "-c", command], cwd=folder, env=env, capture_output=True, text=True))
    return done


def test_the_workflow_uploads_ranked_findings_then_fails_the_build(tmp_path: Path) -> None:
    pytest.importorskip("sarif_om")
    shutil.copy(ROOT / "examples" / "template.yaml", tmp_path / "template.yaml")
    lint, rank, gate = _run_steps(tmp_path)
    assert (lint.returncode, lint.stderr) == (0, "")  # the findings do not stop the job before the upload
    assert (tmp_path / "github-output").read_text(encoding="utf-8") == "exit=6\n"  # errors and warnings
    assert (rank.returncode, rank.stderr) == (0, "")
    log = json.loads((tmp_path / "cfn-lint.sarif").read_text(encoding="utf-8"))
    severities = {
        rule["id"]: rule["properties"]["security-severity"] for rule in log["runs"][0]["tool"]["driver"]["rules"]
    }
    assert severities == {"EA1002": "8.0", "EA2001": "8.0", "EA4001": "8.0", "WA1001": "5.0"}
    assert gate.returncode == 6  # the build fails, after the upload step


def test_the_workflow_passes_a_template_without_errors_or_warnings(tmp_path: Path) -> None:
    pytest.importorskip("sarif_om")
    shutil.copy(INFORMATIONAL, tmp_path / "template.yaml")  # one informational finding only
    lint, rank, gate = _run_steps(tmp_path)
    assert (lint.returncode, rank.returncode) == (0, 0)
    assert (tmp_path / "github-output").read_text(encoding="utf-8") == "exit=8\n"
    assert gate.returncode == 0
