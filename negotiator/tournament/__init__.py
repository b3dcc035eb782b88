"""The exploit tournament: scripted strategies against the built-in AI, paired by seed.

`strategies` holds the scripted players (each acts only through its own `ActorView` and the action API,
as a human would); `runner` plays paired games and compares one seat's score between two lineups.
`benchmarks/tournament.py` runs the whole tournament and prints it with its targets.
"""
