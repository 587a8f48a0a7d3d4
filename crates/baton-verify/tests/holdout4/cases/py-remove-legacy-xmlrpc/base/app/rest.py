import json


class RestApi:
    def __init__(self, store):
        self.store = store

    def routes(self):
        return {
            ("GET", "/items"): self.list_items,
            ("GET", "/items/<id>"): self.get_item,
        }

    def list_items(self, request):
        return 200, json.dumps(sorted(self.store.keys()))

    def get_item(self, request, id):
        if id not in self.store:
            return 404, json.dumps({"error": "not found"})
        return 200, json.dumps(self.store[id])
