"""PLOVER and CAMEO tables as data files (types, modes, contexts, scores, CAMEO mapping).
Arrives with the event-extraction stage.
"""
