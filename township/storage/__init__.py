"""Storage: the files of the data directory, the store's transactions and the audit log."""
