from unittest.mock import Mock

from ghstat.client import fetch_latest_release, star_count
from ghstat.http import HttpClient


def test_star_count():
    http = Mock(spec=HttpClient)
    http.get_json.return_value = {"stargazers_count": 42}
    assert star_count("octo/cat", http=http) == 42
    http.get_json.assert_called_once_with("/repos/octo/cat")


def test_fetch_latest_release():
    http = Mock(spec=HttpClient)
    http.get_json.return_value = {"tag_name": "v2.3.1", "draft": False}
    assert fetch_latest_release("octo/cat", http=http) == "v2.3.1"
    http.get_json.assert_called_once_with("/repos/octo/cat/releases/latest")
