"""Storage of the items resource, behind one interface."""
