"""``cfn-lint-lambda-auth explain template.yaml [--function NAME]`` (or ``python -m lint_rules.explain``):
each function's access, in Markdown.

For every Lambda function of the template: who can invoke it (permissions, URLs, SAM events, APIs) and
its execution role and what that role may do, as the language server shows on hover, to paste into a
review. cfn-lint's directory mode imports this file standalone: it does nothing at import time.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

# Exit codes: 0 described (or a template without functions), 2 the input is wrong: unreadable, not YAML or
# JSON, not a CloudFormation or SAM template, or no function of that name (argparse's usage errors are 2 too).
INPUT_ERROR = 2


def main(argv: list[str] | None = None, prog: str = "python -m lint_rules.explain") -> int:
    parser = argparse.ArgumentParser(prog=prog, description="Each Lambda function's access, in Markdown.")
    parser.add_argument("template", type=Path)
    parser.add_argument("--function", action="append", help="only this function (repeatable)")
    args = parser.parse_args(argv)

    from cfnlint.decode.decode import decode_str

    from lint_rules._precommit import is_template
    from lint_rules._summary import describe, functions_in, template_model

    try:
        text = args.template.read_text(encoding="utf-8")
    except OSError as failure:
        sys.stderr.write(f"{args.template}: {failure.strerror}\n")
        return INPUT_ERROR
    except UnicodeDecodeError:
        sys.stderr.write(f"{args.template}: not a CloudFormation or SAM template (not UTF-8 text)\n")
        return INPUT_ERROR
    decoded, errors = decode_str(text)
    if errors:
        for error in errors:
            sys.stderr.write(f"{args.template}:{error.linenumber}:{error.columnnumber}: {error.message}\n")
        return INPUT_ERROR
    if not is_template(decoded) or not isinstance(decoded, dict):
        sys.stderr.write(
            f"{args.template}: not a CloudFormation or SAM template (no AWSTemplateFormatVersion, SAM Transform "
            "or Resources with a Type); give the template's path\n"
        )
        return INPUT_ERROR
    model = template_model(decoded)
    names = functions_in(model)
    wanted = args.function or names
    unknown = [name for name in wanted if name not in names]
    if unknown:
        found = f"found: {', '.join(names)}" if names else "it has none"
        sys.stderr.write(f"{args.template}: no function named {', '.join(unknown)} ({found})\n")
        return INPUT_ERROR
    if not wanted:
        sys.stdout.write("No Lambda function in this template.\n")
        return 0
    sys.stdout.write("\n".join(describe(model, name, decoded) for name in wanted))  # each ends with a newline
    return 0


if __name__ == "__main__":
    sys.exit(main())
