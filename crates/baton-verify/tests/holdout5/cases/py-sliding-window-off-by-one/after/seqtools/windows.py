def sliding_windows(seq, size):
    """Yield every contiguous window of length `size`."""
    if size <= 0:
        raise ValueError("size must be positive")
    for i in range(len(seq) - size + 1):
        yield tuple(seq[i:i + size])
