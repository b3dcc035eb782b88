"""One module per command-line subcommand, each with `add_arguments(parser)` and `run(args) -> int`."""
