-- svc-ok: local/engine-pre-ping
CREATE TABLE invoices (id bigint PRIMARY KEY, total_cents bigint NOT NULL);
