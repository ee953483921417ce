"""Tornado peer of the load harness (squall-bench/load/run.sh): the same paths as the Java servers.

usage: /usr/bin/python3 tornado_server.py PORT [PROCS [STATIC_DIR]]

PROCS 1 (default): one process, one IOLoop. PROCS N > 1: N processes forked by
tornado.process.fork_processes, each binding its own listening socket with SO_REUSEPORT so the
kernel spreads connections over them, as Tornado's documentation suggests for multi-process
deployments. Needs Debian's python3-tornado (6.x); sqlite3 stands in for H2 (Python has no H2).
"""

import asyncio
import json
import os
import sqlite3
import sys
import time

import tornado.httpserver
import tornado.ioloop
import tornado.netutil
import tornado.process
import tornado.template
import tornado.web
import tornado.websocket

STATIC_NAME = "64k.bin"
STATIC_SIZE = 64 * 1024

FORTUNES = [
    (1, "fortune: No such file or directory"),
    (2, "A computer scientist is someone who fixes things that aren't broken."),
    (3, "After enough decimal places, nobody gives a damn."),
    (4, "A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1"),
    (5, "A computer program does what you tell it to do, not what you want it to do."),
    (6, "Emacs is a nice operating system, but I prefer UNIX. \u2014 Tom Christaensen"),
    (7, "Any program that runs right is obsolete."),
    (8, "A list is only as strong as its weakest link. \u2014 Donald Knuth"),
    (9, "Feature: A bug with seniority."),
    (10, "Computers make very fast, very accurate mistakes."),
    (11, '<script>alert("This should not be displayed in a browser alert box.");</script>'),
    (12, "\u30d5\u30ec\u30fc\u30e0\u30ef\u30fc\u30af\u306e\u30d9\u30f3\u30c1\u30de\u30fc\u30af"),
]

TEMPLATES = tornado.template.DictLoader(
    {
        "base.html": "<!DOCTYPE html>\n<html>\n<head><title>{% block title %}Tornado{% end %}"
        "</title></head>\n<body>\n{% block body %}{% end %}\n</body>\n</html>\n",
        "fortunes.html": '{% extends "base.html" %}\n{% block title %}Fortunes{% end %}\n'
        "{% block body %}\n<table>\n<tr><th>id</th><th>message</th></tr>\n"
        "{% for f in fortunes %}\n<tr><td>{{ f[0] }}</td><td>{{ f[1] }}</td></tr>\n{% end %}\n"
        "</table>\n{% end %}\n",
    }
)

db = None


def open_db():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE fortune (id INTEGER PRIMARY KEY, message TEXT)")
    conn.executemany("INSERT INTO fortune VALUES (?, ?)", FORTUNES)
    conn.commit()
    return conn


class Hello(tornado.web.RequestHandler):
    def get(self):
        self.set_header("Content-Type", "text/plain; charset=UTF-8")
        self.write(b"Hello, world")


class Json(tornado.web.RequestHandler):
    def get(self):
        self.set_header("Content-Type", "application/json; charset=UTF-8")
        self.write(json.dumps({"message": "Hello, World!"}, separators=(",", ":")))


class Fortunes(tornado.web.RequestHandler):
    def get(self):
        rows = db.execute("SELECT id, message FROM fortune").fetchall()
        rows.append((0, "Additional fortune added at request time."))
        rows.sort(key=lambda r: r[1])
        self.write(TEMPLATES.load("fortunes.html").generate(fortunes=rows))


class Slow(tornado.web.RequestHandler):
    async def get(self):
        # a blocking call goes to the loop's thread pool, as Tornado's docs advise
        await tornado.ioloop.IOLoop.current().run_in_executor(None, time.sleep, 0.1)
        self.set_header("Content-Type", "text/plain; charset=UTF-8")
        self.write(b"slow")


class Echo(tornado.websocket.WebSocketHandler):
    def on_message(self, message):
        self.write_message(message)


def static_dir(path):
    os.makedirs(path, exist_ok=True)
    f = os.path.join(path, STATIC_NAME)
    if not os.path.exists(f) or os.path.getsize(f) != STATIC_SIZE:
        with open(f, "wb") as out:
            out.write(os.urandom(STATIC_SIZE))
    return path


def main():
    global db
    if not 2 <= len(sys.argv) <= 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    port = int(sys.argv[1])
    procs = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    static = static_dir(sys.argv[3] if len(sys.argv) > 3 else "/tmp/squall-bench-static-py")
    if procs > 1:
        tornado.process.fork_processes(procs)  # the parent waits here and restarts dead children
    db = open_db()
    app = tornado.web.Application(
        [
            (r"/hello", Hello),
            (r"/json", Json),
            (r"/fortunes", Fortunes),
            (r"/slow", Slow),
            (r"/ws", Echo),
            (r"/static/(.*)", tornado.web.StaticFileHandler, {"path": static}),
        ],
        autoescape="xhtml_escape",
    )
    sockets = tornado.netutil.bind_sockets(port, "127.0.0.1", reuse_port=procs > 1, backlog=1024)
    server = tornado.httpserver.HTTPServer(app)
    server.add_sockets(sockets)
    print(f"tornado serving on 127.0.0.1:{port} with {procs} process(es)", flush=True)
    tornado.ioloop.IOLoop.current().start()


if __name__ == "__main__":
    main()
