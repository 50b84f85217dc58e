-- How large is each VM's working set, typically and at worst?
-- One row per VM of every complete run: the exact working set (distinct pages accessed in an interval)
-- over the run's intervals, in MB: minimum (p0), quartiles p25, p50 (median), p75, maximum (p100), and
-- mean. Quartiles interpolate linearly between intervals (DuckDB's quantile_cont).
SELECT policy,
       run_id,
       vm,
       any_value(vm_name) AS vm_name,
       count(*) AS intervals,
       round(pages_to_mb(min(working_set_pages)), 3) AS p0_mb,
       round(pages_to_mb(quantile_cont(working_set_pages, 0.25)), 3) AS p25_mb,
       round(pages_to_mb(quantile_cont(working_set_pages, 0.5)), 3) AS p50_mb,
       round(pages_to_mb(quantile_cont(working_set_pages, 0.75)), 3) AS p75_mb,
       round(pages_to_mb(max(working_set_pages)), 3) AS p100_mb,
       round(pages_to_mb(avg(working_set_pages)), 3) AS mean_mb
FROM vm_intervals
WHERE run_id IN (SELECT run_id FROM runs)
GROUP BY policy, run_id, vm
ORDER BY policy, run_id, vm
