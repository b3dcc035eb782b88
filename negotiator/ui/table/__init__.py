"""Widgets of the negotiating table: each panel builds its pygame_gui elements once and redraws its own
pictures only when what it shows changes (never per frame). `TableContext` is what they share."""
