"""The clinic's duties towards patients' data (KVKK and GDPR): the access log, retention
(anonymising what is no longer needed), and patients' requests to see or erase their data.
docs/privacy.md says what is kept, for how long, and why."""
