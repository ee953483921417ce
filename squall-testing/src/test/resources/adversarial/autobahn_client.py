"""Drives a WebSocket echo endpoint with the autobahn library (Debian's python3-autobahn).

Usage: autobahn_client.py URL DEFLATE(0|1)
Sends text and binary messages of several sizes, checks every echo, and prints one JSON line:
{"deflate": <negotiated extension or null>, "echoed": N, "mismatches": [...], "close": code}.
"""
import asyncio
import json
import os
import sys

from autobahn.asyncio.websocket import WebSocketClientFactory, WebSocketClientProtocol
from autobahn.websocket.compress import (PerMessageDeflateOffer,
                                         PerMessageDeflateResponse,
                                         PerMessageDeflateResponseAccept)

URL = sys.argv[1]
DEFLATE = sys.argv[2] == "1"

MESSAGES = []
for size in (0, 1, 125, 126, 65535, 65536, 1 << 20):
    MESSAGES.append(("text", ("é" + "squall " * (size // 7 + 1))[:size]))
    MESSAGES.append(("binary", os.urandom(size)))

result = {"deflate": None, "echoed": 0, "mismatches": [], "close": None}


class Client(WebSocketClientProtocol):
    def onOpen(self):
        ext = self.websocket_extensions_in_use
        result["deflate"] = [e.EXTENSION_NAME for e in ext] if ext else None
        self.index = 0
        self.send_next()

    def send_next(self):
        kind, payload = MESSAGES[self.index]
        if kind == "text":
            self.sendMessage(payload.encode("utf-8"), isBinary=False)
        else:
            self.sendMessage(payload, isBinary=True)

    def onMessage(self, payload, isBinary):
        kind, sent = MESSAGES[self.index]
        expected = sent.encode("utf-8") if kind == "text" else sent
        if isBinary != (kind == "binary") or payload != expected:
            result["mismatches"].append("%s of %d bytes" % (kind, len(expected)))
        result["echoed"] += 1
        self.index += 1
        if self.index < len(MESSAGES):
            self.send_next()
        else:
            self.sendClose(1000, "done")

    def onClose(self, wasClean, code, reason):
        result["close"] = code
        result["clean"] = wasClean
        loop.stop()


def accept(response):
    if isinstance(response, PerMessageDeflateResponse):
        return PerMessageDeflateResponseAccept(response)
    return None


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
factory = WebSocketClientFactory(URL, loop=loop)
factory.protocol = Client
if DEFLATE:
    factory.setProtocolOptions(perMessageCompressionOffers=[PerMessageDeflateOffer()],
                               perMessageCompressionAccept=accept)
factory.setProtocolOptions(maxMessagePayloadSize=0, maxFramePayloadSize=0)

host, port = factory.host, factory.port
loop.run_until_complete(loop.create_connection(factory, host, port))
loop.call_later(60, loop.stop)
loop.run_forever()
print(json.dumps(result))
