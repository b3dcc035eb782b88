"""Build configuration that pyproject.toml cannot express: the packages are the ones found under negotiator/
plus the data packages that `[tool.setuptools.package-dir]` maps from the top-level folders (scenarios/, assets/).
Everything else is in pyproject.toml."""

import tomllib
from pathlib import Path

from setuptools import find_packages, setup

with open(Path(__file__).with_name("pyproject.toml"), "rb") as file:
    DATA_PACKAGES = list(tomllib.load(file)["tool"]["setuptools"]["package-dir"])

setup(packages=[*find_packages(include=["negotiator", "negotiator.*"]), *DATA_PACKAGES])
