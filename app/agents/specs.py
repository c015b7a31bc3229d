"""The tools a voicecart server publishes (``GET /v1/restaurants/{rid}/tools``), read into typed specs.

A spec keeps the server's raw JSON schema (``parameters``) untouched: each integration hands it to
its framework as is, so names, descriptions and argument rules are the server's, never re-typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ToolSpec:
    """One published function tool.

    ``parameters`` is a JSON Schema object (``{"type": "object", "properties", "required", …}``);
    ``strict`` is true for the ``?strict=true`` form (every property required, optional ones nullable).
    """

    name: str
    description: str
    parameters: dict[str, Any]
    strict: bool = False


def parse_specs(payload: object) -> list[ToolSpec]:
    """``{"tools": [{"type": "function", "name", "description", "parameters", "strict"?}, …]}`` → specs.

    Raises ``ValueError`` naming the first entry that is not a function tool of that shape.
    """
    tools = payload.get("tools") if isinstance(payload, dict) else None
    if not isinstance(tools, list):
        raise ValueError("the tool list is not an object with a 'tools' array")
    specs = []
    for i, tool in enumerate(tools):
        ok = (
            isinstance(tool, dict)
            and tool.get("type") == "function"
            and isinstance(tool.get("name"), str)
            and isinstance(tool.get("description"), str)
            and isinstance(tool.get("parameters"), dict)
            and tool["parameters"].get("type") == "object"
        )
        if not ok:
            raise ValueError(f"tools[{i}] is not a function tool with name, description and object parameters")
        specs.append(ToolSpec(tool["name"], tool["description"], tool["parameters"], tool.get("strict") is True))
    return specs
