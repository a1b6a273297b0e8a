DROP TABLE IF EXISTS publishing.outbox;
DROP TABLE IF EXISTS publishing.articles;
DROP SCHEMA IF EXISTS publishing;
