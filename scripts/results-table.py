#!/usr/bin/env python3
"""Print the README "Results" tables from docs/results/*.json (NLL taggers and GROOT runs)."""
import glob
import json
import os
import sys

root = sys.argv[1] if len(sys.argv) > 1 else "docs/results"


def pct(x):
    return "n/a" if x is None else f"{100 * x:.2f}"


print("| NLL tagger | split | token acc. | exact match | span P | span R | span F1 | epochs | tokens/s |")
print("|---|---|---|---|---|---|---|---|---|")
for path in sorted(glob.glob(os.path.join(root, "nll-*.json"))):
    r = json.load(open(path))
    for split in ("dev", "test"):
        e = r[split]
        t = r["training"]
        tps = t.get("tokens_per_s_mean")
        if "pos" in r["task"]:  # no spans in a POS tag set: span metrics are vacuous (1.0), not shown
            e = dict(e, span_precision=None, span_recall=None, span_f1=None)
        print(f"| {r['task']} | {split} | {pct(e.get('token_accuracy'))} | {pct(e.get('exact_match'))} | "
              f"{pct(e.get('span_precision'))} | {pct(e.get('span_recall'))} | {pct(e.get('span_f1'))} | "
              f"{t['epochs']} | {'n/a' if tps is None else f'{tps:,.0f}'} |")
print()
print("| GROOT run | split | top-1 NLL -> GROOT (delta, 95% CI) | mean top-5 NLL -> GROOT (delta, 95% CI) | oracle@5 NLL -> GROOT | reward at rank 1..5, NLL | reward at rank 1..5, GROOT |")
print("|---|---|---|---|---|---|---|")
for path in sorted(glob.glob(os.path.join(root, "groot-*.json"))):
    r = json.load(open(path))
    its = {i["iteration"]: i for i in r["iterations"]}
    base = its[0]
    compared = r.get("compared_iteration", r["best_iteration"])
    best = its[compared]
    for split in ("dev", "test"):
        b = base[split]
        s = best.get(split, b)
        g = r["gains"][split]
        k = r.get("k", 5)
        t1, mt = g["top1"], g[f"mean_top{k}"]
        ranks = lambda f: " / ".join(f"{x:.3f}" for x in f["reward_at_rank"])
        print(f"| {r['task']} {r['reward']} (tau_r {r.get('options', {}).get('tau_r', '?')}, lambda {r.get('options', {}).get('lambda', '?')}; it. {compared}{', best on dev' if compared == r['best_iteration'] else ''}) | {split} | "
              f"{b['top1_reward']:.4f} -> {s['top1_reward']:.4f} ({t1['delta']:+.4f}, [{t1['ci95'][0]:+.4f}, {t1['ci95'][1]:+.4f}]) | "
              f"{b[f'mean_reward_top{k}']:.4f} -> {s[f'mean_reward_top{k}']:.4f} ({mt['delta']:+.4f}, [{mt['ci95'][0]:+.4f}, {mt['ci95'][1]:+.4f}]) | "
              f"{b[f'oracle_at{k}']:.4f} -> {s[f'oracle_at{k}']:.4f} | {ranks(b)} | {ranks(s)} |")
