"""Output formats: each module turns a Report into one format."""
