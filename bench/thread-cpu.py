#!/usr/bin/env python3
"""CPU time of a running process per thread group over an interval, from /proc (Linux): what
JFR's sampler, which takes a few threads per tick, cannot tell. Thread names lose their trailing
numbers, so the 64 "keyfob-worker-1-N" threads are one line; "sys" is the kernel's share.

Usage: bench/thread-cpu.py PID [SECONDS]   (e.g. during a bench/compare.sh saturation run)"""
import collections, os, re, sys, time


def snapshot(pid):
    ticks = collections.Counter()
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as f:
                name = re.sub(r"[-#]?[0-9]+(-[0-9]+)*$", "", f.read().strip())
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except FileNotFoundError:  # the thread ended meanwhile
            continue
        user, system = int(fields[11]), int(fields[12])
        ticks[(name, "user")] += user
        ticks[(name, "sys")] += system
    return ticks


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    pid, seconds = int(sys.argv[1]), float(sys.argv[2]) if len(sys.argv) > 2 else 10
    hz = os.sysconf("SC_CLK_TCK")
    before = snapshot(pid)
    time.sleep(seconds)
    after = snapshot(pid)
    delta = collections.Counter({k: after[k] - before.get(k, 0) for k in after})
    names = collections.Counter()
    for (name, _), t in delta.items():
        names[name] += t
    total = sum(names.values()) or 1
    print(f"{total / hz:.2f} s of CPU in {seconds:g} s ({total / hz / seconds:.2f} cores)")
    for name, t in names.most_common(12):
        if t:
            print(f"  {100 * t / total:5.1f} %  {t / hz:7.2f} s  (sys {100 * delta[(name, 'sys')] / total:4.1f} %)  {name}")


main()
