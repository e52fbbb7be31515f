"""One module per resource, each an APIBlueprint under /v1."""
