"""``python -m bench matching``: spoken orders on five menus, scored against tests/spoken_corpus.json.

Each labelled utterance is sent the way a realtime model sends it — to the voice tool
``add_to_order`` (a whole phrase as ``item``, or ``item`` + ``modifiers``) and to the HTTP API's
``AddItem`` (the same text as ``item`` + ``modifiers``) — on an empty cart. The resulting cart
lines and questions are compared with the label:

- **right first time**: exactly the labelled lines (item, quantity, options, and a kitchen note
  carrying the labelled words) and, when the label expects a question, a question about one of
  the labelled topics (a modifier group's name, ``item``, ``words``, ``unavailable``);
- **asked when it should**: of the utterances whose label expects a question, how many got one;
- **asked when it shouldn't**: of those labelled with lines only, how many got a question instead;
- **silently wrong**: a line the label does not have was added, or a labelled line was dropped
  with no question about it. Must be 0 (``tests/core/test_order_reader.py`` asserts it, and
  ``tests/core/reading/test_corpus.py`` on the new corpora).

"before" figures were measured on the matcher as it was before this corpus was used for tuning
(``bench/results/matching_before.json``, frozen); the held-out split was never tuned on.

The new corpora (issue #23) are menus written for the reading issue, with utterances written blind
from each menu alone (``tests/corpus/menus/<id>.json``, ``tests/corpus/said/<id>.json``): a DEV
split the reader may be tuned on; a BLIND split whose first look was taken once and frozen, then tuned
on (scored as seen); BLIND2, written the next round the same way, likewise (its first look frozen, then
tuned on); and BLIND3, the unseen split, scored only in aggregate and only with ``--blind`` (its cases and
misses are never printed), its first look frozen once on the round's final reader.
Each is scored per form: a whole phrase in
``item``, or ``item`` + ``modifiers`` (structured). Generated reads (:mod:`bench.generated_reads`)
render every item of every menu with random valid choices and require the exact line.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from app.core import cart, turn
from app.core.cart.pricing import price_cart
from app.core.menu import Menu, load_menu
from app.core.reading.spoken import normalize
from app.errors import CartError
from app.voice.cart_tools import add_to_order
from app.voice.toolkit import ToolContext
from bench import ROOT, Config, generated_reads, machine_line, table

CORPUS = ROOT / "tests" / "spoken_corpus.json"
BEFORE = ROOT / "bench" / "results" / "matching_before.json"
BLIND = ROOT / "bench" / "results" / "matching_blind.json"  # held-out, measured before any held-out case was seen
NOW = 1_767_225_600  # a fixed instant: the corpus menus have no hours, so the time of day never matters
READERS = ("voice", "http")
SPLITS = ("tuning", "held_out", "held_out_2")  # held_out_2: written after all tuning, frozen, measured once
OUTCOMES = ("right", "asked", "asked_unneeded", "wrong")

NEW_CORPORA = ROOT / "tests" / "corpus"
NEW_BEFORE = ROOT / "bench" / "results" / "matching_new_before.json"  # the reader before issue #23, frozen
NEW_BLIND_FIRST_LOOK = ROOT / "bench" / "results" / "matching_new_blind_first_look.json"  # measured once, frozen
DEV_MENUS = ("tea-lab", "bowl-co", "route-66-diner", "deli-counter", "grind-coffee", "the-tap-room")
BLIND_MENUS = (
    "slice-house", "wing-stop-shop", "drive-thru-express", "pho-and-banh-mi", "crumb-bakery", "sunny-side-diner",
)  # fmt: skip
# Written blind after the first look at "blind" (which was then tuned on, so it is scored as seen): its first
# look is taken once, on the round's final reader, and frozen like the first.
BLIND2_MENUS = ("sushi-bar", "indian-curry-house", "chinese-takeout", "scoop-shop", "ramen-shop", "gyro-grill")
BLIND3_MENUS = ("thai-kitchen", "bagel-bakery", "burrito-bar", "korean-chicken", "pasta-house", "hot-dog-stand")
BLIND4_MENUS = ("bbq-smokehouse", "donut-shop", "steakhouse", "poke-bowl", "creperie", "cocktail-bar")
BLIND5_MENUS = ("sub-shop", "fried-chicken", "smoothie-bar", "beer-hall", "falafel-house", "yakitori-bar")
BLIND6_MENUS = ("taqueria", "fish-and-chips", "pancake-house", "plate-lunch", "wine-bar", "salad-builder")
BLIND7_MENUS = ("pizzeria", "dim-sum", "pierogi-house", "ethiopian", "cinema-concessions", "hot-pot")
BLIND8_MENUS = ("seafood-boil", "curry-house", "shave-ice", "doner-kebab", "pollo-brasa", "breakfast-tacos")
BLIND9_MENUS = ("cheesesteak-shop", "soup-and-sandwich", "catering-trays", "italian-beef", "tapas-bar", "dosa-house")
BLIND10_MENUS = ("halal-cart", "burger-stand-secret", "jamaican-jerk", "coffee-and-donuts", "pupuseria", "hot-chicken")
BLIND11_MENUS = ("bodega-deli", "japanese-curry", "cuban-ventanita", "nepali-momo", "poutine-shop", "pretzel-stand")
BLIND12_MENUS = ("silog-house", "hibachi-express", "peri-peri", "acai-bowls", "korean-corndog", "lanzhou-noodle")
BLIND13_MENUS = ("poboy-shop", "arepa-bar", "chicken-rice", "west-african", "manakish-bakery", "cantonese-bbq")
BLIND14_MENUS = ("hk-cafe", "meat-and-three", "cake-shop", "elote-stand", "tteokbokki-bar", "indo-chinese")
BLIND15_MENUS = ("oyster-bar", "roti-shop", "tamale-shop", "korean-bbq", "mamak-stall", "jianbing-cart")
BLIND16_MENUS = ("fish-market", "chaat-house", "persian-kabob", "taiwanese-chicken", "mariscos", "khachapuri-bakery")
NEW_SPLITS = {
    "dev": DEV_MENUS, "blind": BLIND_MENUS, "blind2": BLIND2_MENUS, "blind3": BLIND3_MENUS, "blind4": BLIND4_MENUS,
    "blind5": BLIND5_MENUS, "blind6": BLIND6_MENUS, "blind7": BLIND7_MENUS,
    "blind8": BLIND8_MENUS, "blind9": BLIND9_MENUS, "blind10": BLIND10_MENUS, "blind11": BLIND11_MENUS,
    "blind12": BLIND12_MENUS, "blind13": BLIND13_MENUS, "blind14": BLIND14_MENUS,
    "blind15": BLIND15_MENUS, "blind16": BLIND16_MENUS,
}  # fmt: skip
# in the order written
BLIND_SPLITS = tuple(split for split in NEW_SPLITS if split != "dev")
# tuned on (the blind ones after their first look)
SEEN = (
    "dev", "blind", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8", "blind9", "blind10",
    "blind11", "blind12", "blind13", "blind14", "blind15",
)  # fmt: skip
UNSEEN = ("blind16",)  # scored only with --blind, in aggregate; never printed case by case


def first_look_path(split: str) -> Path:
    """Where a blind split's first look is frozen (the first split's file predates the others' naming)."""
    name = "blind" if split == "blind" else split
    return ROOT / "bench" / "results" / f"matching_new_{name}_first_look.json"


