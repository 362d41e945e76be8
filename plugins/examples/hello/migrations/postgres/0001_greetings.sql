CREATE TABLE hello_greetings (
    id         BIGSERIAL PRIMARY KEY,
    greeting   TEXT NOT NULL,
    created_at TEXT NOT NULL
);
