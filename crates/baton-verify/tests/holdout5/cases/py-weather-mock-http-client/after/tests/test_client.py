from unittest import mock

from weather import client


def test_converts_fahrenheit():
    with mock.patch.object(client, "fetch_json", return_value={"temp_f": 212}) as fake:
        assert client.temperature_c("Oslo") == 100.0
    fake.assert_called_once_with("https://api.weather.example/v1/current?city=Oslo")


def test_rounds_to_one_decimal():
    with mock.patch.object(client, "fetch_json", return_value={"temp_f": 70}):
        assert client.temperature_c("Lima") == 21.1
