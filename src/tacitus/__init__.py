"""Tacitus: verifiable event records from international news."""
