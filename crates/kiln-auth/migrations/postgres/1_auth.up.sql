-- Kiln's accounts, sessions, one-time tokens and log-in throttling. Times are Unix seconds.
CREATE TABLE kiln_users (
    id BIGSERIAL PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    email_verified_at BIGINT,
    created_at BIGINT NOT NULL
);

CREATE TABLE kiln_user_roles (
    user_id BIGINT NOT NULL REFERENCES kiln_users (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    PRIMARY KEY (user_id, role)
);

-- A session is stored by the SHA-256 of its token: the table alone signs nobody in.
CREATE TABLE kiln_sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES kiln_users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX kiln_sessions_user ON kiln_sessions (user_id);
CREATE INDEX kiln_sessions_expiry ON kiln_sessions (expires_at);

-- Single-use tokens sent by mail: password resets and e-mail verification.
CREATE TABLE kiln_auth_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES kiln_users (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX kiln_auth_tokens_user ON kiln_auth_tokens (user_id, purpose);
CREATE INDEX kiln_auth_tokens_expiry ON kiln_auth_tokens (expires_at);

-- Failed log-ins per account ("account:EMAIL") and per client address ("ip:ADDRESS").
CREATE TABLE kiln_auth_throttle (
    key TEXT PRIMARY KEY,
    failures BIGINT NOT NULL,
    window_start BIGINT NOT NULL
);
CREATE INDEX kiln_auth_throttle_window ON kiln_auth_throttle (window_start);
