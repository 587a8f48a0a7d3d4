"""Billable weight and rate quotes."""

DIM_DIVISOR = 5000  # cm^3 per kg, per the carrier contract

RATE_PER_KG = {
    "standard": 4.20,
    "express": 7.90,
}


def volumetric_weight(length_cm, width_cm, height_cm):
    return length_cm * width_cm * height_cm / DIM_DIVISOR


def billable_weight(actual_kg, dims):
    """Greater of actual and volumetric weight, in 0.5 kg billing steps."""
    vol = volumetric_weight(*dims)
    weight = max(actual_kg, vol)
    return round(weight * 2) / 2


def quote(service, actual_kg, dims):
    try:
        rate = RATE_PER_KG[service]
    except KeyError:
        raise ValueError(f"unknown service: {service}") from None
    return round(billable_weight(actual_kg, dims) * rate, 2)
