from app.rest import RestApi
from app.xmlrpc import XmlRpcApi


def build_routes(store):
    routes = {}
    routes.update(RestApi(store).routes())
    routes.update(XmlRpcApi(store).routes())
    return routes
