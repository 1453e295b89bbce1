-- The messages the /messages page lists. `kiln db new NAME` adds the next migration.
CREATE TABLE messages (
    id BIGSERIAL PRIMARY KEY,
    text TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
