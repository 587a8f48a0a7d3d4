"""Apple / Firebase push delivery."""
import logging

from apns2.client import APNsClient
from apns2.payload import Payload

log = logging.getLogger(__name__)

MAX_BODY = 178


def _truncate(body):
    if len(body) <= MAX_BODY:
        return body
    return body[: MAX_BODY - 1] + "\u2026"


class PushChannel:
    def __init__(self, client=None, topic="com.example.app"):
        self._client = client
        self.topic = topic

    @property
    def client(self):
        if self._client is None:
            self._client = APNsClient("push.pem", use_sandbox=False)
        return self._client

    def deliver(self, user, message):
        tokens = user.get("device_tokens", [])
        if not tokens:
            return False
        payload = Payload(alert=_truncate(message["body"]), badge=message.get("badge", 1))
        ok = False
        for token in tokens:
            try:
                self.client.send_notification(token, payload, topic=self.topic)
                ok = True
            except Exception:  # noqa: BLE001 - one bad token must not stop the rest
                log.exception("push to %s failed", token[:8])
        return ok
