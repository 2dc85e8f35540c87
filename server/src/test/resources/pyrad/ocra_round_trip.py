"""OCRA challenge-response login (RFC 6287 §7.1) over RADIUS against keyfobd, with pyrad.

Usage: ocra_round_trip.py DICTIONARY HOST PORT SECRET USER PIN SEED_HEX

The token is OCRA-1:HOTP-SHA1-6:QN08. This script plays the token: it reads the question from
the Reply-Message of the Access-Challenge and computes the response itself, following RFC 6287
§5 (written here from the RFC, independently of Keyfob's Java code).

1. sends USER with the PIN alone, expects Access-Challenge with State and the question;
2. answers with the computed response and that State, expects Access-Accept;
3. sends the same response with the same State again, expects it refused;
4. asks for a new challenge and answers it with a wrong response, expects it refused.

Prints one "key=value" line per fact; the verdicts are the Java test's.
"""
import hashlib
import hmac
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from challenge_round_trip import describe, send  # noqa: E402

from pyrad.client import Client  # noqa: E402
from pyrad.dictionary import Dictionary  # noqa: E402

SUITE = "OCRA-1:HOTP-SHA1-6:QN08"
QUESTION = re.compile(r"Challenge: ([0-9]+) ")


def ocra_qn08_sha1_6(key, question):
    """RFC 6287 §5.1-5.2 for a suite with only a numeric question: suite || 00 || Q, HOTP truncation."""
    q_hex = format(int(question), "x")            # QN: the number, in hex
    q_hex = q_hex + "0" * (256 - len(q_hex))      # left-aligned in 128 bytes, zero padded
    data = SUITE.encode("ascii") + b"\x00" + bytes.fromhex(q_hex)
    mac = hmac.new(key, data, hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    binary = int.from_bytes(mac[offset:offset + 4], "big") & 0x7FFFFFFF
    return str(binary % 10 ** 6).zfill(6)


def question_of(reply):
    if reply is None or "Reply-Message" not in reply:
        return None
    match = QUESTION.match(reply["Reply-Message"][0])
    return match.group(1) if match else None


def main(argv):
    dictionary_file, host, port, secret, user, pin, seed_hex = argv[1:8]
    dictionary = Dictionary(dictionary_file)
    secret = secret.encode("utf-8")
    key = bytes.fromhex(seed_hex)
    client = Client(server=host, authport=int(port), secret=secret, dict=dictionary)
    client.retries = 1
    client.timeout = 10

    challenge = send(client, dictionary, secret, user, pin)
    describe("first", challenge)
    question = question_of(challenge)
    if question is None or "State" not in challenge:
        return 0
    print(f"first.question={question}")
    state = challenge["State"][0]
    response = ocra_qn08_sha1_6(key, question)
    describe("second", send(client, dictionary, secret, user, response, state))
    describe("third", send(client, dictionary, secret, user, response, state))

    again = send(client, dictionary, secret, user, pin)
    describe("fourth", again)
    other = question_of(again)
    if other is None or "State" not in again:
        return 0
    right = ocra_qn08_sha1_6(key, other)
    wrong = right[:5] + str((int(right[5]) + 1) % 10)
    describe("fifth", send(client, dictionary, secret, user, wrong, again["State"][0]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
