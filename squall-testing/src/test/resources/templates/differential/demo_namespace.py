"""The template namespace Tornado's demo handlers give their templates, for the demo test.

RequestHandler.get_template_namespace supplies handler, request, current_user, locale, _,
static_url, xsrf_form_html and the UI modules; the demos' handlers add the rest. DemoNamespace.java
builds the same namespace for Squall.
"""

import datetime

import tornado.escape
import tornado.locale
from tornado.util import ObjectDict

LOCALE = tornado.locale.get("en_US")
XSRF = '<input type="hidden" name="_xsrf" value="2|abcd|0123|4567"/>'


def static_url(path, include_host=None, **kwargs):
    return "/static/" + path.strip() + "?v=5e1b"


def handler_namespace(loader, args):
    ns = {
        "locale": LOCALE,
        "_": LOCALE.translate,
        "static_url": static_url,
        "xsrf_form_html": lambda: XSRF,
        "datetime": datetime,
    }
    request = args.get("request")
    if request is not None:
        request["full_url"] = lambda: "http://" + request["host"] + request["path"]

    def render(path, **kwargs):
        return loader.load(path).generate(**{**args, **ns, **kwargs})

    modules = ObjectDict(
        Template=render,
        xsrf_form_html=lambda: XSRF,
        linkify=lambda text, **kwargs: tornado.escape.linkify(text, **kwargs),
        Entry=lambda entry: render("modules/entry.html", entry=entry),
        Post=lambda post: render("modules/post.html", post=post),
    )
    ns["_tt_modules"] = modules
    ns["modules"] = modules
    return ns


EXTRAS = {"handler": handler_namespace}
