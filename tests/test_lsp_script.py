"""The ``cfn-lint-lambda-auth-lsp`` script without the ``lsp`` extra: a clear message, not a traceback."""

from __future__ import annotations

import subprocess
import sys


def test_the_script_without_the_lsp_extra_says_how_to_install_it() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.modules['pygls'] = None; from lint_rules.lsp import main; sys.exit(main([]))",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.startswith(
        "cfn-lint-lambda-auth-lsp needs the 'lsp' extra: pip install 'cfn-lint-lambda-auth[lsp]' ("
    )
