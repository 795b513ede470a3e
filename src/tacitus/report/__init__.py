"""The briefing (HTML and Markdown) written from the store. Arrives with the fusion stage."""
