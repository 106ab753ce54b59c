"""``python -m lint_rules.lsp``: the language server, as the ``cfn-lint-lambda-auth-lsp`` script."""

from __future__ import annotations

import sys

from lint_rules.lsp import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
