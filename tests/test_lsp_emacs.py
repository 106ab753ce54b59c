"""Emacs with eglot: the snippet of docs/editors.md attaches the server and flymake shows its findings.

Skipped where Emacs, eglot or yaml-mode is missing (Debian: ``apt-get install emacs-nox elpa-eglot
elpa-yaml-mode``; eglot is built into Emacs 29), except under ``.ci/run``, which installs them and sets
``CFN_LINT_LSP_REQUIRE_EMACS``. The template opens in the real ``yaml-mode``, as a user's would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

EMACS = shutil.which("emacs")
INIT = ROOT / "tests" / "lsp" / "eglot_init.el"


def _has_eglot() -> bool:
    if EMACS is None:
        return False
    probe = subprocess.run(
        [str(EMACS), "-Q", "--batch", "-l", str(INIT.with_name("eglot_probe.el"))],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return probe.returncode == 0


def test_eglot_shows_the_findings(tmp_path: Path) -> None:
    if EMACS is None or not _has_eglot():
        # CI installs Emacs and eglot and sets CFN_LINT_LSP_REQUIRE_EMACS, so there this fails, never skips
        assert not os.environ.get("CFN_LINT_LSP_REQUIRE_EMACS"), (
            "emacs with eglot and yaml-mode is required here but missing"
        )
        pytest.skip(
            "emacs with eglot and yaml-mode is not installed (apt-get install emacs-nox elpa-eglot elpa-yaml-mode)"
        )
    shutil.copy(ROOT / "examples" / "template.yaml", tmp_path / "template.yaml")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)  # eglot wants a project
    out = tmp_path / "diagnostics.txt"
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "CFN_LINT_LSP_TEMPLATE": str(tmp_path / "template.yaml"),
        "CFN_LINT_LSP_OUT": str(out),
        "CFN_LINT_LSP_EXPECT": "4",
        "HOME": str(tmp_path),  # no user init, no ~/.emacs.d
    }
    done = subprocess.run(
        [str(EMACS), "-Q", "--batch", "-l", str(INIT)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert sorted(out.read_text(encoding="utf-8").splitlines()) == [
        "19:9 eglot-warning cfn-lint-lambda-auth [WA1001]: Function URL of 'WebhookFunction' lets anyone invoke it without "
        "credentials (AuthType 'NONE'); set AuthType to AWS_IAM",
        "24:15 eglot-error cfn-lint-lambda-auth [EA4001]: SAM inline policy 1: Statement 1 has unknown key 'Actions'; "
        "did you mean 'Action'?",
        "29:15 eglot-error cfn-lint-lambda-auth [EA2001]: Statement 1 of SAM inline policy 2 allows Action '*' on Resource '*'; "
        "list the actions it needs on the resources it uses",
        "45:7 eglot-error cfn-lint-lambda-auth [EA1002]: Permission 'ReportInvokePermission' lets any principal invoke "
        "'ReportFunction'; name the caller or set SourceArn, SourceAccount or PrincipalOrgID",
    ]
