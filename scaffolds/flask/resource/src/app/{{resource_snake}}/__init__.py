"""{{resource_title}}' storage, behind one interface."""
