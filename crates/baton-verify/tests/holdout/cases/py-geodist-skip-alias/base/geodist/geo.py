import math

EARTH_RADIUS_KM = 6371.0


def haversine_km(a, b):
    """Great-circle distance in km between two (lat, lon) pairs given in degrees."""
    lat1, lon1 = a
    lat2, lon2 = b
    dlat = lat2 - lat1
    dlon = lon2 - lon1
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))
