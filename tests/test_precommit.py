"""The pre-commit hooks, installed by pre-commit itself from this repository, report our findings."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

EXAMPLE = ROOT / "examples" / "template.yaml"


def _hook_ids() -> list[str]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return [hook["id"] for hook in hooks]


def test_readme_mentions_every_hook() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for hook_id in _hook_ids():
        assert f"`{hook_id}`" in readme, hook_id


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args], cwd=repo, check=True, capture_output=True
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_try_repo_runs_both_hooks(tmp_path: Path) -> None:
    repo = tmp_path / "project"
    repo.mkdir()
    shutil.copy(EXAMPLE, repo / "template.yaml")
    (repo / "notes.yaml").write_text("just: data\n", encoding="utf-8")  # not a template name: not linted
    (repo / ".cfnlintrc").write_text("templates:\n  - template.yaml\n", encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "init")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PYTHONPATH": ""}
    outputs = {}
    for hook_id in _hook_ids():
        done = subprocess.run(
            [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook_id, "--all-files", "--verbose"],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 1, done.stdout + done.stderr  # findings fail the hook
        outputs[hook_id] = done.stdout
    for hook_id, output in outputs.items():
        for rule_id in ("WA1001", "EA1002", "EA2001", "EA4001"):
            assert rule_id in output, (hook_id, rule_id, output)
        assert "notes.yaml" not in output
        assert "Traceback" not in output
