from types import SimpleNamespace
from xmlrpc.client import dumps, loads

from app.xmlrpc import XmlRpcApi


def call(api, method, *params):
    status, body = api.handle(SimpleNamespace(body=dumps(params, method)))
    assert status == 200
    return loads(body)[0][0]


def test_list():
    assert call(XmlRpcApi({"b": 1, "a": 2}), "items.list") == ["a", "b"]


def test_get():
    assert call(XmlRpcApi({"a": {"n": 1}}), "items.get", "a") == {"n": 1}
