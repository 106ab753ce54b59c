"""``cfn-lint-lambda-auth``: the package's commands beside cfn-lint itself (``explain``, ``sarif``).

Its name starts with ``_`` so cfn-lint's directory mode (``-a lint_rules`` in a clone) never imports it.
"""

from __future__ import annotations

import argparse
import sys

PROG = "cfn-lint-lambda-auth"


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog=PROG, description="Tools of the cfn-lint-lambda-auth plugin.")
    parser.add_argument(
        "command",
        choices=["explain", "sarif", "baseline"],
        help="explain: each Lambda function's access, in Markdown; "
        "sarif: add GitHub's security-severity to this plugin's rules in cfn-lint's SARIF output; "
        "baseline: record this plugin's current findings (write) or list the fixed ones (check)",
    )
    parser.add_argument("arguments", nargs=argparse.REMAINDER, help="the command's own arguments (--help for them)")
    if not args or args[0] in ("-h", "--help"):
        parser.print_help()
        return 0 if args else 2
    parsed = parser.parse_args(args[:1])
    rest = args[1:]
    if parsed.command == "explain":
        from lint_rules import explain

        return explain.main(rest, prog=f"{PROG} explain")
    if parsed.command == "baseline":
        from lint_rules import baseline

        return baseline.main(rest, prog=f"{PROG} baseline")
    from lint_rules import sarif

    return sarif.main(rest, prog=f"{PROG} sarif")


if __name__ == "__main__":
    sys.exit(main())