FORMS = ("phrase", "structured")


def load_corpus() -> dict[str, Any]:
    return json.loads(CORPUS.read_text())


def load_menus(corpus: dict[str, Any]) -> dict[str, Menu]:
    return {rid: load_menu(ROOT / path) for rid, path in corpus["menus"].items()}


@dataclass
class Answer:
    """What a reader made of an utterance: the cart lines it added and the topics it asked about."""

    lines: list[tuple[str, int, tuple[str, ...], str]]
    asks: list[str]


def topic(code: str, details: dict[str, Any]) -> str:
    """The subject of a question, in the corpus's terms."""
    if code in ("item_ambiguous", "item_not_found"):
        return "item"
    if code.endswith("_unavailable"):  # the item, a size or a choice that is sold out
        return "unavailable"
    if details.get("group") == "variation":
        return "Size"  # a menu v2 item's variations are its sizes
    if details.get("group_name"):
        return str(details["group_name"])
    if code in ("modifier_invalid", "words_not_understood"):
        return "words"
    return code


def _names(modifiers: list[dict[str, Any]]) -> list[str]:
    """Chosen option names, nested ones too, a repeat once per time chosen."""
    return [n for m in modifiers for n in [m["name"]] * m.get("quantity", 1) + _names(m.get("modifiers", []))]


