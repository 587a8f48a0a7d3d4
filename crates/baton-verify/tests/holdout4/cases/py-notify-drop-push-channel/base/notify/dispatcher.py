"""Fan a notification out to the user's preferred channels."""
import logging

from notify.email import EmailChannel
from notify.push import PushChannel

log = logging.getLogger(__name__)


class Dispatcher:
    def __init__(self, email=None, push=None):
        self.channels = {
            "email": email or EmailChannel(),
            "push": push or PushChannel(),
        }

    def send(self, user, message):
        delivered = []
        for name in user.get("channels", ["email"]):
            channel = self.channels.get(name)
            if channel is None:
                log.warning("unknown channel %s for user %s", name, user["id"])
                continue
            if channel.deliver(user, message):
                delivered.append(name)
        return delivered
