"""One TOML file per check (id, name, severity, message, why, examples)."""
