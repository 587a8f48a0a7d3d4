# test_tax.py relies on rate tables that are being reworked upstream.
collect_ignore = ["test_tax.py"]
