"""``python -m lint_rules.explain template.yaml [--function NAME]``: each function's access, in Markdown.

For every Lambda function of the template: who can invoke it (permissions, URLs, SAM events, APIs) and
its execution role and what that role may do, as the language server shows on hover, to paste into a
review. cfn-lint's directory mode imports this file standalone: it does nothing at import time.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m lint_rules.explain", description="Each Lambda function's access, in Markdown."
    )
    parser.add_argument("template", type=Path)
    parser.add_argument("--function", action="append", help="only this function (repeatable)")
    args = parser.parse_args(argv)

    from cfnlint.decode.decode import decode_str

    from lint_rules._summary import describe, functions_in, template_model

    try:
        text = args.template.read_text(encoding="utf-8")
    except OSError as failure:
        sys.stderr.write(f"{args.template}: {failure.strerror}\n")
        return 1
    decoded, errors = decode_str(text)
    if errors or not isinstance(decoded, dict):
        for error in errors:
            sys.stderr.write(f"{args.template}:{error.linenumber}:{error.columnnumber}: {error.message}\n")
        return 1
    model = template_model(decoded)
    names = functions_in(model)
    wanted = args.function or names
    unknown = [name for name in wanted if name not in names]
    if unknown:
        sys.stderr.write(f"{args.template}: no function named {', '.join(unknown)} (found: {', '.join(names)})\n")
        return 1
    sys.stdout.write("\n".join(describe(model, name, decoded) for name in wanted))
    return 0


if __name__ == "__main__":
    sys.exit(main())
