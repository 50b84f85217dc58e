-- One row per policy, in MB, summed over its runs (one per host): 'sharing' is the sharing potential of
-- every VM at its last interval, 'ws_mean' the host's working set (all its VMs together) averaged over
-- the run's intervals.
-- Only runs with a 'runs' row count: the others are not complete.
WITH complete_rows AS (
  SELECT * FROM vm_intervals WHERE run_id IN (SELECT run_id FROM runs)
),
last_interval AS (
  SELECT * FROM complete_rows
  QUALIFY row_number() OVER (PARTITION BY run_id, vm ORDER BY interval_end_ns DESC) = 1
),
sharing AS (
  SELECT policy, sum(sharing_potential_pages) AS pages
  FROM last_interval
  GROUP BY policy
),
host_working_set AS (
  SELECT policy, run_id, interval_end_ns, sum(working_set_pages) AS pages
  FROM complete_rows
  GROUP BY policy, run_id, interval_end_ns
),
working_set AS (
  SELECT policy, sum(mean_pages) AS pages
  FROM (SELECT policy, run_id, avg(pages) AS mean_pages FROM host_working_set GROUP BY policy, run_id)
  GROUP BY policy
)
SELECT runs.policy,
       count(*) AS runs,
       pages_to_mb(any_value(sharing.pages)) AS sharing,
       pages_to_mb(any_value(working_set.pages)) AS ws_mean
FROM runs
LEFT JOIN sharing USING (policy)
LEFT JOIN working_set USING (policy)
GROUP BY runs.policy
ORDER BY runs.policy
