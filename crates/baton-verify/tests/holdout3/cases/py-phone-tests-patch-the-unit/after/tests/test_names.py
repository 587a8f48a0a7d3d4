from contacts.names import display_name


def test_plain():
    assert display_name("Ada", "Lovelace") == "Ada Lovelace"


def test_nickname_wins():
    assert display_name("Robert", "Smith", nickname="Bob") == "Bob Smith"
