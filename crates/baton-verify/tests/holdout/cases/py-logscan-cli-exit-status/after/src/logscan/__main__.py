import argparse
import sys

from .core import count_errors


def main(argv=None):
    parser = argparse.ArgumentParser(prog="logscan")
    parser.add_argument("file")
    args = parser.parse_args(argv)
    with open(args.file, encoding="utf-8", errors="replace") as fh:
        n = count_errors(fh)
    print(n)
    return 1 if n else 0


if __name__ == "__main__":
    sys.exit(main())
