"""Cross-document fusion: stories, fused events, independent sources, contradictions.

`fuse(documents, events)` groups documents into stories and the mentions of one real event
across documents into fused events, with each source's values, the contradictions between
them, the number of independent sources and the factuality trajectory. Pure functions over
records: nothing here reads or writes the store.
"""

from tacitus.fuse.quantities import Quantity, extract_quantities
from tacitus.fuse.sources import SourceCount, source_groups
from tacitus.fuse.stories import FusedEvent, Mention, Story, StoryLink, fuse
from tacitus.fuse.trajectory import Step, trajectory_text
from tacitus.fuse.values import AttributeValues, Comparison, SourceValue

__all__ = [
    "AttributeValues",
    "Comparison",
    "FusedEvent",
    "Mention",
    "Quantity",
    "SourceCount",
    "SourceValue",
    "Step",
    "Story",
    "StoryLink",
    "extract_quantities",
    "fuse",
    "source_groups",
    "trajectory_text",
]
