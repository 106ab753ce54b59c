"""Refresh ``lint_rules/data/partitions.json``: AWS's partitions and the Regions of each.

The source is botocore's ``botocore/data/partitions.json`` (Apache-2.0; botocore is installed with
cfn-lint's aws-sam-translator dependency), which the AWS SDKs keep current as Regions open::

    python scripts/refresh_partitions.py

Each partition keeps its id and its Regions; the ``<partition>-global`` endpoint names botocore lists
beside them are not Regions and are left out.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import botocore  # type: ignore[import-untyped]

DATA = Path(__file__).resolve().parent.parent / "lint_rules" / "data" / "partitions.json"
_SOURCE = "https://github.com/boto/botocore/blob/{version}/botocore/data/partitions.json"


def main() -> None:
    source = json.loads((Path(botocore.__file__).parent / "data" / "partitions.json").read_text(encoding="utf-8"))
    partitions = {
        str(partition["id"]): sorted(
            str(region) for region in partition.get("regions", {}) if not str(region).endswith("-global")
        )
        for partition in source["partitions"]
    }
    data = {
        "_source": (
            "AWS partitions and their Regions, from botocore's partitions data "
            f"({_SOURCE.format(version=botocore.__version__)}), written by scripts/refresh_partitions.py"
        ),
        "partitions": partitions,
    }
    DATA.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    sys.stdout.write(f"wrote {DATA} ({len(partitions)} partitions, {sum(map(len, partitions.values()))} Regions)\n")


if __name__ == "__main__":
    main()
