"""``voicecart menu import square CATALOG.json --restaurant-id ID [--location ID] [--name NAME] --out FILE``.

Reads a Square catalog export, writes a v2 menu that passes ``menu check`` (it is parsed with the
same validator before it is written), and prints what it could not carry, one line each.
Exit 0 on success, 2 when the input cannot be read or converted (nothing is written then).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from app.core.menu import MAX_MENU_BYTES, parse_menu
from app.errors import MenuError
from app.importers.square import import_square


def _read(path: Path) -> Any:
    try:
        if path.stat().st_size > 20 * MAX_MENU_BYTES:
            raise MenuError(f"file is larger than {20 * MAX_MENU_BYTES} bytes", str(path))
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise MenuError(f"cannot read: {exc.strerror}", str(path)) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MenuError(f"not valid JSON: {exc}", str(path)) from None


def _import_square(args: argparse.Namespace) -> int:
    imported = import_square(_read(Path(args.catalog)), args.restaurant_id, args.name, args.location)
    menu = parse_menu(imported.menu)  # the very checks `menu check` makes: never write a file it refuses
    text = json.dumps(imported.menu, indent=2, ensure_ascii=False) + "\n"
    Path(args.out).write_text(text, encoding="utf-8")
    variations = sum(len(i.variations) for i in menu.items)
    print(
        f"wrote {args.out}: {menu.restaurant_id}, {len(menu.items)} items, {variations} variations, "
        f"{len(menu.taxes)} taxes, {menu.currency}"
    )
    for line in imported.report:
        print(f"not carried: {line}", file=sys.stderr)
    return 0


def register(menu_commands: Any) -> None:
    """Add ``import square`` under ``voicecart menu``."""
    importer = menu_commands.add_parser("import", help="convert another system's catalog into a menu file")
    sources = importer.add_subparsers(dest="import_source", required=True)
    square = sources.add_parser("square", help="Square Catalog objects (ListCatalog / SearchCatalogObjects JSON)")
    square.add_argument("catalog", help="the catalog JSON: {'objects': [...]} or an array of CatalogObjects")
    square.add_argument("--restaurant-id", required=True, help="the menu's restaurant_id")
    square.add_argument("--location", help="a Square location id: only what is sold there, its prices and sold-outs")
    square.add_argument("--name", help="the restaurant's name (default: 'Square catalog')")
    square.add_argument("--out", required=True, help="the menu file to write")
    square.set_defaults(func=_import_square)