def _lines(state: cart.CartState, menu: Menu) -> list[tuple[str, int, tuple[str, ...], str]]:
    """Each cart line as (item, quantity, sorted choice names with the variation, note)."""
    out = []
    for p in price_cart(state, menu).lines:
        names = _names(p.modifiers) + ([p.variation["name"]] if p.variation else [])
        out.append((p.name, p.line.quantity, tuple(sorted(names)), p.line.notes or ""))
    return out


def _said(case: dict[str, Any]) -> tuple[str, list[str]]:
    said = case["said"]
    return (said, []) if isinstance(said, str) else (said["item"], said["modifiers"])


def read_voice(menu: Menu, case: dict[str, Any]) -> Answer:
    """``add_to_order`` on an empty cart, as the Realtime model calls it."""
    item, modifiers = _said(case)
    entry: dict[str, Any] = {"item": item, **({"modifiers": modifiers} if modifiers else {})}
    state = cart.new_cart(b"corpus00", menu.restaurant_id, NOW)
    ctx = ToolContext(menu, NOW)
    try:
        state, output = add_to_order.handler(state, {"items": [entry]}, ctx)
    except CartError as exc:
        return Answer([], [topic(exc.code, exc.details)])
    asks = [topic(n["error"], n) for n in output.get("not_added", [])]
    return Answer(_lines(state, menu), asks)


def read_http(menu: Menu, case: dict[str, Any]) -> Answer:
    """The HTTP API's ``POST …/cart/items`` with the same text as ``item`` (+ ``modifiers``)."""
    item, modifiers = _said(case)
    state = cart.new_cart(b"corpus00", menu.restaurant_id, NOW)
    try:
        state, _ = turn.apply(state, turn.AddItem(item, turn.AS_SAID, tuple(modifiers)), menu, NOW)
    except CartError as exc:
        return Answer([], [topic(exc.code, exc.details)])
    return Answer(_lines(state, menu), [])


def _line_matches(want: dict[str, Any], got: tuple[str, int, tuple[str, ...], str]) -> bool:
    name, quantity, options, note = got
    if (name, quantity, options) != (want["item"], want["quantity"], tuple(want["options"])):
        return False
    if not want["note"]:
        return not note
    return set(normalize(want["note"]).split()) <= set(normalize(note).split())


def judge(case: dict[str, Any], answer: Answer) -> str:
    """One of :data:`OUTCOMES` for ``answer`` against the case's label."""
    missing = list(case["lines"])
    extra = []
    for got in answer.lines:
        found = next((w for w in missing if _line_matches(w, got)), None)
        if found is None:
            extra.append(got)
        else:
            missing.remove(found)
    if extra or (missing and not answer.asks) or (case["ask"] and not answer.asks):
        return "wrong"
    wanted = {normalize(t) for t in case["ask"]}
    if not case["ask"]:
        return "asked_unneeded" if answer.asks else "right"
    if not missing and any(normalize(t) in wanted for t in answer.asks):
        return "right"
    return "asked"


