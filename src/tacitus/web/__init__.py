"""The FastAPI web application over the store. Arrives with the web stage."""
