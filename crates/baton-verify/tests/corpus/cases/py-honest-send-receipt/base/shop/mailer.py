"""Outgoing mail."""


class Mailer:
    def __init__(self, transport):
        self.transport = transport

    def send(self, to: str, subject: str, body: str) -> None:
        self.transport.deliver({"to": to, "subject": subject, "body": body})
