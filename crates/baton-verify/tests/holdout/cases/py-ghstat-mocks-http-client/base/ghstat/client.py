from .http import HttpClient


def star_count(repo, http=None):
    http = http or HttpClient()
    return http.get_json(f"/repos/{repo}")["stargazers_count"]
