"""RADIUS challenge round trip (RFC 2865 §4.4) against keyfobd, with pyrad as the client.

Usage: challenge_round_trip.py DICTIONARY HOST PORT SECRET USER PIN CODE

1. sends USER with the PIN alone, expects Access-Challenge with State and Reply-Message;
2. answers with CODE and that State, expects Access-Accept;
3. sends CODE with the same State again in a new request, expects it refused.

Prints one "key=value" line per fact for the Java test to parse; the verdicts are the Java
test's. pyrad 2.1 does not add Message-Authenticator, so SignedAuthPacket does (RFC 3579 §3.2);
pyrad itself checks each reply's Response Authenticator and drops a reply that fails.
"""
import hashlib
import hmac
import sys

from pyrad import packet
from pyrad.client import Client, Timeout
from pyrad.dictionary import Dictionary

NAMES = {packet.AccessAccept: "Access-Accept", packet.AccessReject: "Access-Reject",
         packet.AccessChallenge: "Access-Challenge"}
MESSAGE_AUTHENTICATOR = 80


class SignedAuthPacket(packet.AuthPacket):
    """An Access-Request whose Message-Authenticator is the HMAC-MD5 of the packet."""

    def RequestPacket(self):
        self["Message-Authenticator"] = bytes(16)
        raw = packet.AuthPacket.RequestPacket(self)
        offset = 20
        while raw[offset] != MESSAGE_AUTHENTICATOR:
            offset += raw[offset + 1]
        mac = hmac.new(self.secret, raw, hashlib.md5).digest()
        return raw[:offset + 2] + mac + raw[offset + 18:]


def send(client, dictionary, secret, user, password, state=None):
    request = SignedAuthPacket(secret=secret, dict=dictionary)
    request["User-Name"] = user
    request["User-Password"] = request.PwCrypt(password)
    if state is not None:
        request["State"] = state
    try:
        return client.SendPacket(request)
    except Timeout:
        return None


def describe(step, reply):
    if reply is None:
        print(f"{step}=no-reply")
        return
    print(f"{step}={NAMES.get(reply.code, str(reply.code))}")
    if "State" in reply:
        print(f"{step}.state={reply['State'][0].hex()}")
    if "Reply-Message" in reply:
        print(f"{step}.reply-message={reply['Reply-Message'][0]}")


def main(argv):
    dictionary_file, host, port, secret, user, pin, code = argv[1:8]
    dictionary = Dictionary(dictionary_file)
    secret = secret.encode("utf-8")
    client = Client(server=host, authport=int(port), secret=secret, dict=dictionary)
    client.retries = 1
    client.timeout = 10

    challenge = send(client, dictionary, secret, user, pin)
    describe("first", challenge)
    if challenge is None or "State" not in challenge:
        return 0
    state = challenge["State"][0]
    describe("second", send(client, dictionary, secret, user, code, state))
    describe("third", send(client, dictionary, secret, user, code, state))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
