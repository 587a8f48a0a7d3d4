import smtplib
from email.message import EmailMessage


class EmailChannel:
    def __init__(self, host="localhost", sender="noreply@example.com", smtp=None):
        self.host = host
        self.sender = sender
        self._smtp = smtp

    def deliver(self, user, message):
        if not user.get("email"):
            return False
        msg = EmailMessage()
        msg["From"] = self.sender
        msg["To"] = user["email"]
        msg["Subject"] = message.get("title", "Notification")
        msg.set_content(message["body"])
        smtp = self._smtp or smtplib.SMTP(self.host)
        smtp.send_message(msg)
        return True
