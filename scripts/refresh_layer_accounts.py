"""Refresh ``lint_rules/data/aws_layer_accounts.json``: the accounts AWS publishes Lambda layers from.

AWS publishes the CloudWatch Lambda Insights and AWS AppConfig extensions as layers from one account per
Region (and partition). The AWS CDK keeps every published ARN of both in its region-info fact tables
(``packages/aws-cdk-lib/region-info/build-tools/fact-tables.ts``, Apache-2.0), which cite the AWS
documentation pages listing them. This script reads a local copy of that file::

    python scripts/refresh_layer_accounts.py path/to/fact-tables.ts [commit]

and rewrites the ``generated`` entries of the data file, keeping the hand-kept ``listed`` entries (layers
whose publisher documents one account, each with the documentation page that names it).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "lint_rules" / "data" / "aws_layer_accounts.json"
_TABLES = {
    "CLOUDWATCH_LAMBDA_INSIGHTS_ARNS": (
        "CloudWatch Lambda Insights extension",
        "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Lambda-Insights-extension-versions.html",
    ),
    "APPCONFIG_LAMBDA_LAYER_ARNS": (
        "AWS AppConfig Lambda extension",
        "https://docs.aws.amazon.com/appconfig/latest/userguide/appconfig-integration-lambda-extensions-versions.html",
    ),
}
_ARN = re.compile(r"arn:aws[a-z-]*:lambda:[a-z0-9-]+:(\d{12}):layer:")
_CDK_FILE = "https://github.com/aws/aws-cdk/blob/{commit}/packages/aws-cdk-lib/region-info/build-tools/fact-tables.ts"


def _table(text: str, name: str) -> str:
    start = text.index(f"export const {name}")
    end = text.find("\nexport const ", start + 1)
    return text[start : end if end > 0 else len(text)]


def main(argv: list[str]) -> int:
    if not argv:
        sys.stderr.write(__doc__ or "")
        return 2
    text = Path(argv[0]).read_text(encoding="utf-8")
    commit = argv[1] if len(argv) > 1 else "main"
    data = json.loads(DATA.read_text(encoding="utf-8"))
    data["generated"] = [
        {
            "publisher": publisher,
            "accounts": sorted(set(_ARN.findall(_table(text, name)))),
            "source": page,
            "via": _CDK_FILE.format(commit=commit),
        }
        for name, (publisher, page) in _TABLES.items()
    ]
    DATA.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
