from accounts.validate import is_valid_email, is_valid_username


def test_emails():
    assert is_valid_email("ada@example.org")
    assert not is_valid_email("ada@localhost")


def test_usernames():
    assert is_valid_username("ada_l")
    assert not is_valid_username("1ada")
    assert not is_valid_username("a")


def test_username_with_dot():
    assert is_valid_username("ada.lovelace")
