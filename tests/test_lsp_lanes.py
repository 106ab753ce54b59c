"""The language server's two lanes: typing never waits for cfn-lint's own rules (issue 22 item 1).

A rule appended through ``.cfnlintrc`` holds cfn-lint's stage until the test opens a gate file, and
records each run, so the tests can tell, without timing anything, that this plugin's findings and hover
answer for a new text while cfn-lint's stage of an older text is still running, that a stage that had
not started when its text changed is never run, and that the newest text's full set still arrives.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types

from lsp_client import (
    EXAMPLE,
    RecordingClient,
    change_document,
    initialize_params,
    open_document,
    publications,
    server_config,
    wait_for,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")

GATED_RULE = """\
import time
from pathlib import Path

from cfnlint.rules import CloudFormationLintRule

FOLDER = Path(__file__).parent


class Gated(CloudFormationLintRule):
    id = "E9902"
    shortdesc = "Waits for a gate"
    description = "Records the template's marker, then waits until the gate file exists."
    source_url = ""
    tags = []

    def match(self, cfn):
        marker = (cfn.template.get("Metadata") or {}).get("Marker")
        with (FOLDER / "runs.txt").open("a", encoding="utf-8") as runs:
            runs.write(f"{marker}\\n")
        deadline = time.monotonic() + 120
        while not (FOLDER / "open").exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        return []
"""


@pytest_lsp.fixture(scope="module", config=server_config())  # type: ignore[untyped-decorator]  # pytest-lsp is untyped
async def client(lsp_client: RecordingClient) -> AsyncIterator[RecordingClient]:
    await lsp_client.initialize_session(initialize_params())
    yield lsp_client
    await lsp_client.shutdown_session()


def _text(marker: str) -> str:
    return f"Metadata:\n  Marker: {marker}\n" + EXAMPLE.read_text(encoding="utf-8")


def _line_of(text: str, start: str) -> int:
    return next(number for number, line in enumerate(text.splitlines()) if line.startswith(start))


def _runs(folder: Path) -> list[str]:
    path = folder / "runs.txt"
    return path.read_text(encoding="utf-8").split() if path.exists() else []


async def _until(condition: object, timeout: float = 60) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():  # type: ignore[operator]
        if loop.time() > deadline:
            raise AssertionError("timed out")
        await asyncio.sleep(0.02)


async def test_typing_does_not_wait_for_cfn_lint_and_stale_stages_are_dropped(
    client: RecordingClient, tmp_path: Path
) -> None:
    rules = tmp_path / "gated_rules"
    rules.mkdir()
    (rules / "gated.py").write_text(GATED_RULE, encoding="utf-8")
    (tmp_path / ".cfnlintrc").write_text("append_rules:\n  - lint_rules\n  - gated_rules\n", encoding="utf-8")
    shutil.copy(EXAMPLE, tmp_path / "template.yaml")
    uri = open_document(client, tmp_path / "template.yaml", _text("one"))
    await wait_for(client, uri, 1, 1)
    await _until(lambda: _runs(rules) == ["one"])  # cfn-lint's stage of version 1 runs, held at the gate

    # version 2: this plugin's findings arrive while cfn-lint's stage of version 1 is still held
    change_document(client, uri, 2, _text("two"))
    await wait_for(client, uri, 2, 1)
    (fast,) = publications(client, uri, 2)
    assert "WA1001" in {d.code for d in fast.diagnostics}
    # hover answers from the model of version 2 at once, though cfn-lint's worker is busy
    hover = await asyncio.wait_for(
        client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=types.Position(line=_line_of(_text("two"), "  WebhookFunction:"), character=4),
            )
        ),
        timeout=30,
    )
    assert hover is not None and "Who can invoke it" in str(hover.contents)

    # version 3 before the gate opens: version 2's cfn-lint stage has not started, so it never runs
    change_document(client, uri, 3, _text("three"))
    await wait_for(client, uri, 3, 1)
    assert _runs(rules) == ["one"]
    (rules / "open").write_text("", encoding="utf-8")
    await wait_for(client, uri, 3, 2)  # the newest text's full set arrives once typing stops
    assert _runs(rules) == ["one", "three"]
    assert len(publications(client, uri, 1)) == 1  # version 1's full set, computed for a stale text, is dropped
    assert len(publications(client, uri, 2)) == 1
    first, full = publications(client, uri, 3)
    assert {d.code for d in full.diagnostics} == {d.code for d in first.diagnostics}  # the gated rule finds nothing


async def test_cfn_lint_worker_yields_the_cpu_to_the_fast_lane() -> None:
    """The slow lane's worker process runs at a lower priority than the server (``os.nice``), so that on a
    busy machine the fast lane's next run is not starved while cfn-lint's rules run."""
    import os

    from lint_rules.lsp._server import WORKER_NICENESS, _SlowLane

    lane = _SlowLane(lambda message: None)
    try:
        niceness = lane._pool().submit(os.nice, 0).result(timeout=120)
    finally:
        lane.shutdown()
    assert niceness == min(os.nice(0) + WORKER_NICENESS, 19)
