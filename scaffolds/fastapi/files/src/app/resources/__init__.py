"""The resources `svc add resource` added to this service, one package each (routes,
contract, storage), written the way the example resource items is."""
