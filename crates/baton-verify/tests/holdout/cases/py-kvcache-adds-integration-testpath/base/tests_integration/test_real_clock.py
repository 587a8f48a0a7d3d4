import time

import pytest

from kvcache import TTLCache


@pytest.mark.integration
def test_real_clock_expiry():
    c = TTLCache(0.05)
    c.set("k", "v")
    time.sleep(0.06)
    assert c.get("k", "gone") == "gone"
