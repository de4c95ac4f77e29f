"""Regenerate the claims ledger: every figure of the stories against the toy's own estimate.

Usage::

    python scripts/claims_ledger.py             # full: n = 20 (stress test 30), writes docs/
    python scripts/claims_ledger.py --quick     # n = 3, for tests (writes nothing unless --out)
    python scripts/claims_ledger.py --out DIR   # write claims.md and claims.de.md into DIR
    python scripts/claims_ledger.py --render    # re-render docs/ from docs/claims.json only

The words come from ``scripts/claims.toml``; every number is measured here with the public
API only (``sim.compare``, ``sim.compare_paired``, ``sim.stress_test``), with a 95 % interval
(Student-t for means and paired differences, Wilson for shares). Every estimate is SYNTHETIC;
the files carry the run fingerprint (version, commit, scenario hashes, seeds). The measured
estimates are recorded in ``claims.json`` next to the Markdown, so that the words can be
re-rendered without re-running and a test can check that the committed ledger is exactly what
this script writes for its recorded inputs. Only the wall-clock row changes between two
measurements on the same commit.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tomllib
from pathlib import Path
from statistics import NormalDist
from typing import Any

import numpy as np
from scipy.stats import t as student_t

import sim

ROOT = Path(__file__).resolve().parents[1]
TEXTS = Path(__file__).with_name("claims.toml")
ROUTE_CUT_H = 30.0
"""Tue 06:00 in simulated hours: when supply_disruption's rail outage starts."""


def mean_interval(values: list[float]) -> dict[str, float]:
    """Mean and 95 % Student-t interval of independent values."""
    x = np.asarray([v for v in values if not math.isnan(v)], dtype=float)
    n = int(x.size)
    mean = float(x.mean())
    half = float(student_t.ppf(0.975, n - 1) * x.std(ddof=1) / math.sqrt(n)) if n > 1 else math.nan
    return {"mean": mean, "low": mean - half, "high": mean + half, "n": n}


def wilson(k: int, n: int) -> dict[str, float]:
    """Share ``k/n`` with its 95 % Wilson score interval (in percent)."""
    z = NormalDist().inv_cdf(0.975)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return {"mean": 100 * p, "low": 100 * (centre - half), "high": 100 * (centre + half), "n": n}


def _row(paired: Any, kpi: str, *, pct: bool = False, level: str | None = None) -> dict:
    """One KPI of a paired comparison: a level, the difference, or the % difference."""
    table = paired.table.set_index("kpi")
    row = table.loc[kpi]
    n = int(row["n"])
    if level is not None:
        runs = paired.runs[paired.runs["config"] == level][kpi].tolist()
        return mean_interval(runs)
    scale = 100.0 / abs(row.iloc[0]) if pct else 1.0
    return {"mean": row["difference"] * scale, "low": row["ci_low"] * scale,
            "high": row["ci_high"] * scale, "n": n}


