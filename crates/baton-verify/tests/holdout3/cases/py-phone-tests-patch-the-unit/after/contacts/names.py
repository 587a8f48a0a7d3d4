def display_name(first, last, nickname=None):
    if nickname:
        return f"{nickname} {last}".strip()
    return f"{first} {last}".strip()
