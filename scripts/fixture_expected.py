"""Rewrite the expected.txt of rule fixtures from what the rules report now, for review with git diff.

    python scripts/fixture_expected.py EA4010 WA4011   # these rules' folders under tests/fixtures
    python scripts/fixture_expected.py --check EA4010  # print the difference, write nothing (exit 1 if any)

Lints every bad*.yaml / bad*.json of a folder as tests/test_fixtures.py does (real cfn-lint, region
us-east-1, this plugin's informational rules on) and writes `name:line:column ID message`, sorted. Good
fixtures must give nothing: one that gives a finding is printed and fails the run. Read the diff before
committing: the expected file is the test's claim, not a recording.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import FIXTURES, lint_file  # noqa: E402


def expected(folder: Path, old: str) -> tuple[str, list[str]]:
    """The new text (files in the order the old text had them, new ones after, each file's lines sorted)
    and the findings of good fixtures."""
    order = list(dict.fromkeys(line.split(":", 1)[0] for line in old.splitlines()))
    paths = sorted(
        (p for p in folder.iterdir() if p.suffix in (".yaml", ".json")),
        key=lambda p: (order.index(p.name) if p.name in order else len(order), p.name),
    )
    lines: list[str] = []
    loud: list[str] = []
    for path in paths:
        found = lint_file(path)
        if path.name.startswith("good"):
            loud += [f"{folder.name}/{path.name}:{line}" for line in found]
        elif path.name.startswith("bad"):
            lines += [f"{path.name}:{line}" for line in found]
    return "".join(f"{line}\n" for line in lines), loud


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rules", nargs="+", help="rule ids (folder names under tests/fixtures)")
    parser.add_argument("--check", action="store_true", help="print differences, write nothing")
    args = parser.parse_args(argv)
    status = 0
    for rule_id in args.rules:
        folder = FIXTURES / rule_id
        if not folder.is_dir():
            sys.stderr.write(f"no fixture folder {folder}\n")
            return 2
        target = folder / "expected.txt"
        old = target.read_text(encoding="utf-8") if target.is_file() else ""
        text, loud = expected(folder, old)
        for line in loud:
            sys.stderr.write(f"good fixture reports: {line}\n")
            status = 1
        if old != text:
            if args.check:
                status = 1
                sys.stdout.write(f"{target.relative_to(ROOT)} differs\n")
            else:
                target.write_text(text, encoding="utf-8")
                sys.stdout.write(f"wrote {target.relative_to(ROOT)} ({len(text.splitlines())} lines)\n")
    return status


if __name__ == "__main__":
    sys.exit(main())
