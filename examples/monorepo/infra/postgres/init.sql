-- Local development only: one Postgres server, one database and one role per service.
-- No service can reach another service's tables.
CREATE ROLE orders LOGIN PASSWORD 'orders';
CREATE DATABASE orders OWNER orders;

CREATE ROLE billing LOGIN PASSWORD 'billing';
CREATE DATABASE billing OWNER billing;

CREATE ROLE reports LOGIN PASSWORD 'reports';
CREATE DATABASE reports OWNER reports;
