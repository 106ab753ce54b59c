"""The SAM differential table (tests/sam_fidelity.py) on aws-sam-translator's own translator test inputs.

    git --git-dir=<clone of aws/serverless-application-model> archive <tag> tests/translator/input | tar -x -C DIR
    python scripts/sam_translator_inputs.py DIR/tests/translator/input [--list]

Those inputs often omit the ``Transform`` line (the translator's test harness translates them anyway), so it is
added here; ``error_*`` inputs (the translator's rejection tests) are skipped. Prints the per-aspect table, and with
``--list`` every difference (template, function, aspect, both sides) before it.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", type=Path, help="the translator's tests/translator/input folder")
    parser.add_argument("--list", action="store_true", help="print every difference before the table")
    args = parser.parse_args(argv)
    sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
    import sam_fidelity

    logging.disable(logging.WARNING)  # the translator's feature-toggle and metrics chatter
    outcomes = []
    for path in sorted(args.inputs.glob("*.y*ml")):
        if path.name.startswith("error_"):
            continue
        template = sam_fidelity.decode(path)
        if not isinstance(template, dict):
            continue
        template.setdefault("Transform", "AWS::Serverless-2016-10-31")
        outcomes.append(sam_fidelity.compare(path.name, template))
    for outcome in outcomes if args.list else []:
        for function, differences in outcome.functions.items():
            for aspect, (ours, theirs) in differences.items():
                sys.stdout.write(
                    f"{outcome.name} {function} {aspect}\n"
                    f"  model: {sam_fidelity._show(ours)}\n  sam:   {sam_fidelity._show(theirs)}\n"
                )
    sys.stdout.write(sam_fidelity.table(outcomes) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
