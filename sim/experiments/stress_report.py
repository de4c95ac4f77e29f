"""Reading a stress test: the definition in words, the weeks lost and rescued, a text report."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from sim.experiments.stress import StressResult
from sim.labels import mark_synthetic


def definition_text(criteria: Mapping[str, Any]) -> str:
    """The ``compensated`` definition of a stress test (its metadata) in one line."""
    if criteria.get("relative_to", "none") == "undisturbed":
        return (f"compensated = against the same seed's undisturbed week (nobody reacting): "
                f"at most {criteria['max_excess_shortage'] / 60:g} h more first-station "
                f"shortage, {criteria['max_excess_late']:g} more late units and "
                f"{criteria['max_excess_backlog']:g} more units undelivered at the end")
    backlog = (f", backlog <= {criteria['max_backlog']} units"
               if criteria.get("max_backlog") is not None else "")
    return (f"compensated = on-time delivery >= {criteria['on_time_min']:g} % and material "
            f"shortage <= {criteria['max_shortage'] / 60:g} h{backlog}")


def lost_and_rescued(result: StressResult, versus: str | None = None,
                     config: str | None = None) -> pd.DataFrame:
    """The bad days on which ``config`` and ``versus`` disagree, with ``config``'s decisions.

    Args:
        result: A stress test with at least two configurations.
        versus: The reference configuration (default: the first).
        config: The other (default: the second).

    Returns:
        ``seed``, ``outcome`` (``rescued``: only ``config`` compensated; ``lost``: only
        ``versus``), ``bad_day``, the excess figures of both (when judged relative to the
        undisturbed week) and ``decisions`` (what ``config``'s agents did that week).
    """
    names = [c["name"] for c in result.metadata["configs"]]
    versus = versus or names[0]
    config = config or names[1]
    runs = result.runs
    a = runs[runs["config"] == versus].set_index("seed")
    b = runs[runs["config"] == config].set_index("seed")
    differ = a.index[a["compensated"] != b["compensated"]]
    columns = [c for c in ("excess_shortage_h", "excess_late_units", "excess_backlog")
               if c in runs]
    rows = []
    for seed in differ:
        row = {"seed": int(seed),
               "outcome": "rescued" if b.loc[seed, "compensated"] else "lost",
               "bad_day": a.loc[seed, "bad_day"]}
        for column in columns:
            row[f"{versus}: {column}"] = float(a.loc[seed, column])
            row[f"{config}: {column}"] = float(b.loc[seed, column])
        row["decisions"] = b.loc[seed, "decisions"] or "(none)"
        rows.append(row)
    table = pd.DataFrame(rows)
    mark_synthetic([table], result.fingerprint)
    return table


def report(result: StressResult) -> str:
    """The stress test in words: definition, shares, difference, weeks lost and rescued."""
    lines = [result.banner, definition_text(result.metadata["compensated"])]
    claim = result.metadata.get("claim")
    with pd.option_context("display.width", 200, "display.float_format", "{:.3f}".format,
                           "display.max_colwidth", 120):
        lines.append(result.outcomes.to_string(index=False))
        if claim is not None:
            lines.append(f"(the stories claim {claim:.0%} compensated; compare it with the "
                         "baseline's share on the same bad days, not with 0)")
        if len(result.difference):
            lines += ["", result.difference.to_string(index=False)]
            for name in [c["name"] for c in result.metadata["configs"]][1:]:
                table = lost_and_rescued(result, config=name)
                lines += ["", f"weeks {name} lost or rescued:",
                          table.to_string(index=False) if len(table) else "(none)"]
    return "\n".join(lines)
