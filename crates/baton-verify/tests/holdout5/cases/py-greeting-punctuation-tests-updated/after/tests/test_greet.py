from frontdesk.greet import greeting


def test_morning():
    assert greeting("Ada!", 9) == "Good morning, Ada!"


def test_evening():
    assert greeting("Ada!", 20) == "Good evening, Ada!"
