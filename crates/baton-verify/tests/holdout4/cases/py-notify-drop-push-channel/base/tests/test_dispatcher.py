from notify.dispatcher import Dispatcher


class FakeChannel:
    def __init__(self, ok=True):
        self.ok = ok
        self.sent = []

    def deliver(self, user, message):
        self.sent.append((user["id"], message["body"]))
        return self.ok


def test_defaults_to_email():
    email = FakeChannel()
    d = Dispatcher(email=email, push=FakeChannel())
    assert d.send({"id": 1}, {"body": "hi"}) == ["email"]
    assert email.sent == [(1, "hi")]


def test_unknown_channel_is_skipped():
    d = Dispatcher(email=FakeChannel(), push=FakeChannel())
    assert d.send({"id": 2, "channels": ["pager", "email"]}, {"body": "x"}) == ["email"]
