"""The README's walk-through, run as written: its shell blocks, in order, in one bash, with curl and jq
against a real ``voicecart serve`` on loopback. Only the address changes (a free port, not 8000).

It is what a newcomer pastes. Each turn must send the token of the answer before it; the order
the last turn places must hold every item the walk-through added — the fries included (issue #21:
reusing one ``$T`` lost them).
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

from tests.conftest import TEST_KEYS
from tests.fleet import require_binary
from tests.servers import ServerProcess

README = Path(__file__).resolve().parents[2] / "README.md"
SECTION = "## Walk-through: one order over HTTP"


def walkthrough_commands() -> str:
    """Every ```sh block of the walk-through section, in order."""
    text = README.read_text()
    section = text[text.index(SECTION) :].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.S)
    assert len(blocks) >= 3, "the walk-through has its shell blocks"
    return "\n".join(blocks)


def test_the_walkthrough_places_an_order_with_every_item(tmp_path: Path) -> None:
    require_binary("curl")
    require_binary("jq")
    commands = walkthrough_commands()
    assert "127.0.0.1:8000" in commands
    env = {"CART_KEYS": TEST_KEYS, "CART_DATA_DIR": str(tmp_path / "data")}
    with ServerProcess(env, log_path=tmp_path / "serve.log") as server:
        run = subprocess.run(
            ["bash", "-c", commands.replace("http://127.0.0.1:8000", server.url)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert run.returncode == 0, run.stderr
    answers: list[dict[str, Any]] = [json.loads(line) for line in run.stdout.splitlines() if line.strip()]
    assert len(answers) == commands.count("\nturn ") + commands.startswith("turn ")

    # the one refusal is the one the README announces: fries without a size; each answer says its status
    refused = [(a["http"], a["error"]["code"]) for a in answers if "error" in a]
    assert refused == [(422, "modifier_required")]
    assert answers[0]["http"] == 201 and answers[-1]["http"] == 201  # the cart made, the order placed
    carts = [a["cart"] for a in answers if "cart" in a]
    assert len({c["id"] for c in carts}) == 1, "every turn continued the same cart"
    assert [c["revision"] for c in carts] == sorted(c["revision"] for c in carts), "no turn went back in time"

    order = answers[-1]["order"]
    lines = {(line["item_id"], line["quantity"]): line for line in order["lines"]}
    assert set(lines) == {("cheeseburger", 2), ("fries", 1)}
    burger, fries = lines[("cheeseburger", 2)], lines[("fries", 1)]
    assert [m["id"] for m in burger["modifiers"]] == ["medium", "cheddar", "bacon"]
    assert burger["notes"] == "cut in half"
    assert [m["id"] for m in fries["modifiers"]] == ["large"]
    assert order["customer"]["name"] == "Ada" and answers[-1]["cart"]["checked_out"] is True
