#!/usr/bin/env python3
"""A real SMTP receiver for tst_alertchannels: aiosmtpd on 127.0.0.1, STARTTLS required before
anything else, AUTH (LOGIN or PLAIN) required after it, one user and password.

Each message it accepts is written to OUT/message-N.json (written whole, then renamed): the
envelope, whether it came over TLS and who logged in, the raw message, and its headers and body as
Python's email package reads them (an independent reading of the MIME and RFC 2047 encodings).

Recipients starting with "tempfail@" get a 451 (try later), "nobody@" a 550 (no such user).
Prints READY once it listens; runs until it is terminated.
"""

import argparse
import email
import email.policy
import json
import os
import ssl
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Handler:
    def __init__(self, out):
        self.out = out
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("tempfail@"):
            return "451 4.3.0 Mailbox busy, try again later"
        if address.startswith("nobody@"):
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        raw = envelope.original_content or envelope.content
        message = email.message_from_bytes(raw, policy=email.policy.default)
        login = session.login_data
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "tls": session.ssl is not None,
            "login": login.decode() if isinstance(login, bytes) else login,
            "mechanism": getattr(session, "vigie_mechanism", None),
            "raw": raw.decode("utf-8", "replace"),
            "headers": {name.lower(): str(value) for name, value in message.items()},
            # The message's lines end in CRLF on the wire; Python keeps them in the decoded text.
            "body": message.get_content().replace("\r\n", "\n"),
            "defects": [type(d).__name__ for d in message.defects],
        }
        path = os.path.join(self.out, "message-%d.json" % self.count)
        with open(path + ".part", "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.rename(path + ".part", path)
        return "250 2.0.0 Queued as %d" % self.count


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)

    def authenticator(server, session, envelope, mechanism, auth_data):
        session.vigie_mechanism = mechanism
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == args.user.encode()
            and auth_data.password == args.password.encode()
        )
        # handled=False: aiosmtpd itself answers a refusal (535).
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

    controller = Controller(
        Handler(args.out),
        hostname="127.0.0.1",
        port=args.port,
        tls_context=context,
        require_starttls=True,
        auth_required=True,
        auth_require_tls=True,
        authenticator=authenticator,
    )
    controller.start()
    print("READY", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
