DROP TABLE kiln_auth_throttle;
DROP TABLE kiln_auth_tokens;
DROP TABLE kiln_sessions;
DROP TABLE kiln_user_roles;
DROP TABLE kiln_users;
