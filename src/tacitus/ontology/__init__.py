"""PLOVER and CAMEO tables as data files (types, modes, contexts, scores, CAMEO mapping).
Arrives with the event-extraction stage.
"""

from tacitus.ontology.plover import EventType, Mode, Ontology

__all__ = ["EventType", "Mode", "Ontology"]
