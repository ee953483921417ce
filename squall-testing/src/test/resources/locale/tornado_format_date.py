# Prints Tornado's own format_date/format_day/list/friendly_number for the cases on stdin, with
# Tornado's clock pinned to the instant given as the first argument (epoch seconds, UTC).
# argv: now-epoch-seconds csv-translation-directory
# stdin: one case per line, tab-separated: kind code args...
import datetime
import sys

import tornado.locale as locale

now = datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=int(sys.argv[1]))


class PinnedDateTime(datetime.datetime):
    @classmethod
    def utcnow(cls):
        return now

    @classmethod
    def now(cls, tz=None):
        return now if tz is None else now.replace(tzinfo=tz)


locale.datetime = type(
    "pinned",
    (),
    {"datetime": PinnedDateTime, "timedelta": datetime.timedelta, "timezone": datetime.timezone},
)
locale.load_translations(sys.argv[2])
for line in sys.stdin:
    kind, code, *args = line.rstrip("\n").split("\t")
    loc = locale.get(code)
    if kind == "date":
        seconds, offset, relative, shorter, full = (int(a) for a in args)
        date = datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=seconds)
        out = loc.format_date(date, offset, bool(relative), bool(shorter), bool(full))
    elif kind == "day":
        seconds, offset, dow = (int(a) for a in args)
        date = datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=seconds)
        out = loc.format_day(date, offset, bool(dow))
    elif kind == "list":
        out = loc.list(args)
    else:
        out = loc.friendly_number(int(args[0]))
    print(out)
