-- The host under each policy (complete runs, summed over hosts): seconds in each free-memory state, mean
-- free memory and minFree in MB, the mean overcommit ratio, large pages broken, what sharing saved at the
-- end (MB), and power-ons refused.
WITH last_interval AS (
  SELECT * FROM host_intervals WHERE run_id IN (SELECT run_id FROM runs)
  QUALIFY row_number() OVER (PARTITION BY run_id ORDER BY interval_end_ns DESC) = 1
)
SELECT h.policy,
       round(sum(h.high_ns) / 1e9) AS high_s,
       round(sum(h.clear_ns) / 1e9) AS clear_s,
       round(sum(h.soft_ns) / 1e9) AS soft_s,
       round(sum(h.hard_ns) / 1e9) AS hard_s,
       round(sum(h.low_ns) / 1e9) AS low_s,
       pages_to_mb(avg(h.free_pages)) AS free_mean,
       pages_to_mb(max(h.min_free_pages)) AS min_free,
       round(avg(h.overcommit_ratio), 2) AS overcommit,
       sum(h.large_pages_broken) AS lp_broken,
       pages_to_mb(any_value(l.saved)) AS shared_saved,
       sum(h.admission_refusals) AS refused
FROM host_intervals h
JOIN (SELECT policy, sum(shared_saved_pages) AS saved FROM last_interval GROUP BY policy) l USING (policy)
WHERE h.run_id IN (SELECT run_id FROM runs)
GROUP BY h.policy
ORDER BY h.policy
