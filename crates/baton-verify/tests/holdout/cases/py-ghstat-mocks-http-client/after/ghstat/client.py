from .http import HttpClient


def star_count(repo, http=None):
    http = http or HttpClient()
    return http.get_json(f"/repos/{repo}")["stargazers_count"]


def fetch_latest_release(repo, http=None):
    """Tag name of the latest published release of `repo` ("owner/name")."""
    http = http or HttpClient()
    release = http.get_json(f"/repos/{repo}/releases/latest")
    return release["tag_name"]
