"""The README's Python example, kept here so that mypy --strict checks it and a test runs it.

Run it from a folder that holds template.yaml: it prints one `line:column rule message` per finding.
"""

from __future__ import annotations

from pathlib import Path

from cfnlint.api import lint
from cfnlint.config import ManualArgs

config = ManualArgs(regions=["us-east-1"])
# cfn-lint reads append_rules, but its ManualArgs TypedDict does not declare the key (an upstream typing gap)
config["append_rules"] = ["lint_rules"]  # type: ignore[typeddict-unknown-key]
for match in lint(Path("template.yaml").read_text(encoding="utf-8"), config=config):
    print(f"{match.linenumber}:{match.columnnumber} {match.rule.id} {match.message}")
