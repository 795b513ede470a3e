"""Cross-document fusion: stories, fused events, independent sources, contradictions. Arrives
with the fusion stage.
"""
