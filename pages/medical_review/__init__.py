"""Medical review: the workflow that signs treatment pages off, and the report of pages due."""
