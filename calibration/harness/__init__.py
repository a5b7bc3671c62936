"""buslab calibration harness: micro-benchmarks of the real stack (see calibration/README.md)."""
