"""Pipeline components (spaCy blank English + rule components): actors, times, event triggers,
factuality, attribution. Arrives with the event-extraction stage.
"""