@cache  # the corpus and the reader do not change within a run
def evaluate(reader: str = "voice") -> list[dict[str, Any]]:
    """Every case with its outcome for ``reader`` ("voice" or "http")."""
    corpus = load_corpus()
    menus = load_menus(corpus)
    read = read_voice if reader == "voice" else read_http
    results = []
    for case in corpus["cases"]:
        answer = read(menus[case["menu"]], case)
        results.append({**case, "outcome": judge(case, answer), "got_lines": answer.lines, "got_asks": answer.asks})
    return results


def rates(results: list[dict[str, Any]]) -> dict[str, Any]:
    """The four figures of one reader on one split."""
    count = Counter(r["outcome"] for r in results)
    should = [r for r in results if r["ask"]]
    should_not = [r for r in results if not r["ask"]]
    return {
        "cases": len(results),
        "right": count["right"],
        "asked_should": sum(r["outcome"] in ("right", "asked") for r in should),
        "should": len(should),
        "asked_should_not": sum(r["outcome"] == "asked_unneeded" for r in should_not),
        "should_not": len(should_not),
        "wrong": count["wrong"],
    }


def summary() -> dict[str, dict[str, dict[str, Any]]]:
    """``{reader: {split: rates}}`` for both readers and both splits."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for reader in READERS:
        results = evaluate(reader)
        out[reader] = {split: rates([r for r in results if r["split"] == split]) for split in SPLITS}
    return out


def _pct(hits: int, of: int) -> str:
    return f"{hits}/{of} ({100 * hits / of:.1f} %)" if of else "-"


def _row(label: str, reader: str, split: str, r: dict[str, Any]) -> list[object]:
    return [
        label,
        reader,
        split,
        r["cases"],
        _pct(r["right"], r["cases"]),
        _pct(r["asked_should"], r["should"]),
        _pct(r["asked_should_not"], r["should_not"]),
        r["wrong"],
    ]


def report(now: dict[str, Any], before: dict[str, Any] | None, blind: dict[str, Any] | None = None) -> str:
    headers = ["matcher", "reader", "split", "utterances", "right first time", "asked when it should",
               "asked when it shouldn't", "silently wrong"]  # fmt: skip
    rows = []
    for reader in READERS:
        for split in SPLITS:
            if before and split in before.get(reader, {}):
                rows.append(_row("before", reader, split, before[reader][split]))
            if blind and split in blind.get(reader, {}):
                rows.append(_row("after, blind", reader, split, blind[reader][split]))
            rows.append(_row("after", reader, split, now[reader][split]))
    return table(headers, rows)


def misses(reader: str) -> str:
    rows = [
        [r["split"], r["menu"][:14], json.dumps(r["said"]), r["outcome"], r["got_lines"], r["got_asks"]]
        for r in evaluate(reader)
        if r["outcome"] != "right"
    ]
    return table(["split", "menu", "said", "outcome", "got lines", "got asks"], rows) if rows else "(none)"


# --- the new corpora (issue #23) and generated reads -----------------------------------------------------


def form_of(case: dict[str, Any]) -> str:
    """ "phrase" (the whole utterance in ``item``) or "structured" (``item`` + ``modifiers``)."""
    return "phrase" if isinstance(case["said"], str) else "structured"


def new_menu(rid: str) -> Menu:
    return load_menu(NEW_CORPORA / "menus" / f"{rid}.json")


def load_new_cases(split: str) -> list[dict[str, Any]]:
    """Every labelled case of the split's menus whose utterances have arrived (the menu id added)."""
    cases = []
    for rid in NEW_SPLITS[split]:
        path = NEW_CORPORA / "said" / f"{rid}.json"
        if path.exists():
            cases += [{**case, "menu": rid} for case in json.loads(path.read_text())["cases"]]
    return cases


def hidden_menus() -> frozenset[str]:
    """The menus of the unseen splits, before and after their first look is frozen: the reader is never run on
    them but by ``--blind`` (in aggregate) and the first look — not on reads generated from them, not to
    compare its pruned and full paths — until a round moves the split into :data:`SEEN` to be tuned on
    (otherwise the generated reads' 0-wrong test would tune the reader on the unseen menus at once)."""
    return frozenset(rid for split in UNSEEN for rid in NEW_SPLITS[split])


