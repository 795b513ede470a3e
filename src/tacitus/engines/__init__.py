"""Where the pure stages run: local, process pool, Dask. Arrives with the scale-out stage."""
