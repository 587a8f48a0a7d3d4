from app.rest import RestApi


def build_routes(store):
    return dict(RestApi(store).routes())
