-- Result tables count 4 KB pages; the report speaks MB (2^20 bytes). Integer '/' is exact division in DuckDB.
CREATE OR REPLACE TEMP MACRO pages_to_mb(pages) AS pages * 4096 / 1048576