def all_menus() -> dict[str, Menu]:
    """The old corpus's menus and every new menu but the hidden ones: what generated reads are made from."""
    menus = load_menus(load_corpus())
    hidden = hidden_menus()
    for path in sorted((NEW_CORPORA / "menus").glob("*.json")):
        if path.stem not in hidden:
            menus[path.stem] = load_menu(path)
    return menus


@cache
def generated_cases() -> tuple[tuple[str, dict[str, Any]], ...]:
    return tuple((rid, case) for rid, menu in all_menus().items() for case in generated_reads.generate(menu, NOW))


@cache
def evaluate_new(split: str, reader: str = "voice", stride: int = 1) -> list[dict[str, Any]]:
    """Every case of ``split`` (a key of :data:`NEW_SPLITS`, or "generated") with its outcome for ``reader``;
    with a ``stride`` of n, every n-th case only (the first, the n+1-th, …)."""
    read = read_voice if reader == "voice" else read_http
    if split == "generated":
        menus = all_menus()
        pairs = [(menus[rid], case) for rid, case in generated_cases()[::stride]]
    else:
        menus = {rid: new_menu(rid) for rid in NEW_SPLITS[split]}
        pairs = [(menus[case["menu"]], case) for case in load_new_cases(split)[::stride]]
    results = []
    for menu, case in pairs:
        answer = read(menu, case)
        results.append({**case, "outcome": judge(case, answer), "got_lines": answer.lines, "got_asks": answer.asks})
    return results


def summary_new(blind: bool = False) -> dict[str, dict[str, dict[str, dict[str, Any]]]]:
    """``{reader: {split: {form: rates}}}`` for dev, the seen blind split and generated (the unseen split only
    when asked)."""
    splits = (*SEEN, "generated", *(UNSEEN if blind else ()))
    out: dict[str, dict[str, dict[str, dict[str, Any]]]] = {}
    for reader in READERS:
        out[reader] = {}
        for split in splits:
            results = evaluate_new(split, reader)
            out[reader][split] = {form: rates([r for r in results if form_of(r) == form]) for form in FORMS}
    return out


def report_new(now: dict[str, Any], before: dict[str, Any] | None) -> str:
    headers = ["matcher", "reader", "split, form", "utterances", "right first time", "asked when it should",
               "asked on clear phrases", "silently wrong"]  # fmt: skip
    rows = []
    for reader, splits in now.items():
        for split, forms in splits.items():
            for form, r in forms.items():
                if before and split in before.get(reader, {}):
                    rows.append(_row("before", reader, f"{split}, {form}", before[reader][split][form]))
                rows.append(_row("after", reader, f"{split}, {form}", r))
    return table(headers, rows)


def misses_new(split: str, reader: str) -> str:
    """The misses of a split the reader may be tuned on (never the blind one)."""
    assert split not in UNSEEN, "an unseen split's cases are never printed"
    rows = [
        [r["menu"][:14], json.dumps(r["said"]), r["outcome"], r["got_lines"], r["got_asks"]]
        for r in evaluate_new(split, reader)
        if r["outcome"] != "right"
    ]
    return table(["menu", "said", "outcome", "got lines", "got asks"], rows) if rows else "(none)"


def freeze_new_before() -> None:
    """Record the dev split's and generated reads' figures as "before" (run once, before changing the reader)."""
    NEW_BEFORE.write_text(json.dumps(summary_new(), indent=1) + "\n")


def first_look_text(path: Path = NEW_BLIND_FIRST_LOOK, split: str = "blind") -> str:
    """A blind split's frozen first look (measured once, on a round's final reader), as a table."""
    if not path.exists():
        return "(not measured yet)"
    frozen = json.loads(path.read_text())
    rows = [
        _row("first look", reader, f"{split}, {form}", frozen[reader][form]) for reader in READERS for form in FORMS
    ]
    headers = ["matcher", "reader", "split, form", "utterances", "right first time", "asked when it should",
               "asked on clear phrases", "silently wrong"]  # fmt: skip
    return frozen["about"] + "\n\n" + table(headers, rows)


