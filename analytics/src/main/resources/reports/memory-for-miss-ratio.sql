-- How much memory does each VM need to keep its LRU miss ratio at or below a target?
-- One row per VM of every complete run and target miss ratio (the variable miss_ratio_targets, a list of
-- fractions; default 0.1, 0.05, 0.01): per window of its miss-ratio curves (the mrc table), the smallest
-- memory size of the curve whose miss ratio is at most the target; then over the windows: how many
-- reached the target within the curve's sizes, the median of the sizes needed over every window, and the
-- peak over the windows that reached it, in MB. A window that did not reach it needs more than largest_mb
-- or, when its curve goes up to its reach (replay --mrc-grid steps:N, the default), cannot reach it at
-- any size: its first references alone miss more often. The median counts such a window as needing more
-- than any size, so it covers the same windows for every target and a stricter target never shows less;
-- it is NULL when it falls on such a window (about half the windows or more did not reach the target).
-- methods lists how the curves were computed (EXACT, SHARDS_RATE, SHARDS_SIZE) and min_sampling_rate
-- the lowest rate.
WITH targets AS (
  SELECT unnest(coalesce(getvariable('miss_ratio_targets'), [0.1, 0.05, 0.01])) AS target
),
names AS (
  SELECT DISTINCT run_id, vm, vm_name FROM vm_intervals
),
per_window AS (
  SELECT policy, run_id, vm, window_end_ns, target,
         min(memory_pages) FILTER (WHERE miss_ratio <= target) AS needed_pages,
         max(memory_pages) AS largest_pages,
         any_value(method) AS method,
         min(sampling_rate) AS sampling_rate
  FROM mrc
  CROSS JOIN targets
  WHERE run_id IN (SELECT run_id FROM runs)
  GROUP BY policy, run_id, vm, window_end_ns, target
)
SELECT policy,
       run_id,
       vm,
       any_value(names.vm_name) AS vm_name,
       target AS target_miss_ratio,
       count(*) AS windows,
       count(needed_pages) AS windows_reached,
       -- a window that did not reach the target stands at 1e18 pages: beyond every curve
       round(pages_to_mb(CASE WHEN quantile_cont(coalesce(needed_pages, 1e18), 0.5) <= max(largest_pages)
                              THEN quantile_cont(coalesce(needed_pages, 1e18), 0.5) END), 3) AS needed_median_mb,
       round(pages_to_mb(max(needed_pages)), 3) AS needed_peak_mb,
       round(pages_to_mb(max(largest_pages)), 3) AS largest_mb,
       string_agg(DISTINCT method, ',' ORDER BY method) AS methods,
       min(sampling_rate) AS min_sampling_rate
FROM per_window
LEFT JOIN names USING (run_id, vm)
GROUP BY policy, run_id, vm, target
ORDER BY policy, run_id, vm, target DESC
