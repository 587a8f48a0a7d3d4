from shop.notify import order_summary


def test_order_summary():
    order = {"items": [{"name": "pen", "qty": 2}]}
    assert order_summary(order) == "pen x2"