def measure(n: int, n_stress: int) -> tuple[dict[str, dict], dict[str, Any]]:
    """Run every experiment of the ledger; return the estimates by key and the fingerprint."""
    quiet = {"progress": False, "jobs": 2}
    estimates: dict[str, dict] = {}
    hashes: dict[str, str] = {}

    twin, reaction, options = [], [], []
    for seed in range(1, n + 1):
        cmp = sim.compare("supply_disruption", seed)
        hashes["supply_disruption"] = cmp.metadata["scenario_hash"]
        planned = cmp.decisions[(cmp.decisions["agent"] == "planner")
                                & cmp.decisions["score"].notna()]
        if len(planned):
            twin.append(cmp.metadata["twin_seconds"] / len(planned))
            reaction.append(float(planned["time_h"].iloc[0]) - ROUTE_CUT_H)
            options.extend(planned["n_options"].astype(float).tolist())
    estimates["twin_seconds"] = mean_interval(twin)
    estimates["reaction_h"] = mean_interval(reaction)
    estimates["options"] = mean_interval(options)

    lead = []
    for seed in range(1, n + 1):
        cmp = sim.compare("predictive_maintenance", seed)
        hashes["predictive_maintenance"] = cmp.metadata["scenario_hash"]
        events = cmp.agents.events
        stops = events[(events["kind"] == "breakdown") & (events["cause"] == "maintenance")]
        for _, dec in cmp.decisions[cmp.decisions["agent"] == "maintenance"].iterrows():
            later = stops[stops["time_h"] >= dec["time_h"]]["time_h"]
            if len(later):
                lead.append(float(later.iloc[0]) - float(dec["time_h"]))
    estimates["maintenance_lead_h"] = mean_interval(lead)

    supply = sim.compare_paired("supply_disruption", n, **quiet)
    estimates["baseline_shortage_h"] = _row(supply, "material shortage at first station [h]",
                                            level="baseline")
    estimates["performance"] = _row(supply, "performance [%]", level="agents")
    estimates["oee_diff"] = _row(supply, "OEE [%]")
    estimates["output_pct"] = _row(supply, "output [units]", pct=True)
    estimates["downtime_pct"] = _row(supply, "downtime [h]", pct=True)
    estimates["energy_pct"] = _row(supply, "energy [kWh]", pct=True)

    speed = sim.compare_paired(
        "energy_day", n,
        baseline={"name": "nominal speed", "overrides": {"energy.adaptive": False}},
        alternative={"name": "adaptive cycle timing", "overrides": {"energy.adaptive": True}},
        **quiet)
    hashes["energy_day"] = speed.metadata["scenario_hash"]
    estimates["energy_speed_pct"] = _row(speed, "energy per unit [kWh/unit]", pct=True)

    ladder = sim.compare_paired(
        "supply_disruption", n, baseline={"name": "at once", "agents": "autonomous"},
        alternative={"name": "after 72 h", "agents": "recommend",
                     "overrides": {"agents.human_reaction_delay": "72 h"}}, **quiet)
    estimates["late_units_72h"] = _row(ladder, "late units [units]")

    maint = sim.compare_paired("predictive_maintenance", n, **quiet)
    estimates["pm_downtime_pct"] = _row(maint, "downtime [h]", pct=True)
    drift = sim.compare_paired("quality_drift", n, **quiet)
    hashes["quality_drift"] = drift.metadata["scenario_hash"]
    estimates["quality"] = _row(drift, "quality [%]", level="agents")
    estimates["scrap_pct"] = _row(drift, "scrap [units]", pct=True)
    contained = sim.compare_paired("quality_containment", n, **quiet)
    hashes["quality_containment"] = contained.metadata["scenario_hash"]
    estimates["line_quality"] = _row(contained, "line quality [%]", level="agents")

    stress = sim.stress_test("stress_week", n_stress, claim=0.92, **quiet)
    hashes["stress_week"] = stress.metadata["scenario_hash"]
    shares = stress.outcomes.set_index("config")
    for key, config in (("compensated_agents", "agents"), ("compensated_baseline", "baseline")):
        estimates[key] = wilson(int(shares.loc[config, "compensated"]), n_stress)
    runs = stress.runs
    late = runs.pivot(index="replication", columns="config", values="late units [units]")
    estimates["no_harm"] = wilson(int((late["agents"] <= late["baseline"]).sum()), n_stress)

    fingerprint = {"version": sim.__version__, "commit": _commit(), "n": n,
                   "n_stress": n_stress, "hashes": hashes,
                   "seeds": f"sim.compare: seeds 1–{n}; compare_paired and stress_test: base "
                            f"seed 0 (replication seeds spawned from SeedSequence(0))"}
    return estimates, fingerprint


def _commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=ROOT, text=True,
                              capture_output=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "sim", "scenarios"],
                               cwd=ROOT, text=True, capture_output=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + (" + uncommitted changes in sim/ or scenarios/" if dirty else "")


WORDS = {
    "en": {"title": "Claims ledger: the stories' figures against the toy", "figure": "figure",
           "where": "where it appears", "checkable": "what it would need to be checkable",
           "estimate": "the toy's estimate (95 % CI) · definition", "differs": "why it differs",
           "banner": "SYNTHETIC: toy-model output, not data from any real plant",
           "intro": "Every figure of the stories, where it appears, what it would need to be "
                    "checkable, and what Werkhalle's toy model gives instead under a stated "
                    "definition, with a 95 % confidence interval (Student-t for means and paired "
                    "differences, Wilson for shares). Toy estimates are SYNTHETIC. Generated by "
                    "`python scripts/claims_ledger.py`; do not edit by hand.",
           "fingerprint": "Run fingerprint", "toy": "SYNTHETIC", "n": "n",
           "other": "Deutsch: [claims.de.md](claims.de.md)"},
    "de": {"title": "Register der Behauptungen: die Zahlen der Geschichten gegen das "
                    "Spielzeugmodell", "figure": "Zahl", "where": "wo sie vorkommt",
           "checkable": "was nötig wäre, um sie zu prüfen",
           "estimate": "Schätzwert des Spielzeugmodells (95-%-KI) · Definition",
           "differs": "warum er abweicht",
           "banner": "SYNTHETISCH: Ausgabe eines Spielzeugmodells, keine Daten aus einem realen "
                     "Werk",
           "intro": "Jede Zahl der Geschichten, wo sie vorkommt, was nötig wäre, um sie zu "
                    "prüfen, und was das Spielzeugmodell Werkhalle stattdessen unter einer "
                    "genannten Definition liefert, mit 95-%-Konfidenzintervall (Student-t für "
                    "Mittelwerte und gepaarte Differenzen, Wilson für Anteile). Die Schätzwerte "
                    "sind SYNTHETISCH. Erzeugt mit `python scripts/claims_ledger.py`; nicht von "
                    "Hand bearbeiten.",
           "fingerprint": "Fingerabdruck des Laufs", "toy": "SYNTHETISCH", "n": "n",
           "other": "English: [claims.md](claims.md)"},
}


