"""Plain-text summary tables for the nightly report e-mail."""


def render_summary(stats):
    """Render {metric: value} as a two-column table with the metric names
    left-aligned and the values right-aligned."""
    if not stats:
        return "(no data)\n"
    name_w = max(len(k) for k in stats)
    val_w = max(len(str(v)) for v in stats.values())
    lines = []
    for key, value in stats.items():
        lines.append(f"{key.ljust(val_w)}  {str(value).rjust(name_w)}")
    return "\n".join(lines) + "\n"
