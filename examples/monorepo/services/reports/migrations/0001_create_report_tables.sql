-- Tables owned by the reports service.

CREATE TABLE report_definitions (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name        text NOT NULL,
    metric      text NOT NULL CHECK (metric IN ('gross_revenue', 'net_revenue', 'order_count')),
    currency    char(3) NOT NULL,
    created_by  text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Filled nightly by `flask --app reports.wsgi import-revenue` from the finance export file.
CREATE TABLE daily_revenue (
    day            date NOT NULL,
    currency       char(3) NOT NULL,
    gross_cents    bigint NOT NULL,
    refunds_cents  bigint NOT NULL DEFAULT 0,
    order_count    integer NOT NULL,
    PRIMARY KEY (day, currency)
);
