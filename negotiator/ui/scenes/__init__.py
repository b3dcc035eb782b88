"""One module per scene. Full screens: title, chooser. Overlays (dialogs): message, error, problems,
settings, help."""
