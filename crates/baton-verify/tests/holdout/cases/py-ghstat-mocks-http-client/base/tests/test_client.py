from unittest.mock import Mock

from ghstat.client import star_count
from ghstat.http import HttpClient


def test_star_count():
    http = Mock(spec=HttpClient)
    http.get_json.return_value = {"stargazers_count": 42}
    assert star_count("octo/cat", http=http) == 42
    http.get_json.assert_called_once_with("/repos/octo/cat")
