-- Effects that must happen once across replicas and retries: a scheduled
-- run one replica claimed ("schedule:digest:2026-12-03"), an email that was
-- handed to the mail server ("email:<digest-2026-12-03-7@conduit.example>").
-- A claim is an INSERT that either adds the row or finds it there: the
-- primary key decides, atomically, which of two racing callers won.
CREATE TABLE effects (
    key        text PRIMARY KEY,
    claimed_at timestamptz NOT NULL DEFAULT now()
);
