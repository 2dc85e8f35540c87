#!/usr/bin/env python3
"""Reads a PSKC file with python-pskc (Debian: python3-pskc), so Keyfob's writer is tested
against an independent reader. The passphrase comes on standard input (first line).
Usage: read_pskc.py FILE.pskcxml < passphrase   Prints one tab-separated line per key:
serial, secret (hex), algorithm, suite, digits, encoding, counter, time offset, time interval,
time drift, manufacturer, model, issuer; an empty field where the file has no value.
python-pskc checks every ValueMAC before it hands out a decrypted value."""
import sys

import pskc


def main(path):
    passphrase = sys.stdin.readline().rstrip("\n")
    container = pskc.PSKC(path)
    container.encryption.derive_key(passphrase)
    for key in container.keys:
        fields = [key.serial, key.secret.hex(), key.algorithm, key.algorithm_suite,
                  key.response_length, key.response_encoding, key.counter, key.time_offset,
                  key.time_interval, key.time_drift, key.manufacturer, key.model, key.issuer]
        print("\t".join("" if f is None else str(f) for f in fields))


if __name__ == "__main__":
    main(sys.argv[1])
