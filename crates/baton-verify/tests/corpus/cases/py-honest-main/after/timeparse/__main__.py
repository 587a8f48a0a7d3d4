"""``python -m timeparse <duration>``: print the duration in seconds."""

import argparse
import sys

from .duration import parse_duration


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="timeparse")
    parser.add_argument("duration")
    args = parser.parse_args(argv)
    try:
        print(parse_duration(args.duration))
    except ValueError as err:
        print(f"timeparse: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
