"""Data files of the fusion stage (`quantities.yaml`)."""
