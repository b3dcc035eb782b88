"""The pygame front end: an app with a scene stack, a theme, settings and scenes.

Nothing here is imported by the engine or the scenario loader; only `negotiator.commands.play` (and the
demo command) import it, and they do so lazily so that the text commands never pay for pygame.
"""
