"""Negotiator: a diplomatic negotiation simulation game driven by YAML scenarios.

Data flows one way: YAML -> validated Scenario (negotiator.scenario) -> engine GameState (negotiator.engine)
-> actions -> new GameState -> views (negotiator.ui, negotiator.commands).
"""

__version__ = "0.1.0"
