-- What state was the host's free memory in, interval by interval, and when did it change?
-- One row per interval of every complete run: the free-memory state at the interval's end (HIGH, CLEAR,
-- SOFT, HARD or LOW), state_changed when it differs from the interval before, free and minFree memory in
-- MB, the overcommit ratio, TPS savings, 2 MB pages broken and power-ons refused in the interval. Empty
-- until the memory engine writes host rows.
SELECT policy,
       run_id,
       host,
       interval_end_ns / 1e9 AS t_s,
       state,
       state IS DISTINCT FROM lag(state) OVER (PARTITION BY run_id ORDER BY interval_end_ns)
         AND lag(state) OVER (PARTITION BY run_id ORDER BY interval_end_ns) IS NOT NULL AS state_changed,
       round(pages_to_mb(host_pages), 3) AS host_mb,
       round(pages_to_mb(free_pages), 3) AS free_mb,
       round(pages_to_mb(min_free_pages), 3) AS min_free_mb,
       round(overcommit_ratio, 3) AS overcommit_ratio,
       round(pages_to_mb(shared_saved_pages), 3) AS tps_saved_mb,
       large_pages_broken,
       powered_on_vms,
       admission_refusals
FROM host_intervals
WHERE run_id IN (SELECT run_id FROM runs)
ORDER BY policy, run_id, interval_end_ns
