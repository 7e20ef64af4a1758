#!/usr/bin/env python3
"""Combine the outputs of an NLL benchmark run into docs/results/nll-<task>.json.

Inputs are what the commands in README "Results" produce: the `groot train` console log (its
per-epoch progress lines), the run directory's summary.json, its newest manifest (for the run's
options, e.g. `updater` and `workers`), and the `groot evaluate` JSON of the best model on dev and
on test. Nothing is computed here except parsing and copying.
"""
import argparse
import glob
import json
import os
import re

EPOCH = re.compile(r"epoch (\d+)/(\d+)\s+loss ([\d.]+)\s+dev ([\d.]+)( \*)?\s+([\d.]+) ex/s(?:\s+(\d+) tok/s)?\s+([\d.]+)s")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--task", required=True)
    p.add_argument("--train-log", required=True)
    p.add_argument("--summary", required=True)
    p.add_argument("--manifests", help="the run's _manifests directory (options are copied from the newest); "
                   "results files need it: they must say options.updater and options.workers")
    p.add_argument("--dev", required=True)
    p.add_argument("--test", required=True)
    p.add_argument("--commands", required=True, help="file with the exact commands that produced the inputs")
    p.add_argument("--output", required=True)
    a = p.parse_args()

    history = []
    with open(a.train_log) as f:
        for line in f:
            m = EPOCH.search(line)
            if m:
                history.append({"epoch": int(m.group(1)), "loss": float(m.group(3)), "dev": float(m.group(4)),
                                "best_so_far": bool(m.group(5)), "examples_per_s": float(m.group(6)),
                                "tokens_per_s": float(m.group(7)) if m.group(7) else None,
                                "seconds": float(m.group(8))})
    summary = json.load(open(a.summary))
    it0 = next(i for i in summary["iterations"] if i["iteration"] == 0)
    best_epoch = max(history, key=lambda h: h["dev"])["epoch"] if history else None
    tps = [h["tokens_per_s"] for h in history if h["tokens_per_s"]]
    options = None
    if a.manifests:
        newest = sorted(glob.glob(os.path.join(a.manifests, "*.json")))[-1]
        options = json.load(open(newest))["manifest"]["options"]
    out = {
        "task": a.task,
        "options": options,
        "dev": json.load(open(a.dev)),
        "test": json.load(open(a.test)),
        "training": {
            "seconds": it0["seconds"].get("update"),
            "epochs": len(history),
            "best_epoch": best_epoch,
            "tokens_per_s_mean": sum(tps) / len(tps) if tps else None,
            "history": history,
        },
        "commands": open(a.commands).read().strip().splitlines(),
    }
    with open(a.output, "w") as f:
        json.dump(out, f, indent=2)
    print("wrote", a.output)


if __name__ == "__main__":
    main()
