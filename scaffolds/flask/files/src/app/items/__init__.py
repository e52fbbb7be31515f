"""The example resource's storage, behind one interface."""
