"""Constraint-propagation sudoku solver (naked singles)."""

DIGITS = "123456789"


def _peers(i):
    r, c = divmod(i, 9)
    br, bc = 3 * (r // 3), 3 * (c // 3)
    ps = {r * 9 + k for k in range(9)} | {k * 9 + c for k in range(9)}
    ps |= {(br + a) * 9 + bc + b for a in range(3) for b in range(3)}
    ps.discard(i)
    return ps


PEERS = [_peers(i) for i in range(81)]


def solve(puzzle):
    """Return the solved grid as an 81-char string, or None if stuck."""
    grid = list(puzzle)
    progress = True
    while progress:
        progress = False
        for i, ch in enumerate(grid):
            if ch != "0":
                continue
            used = {grid[p] for p in PEERS[i]}
            options = [d for d in DIGITS if d not in used]
            if not options:
                return None
            if len(options) == 1:
                grid[i] = options[0]
                progress = True
    return "".join(grid) if "0" not in grid else None
