"""The ``cfn-lint-lambda-auth-lsp`` script: ``--tcp`` for debugging, and without the ``lsp`` extra a clear
message, not a traceback."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time


def test_the_script_without_the_lsp_extra_says_how_to_install_it() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.modules['pygls'] = None; from lint_rules.lsp import main; sys.exit(main([]))",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.startswith(
        "cfn-lint-lambda-auth-lsp needs the 'lsp' extra: pip install 'cfn-lint-lambda-auth[lsp]' ("
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_tcp_mode_answers_initialize() -> None:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "lint_rules.lsp", "--tcp", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                connection = socket.create_connection(("127.0.0.1", port), timeout=30)
                break
            except OSError:
                assert time.monotonic() < deadline, "the server never listened"
                time.sleep(0.2)
        with connection:
            body = json.dumps(
                {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": None, "capabilities": {}}}
            ).encode()
            connection.sendall(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            received = b""
            while b"\r\n\r\n" not in received:
                received += connection.recv(4096)
            header, _, rest = received.partition(b"\r\n\r\n")
            length = int(header.split(b"Content-Length: ")[1].split(b"\r\n")[0])
            while len(rest) < length:
                rest += connection.recv(4096)
        answer = json.loads(rest[:length])
        assert answer["id"] == 1
        assert answer["result"]["serverInfo"]["name"] == "cfn-lint-lambda-auth-lsp"
        assert answer["result"]["capabilities"]["hoverProvider"] is True
        assert answer["result"]["capabilities"]["codeActionProvider"] == {"codeActionKinds": ["quickfix"]}
    finally:
        server.terminate()
        server.wait(timeout=30)
