#!/usr/bin/env python3
"""GROOT minus control on dev, over seeds, from the `groot train` console logs of paired runs.

Each --pair names the control log and the GROOT log of one seed (same command but the objective).
Both logs end with the per-iteration table `groot train` prints (iter, top1 ..., mean@top5, ...);
the differences d(seed, iteration) = GROOT - control are taken per iteration, then averaged over
seeds with a t-based 95% interval over seeds (n - 1 degrees of freedom). That interval measures
run-to-run noise; the per-run paired bootstrap of `groot compare` measures sentence sampling only.
Nothing is computed but parsing, differences, means and t intervals.
"""
import argparse
import json
import math
import re
import statistics
import sys

# Two-sided 95% quantiles of Student's t by degrees of freedom (standard table values).
T975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262,
        10: 2.228, 11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131}
ROW = re.compile(r"^(\d+)\*?\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s")


def read_table(path):
    """iteration -> (top1, mean_top5) from the last per-iteration table of a train log."""
    rows, in_table = {}, False
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("iter ") and "mean@top5" in line:
                rows, in_table = {}, True
                continue
            if in_table:
                m = ROW.match(line)
                if m:
                    rows[int(m.group(1))] = (float(m.group(2)), float(m.group(3)))
                else:
                    in_table = False
    if not rows:
        sys.exit(f"seed-summary: {path}: no per-iteration table (a line starting 'iter' with 'mean@top5')")
    return rows


def interval(values):
    n = len(values)
    mean = statistics.fmean(values)
    if n < 2:
        return mean, None
    if n - 1 not in T975:
        sys.exit(f"seed-summary: {n} seeds; the t table here covers 2 to {max(T975) + 1}")
    half = T975[n - 1] * statistics.stdev(values) / math.sqrt(n)
    return mean, [mean - half, mean + half]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--pair", nargs=3, action="append", required=True, metavar=("SEED", "CONTROL_LOG", "GROOT_LOG"))
    p.add_argument("--iterations", type=int, default=3)
    p.add_argument("--output", help="JSON file for the figures (the table goes to stdout)")
    p.add_argument("--names", nargs=2, default=("GROOT", "control"), metavar=("GROOT_NAME", "CONTROL_NAME"),
                   help="what the two arms are called in the output, e.g. when the second arm is another GROOT run")
    a = p.parse_args()
    difference = f"{a.names[0]} - {a.names[1]}"

    metrics = ("top1", "mean_top5")
    per_seed = {}
    for seed, control_log, groot_log in a.pair:
        control, groot = read_table(control_log), read_table(groot_log)
        for t in range(0, a.iterations + 1):
            for log, table in ((control_log, control), (groot_log, groot)):
                if t not in table:
                    sys.exit(f"seed-summary: {log}: iteration {t} missing from its table")
        if control[0] != groot[0]:
            sys.exit(f"seed-summary: seed {seed}: iteration 0 differs ({control[0]} vs {groot[0]}): not one warm start")
        per_seed[seed] = {
            "control": {t: dict(zip(metrics, control[t])) for t in range(a.iterations + 1)},
            "groot": {t: dict(zip(metrics, groot[t])) for t in range(a.iterations + 1)},
            "diff": {t: {m: groot[t][i] - control[t][i] for i, m in enumerate(metrics)}
                     for t in range(1, a.iterations + 1)},
        }

    seeds = list(per_seed)
    summary = {}
    for m in metrics:
        rows = {}
        for t in range(1, a.iterations + 1):
            mean, ci = interval([per_seed[s]["diff"][t][m] for s in seeds])
            rows[str(t)] = {"mean": mean, "ci95": ci}
        mean, ci = interval([statistics.fmean(per_seed[s]["diff"][t][m] for t in range(1, a.iterations + 1))
                             for s in seeds])
        rows["mean_over_iterations"] = {"mean": mean, "ci95": ci}
        summary[m] = rows

    print(f"seeds: {', '.join(seeds)} (n = {len(seeds)}); d = {difference}, dev")
    for m, label in (("top1", "top-1 span F1, corpus micro (points)"), ("mean_top5", "mean over top 5, per-sentence mean")):
        fmt = (lambda v: f"{v * 100:+.2f}") if m == "top1" else (lambda v: f"{v:+.4f}")
        print(f"\n{label}")
        print("| seed | " + " | ".join(f"it {t}" for t in range(1, a.iterations + 1)) + " | mean of its |")
        print("|---|" + "---|" * (a.iterations + 1))
        for s in seeds:
            d = [per_seed[s]["diff"][t][m] for t in range(1, a.iterations + 1)]
            print(f"| {s} | " + " | ".join(fmt(v) for v in d) + f" | {fmt(statistics.fmean(d))} |")
        cells = []
        for key in [str(t) for t in range(1, a.iterations + 1)] + ["mean_over_iterations"]:
            r = summary[m][key]
            ci = "" if r["ci95"] is None else f" [{fmt(r['ci95'][0])}, {fmt(r['ci95'][1])}]"
            cells.append(fmt(r["mean"]) + ci)
        print("| mean [95% t interval] | " + " | ".join(cells) + " |")

    if a.output:
        with open(a.output, "w", encoding="utf-8") as f:
            json.dump({"split": "dev", "difference": f"{difference}, same seed and iteration",
                       "interval": "t over seeds, 95%, n-1 df",
                       "aggregation": {"top1": "span F1, corpus micro", "mean_top5": "per-sentence mean over the top 5"},
                       "logs": {s: {"control": c, "groot": g} for s, c, g in a.pair},
                       "per_seed": per_seed, "summary": summary}, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
