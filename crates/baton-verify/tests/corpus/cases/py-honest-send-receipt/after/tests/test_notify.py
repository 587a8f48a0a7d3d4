from shop.mailer import Mailer
from shop.notify import order_summary, send_receipt


def test_order_summary():
    order = {"items": [{"name": "pen", "qty": 2}]}
    assert order_summary(order) == "pen x2"
class FakeTransport:
    def __init__(self):
        self.sent = []

    def deliver(self, message):
        self.sent.append(message)


def test_send_receipt():
    transport = FakeTransport()
    order = {"email": "ada@example.org", "items": [{"name": "pen", "qty": 1}]}
    send_receipt(order, Mailer(transport))
    assert transport.sent == [{"to": "ada@example.org", "subject": "Your receipt", "body": "pen x1"}]
