"""A real editor: headless Neovim starts the server on a template and reports the diagnostics it got.

Skipped where ``nvim`` is not installed, except under ``.ci/run``, which installs Debian's ``neovim`` and
sets ``CFN_LINT_LSP_REQUIRE_NVIM``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

NVIM = shutil.which("nvim")
INIT = ROOT / "tests" / "lsp" / "nvim_init.lua"


def readme_snippet() -> str:
    """The Neovim snippet of docs/editors.md (where the README sends people), as a user copies it."""
    guide = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    match = re.search(r"```lua\n(.*?)```", guide[guide.index("**Neovim**") :], re.DOTALL)
    assert match is not None, "no lua block after **Neovim** in docs/editors.md"
    return match.group(1)


def test_the_snippet_falls_back_to_start_client_on_neovim_0_7() -> None:
    """Neovim 0.7 (Debian 12) has no vim.lsp.start; the snippet must not call it unguarded."""
    snippet = readme_snippet()
    assert "if vim.lsp.start then" in snippet
    assert "vim.lsp.buf_attach_client(args.buf, vim.lsp.start_client(" in snippet


def test_neovim_receives_the_findings_of_both_stages(tmp_path: Path) -> None:
    if NVIM is None:
        # CI installs Neovim and sets CFN_LINT_LSP_REQUIRE_NVIM, so there a missing nvim fails, never skips
        assert not os.environ.get("CFN_LINT_LSP_REQUIRE_NVIM"), "nvim is required here but not on PATH"
        pytest.skip("nvim is not installed (apt-get install neovim); .ci/run installs it")
    text = (ROOT / "examples" / "template.yaml").read_text(encoding="utf-8")
    text += "\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      Nope: 1\n"  # a finding of cfn-lint's own
    (tmp_path / "template.yaml").write_text(text, encoding="utf-8")
    out = tmp_path / "diagnostics.txt"
    (tmp_path / "snippet.lua").write_text(readme_snippet(), encoding="utf-8")
    env = {
        "CFN_LINT_LSP_SNIPPET": str(tmp_path / "snippet.lua"),
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",  # the console script
        "CFN_LINT_LSP_OUT": str(out),
        "CFN_LINT_LSP_EXPECT": "5",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),  # no user init.lua or plugins
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    done = subprocess.run(
        [str(NVIM), "--headless", "--clean", "-u", str(INIT), "template.yaml"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert sorted(out.read_text(encoding="utf-8").splitlines()) == sorted(
        [
            "19:9 cfn-lint-lambda-auth WA1001 Function URL of 'WebhookFunction' lets anyone invoke it without credentials "
            "(AuthType 'NONE'); set AuthType to AWS_IAM",
            "24:15 cfn-lint-lambda-auth EA4001 SAM inline policy 1: Statement 1 has unknown key 'Actions'; did you mean 'Action'?",
            "29:15 cfn-lint-lambda-auth EA2001 Statement 1 of SAM inline policy 2 allows Action '*' on Resource '*'; "
            "list the actions it needs on the resources it uses",
            "45:7 cfn-lint-lambda-auth EA1002 Permission 'ReportInvokePermission' lets any principal invoke 'ReportFunction'; "
            "name the caller or set SourceArn, SourceAccount or PrincipalOrgID",
            "53:7 cfn-lint E3002 Additional properties are not allowed ('Nope' was unexpected)",
        ]
    )
