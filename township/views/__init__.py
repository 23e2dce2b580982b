"""What is read out of the records: the daily report, statistics, search, export, documents, mail."""
