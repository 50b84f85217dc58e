-- One row per run, in the order the report prints them. Intervals are those the run wrote VM rows for.
SELECT runs.run_id,
       runs.policy,
       runs.trace_id,
       runs.host,
       count(DISTINCT vm_intervals.interval_start_ns) AS intervals,
       runs.accesses,
       runs.rejected,
       runs.status
FROM runs
LEFT JOIN vm_intervals USING (run_id)
GROUP BY ALL
ORDER BY runs.policy, runs.trace_id, runs.host, runs.run_id
