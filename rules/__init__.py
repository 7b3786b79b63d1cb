"""Declarative rule data (TOML), shipped inside the wheel as ``checker.rules``."""
