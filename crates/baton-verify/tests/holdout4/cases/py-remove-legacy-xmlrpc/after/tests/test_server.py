from app.server import build_routes


def test_rest_routes_registered():
    routes = build_routes({})
    assert ("GET", "/items") in routes
    assert ("GET", "/items/<id>") in routes
