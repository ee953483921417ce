"""h11 as an oracle for Squall's differential HTTP parsing test.

Reads a JSON list of base64 inputs on stdin; writes a JSON list of outcomes on stdout, one per
input: the requests h11 accepted (method, target, base64 body), how it ended (ok, incomplete,
error, closed) and the error text. Each input is a fresh server connection; after each request
the script answers 404 with an empty body (declining CONNECT and Upgrade) so h11 moves on to the next pipelined request.
"""
import base64
import json
import sys

import h11


def run(data):
    conn = h11.Connection(h11.SERVER, max_incomplete_event_size=64 * 1024)
    conn.receive_data(data)
    msgs = []
    cur = None
    body = bytearray()
    try:
        while True:
            ev = conn.next_event()
            if ev is h11.NEED_DATA:
                pending = cur is not None or len(conn.trailing_data[0]) > 0
                return msgs, "INCOMPLETE" if pending else "OK", False, ""
            if ev is h11.PAUSED:
                return msgs, "INCOMPLETE", False, "paused"
            if isinstance(ev, h11.Request):
                cur = ev
                body = bytearray()
            elif isinstance(ev, h11.Data):
                body += ev.data
            elif isinstance(ev, h11.EndOfMessage):
                msgs.append({
                    "method": cur.method.decode("latin-1"),
                    "target": cur.target.decode("latin-1"),
                    "body": base64.b64encode(bytes(body)).decode("ascii"),
                })
                cur = None
                conn.send(h11.Response(status_code=404, headers=[("Content-Length", "0")]))
                conn.send(h11.EndOfMessage())
                if conn.our_state is h11.MUST_CLOSE:
                    return msgs, "CLOSED", True, ""
                conn.start_next_cycle()
            elif isinstance(ev, h11.ConnectionClosed):
                return msgs, "CLOSED", False, ""
    except h11.RemoteProtocolError as e:
        return msgs, "ERROR", False, str(e)


def main():
    cases = json.load(sys.stdin)
    out = []
    for c in cases:
        msgs, end, closed, detail = run(base64.b64decode(c))
        out.append({"messages": msgs, "end": end, "closed": closed, "detail": detail})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
