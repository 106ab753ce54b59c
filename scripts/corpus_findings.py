"""List the plugin's findings on a template corpus, for the by-hand review every rule family owes.

    python scripts/corpus_findings.py                       # every rule, ../shared/corpus/templates
    python scripts/corpus_findings.py --rules WA2 EA2003    # ids starting with any of these
    python scripts/corpus_findings.py --corpus DIR --counts # per-rule counts only

Prints one `template:line:column ID message` line per finding (informational rules included), then
the count per rule id. Crashes (cfn-lint's E0000/E0002) and model-loading warnings are listed too:
both are bugs. Runs in process, one template at a time, with an empty cfn-lint cache.
"""

from __future__ import annotations

import argparse
import collections
import logging
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "templates")
    parser.add_argument("--rules", nargs="*", default=[], help="rule id prefixes to keep (default: all ours)")
    parser.add_argument("--counts", action="store_true", help="print the per-rule counts only")
    args = parser.parse_args(argv)
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp()
    sys.path.insert(0, str(ROOT))
    from cfnlint.api import lint
    from cfnlint.config import ManualArgs

    out = sys.stdout
    handler = _Collect()
    logging.getLogger("lint_rules").addHandler(handler)
    counts: collections.Counter[str] = collections.Counter()
    problems = 0
    for path in sorted(args.corpus.glob("*")):
        config = ManualArgs(regions=["us-east-1"], include_checks=["I"])
        config["append_rules"] = ["lint_rules"]  # type: ignore[typeddict-unknown-key]
        handler.messages.clear()
        matches = lint(path.read_text(encoding="utf-8"), config=config)
        for match in matches:
            rule = match.rule.id
            crash = rule in ("E0000", "E0002")
            ours = rule[1:2] == "A" and (not args.rules or any(rule.startswith(p) for p in args.rules))
            if not (crash or ours):
                continue
            counts[rule] += 1
            problems += crash
            if not args.counts:
                out.write(f"{path.name}:{match.linenumber}:{match.columnnumber} {rule} {match.message}\n")
        for message in handler.messages:
            problems += 1
            out.write(f"{path.name} LOAD-WARNING {message}\n")
    out.write("\n" + "".join(f"{rule:8} {count}\n" for rule, count in sorted(counts.items())))
    out.write(f"total    {sum(counts.values())}\n")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