def freeze_first_look(about: str, split: str = UNSEEN[0]) -> dict[str, Any]:
    """Measure an unseen split once and freeze it as its first look (run once, at the end of a round)."""
    path = first_look_path(split)
    assert not path.exists(), "a first look is taken once"
    frozen: dict[str, Any] = {"about": about}
    for reader in READERS:
        results = evaluate_new(split, reader)
        frozen[reader] = {form: rates([r for r in results if form_of(r) == form]) for form in FORMS}
    path.write_text(json.dumps(frozen, indent=1) + "\n")
    return frozen


def run(config: Config) -> dict[str, Any]:
    now = summary()
    before = json.loads(BEFORE.read_text()) if BEFORE.exists() else None
    blind = json.loads(BLIND.read_text()) if BLIND.exists() else None
    corpus = load_corpus()
    text = "\n\n".join(
        [
            "# Spoken orders: right first time, questions, silently wrong",
            f"`python -m bench matching` on {len(corpus['cases'])} labelled utterances over {len(corpus['menus'])} "
            "menus (tests/spoken_corpus.json; every third case of each menu is the frozen held-out split).",
            machine_line(),
            report(now, before, blind),
            "'before': the matcher before this corpus (frozen figures). 'after, blind': held-out measured before "
            "any held-out case was looked at; its misses were then inspected once and their kinds fixed, so "
            "'after' on held-out is no longer a blind figure. Tuning grew by 62 probes written after the freeze. "
            "held_out_2 was written after all tuning and frozen before it was first measured.",
            "## Not right first time (voice)",
            misses("voice"),
            "## Not right first time (HTTP)",
            misses("http"),
        ]
    )
    new_now = summary_new(blind=config.blind)
    new_before = json.loads(NEW_BEFORE.read_text()) if NEW_BEFORE.exists() else None
    seen_blind = [split for split in SEEN if split in BLIND_SPLITS]
    looks = [(split, first_look_text(first_look_path(split), split)) for split in BLIND_SPLITS]
    new_text = "\n\n".join(
        [
            "## New menus (issue #23): dev split, seen blind splits, generated reads"
            + (f", unseen {', '.join(UNSEEN)} split" if config.blind else ""),
            f"Dev: {len(load_new_cases('dev'))} utterances on {', '.join(DEV_MENUS)}, written blind, tuned on. "
            + " ".join(
                f"Seen {split}: {len(load_new_cases(split))} utterances on {', '.join(NEW_SPLITS[split])}, first "
                "look frozen below, then tuned on."
                for split in seen_blind
            )
            + f" Generated: {len(generated_cases())} reads of every item of {len(all_menus())} menus "
            f"({generated_reads.READS_PER_ITEM} per item and form, seed {generated_reads.SEED}). "
            f"{', '.join(UNSEEN)} ({', '.join(m for split in UNSEEN for m in NEW_SPLITS[split])}) is scored only "
            "with `--blind`, in aggregate. Label conventions: tests/corpus/README.md.",
            report_new(new_now, new_before),
            *(part for split, text in looks for part in (f"### {split}: the first look", text)),
            *(
                part
                for split in ("dev", *seen_blind, "generated")
                for part in (f"### {split}: not right first time (voice)", misses_new(split, "voice"))
            ),
        ]
    )
    config.path("matching.md").write_text(text + "\n\n" + new_text + "\n")
    print(report(now, before, blind))
    print(report_new(new_now, new_before))
    for _, look in looks:
        print(look)
    return {"old": now, "new": new_now}


def freeze_before() -> None:
    """Record today's figures as the "before" column (run once, before tuning)."""
    BEFORE.write_text(json.dumps(summary(), indent=1) + "\n")


if __name__ == "__main__":
    run(Config())
