import argparse
import sys

from .core import count_lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="linecount", description="Count lines in files.")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args(argv)
    status = 0
    total = 0
    for name in args.files:
        try:
            n = count_lines(name)
        except FileNotFoundError:
            print(f"linecount: {name}: no such file", file=sys.stderr)
            status = 1
            continue
        total += n
        print(f"{n:8d} {name}")
    if len(args.files) > 1:
        print(f"{total:8d} total")
    return status


if __name__ == "__main__":
    sys.exit(main())
