"""``cfn-lint-lambda-auth``: the package's commands beside cfn-lint itself (``explain``, ``sarif``, ``diff``,
``lint``, ``baseline``, and the AWS CDK plugin's ``cdk-report`` and ``cdk-plugin-path``).

Its name starts with ``_`` so cfn-lint's directory mode (``-a lint_rules`` in a clone) never imports it.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

PROG = "cfn-lint-lambda-auth"

# command -> (module whose main(argv, prog) runs it, what it does); each module is imported only when used
COMMANDS: dict[str, tuple[str, str]] = {
    "lint": ("lint_rules._fastlane", "this plugin's rules alone, with cfn-lint's options, formats and exit codes"),
    "baseline": ("lint_rules.baseline", "record this plugin's current findings (write) or list the fixed ones (check)"),
    "explain": ("lint_rules.explain", "each Lambda function's access, in Markdown"),
    "sarif": ("lint_rules.sarif", "add GitHub's security-severity to this plugin's rules in cfn-lint's SARIF output"),
    "diff": ("lint_rules.diff", "the access a change adds and removes, in Markdown for a pull request"),
    "cdk-report": ("lint_rules.cdk", "the AWS CDK validation report of templates, as JSON (what the CDK plugin runs)"),
    "cdk-plugin-path": ("", "the path of the CDK validation plugin for JavaScript/TypeScript apps"),
}


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog=PROG, description="Tools of the cfn-lint-lambda-auth plugin.")
    parser.add_argument(
        "command",
        choices=list(COMMANDS),
        help="; ".join(f"{name}: {text}" for name, (_, text) in COMMANDS.items()),
    )
    parser.add_argument("arguments", nargs=argparse.REMAINDER, help="the command's own arguments (--help for them)")
    if not args or args[0] in ("-h", "--help"):
        parser.print_help()
        return 0 if args else 2
    parsed = parser.parse_args(args[:1])
    rest = args[1:]
    if parsed.command == "cdk-plugin-path":
        from lint_rules import cdk

        sys.stdout.write(f"{cdk.JS_PLUGIN}\n")
        return 0
    module = importlib.import_module(COMMANDS[parsed.command][0])
    try:
        result: int = module.main(rest, prog=f"{PROG} {parsed.command}")
    except BrokenPipeError:  # the reader went away (`... | head`): stop quietly, as a Unix tool does
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at interpreter exit
        return 1
    return result


if __name__ == "__main__":
    sys.exit(main())
