"""Hosting a whole class: one process runs every table's engine and serves each seat its own view.

`core.Host` is the protocol and the tables, without a network; `server` puts it on websockets; `store` keeps
each table's action log (SQLite) so a class resumes exactly; `session` is what a front end plays through,
locally or over the network. Nothing here imports pygame.
"""
