"""Check ``lint_rules/data/service_trust.json`` against the AWS documentation pages it cites, and draft new entries.

The file is a judgement written from AWS documentation, one page per service principal: which services set
``aws:SourceAccount`` / ``aws:SourceArn`` when they assume a role and recommend a trust-policy condition on them
(``narrowable``, the services IA3009 speaks for), and which assume a role only for a resource of the role's own
account (``exempt``). Pages move and gain confused-deputy sections, so the file is refreshed by re-reading them::

    python scripts/refresh_service_trust.py                       # download every cited page and check it
    python scripts/refresh_service_trust.py --pages DIR           # pages saved as DIR/<principal>.html instead
    python scripts/refresh_service_trust.py --write               # also stamp each entry with today's check
    python scripts/refresh_service_trust.py --candidate codebuild.amazonaws.com=https://docs.aws.amazon.com/...

For each entry the page must still name the principal (or its service), and a ``narrowable`` entry's page must
name ``aws:SourceArn`` or ``aws:SourceAccount`` (and, where the entry gives a ``source_arn`` pattern, an ARN of
that service); an ``exempt`` entry whose page now names those keys is reported as a candidate to move. A
``--candidate`` page is checked the same way and a draft entry printed for a person to judge and paste: the
script never adds a service by itself. Exit status 1 when an entry no longer matches its page.
No dependency beyond the standard library.
"""

from __future__ import annotations

import argparse
import datetime
import html
import json
import re
import sys
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent.parent / "lint_rules" / "data" / "service_trust.json"
_KEYS = ("aws:sourcearn", "aws:sourceaccount")
_TAGS = re.compile(r"<[^>]+>")


def _download(url: str) -> str:
    request = urllib.request.Request(url, headers={"User-Agent": "cfn-lint-lambda-auth refresh_service_trust"})
    with urllib.request.urlopen(request, timeout=60) as response:
        text: str = response.read().decode("utf-8", errors="replace")
        return text


def _reader(pages: Path | None) -> Callable[[str, str], str]:
    """A function (principal, url) -> the page's text, lower case, tags removed."""

    def read(principal: str, url: str) -> str:
        raw = (pages / f"{principal}.html").read_text(encoding="utf-8") if pages is not None else _download(url)
        return html.unescape(_TAGS.sub(" ", raw)).lower()

    return read


def _service(principal: str) -> str:
    """'vpc-flow-logs.amazonaws.com' -> 'vpc-flow-logs'; 'monitoring.rds.amazonaws.com' -> 'rds'."""
    return principal.removesuffix(".amazonaws.com").rsplit(".", 1)[-1]


def check(principal: str, entry: dict[str, Any], text: str, narrowable: bool) -> list[str]:
    """What no longer holds of an entry, judged by its page's text (empty: the page still says it)."""
    problems: list[str] = []
    if principal not in text and _service(principal) not in text:
        problems.append(f"the page no longer names {principal}")
    keys = [key for key in _KEYS if key in text]
    if narrowable and not keys:
        problems.append("the page no longer names aws:SourceArn or aws:SourceAccount")
    pattern = entry.get("source_arn")
    if narrowable and isinstance(pattern, str):
        service = pattern.split(":")[2]
        if f"arn:aws:{service}:" not in text and f"arn:${{partition}}:{service}:" not in text:
            problems.append(f"the page gives no arn:aws:{service}: ARN for aws:SourceArn")
    if not narrowable and keys:
        problems.append(f"the page now names {' and '.join(keys)}: judge whether it belongs in 'narrowable'")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=Path, help="a folder of saved pages, <principal>.html (default: download)")
    parser.add_argument("--write", action="store_true", help="stamp each entry that still matches with today's date")
    parser.add_argument("--candidate", action="append", default=[], help="principal=url of a page to judge")
    args = parser.parse_args(argv)
    read = _reader(args.pages)
    data = json.loads(DATA.read_text(encoding="utf-8"))
    today = datetime.date.today().isoformat()
    stale = 0
    for section in ("narrowable", "exempt"):
        for principal, entry in data[section].items():
            problems = check(principal, entry, read(principal, entry["source"]), section == "narrowable")
            for problem in problems:
                sys.stderr.write(f"{section} {principal}: {problem} ({entry['source']})\n")
            stale += bool(problems) and not (section == "exempt" and all("judge" in p for p in problems))
            if args.write and not problems:
                entry["checked"] = today
    for candidate in args.candidate:
        principal, _, url = candidate.partition("=")
        text = read(principal, url)
        problems = check(principal, {"source_arn": None}, text, True)
        verdict = "; ".join(problems) if problems else "names the principal and a source key: judge the page"
        draft = {"note": "(what the page says, in one sentence)", "source": url, "source_arn": None}
        sys.stdout.write(f"{principal}: {verdict}\n{json.dumps({principal: draft}, indent=1)}\n")
    if args.write:
        DATA.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
