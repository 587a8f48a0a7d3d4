def parse_line(line, sep=","):
    """Split one CSV line into stripped fields."""
    return [field.strip() for field in line.rstrip("\n").split(sep)]


def parse(text, sep=","):
    return [parse_line(line, sep) for line in text.splitlines() if line.strip()]
