"""Legacy XML-RPC facade kept for the v2 desktop client."""
from xmlrpc.client import Fault, dumps, loads


class XmlRpcApi:
    def __init__(self, store):
        self.store = store
        self.methods = {
            "items.list": self._list,
            "items.get": self._get,
        }

    def routes(self):
        return {("POST", "/RPC2"): self.handle}

    def handle(self, request):
        params, method = loads(request.body)
        fn = self.methods.get(method)
        if fn is None:
            return 200, dumps(Fault(1, f"unknown method {method}"), methodresponse=True)
        try:
            result = fn(*params)
        except KeyError as exc:
            return 200, dumps(Fault(2, f"no such item {exc}"), methodresponse=True)
        return 200, dumps((result,), methodresponse=True)

    def _list(self):
        return sorted(self.store.keys())

    def _get(self, item_id):
        return self.store[item_id]
