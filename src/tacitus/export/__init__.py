"""Writers for PLOVER JSON, GDELT-style tables, CSV, JSON Lines and Parquet. Arrives with the
event-extraction stage.
"""
