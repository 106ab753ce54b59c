"""A language server for CloudFormation and SAM templates: cfn-lint's findings and this plugin's as you type.

Run it as ``cfn-lint-lambda-auth-lsp`` (stdio) or ``python -m lint_rules.lsp``; it needs the ``lsp``
extra (``pip install 'cfn-lint-lambda-auth[lsp]'``). Every module here starts with an underscore so
that cfn-lint's directory mode (``-a lint_rules`` inside a clone), which imports every
``[A-Za-z1-9]*.py`` file below ``lint_rules/``, never imports the server or pygls.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """The ``cfn-lint-lambda-auth-lsp`` script: the server, or how to install it when pygls is missing."""
    try:
        from lint_rules.lsp._server import main as serve
    except ImportError as error:
        sys.stderr.write(
            f"cfn-lint-lambda-auth-lsp needs the 'lsp' extra: pip install 'cfn-lint-lambda-auth[lsp]' ({error})\n"
        )
        return 1
    return serve(sys.argv[1:] if argv is None else argv)
