import json
import urllib.request


class HttpClient:
    def __init__(self, base_url="https://api.github.com", token=None, timeout=10):
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = timeout

    def get_json(self, path):
        req = urllib.request.Request(self.base_url + path)
        req.add_header("Accept", "application/vnd.github+json")
        if self.token:
            req.add_header("Authorization", f"Bearer {self.token}")
        with urllib.request.urlopen(req, timeout=self.timeout) as resp:
            return json.load(resp)
