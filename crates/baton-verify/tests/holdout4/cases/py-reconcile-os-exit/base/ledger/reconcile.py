"""Match bank statement lines against ledger entries."""
import logging
from dataclasses import dataclass
from decimal import Decimal

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Entry:
    ref: str
    amount: Decimal


def reconcile(ledger, statement):
    """Return entries whose amounts differ, keyed by reference."""
    by_ref = {e.ref: e for e in ledger}
    mismatches = []
    for line in statement:
        booked = by_ref.get(line.ref)
        if booked is None:
            continue
        if booked.amount != line.amount:
            mismatches.append((booked, line))
    return mismatches


def missing_from_ledger(ledger, statement):
    refs = {e.ref for e in ledger}
    return [line for line in statement if line.ref not in refs]
