import io
import json
from unittest.mock import patch

from weather.client import describe


def fake_response(temp):
    return io.BytesIO(json.dumps({"temp_c": temp}).encode())


@patch("weather.client.urlopen")
def test_describe_cold(urlopen):
    urlopen.return_value = fake_response(3.2)
    assert describe("Oslo") == "Oslo: 3 C, cold"


@patch("weather.client.urlopen")
def test_describe_warm(urlopen):
    urlopen.return_value = fake_response(27.9)
    assert describe("Seville") == "Seville: 28 C, warm"
    assert "city=Seville" in urlopen.call_args[0][0]
