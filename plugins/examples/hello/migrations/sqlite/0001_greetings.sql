CREATE TABLE hello_greetings (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    greeting   TEXT NOT NULL,
    created_at TEXT NOT NULL
);
