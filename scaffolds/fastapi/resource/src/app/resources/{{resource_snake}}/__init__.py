"""/v1/{{resource}}: a resource `svc add resource` added, written the way the example
resource items is (routes, contract, storage{{#db_postgres}}, table{{/db_postgres}}), in one package."""
