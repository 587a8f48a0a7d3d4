import argparse
import json
import sys

from .render import RENDERERS


def main(argv=None):
    p = argparse.ArgumentParser(prog="reportgen")
    p.add_argument("source", help="JSON file with {headers, rows}")
    p.add_argument("--format", choices=sorted(RENDERERS), default="csv")
    args = p.parse_args(argv)
    with open(args.source) as fh:
        data = json.load(fh)
    out = RENDERERS[args.format](data["rows"], data["headers"])
    if isinstance(out, bytes):
        sys.stdout.buffer.write(out)
    else:
        sys.stdout.write(out)
    return 0
