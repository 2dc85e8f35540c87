#!/usr/bin/env python3
"""Summarise a JFR recording: top frames of CPU samples (self and total, keyfob/H2/JDK frames),
and top allocation sites. Usage: bench/jfr-top.py recording.jfr [N]"""
import collections, json, subprocess, sys

def events(path, name):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", name, path],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)["recording"]["events"]

def frames(e):
    st = e["values"].get("stackTrace") or {}
    # JFR names classes with slashes (org/keyfob/...) but hidden classes (lambdas) with dots
    return [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"] for f in st.get("frames", [])]

def main():
    path, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 15
    samples = events(path, "jdk.ExecutionSample")
    self_c, total_c, keyfob_c = collections.Counter(), collections.Counter(), collections.Counter()
    for e in samples:
        fs = frames(e)
        if not fs:
            continue
        self_c[fs[0]] += 1
        for f in set(fs):
            total_c[f] += 1
        k = next((f for f in fs if f.startswith("org.keyfob")), None)
        if k:
            keyfob_c[k] += 1
    t = len(samples)
    print(f"CPU samples: {t}")
    print("-- top self frames"); [print(f"{c*100/t:5.1f}%  {f}") for f, c in self_c.most_common(n)]
    print("-- innermost keyfob frame"); [print(f"{c*100/t:5.1f}%  {f}") for f, c in keyfob_c.most_common(n)]
    print("-- total (frame anywhere on stack), keyfob/h2/jdbi/hikari/netty/logback")
    shown = 0
    for f, c in total_c.most_common():
        if any(f.startswith(p) for p in ("org.keyfob", "org.h2.mvstore.MVStore", "org.h2.engine.Session.commit",
                                          "org.h2.command", "org.jdbi.v3.core.Handle", "com.zaxxer", "ch.qos.logback",
                                          "org.postgresql.core.v3.QueryExecutorImpl.execute")):
            print(f"{c*100/t:5.1f}%  {f}"); shown += 1
            if shown >= n * 2: break
    alloc = collections.Counter()
    total = 0
    for name in ("jdk.ObjectAllocationSample",):
        for e in events(path, name):
            w = e["values"].get("weight", 0)
            total += w
            fs = frames(e)
            k = next((f for f in fs if f.startswith("org.keyfob")), fs[0] if fs else "?")
            alloc[(e["values"]["objectClass"]["name"], fs[0] if fs else "?", k)] += w
    print(f"-- allocation (sampled weight, total {total/1e6:.0f} MB)")
    for (cls, top, k), w in alloc.most_common(n):
        print(f"{w*100/max(total,1):5.1f}%  {cls}  at {top}  (keyfob: {k})")

main()
