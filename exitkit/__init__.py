"""exitkit: keep an exit from an IT outsourcing provider possible, tested and provable."""

__version__ = "0.1.0"
