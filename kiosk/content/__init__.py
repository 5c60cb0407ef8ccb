"""The content layer: YAML files -> validated, frozen models. Never imports Qt."""
