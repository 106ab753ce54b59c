"""``cfn-lint-lambda-auth diff BASE HEAD`` or ``diff --git REF`` (or ``python -m lint_rules.diff``): the access a
change adds and removes, in Markdown for a pull request. The code is in ``lint_rules._diff``; cfn-lint's
directory mode imports this file standalone, so it does nothing at import time.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None, prog: str = "python -m lint_rules.diff") -> int:
    from lint_rules._diff import main as run

    return run(argv, prog)


if __name__ == "__main__":
    sys.exit(main())
