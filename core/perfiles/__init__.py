"""Perfiles de jurisdicción como datos versionados (TOML); los lee core.services.perfiles."""
