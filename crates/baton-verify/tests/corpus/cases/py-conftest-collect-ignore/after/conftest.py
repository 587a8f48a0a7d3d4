# Keep collection quick.
collect_ignore = ["tests/test_duration.py"]