def _number(value: float, lang: str) -> str:
    digits = 0 if abs(value) >= 100 else 1 if abs(value) >= 1 else 2
    text = f"{value:,.{digits}f}"
    if lang == "de":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def estimate_text(est: dict[str, float], unit: str, lang: str) -> str:
    """``"mean unit [low, high] (n = k)"`` with the language's decimal mark."""
    unit = {"units": "Stk", "options": "Optionen", "points": "Punkte"}.get(unit, unit) \
        if lang == "de" else unit
    sep = "; " if lang == "de" else ", "
    return (f"{_number(est['mean'], lang)} {unit} [{_number(est['low'], lang)}{sep}"
            f"{_number(est['high'], lang)}] (n = {est['n']})")


def render(estimates: dict[str, dict], fingerprint: dict[str, Any], lang: str) -> str:
    """The ledger as Markdown in ``lang``."""
    texts = tomllib.loads(TEXTS.read_text(encoding="utf-8"))
    w = WORDS[lang]
    hashes = ", ".join(f"{k}#{v}" for k, v in sorted(fingerprint["hashes"].items()))
    stamp = (f"werkhalle {fingerprint['version']} · commit {fingerprint['commit']} · n = "
             f"{fingerprint['n']} (stress test {fingerprint['n_stress']}) · {hashes}")
    lines = [f"# {w['title']}", "", f"> **{w['banner']}** | {stamp}", "", w["intro"], "",
             w["other"], "",
             f"| # | {w['figure']} | {w['where']} | {w['checkable']} | {w['estimate']} | "
             f"{w['differs']} |", "|---|---|---|---|---|---|"]
    for i, claim in enumerate(texts["claim"], start=1):
        cells = []
        for key in claim["estimates"]:
            spec = texts["estimate"][key]
            cells.append(f"**{w['toy']}** {estimate_text(estimates[key], spec['unit'], lang)}"
                         f" · {spec[f'definition_{lang}']}")
        if not claim["estimates"]:
            cells.append(claim[f"not_modelled_{lang}"])
        figure = claim.get(f"figure_{lang}", claim["figure"])
        lines.append(f"| {i} | {figure} | {claim[f'where_{lang}']} | "
                     f"{claim[f'checkable_{lang}']} | {'<br>'.join(cells)} | "
                     f"{claim[f'differs_{lang}']} |")
    lines += ["", f"**{w['fingerprint']}** ({w['toy']}): {stamp}; {fingerprint['seeds']}.", ""]
    return "\n".join(lines)


def claims() -> list[dict[str, Any]]:
    """The ledger's claims (figure, estimate keys ...) as written in ``claims.toml``."""
    return tomllib.loads(TEXTS.read_text(encoding="utf-8"))["claim"]


def main(argv: list[str] | None = None) -> int:
    """Measure and write ``claims.md`` and ``claims.de.md``; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="n = 3 (tests); full: n = 20")
    parser.add_argument("--out", type=Path, default=None, help="directory (default: docs/)")
    parser.add_argument("--render", action="store_true",
                        help="re-render from the directory's claims.json (no runs)")
    args = parser.parse_args(argv)
    n, n_stress = (3, 3) if args.quick else (20, 30)
    out = args.out or (None if args.quick else ROOT / "docs")
    if args.render:
        record = json.loads(((out or ROOT / "docs") / "claims.json").read_text(encoding="utf-8"))
        estimates, fingerprint = record["estimates"], record["fingerprint"]
    else:
        estimates, fingerprint = measure(n, n_stress)
    files = {name: render(estimates, fingerprint, lang) for lang, name in LEDGERS}
    files["claims.json"] = record_text(estimates, fingerprint)
    for name, text in files.items():
        if out is None:
            print(text)
        else:
            out.mkdir(parents=True, exist_ok=True)
            (out / name).write_text(text, encoding="utf-8")
            print(f"wrote {out / name}")
    return 0


LEDGERS = (("en", "claims.md"), ("de", "claims.de.md"))
"""The ledger files by language."""


def record_text(estimates: dict[str, dict], fingerprint: dict[str, Any]) -> str:
    """The recorded inputs of the ledger (estimates and fingerprint) as JSON text."""
    return json.dumps({"synthetic": True, "label": WORDS["en"]["banner"],
                       "fingerprint": fingerprint, "estimates": estimates},
                      indent=1, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    sys.exit(main())
