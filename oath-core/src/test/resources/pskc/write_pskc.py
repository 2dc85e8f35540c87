#!/usr/bin/env python3
"""Writes a PSKC file with python-pskc (Debian: python3-pskc), so Keyfob's reader is tested
against an independent writer. Usage: write_pskc.py SPEC.json OUT.pskcxml

SPEC: {"protection": "plain" | "psk" | "passphrase", "cipher": "aes128-cbc", "mac": "hmac-sha1",
       "key_hex": "...", "passphrase": "...", "iterations": 1000,
       "keys": [{"id", "serial", "secret_hex", "algorithm", "digits", "counter", "interval",
                 "hash", "suite", "start", "expiry"}]}
"""
import datetime
import json
import sys

import pskc


def main(spec_path, out_path):
    with open(spec_path) as f:
        spec = json.load(f)
    container = pskc.PSKC()
    for k in spec["keys"]:
        args = dict(id=k["id"], serial=k["serial"], manufacturer="python-pskc",
                    secret=bytes.fromhex(k["secret_hex"]), algorithm=k["algorithm"],
                    response_length=k["digits"], response_encoding="DECIMAL")
        if "counter" in k:
            args["counter"] = k["counter"]
        if "interval" in k:
            args["time_interval"] = k["interval"]
            args["time_offset"] = 0
        if "hash" in k:
            args["algorithm_suite"] = k["hash"]
        if "suite" in k:
            args["algorithm_suite"] = k["suite"]
        if "start" in k:
            args["start_date"] = datetime.datetime.fromisoformat(k["start"])
            args["expiry_date"] = datetime.datetime.fromisoformat(k["expiry"])
        container.add_key(**args)
    protection = spec.get("protection", "plain")
    if protection == "psk":
        container.encryption.setup_preshared_key(key=bytes.fromhex(spec["key_hex"]),
                                                 algorithm=spec["cipher"], key_name="Pre-shared-key")
    elif protection == "passphrase":
        container.encryption.setup_pbkdf2(spec["passphrase"], algorithm=spec["cipher"],
                                          iterations=spec.get("iterations", 1000))
    if protection != "plain":
        container.mac.setup(algorithm=spec.get("mac", "hmac-sha1"))
    container.write(out_path)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
