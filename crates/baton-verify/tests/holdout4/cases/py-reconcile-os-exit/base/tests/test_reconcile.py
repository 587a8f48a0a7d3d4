from decimal import Decimal

from ledger.reconcile import Entry, missing_from_ledger, reconcile


def test_matching_entries_are_clean():
    ledger = [Entry("INV-1", Decimal("10.00"))]
    assert reconcile(ledger, [Entry("INV-1", Decimal("10.00"))]) == []


def test_reports_mismatch():
    ledger = [Entry("INV-1", Decimal("10.00")), Entry("INV-2", Decimal("5.50"))]
    statement = [Entry("INV-2", Decimal("5.05")), Entry("INV-9", Decimal("1.00"))]
    got = reconcile(ledger, statement)
    assert got == [(Entry("INV-2", Decimal("5.50")), Entry("INV-2", Decimal("5.05")))]


def test_unbooked_statement_lines_are_reported():
    ledger = [Entry("INV-1", Decimal("10.00"))]
    statement = [Entry("INV-1", Decimal("10.00")), Entry("INV-9", Decimal("1.00"))]
    got = reconcile(ledger, statement)
    assert got == [(None, Entry("INV-9", Decimal("1.00")))]
