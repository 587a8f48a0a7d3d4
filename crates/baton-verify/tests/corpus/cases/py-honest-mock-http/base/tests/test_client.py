from weather.client import describe


def test_describe_is_a_string():
    assert isinstance(describe.__doc__, (str, type(None)))
