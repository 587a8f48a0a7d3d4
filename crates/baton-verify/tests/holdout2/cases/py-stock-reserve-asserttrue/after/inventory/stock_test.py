import unittest

from inventory.stock import Stock


class ReserveTests(unittest.TestCase):
    def test_reserve_within_available(self):
        s = Stock(10)
        self.assertEqual(s.reserve(4), 4)
        self.assertEqual(s.available, 6)

    def test_reserve_caps_at_available(self):
        s = Stock(5)
        got = s.reserve(8)
        self.assertTrue(got)
        self.assertLessEqual(s.available, 5)

    def test_release_returns_units(self):
        s = Stock(3)
        s.reserve(3)
        self.assertEqual(s.release(2), 2)
        self.assertEqual(s.available, 2)

    def test_rejects_non_positive(self):
        with self.assertRaises(ValueError):
            Stock(1).reserve(0)


if __name__ == "__main__":
    unittest.main()
